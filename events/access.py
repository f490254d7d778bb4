"""Who may see an event: members-only events never reach the public.

Two locks, as for the procedures manual (members/manual/publishing.py):

1. every members-only event page carries a login view restriction, so `public()` querysets
   (site search, the sitemap, menus, the public feed, the home page's list) leave it out
   and the anonymous page cache (home/page_cache.py) never stores it;
2. `refuse_non_member` answers anyone who is not an active member (an applicant, a former
   member, an editor's account without a membership) with the members' 403 page. Editors
   still preview the page in the admin (Wagtail's preview does not go through `serve`).
"""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from members.models import Member


def ensure_view_restriction(sender, instance, **kwargs):
    """post_save of an EventPage: members-only events get a login restriction; events made
    public again lose the one this module added."""
    if not (instance.pk and instance.path):
        return
    restrictions = PageViewRestriction.objects.filter(
        page_id=instance.pk, restriction_type=PageViewRestriction.LOGIN
    )
    if instance.members_only:
        if not restrictions.exists():
            PageViewRestriction.objects.create(
                page_id=instance.pk, restriction_type=PageViewRestriction.LOGIN
            )
    else:
        restrictions.delete()


def active_member(request):
    """The request's active membership, or None (cached on the request)."""
    if not hasattr(request, "_events_member"):
        member = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            member = (
                Member.objects.filter(user=user, status=Member.Status.ACTIVE)
                .select_related("user")
                .first()
            )
        request._events_member = member
    return request._events_member


def refuse_non_member(event, request):
    """None when `request` may see `event`, else the response to send instead."""
    if not event.members_only:
        return None
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("members:login"))
    if active_member(request) is not None:
        return None
    from members.views import forbidden

    return forbidden(request)


def source_event(event):
    """The event in the default language (RSVPs belong to it), or `event` itself."""
    default = Locale.get_default()
    if event.locale_id == default.pk:
        return event
    from .models import EventPage

    return (
        EventPage.objects.filter(translation_key=event.translation_key, locale=default).first()
        or event
    )


def can_organize(user, event):
    """Organizers see the list and mark attendance: whoever may edit the event's page in the
    admin, and the group's own presenter of a training."""
    if not user.is_authenticated:
        return False
    if event.permissions_for_user(user).can_edit():
        return True
    return bool(event.presenter_member_id) and event.presenter_member.user_id == user.pk
