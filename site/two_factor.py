"""Two-factor authentication for the Wagtail admin (TOTP through django-otp).

Everyone who can reach the admin (editors, the treasurer, superusers) signs in with their
password and then a code from an authenticator app. `AdminTwoFactorMiddleware` guards the whole
admin by path prefix, not by URL name, so an admin view added later (by us, Wagtail or a
package) is covered without anyone remembering to decorate it. Codes are single-use: a TOTP
device remembers the last time step it accepted, and a backup code is deleted when used.
Failed codes slow down exponentially (django-otp's throttling).
"""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
ADMIN_PREFIX = settings.WAGTAILADMIN_PATH_PREFIX  # "/admin/"
# Reachable before the second factor: signing in and out, resetting a forgotten password, the
# two-factor pages themselves, and the admin's icon sprite and script translations that those
# pages load. Everything else under the admin prefix needs a verified session.
OPEN_PREFIXES = tuple(
    ADMIN_PREFIX + suffix
    for suffix in ("login/", "logout/", "password_reset/", "2fa/", "jsi18n/", "sprite/")
)


def needs_second_factor(user):
    return (
        user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
        and not user.is_verified()
    )


class AdminTwoFactorMiddleware:
    """Send an admin user whose session has not passed the second factor to verify it (or to
    set it up, the first time) before any admin page. Goes after django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path_ = request.path_info
        if (
            path_.startswith(ADMIN_PREFIX)
            and not path_.startswith(OPEN_PREFIXES)
            and needs_second_factor(request.user)
        ):
            step = "two_factor_verify" if has_device(request.user) else "two_factor_setup"
            target = reverse(step)
            if request.method in ("GET", "HEAD"):
                target += "?" + _next_query(request.get_full_path())
            return redirect(target)
        return self.get_response(request)


def _next_query(next_url):
    return urlencode({"next": next_url})


def has_device(user):
    return any(True for _ in devices_for_user(user, confirmed=True))


def _safe_next(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith(ADMIN_PREFIX) and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        for device in self.devices:
            self.device = verify_token(device.user, device.persistent_id, code)
            if self.device is not None:
                return code
        raise forms.ValidationError(
            _("That code is not right, has already been used or has expired. Try the next one.")
        )


def _guard(request):
    """The two-factor pages are for signed-in admin users only."""
    if not request.user.is_authenticated:
        return redirect(reverse("wagtailadmin_login") + "?" + _next_query(request.path))
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return redirect("wagtailadmin_login")
    return None


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    if (response := _guard(request)) is not None:
        return response
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not has_device(request.user):
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None, devices=devices_for_user(request.user, confirmed=True))
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        request.session.cycle_key()
        if isinstance(form.device, StaticDevice):
            left = form.device.token_set.count()
            messages.warning(
                request,
                _("You used a backup code; %(left)d are left.") % {"left": left},
            )
        return redirect(_safe_next(request))
    return render(request, "two_factor/verify.html", {"form": form, "next": _safe_next(request)})


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """First sign-in: scan a new key, prove it with one code, get backup codes."""
    if (response := _guard(request)) is not None:
        return response
    if has_device(request.user):
        return redirect("two_factor_verify")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = CodeForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_backup_codes(request.user)
        otp_login(request, device)
        request.session.cycle_key()
        return render(
            request,
            "two_factor/backup_codes.html",
            {"codes": codes, "next": _safe_next(request)},
        )
    # Imported here, not at boot: segno's tables cost every worker about 9 MiB, and only this
    # page draws a QR code.
    import segno

    secret = _base32(device)
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "next": _safe_next(request),
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(
                scale=4, dark="#111", light="#fff", title=str(_("QR code of your new key"))
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


def _base32(device):
    return b32encode(device.bin_key).decode()


def _new_backup_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


urlpatterns = [
    path("verify/", verify, name="two_factor_verify"),
    path("setup/", setup, name="two_factor_setup"),
]
