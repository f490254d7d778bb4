"""Who may see which part of the members' area: the status groups and `member_view`."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation

from .models import Member

ACTIVE = (Member.Status.ACTIVE,)
APPLICANT = (Member.Status.APPLICANT,)
LEFT = (Member.Status.LEAVING, Member.Status.FORMER)
ANY = ACTIVE + APPLICANT + LEFT


def member_of(user):
    """`user`'s membership, or None (editors have none). Read with the user when the session
    came through `EmailOrUsernameBackend`; otherwise one query."""
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def landing_url(member):
    if member.status == Member.Status.APPLICANT:
        return reverse("members:application")
    if member.status in LEFT:
        return reverse("members:goodbye")
    return reverse("members:dashboard")


def forbidden(request):
    return render(request, "members/forbidden.html", status=403)


def _language_switch(request, member):
    """The header's language switch (`?language=es` on a GET): the member chooses that
    language from now on, and lands on the same page, with the rest of its query, in it."""
    chosen = request.GET.get("language")
    if request.method != "GET" or chosen not in dict(settings.LANGUAGES):
        return None
    if member.language != chosen:
        member.language = chosen
        member.save(update_fields=["language"])
    query = request.GET.copy()
    del query["language"]
    target = translate_url(request.path, chosen)
    return redirect(f"{target}?{query.urlencode()}" if query else target)


def member_view(*statuses):
    """Only logged-in members whose status is one of `statuses`; others go to their own page.

    Accounts without a membership (e.g. editors) get 403: they manage the site in the admin.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("members:login"))
            member = member_of(request.user)
            if member is None:
                return forbidden(request)
            if member.status not in statuses:
                return redirect(landing_url(member))
            if switched := _language_switch(request, member):
                return switched
            if member.language and member.language != translation.get_language():
                # The members' area speaks the member's chosen language, whatever the link.
                if request.method == "GET":
                    return redirect(translate_url(request.get_full_path(), member.language))
                translation.activate(member.language)
            request.member = member
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
