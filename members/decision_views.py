"""The decisions register, read and searched by active members (rules in `members.decisions`)."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from . import decisions
from .access import ACTIVE, member_view
from .models import Decision, Kind

PER_PAGE = 25


class DecisionSearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Every kind"))]
        + [(k, k.label) for k in Kind if k in decisions.DECISION_KINDS],
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


@member_view(*ACTIVE)
def decision_list(request):
    form = DecisionSearchForm(request.GET or None)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    matches = decisions.search(kind=data.get("kind", ""), text=data.get("q", ""))
    paginator = Paginator(matches, PER_PAGE)
    page_obj = paginator.get_page(data.get("page") or 1)
    return render(
        request,
        "members/decisions.html",
        {
            "form": form,
            "page_obj": page_obj,
            "searched": bool(data.get("q") or data.get("kind")),
            "query": request.GET.copy(),
        },
    )


@member_view(*ACTIVE)
def decision_detail(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("proposal"), pk=pk)
    return render(request, "members/decision_detail.html", {"decision": decision})
