"""Admin form for provider profiles: one checkbox list per vocabulary.

All terms are stored in one many-to-many relation (`ProviderPage.terms`, see
models/provider.py); the form shows them as separate fields and joins them again on save. This
module does not import the models (they import it): the term model is read from the relation
of the instance a form edits, and the term querysets are filled in when a form is built.
"""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from .vocab import TERM_FIELDS


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of terms. Only the ids offered reach the database: SQLite cannot compare a
    number past 64 bits, and a posted 99999999999999999999 raised OverflowError (a 500)."""

    def _check_values(self, value):
        offered = {str(pk) for pk, _name in self.choices}
        for pk in value:
            if str(pk) not in offered:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


def _term_field(label, help_text):
    return TermChoiceField(
        queryset=None,
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class TermFieldsMixin:
    """Adds one checkbox field per vocabulary and stores the union in `instance.terms`."""

    def _init_term_fields(self):
        DirectoryTerm = self.instance._meta.get_field("terms").related_model
        all_terms = list(DirectoryTerm.objects.all())
        chosen = {term.pk for term in self.instance.terms.all()}
        for name, (kind, _label, _help) in TERM_FIELDS.items():
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.queryset = DirectoryTerm.objects.filter(kind=kind)
            # Choices from the list already fetched: one query for all the fields.
            field.choices = [(t.pk, t.name) for t in all_terms if t.kind == kind]
            if not self.is_bound:
                self.initial[name] = [t.pk for t in all_terms if t.kind == kind and t.pk in chosen]

    def selected_terms(self):
        selected = []
        for name in TERM_FIELDS:
            selected.extend(self.cleaned_data.get(name) or [])
        return selected


class ProviderAdminForm(TermFieldsMixin, WagtailAdminPageForm):
    licensed_states = _term_field(*TERM_FIELDS["licensed_states"][1:])
    specialties = _term_field(*TERM_FIELDS["specialties"][1:])
    approaches = _term_field(*TERM_FIELDS["approaches"][1:])
    populations = _term_field(*TERM_FIELDS["populations"][1:])
    languages = _term_field(*TERM_FIELDS["languages"][1:])
    insurance = _term_field(*TERM_FIELDS["insurance"][1:])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_term_fields()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accepting_new_clients") and not cleaned.get("availability_confirmed_at"):
            cleaned["availability_confirmed_at"] = timezone.now()
            self.instance.availability_confirmed_at = cleaned["availability_confirmed_at"]
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=False)
        page.terms = self.selected_terms()
        if commit:
            page.save()
        return page
