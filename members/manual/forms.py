"""The amendment form: every clause of the version in force as plain text, plus one new one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .amendments import NewClause, apply_changes
from .errors import ManualError
from .outline import plain_text

TEXT_HELP = _("Paragraphs separated by a blank line; start a line with '- ' for a list.")


class AmendmentForm(forms.Form):
    """Every clause of the version in force as plain text, plus room for one new clause.

    `sections` are the version's `Section`s; a valid form's `cleaned_data["sections"]` are
    the sections as amended.
    """

    title = forms.CharField(
        label=_("Title of the proposal"),
        max_length=200,
        help_text=_("e.g. 'Manual: a monthly peer-consultation hour for everyone'."),
    )
    body = forms.CharField(
        label=_("Why"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the change does and why. Members read this before they vote."),
    )
    new_section = forms.ChoiceField(label=_("Add a clause to section"), required=False, choices=[])
    new_title = forms.CharField(label=_("New clause title"), max_length=160, required=False)
    new_text = forms.CharField(
        label=_("New clause text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=TEXT_HELP,
    )

    def __init__(self, sections, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.fields["new_section"].choices = [("", "—")] + [
            (s.anchor, f"{i}. {s.title}") for i, s in enumerate(sections, 1)
        ]
        self.clause_rows = [
            {
                "number": i,
                "title": s.title,
                "clauses": [self._clause_row(f"{i}.{j}", c) for j, c in enumerate(s.clauses, 1)],
            }
            for i, s in enumerate(sections, 1)
        ]

    def _clause_row(self, number, clause):
        """Add the fields for one clause; return them for the template."""
        a = clause.anchor
        self.fields[f"title__{a}"] = forms.CharField(
            label=_("Title"), max_length=160, initial=clause.title
        )
        self.fields[f"text__{a}"] = forms.CharField(
            label=_("Text"),
            max_length=5000,
            initial=plain_text(clause.text),
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_(
                "Paragraphs separated by a blank line; '- ' starts a list item. "
                "Editing a clause removes its formatting and links; an editor can "
                "restore them as an editorial fix."
            ),
        )
        self.fields[f"remove__{a}"] = forms.BooleanField(
            label=_("Remove this clause"), required=False
        )
        return {
            "number": number,
            "title": self[f"title__{a}"],
            "text": self[f"text__{a}"],
            "remove": self[f"remove__{a}"],
        }

    def _anchors(self):
        return [c.anchor for s in self.sections for c in s.clauses]

    def _changes(self, data):
        """What the member typed, as `apply_changes` takes it."""
        edits = {a: (data[f"title__{a}"], data[f"text__{a}"]) for a in self._anchors()}
        removals = {a for a in self._anchors() if data.get(f"remove__{a}")}
        new_clause = None
        if data.get("new_section"):
            new_clause = NewClause(data["new_section"], data["new_title"], data["new_text"])
        return {"edits": edits, "removals": removals, "new_clause": new_clause}

    def clean(self):
        data = super().clean()
        if data.get("new_section") and not (data.get("new_title") and data.get("new_text")):
            self.add_error("new_title", _("Give the new clause a title and a text."))
        if self.errors:
            return data
        try:
            sections, changed = apply_changes(self.sections, **self._changes(data))
        except ManualError as error:
            raise forms.ValidationError(str(error)) from error
        if not changed:
            raise forms.ValidationError(_("Nothing in the manual would change."))
        data["sections"] = sections
        return data
