"""The members' own search: the manual in force and the proposals, which public search
never sees (they are members-only)."""

from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse

from coopsite.ratelimits import OPEN, rate_limit
from home.text import read_query
from search.forms import MAX_QUERY_LENGTH
from search.views import WORD, highlight

from . import manual
from .access import ACTIVE, member_view
from .models import Proposal

MAX_RESULTS = 50


def manual_matches(words):
    page = manual.current_manual()
    version = manual.current_version(page)
    if version is None:
        return []
    base = reverse("members:manual")
    found = []
    for section in manual.outline_of(manual.version_page(version)):
        for clause in section.clauses:
            text = f"{clause.title} {clause.text}"
            if all(word in text.lower() for word in words):
                found.append(
                    {
                        "title": f"{clause.number} {clause.title}",
                        "url": f"{base}#{clause.anchor}",
                        "snippet": highlight(clause.text, words),
                    }
                )
    return found


def proposal_matches(words):
    query = Q()
    for word in words:
        query &= Q(title__icontains=word) | Q(body__icontains=word)
    proposals = (
        Proposal.objects.exclude(status=Proposal.Status.WITHDRAWN)
        .filter(query)
        .order_by("-opens_at")[:MAX_RESULTS]
    )
    return [
        {
            "title": proposal.title,
            "url": reverse("members:proposal", args=[proposal.pk]),
            "snippet": highlight(proposal.body, words),
        }
        for proposal in proposals
    ]


@member_view(*ACTIVE)
@rate_limit("members-search-user", key="user", methods=("GET", "HEAD"), store_down=OPEN)
def members_search(request):
    query, _shortened = read_query(request.GET.get("q", ""), MAX_QUERY_LENGTH)
    words = [word.lower() for word in WORD.findall(query)][:10]
    context = {"query": query, "manual_results": [], "proposal_results": []}
    if words:
        context["manual_results"] = manual_matches(words)[:MAX_RESULTS]
        context["proposal_results"] = proposal_matches(words)
    return render(request, "members/search.html", context)
