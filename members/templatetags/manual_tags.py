"""What the dashboard and the application page say about the manual."""

from django import template
from django.urls import reverse

from home.routing import site_for
from members import manual
from members.models import ManualSettings

register = template.Library()


@register.simple_tag
def manual_status(member, open_amendments=None):
    """The manual in force, whether `member` confirmed it and what changed since their visit."""
    if member is None:
        return None
    return manual.status_for(member, open_amendments)


@register.simple_tag(takes_context=True)
def public_manual_url(context):
    """The public copy's address when the site setting offers it to prospective providers."""
    request = context.get("request")
    site = site_for(request) if request is not None else None
    if site is None or not ManualSettings.for_site(site).offer_to_applicants:
        return ""
    if manual.current_version(manual.current_manual()) is None:
        return ""
    return reverse("members:manual_public")
