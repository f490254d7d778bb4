"""The manual in the members' area: read, print, history, diff, confirm, amend.

Thin views over the manual's rules; access through `member_view` like the rest of the area.
"""

from django.contrib import messages
from django.contrib.admin.views.decorators import user_passes_test
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST
from wagtail.models import Site

from home.chrome import cached
from members import manual
from members.models import ManualAmendment, ManualSettings, ManualVersion
from members.views import ACTIVE, member_view

from .forms import AmendmentForm
from .in_force import in_force


def _manual_or_404():
    page = manual.current_manual()
    version = manual.current_version(page)
    if version is None:
        raise Http404(gettext("There is no manual yet."))
    return page, version


def _in_force_or_404():
    """The reading pages' manual in force, from the cache (`members.manual.in_force`)."""
    state = in_force()
    if state is None:
        raise Http404(gettext("There is no manual yet."))
    return state


def _version(page, number):
    return get_object_or_404(ManualVersion, page=page, number=number)


def _shown(version):
    # A version's text never changes: read from the cache, not its revision (six queries).
    return cached("manual-version-page", lambda: manual.version_page(version), version.pk)


def _body(state, version, public_copy=False):
    """The contents and clauses of `version`, rendered: the same for every member and fixed
    with the version, so cached per version, language and copy (public or members')."""

    def build():
        history = (
            state.history
            if version.pk == state.version.pk
            else manual.clause_history(state.page, version)
        )
        sections = manual.numbered(_shown(version))
        for section in sections:
            for clause in section.clauses:
                clause.changed_by = history.get(clause.anchor)
        return render_to_string(
            "members/manual/_body.html", {"sections": sections, "public_copy": public_copy}
        )

    html = cached("manual-body", build, version.pk, get_language(), public_copy)
    return mark_safe(html)  # noqa: S308 - rendered by our own template, escaped there


def _reading_context(state, version, public_copy=False):
    return {
        "manual": state.page,
        "version": version,
        "current": state.version,
        "is_current": version.pk == state.version.pk,
        "body": _body(state, version, public_copy),
        "public_copy": public_copy,
    }


@member_view(*ACTIVE)
def manual_home(request):
    state = _in_force_or_404()
    page, current = state.page, state.version
    seen_before, acknowledged = manual.open_version(request.member, page, current)
    context = _reading_context(state, current)
    context.update(
        acknowledged=acknowledged,
        seen_before=seen_before,
        amendment_rows=manual.latest_amendments(page, current),
    )
    return render(request, "members/manual/manual.html", context)


@member_view(*ACTIVE)
def manual_print(request):
    state = _in_force_or_404()
    return render(request, "members/manual/print.html", _reading_context(state, state.version))


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
    state = _in_force_or_404()
    version = next((v for v in state.versions if v.number == number), None)
    if version is None:
        raise Http404
    context = _reading_context(state, version)
    context["shown"] = _shown(version)
    return render(request, "members/manual/version.html", context)


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
    state = _in_force_or_404()
    context = _reading_context(state, state.version, public_copy=True)
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
    rows = manual.readers_of(version) if version else []
    return render(
        request,
        "members/manual/admin_readers.html",
        {
            "version": version,
            "numbers": numbers,
            "rows": rows,
            "confirmed": sum(1 for r in rows if r.acknowledged_at),
        },
    )
