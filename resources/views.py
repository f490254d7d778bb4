from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from . import profiles, reconfirm
from .forms import OwnProfileForm
from .models import DirectorySettings, ProviderPage

OUTCOME_MESSAGES = {
    profiles.PUBLISHED: _("Your profile is updated and live."),
    profiles.SUBMITTED: _("Thank you. Your changes will go live once an editor has reviewed them."),
    profiles.DRAFT: _("Your changes are saved. An editor will publish them."),
}


@never_cache
def edit_own_profile(request, page):
    """A provider edits their own profile. Anyone else gets 403 (raised by check_owner)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page.check_owner(request.user)
    draft = page.get_latest_revision_as_object()
    form = OwnProfileForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        moderate = DirectorySettings.for_request(request).moderate_profile_edits
        outcome = profiles.save_own_profile(form, request.user, moderate)
        messages.success(request, str(OUTCOME_MESSAGES[outcome]))
        return redirect(request.get_full_path())
    return TemplateResponse(
        request,
        "resources/provider_profile_edit.html",
        {"page": page, "form": form, "draft": draft},
    )


@never_cache
def my_profile(request):
    """The members' area entry to one's own profile, draft or live (a draft has no public
    address, so the profile's own /edit/ route cannot reach it)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page = ProviderPage.objects.filter(account=request.user).order_by("pk").first()
    if page is None:
        return TemplateResponse(request, "resources/no_profile.html", status=404)
    return edit_own_profile(request, page.specific)


LINK_ERRORS = {
    "expired": _("This link has expired. Edit your profile from the members' area instead."),
    "used": _("This link has been used already: your availability is confirmed."),
    "invalid": _("This link is not valid. Edit your profile from the members' area instead."),
}


@never_cache
def reconfirm_availability(request, token):
    """The link in the reconfirmation email: a page with one button (a GET changes nothing,
    since mail scanners open links), whose POST confirms "accepting new clients"."""
    try:
        page = reconfirm.check(token)
    except reconfirm.LinkError as error:
        return TemplateResponse(
            request,
            "resources/reconfirm.html",
            {"error": LINK_ERRORS[str(error)]},
            status=410 if str(error) != "invalid" else 400,
        )
    if request.method == "POST":
        try:
            page = reconfirm.reconfirm(token)
        except reconfirm.LinkError as error:
            return TemplateResponse(
                request, "resources/reconfirm.html", {"error": LINK_ERRORS[str(error)]}, status=410
            )
        return TemplateResponse(request, "resources/reconfirm.html", {"page": page, "done": True})
    return TemplateResponse(request, "resources/reconfirm.html", {"page": page})
