"""What the public pages show of the members' area: who is signed in (the header) and the
live figures of principles 1 and 2 (how many members, decisions and turnout; never names);
and the members' area's own navigation."""

from datetime import timedelta

from django import template
from django.db.models import Count, Min, Q
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.chrome import local
from members.access import member_of
from members.models import Kind, Member, Proposal

register = template.Library()


@register.simple_tag(takes_context=True)
def account_name(context):
    """The signed-in person's name for the header ("" for visitors): the member's display name,
    else the account's own name."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    member = getattr(request, "member", None) or member_of(user)
    return str(member) if member else (user.get_full_name() or user.get_username())


@register.simple_tag(takes_context=True)
def members_nav(context):
    """The members' area navigation: the same for every member on the same page in the same
    language but for one link (their directory profile, if they have one), so rendered once
    per process for each of those."""
    request = context["request"]
    here = getattr(request.resolver_match, "view_name", "")
    has_profile = bool(request.member.profile_page_id)

    def build():
        return render_to_string("members/_nav.html", {"here": here, "has_profile": has_profile})

    return local("members-nav", build, get_language(), here, has_profile)


def member_figures(now):
    """The plain numbers behind principles 1 and 2, and the moment the oldest decision counted
    leaves the last twelve months."""
    decided = Proposal.objects.filter(
        status=Proposal.Status.CLOSED, closed_at__gte=now - timedelta(days=365)
    ).aggregate(
        decided=Count("pk", distinct=True),
        joined=Count(
            "pk",
            distinct=True,
            filter=Q(kind=Kind.ONBOARD_PROVIDER, outcome=Proposal.Outcome.PASSED),
        ),
        voters=Count("electors", filter=Q(electors__has_voted=True)),
        size=Count("electors"),
        oldest=Min("closed_at"),
    )
    oldest = decided.pop("oldest")
    figures = {"members": Member.objects.filter(status=Member.Status.ACTIVE).count(), **decided}
    return figures, oldest + timedelta(days=365) if oldest else None


def member_figures_context(data, number):
    """members/principle_figures.html's context for principle 1 (members) or 2 (decisions and
    turnout), from `member_figures`. No names."""
    if number == 1:
        figures = [(data["members"], _("providers are members today, each with one vote"))]
        if data["joined"]:
            figures.append(
                (data["joined"], _("new members welcomed by a members' vote in the last 12 months"))
            )
    else:
        figures = [(data["decided"], _("decisions taken by a members' vote in the last 12 months"))]
        if data["size"]:
            percent = round(100 * data["voters"] / data["size"])
            figures.append(
                (
                    _("%(percent)s%%") % {"percent": percent},
                    _("of the members asked took part in those votes"),
                )
            )
    return {"figures": figures}
