"""What a prospective provider reads before applying: the fee and what it covers (live from
billing), the provider services agreement and the manual in force (from the site settings)."""

from django import template
from django.urls import reverse
from wagtail.models import Site

from members import manual
from members.models import ManualSettings

register = template.Library()


def applicant_documents(request):
    """{"agreement": Document or None, "manual_url": str} as the site settings offer them."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"agreement": None, "manual_url": ""}
    settings = ManualSettings.for_site(site)
    manual_url = ""
    if settings.offer_to_applicants and manual.current_version(manual.current_manual()):
        manual_url = reverse("members:manual_public")
    return {"agreement": settings.services_agreement, "manual_url": manual_url}


@register.simple_tag(takes_context=True)
def documents_for_applicants(context):
    return applicant_documents(context.get("request"))


@register.inclusion_tag("members/includes/application_offer.html", takes_context=True)
def application_offer(context):
    """The Join us page's panel: the fee, what it pays for, the documents, the application."""
    from billing import cycles  # the fee is billing's; shown here, never computed here

    cycle = cycles.current_cycle()
    lines = list(cycle.budget_lines.all()) if cycle else []
    return {
        "request": context.get("request"),
        "cycle": cycle,
        "lines": lines,
        "budget_cents": sum(line.monthly_cents for line in lines),
        **applicant_documents(context.get("request")),
    }
