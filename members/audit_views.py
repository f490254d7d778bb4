"""The audit log's pages: the members' whole log (filtered) and the admin's view with the
chain check. Thin: the reading and checking are `members.audit_log`'s."""

from django import forms
from django.contrib.auth.decorators import user_passes_test
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from . import audit_log
from .access import ACTIVE, member_view
from .models import Member

PER_PAGE = 50


class LogFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("All events"))]
        + [(key, label) for key, (label, _prefixes) in audit_log.CATEGORIES.items()],
    )
    member = forms.ModelChoiceField(
        label=_("Member"),
        required=False,
        empty_label=_("Everyone"),
        queryset=Member.objects.order_by("display_name"),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data


def _page(request, entries):
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@member_view(*ACTIVE)
def audit_log_view(request):
    form = LogFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "category": data["kind"] or None,
            "member": data["member"],
            "since": data["since"],
            "until": data["until"],
        }
    entries = audit_log.filtered(**filters) if not form.errors else audit_log.filtered()
    page, query = _page(request, entries)
    return render(
        request,
        "members/audit_log.html",
        {"form": form, "log_page": page, "events": audit_log.describe(page), "query": query},
    )


def can_see_audit_log(user):
    return user.is_active and (user.is_superuser or user.has_perm("members.view_auditentry"))


@user_passes_test(can_see_audit_log, login_url="wagtailadmin_login")
def audit_log_admin(request):
    """Every entry as stored (codes, login names, fingerprints) and whether the chain holds."""
    page, query = _page(request, audit_log.filtered())
    return render(
        request,
        "members/admin/audit_log.html",
        {"log_page": page, "query": query, "check": audit_log.check_chain()},
    )
