"""Who may see which part of the members' area: the status groups and `member_view`."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation

from .models import Member

ACTIVE = (Member.Status.ACTIVE,)
APPLICANT = (Member.Status.APPLICANT,)
LEFT = (Member.Status.LEAVING, Member.Status.FORMER)
ANY = ACTIVE + APPLICANT + LEFT


def landing_url(member):
    if member.status == Member.Status.APPLICANT:
        return reverse("members:application")
    if member.status in LEFT:
        return reverse("members:goodbye")
    return reverse("members:dashboard")


def forbidden(request):
    return render(request, "members/forbidden.html", status=403)


def member_view(*statuses):
    """Only logged-in members whose status is one of `statuses`; others go to their own page.

    Accounts without a membership (e.g. editors) get 403: they manage the site in the admin.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("members:login"))
            member = Member.objects.filter(user=request.user).first()
            if member is None:
                return forbidden(request)
            if member.status not in statuses:
                return redirect(landing_url(member))
            if member.language and member.language != translation.get_language():
                # The members' area speaks the member's chosen language, whatever the link.
                if request.method == "GET":
                    return redirect(translate_url(request.get_full_path(), member.language))
                translation.activate(member.language)
            request.member = member
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
