"""The manual in the members' area: read, print, history, diff, confirm, amend.

Thin views over `members.manual`; access through `member_view` like the rest of the area.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import user_passes_test
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from . import manual
from .models import ManualAmendment, ManualSettings, ManualVersion
from .views import ACTIVE, member_view


def _manual_or_404():
    page = manual.current_manual()
    version = manual.current_version(page)
    if version is None:
        raise Http404(gettext("There is no manual yet."))
    return page, version


def _version(page, number):
    return get_object_or_404(ManualVersion, page=page, number=number)


def _reading_context(page, version, current):
    shown = manual.version_page(version)
    history = manual.clause_history(page, version)
    sections = manual.numbered(shown)
    for section in sections:
        for clause in section["clauses"]:
            clause["changed_by"] = history.get(clause["anchor"])
    return {
        "manual": page,
        "shown": shown,
        "version": version,
        "current": current,
        "is_current": version.pk == current.pk,
        "sections": sections,
    }


@member_view(*ACTIVE)
def manual_home(request):
    page, current = _manual_or_404()
    seen_before = manual.note_visit(request.member, page, current)
    context = _reading_context(page, current, current)
    context.update(
        acknowledged=manual.has_acknowledged(request.member, current),
        seen_before=seen_before,
        amendments=ManualAmendment.objects.filter(page=page)
        .select_related("proposal", "base_version")
        .order_by("-created_at")[:20],
    )
    context["amendment_rows"] = [
        (a, manual.STATUS_LABELS[manual.amendment_status(a, current)])
        for a in context["amendments"]
    ]
    return render(request, "members/manual/manual.html", context)


@member_view(*ACTIVE)
def manual_print(request):
    page, current = _manual_or_404()
    return render(request, "members/manual/print.html", _reading_context(page, current, current))


@member_view(*ACTIVE)
def manual_versions(request):
    page, current = _manual_or_404()
    versions = page.versions.select_related("proposal", "published_by").order_by("-number")
    return render(
        request,
        "members/manual/versions.html",
        {"manual": page, "versions": versions, "current": current},
    )


@member_view(*ACTIVE)
def manual_version(request, number):
    page, current = _manual_or_404()
    version = _version(page, number)
    return render(request, "members/manual/version.html", _reading_context(page, version, current))


@member_view(*ACTIVE)
def manual_diff(request):
    page, current = _manual_or_404()
    numbers = list(page.versions.order_by("number").values_list("number", flat=True))
    try:
        new_number = int(request.GET.get("to") or current.number)
        old_number = int(request.GET.get("from") or max(new_number - 1, numbers[0]))
    except ValueError as exc:
        raise Http404 from exc
    old, new = _version(page, old_number), _version(page, new_number)
    return render(
        request,
        "members/manual/diff.html",
        {
            "manual": page,
            "old": old,
            "new": new,
            "numbers": numbers,
            "sections": manual.diff_versions(old, new),
        },
    )


@require_POST
@member_view(*ACTIVE)
def manual_acknowledge(request):
    page, current = _manual_or_404()
    try:
        number = int(request.POST.get("version", ""))
    except ValueError:
        number = 0
    version = page.versions.filter(number=number).first()
    try:
        if version is None:
            raise manual.ManualError(gettext("Only the version in force can be confirmed."))
        manual.acknowledge(request.member, version)
    except manual.ManualError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Thank you: you confirmed you have read version %(number)s.")
            % {"number": version.number},
        )
    return redirect("members:manual")


class AmendmentForm(forms.Form):
    """Every clause of the version in force as plain text, plus room for one new clause."""

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
        help_text=_("Paragraphs separated by a blank line; start a line with '- ' for a list."),
    )

    def __init__(self, sections, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.fields["new_section"].choices = [("", "—")] + [
            (s["anchor"], f"{i}. {s['title']}") for i, s in enumerate(sections, 1)
        ]
        self.clause_rows = []
        for i, s in enumerate(sections, 1):
            rows = []
            for j, c in enumerate(s["clauses"], 1):
                a = c["anchor"]
                self.fields[f"title__{a}"] = forms.CharField(
                    label=_("Title"), max_length=160, initial=c["title"]
                )
                self.fields[f"text__{a}"] = forms.CharField(
                    label=_("Text"),
                    max_length=5000,
                    initial=manual.plain_text(c["text"]),
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
                rows.append(
                    {
                        "number": f"{i}.{j}",
                        "title": self[f"title__{a}"],
                        "text": self[f"text__{a}"],
                        "remove": self[f"remove__{a}"],
                    }
                )
            self.clause_rows.append({"number": i, "title": s["title"], "clauses": rows})

    def clean(self):
        data = super().clean()
        if data.get("new_section") and not (data.get("new_title") and data.get("new_text")):
            self.add_error("new_title", _("Give the new clause a title and a text."))
        if not self.errors:
            edits = {
                c["anchor"]: (data[f"title__{c['anchor']}"], data[f"text__{c['anchor']}"])
                for s in self.sections
                for c in s["clauses"]
            }
            removals = {
                c["anchor"]
                for s in self.sections
                for c in s["clauses"]
                if data.get(f"remove__{c['anchor']}")
            }
            new_clause = (
                {
                    "section": data["new_section"],
                    "title": data["new_title"],
                    "text": data["new_text"],
                }
                if data.get("new_section")
                else None
            )
            try:
                sections, changed = manual.apply_changes(
                    self.sections, edits=edits, removals=removals, new_clause=new_clause
                )
            except manual.ManualError as error:
                raise forms.ValidationError(str(error)) from error
            if not changed:
                raise forms.ValidationError(_("Nothing in the manual would change."))
            data["sections"] = sections
        return data


@member_view(*ACTIVE)
def manual_amend(request):
    page, current = _manual_or_404()
    sections = manual.sections_of(manual.version_page(current))
    form = AmendmentForm(sections, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            amendment = manual.draft_amendment(
                page,
                request.member,
                sections=data["sections"],
                title=data["title"],
                body=data["body"],
            )
        except manual.ManualError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Your amendment is drafted and put to a vote."))
            return redirect("members:manual_amendment", pk=amendment.pk)
    return render(
        request,
        "members/manual/amend.html",
        {"manual": page, "current": current, "form": form},
    )


@member_view(*ACTIVE)
def manual_amendment(request, pk):
    page, current = _manual_or_404()
    amendment = get_object_or_404(
        ManualAmendment.objects.select_related("proposal", "base_version", "revision"), pk=pk
    )
    status = manual.amendment_status(amendment, current)
    draft = manual.version_page_outline(amendment.revision)
    return render(
        request,
        "members/manual/amendment.html",
        {
            "manual": page,
            "amendment": amendment,
            "proposal": amendment.proposal,
            "current": current,
            "status": status,
            "status_label": manual.STATUS_LABELS[status],
            "conflicting": status == manual.Status.CONFLICTING,
            "sections": manual.diff_outlines(amendment.base_version.outline, draft),
            "rebased": amendment.rebased_into.select_related("proposal"),
        },
    )


@require_POST
@member_view(*ACTIVE)
def manual_rebase(request, pk):
    amendment = get_object_or_404(ManualAmendment, pk=pk)
    try:
        new, conflicts = manual.rebase(amendment, request.member)
    except manual.ManualError as error:
        messages.error(request, str(error))
        return redirect("members:manual_amendment", pk=pk)
    if conflicts:
        messages.warning(
            request,
            gettext(
                "Brought up to date as a new draft and a new vote. Check the clauses changed "
                "on both sides: %(anchors)s"
            )
            % {"anchors": ", ".join(conflicts)},
        )
    else:
        messages.success(request, gettext("Brought up to date as a new draft and a new vote."))
    return redirect("members:manual_amendment", pk=new.pk)


def manual_public(request):
    """The only public copy: the version in force, read-only, when the site setting allows."""
    site = Site.find_for_request(request)
    if site is None or not ManualSettings.for_site(site).offer_to_applicants:
        # Rendered here rather than raised, so the response keeps `private, no-store`.
        return render(request, "404.html", status=404)
    page, current = _manual_or_404()
    context = _reading_context(page, current, current)
    context["public_copy"] = True
    return render(request, "members/manual/print.html", context)


# --- Admin ------------------------------------------------------------------------------------


def can_see_readers(user):
    return user.is_active and (
        user.is_superuser or user.has_perm("members.view_manualacknowledgement")
    )


@user_passes_test(can_see_readers, login_url="wagtailadmin_login")
def admin_readers(request):
    page = manual.current_manual()
    version = manual.current_version(page)
    numbers = list(page.versions.values_list("number", flat=True)) if page else []
    if version is not None and request.GET.get("version", "").isdigit():
        version = page.versions.filter(number=int(request.GET["version"])).first() or version
    rows = manual.readers(version) if version else []
    return render(
        request,
        "members/manual/admin_readers.html",
        {
            "version": version,
            "numbers": numbers,
            "rows": rows,
            "confirmed": sum(1 for r in rows if r["acknowledged_at"]),
        },
    )
