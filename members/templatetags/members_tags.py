"""What the public pages show of the members' area: who is signed in (the header) and the
live figures of principles 1 and 2 (how many members, decisions and turnout; never names);
and the members' area's own navigation."""

from datetime import timedelta

from django import template
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
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


@register.inclusion_tag("members/principle_figures.html")
def principle_member_figures(number):
    """Live aggregates for principles 1 (members) and 2 (decisions and turnout). No names."""
    year_ago = timezone.now() - timedelta(days=365)
    decided = Proposal.objects.filter(status=Proposal.Status.CLOSED, closed_at__gte=year_ago)
    if number == 1:
        joined = decided.filter(kind=Kind.ONBOARD_PROVIDER, outcome=Proposal.Outcome.PASSED)
        figures = [
            (
                Member.objects.filter(status=Member.Status.ACTIVE).count(),
                _("providers are members today, each with one vote"),
            ),
        ]
        if joined.exists():
            figures.append(
                (joined.count(), _("new members welcomed by a members' vote in the last 12 months"))
            )
    else:
        turnout = decided.aggregate(
            voters=Count("electors", filter=Q(electors__has_voted=True)), size=Count("electors")
        )
        figures = [(decided.count(), _("decisions taken by a members' vote in the last 12 months"))]
        if turnout["size"]:
            percent = round(100 * turnout["voters"] / turnout["size"])
            figures.append(
                (
                    _("%(percent)s%%") % {"percent": percent},
                    _("of the members asked took part in those votes"),
                )
            )
    return {"figures": figures}
