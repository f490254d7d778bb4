"""Reconfirming "accepting new clients" by email, a week before it lapses.

"Accepting new clients" shows only while `availability_confirmed_at` is younger than the
directory's `accepting_valid_days` (DirectorySettings.accepting_cutoff). A daily task emails
each provider whose confirmation lapses within `NOTICE` a link signed with Django's signing
(salted, expiring after `LINK_VALID`). The link is single-use: it carries the confirmation it
was issued for, and reconfirming replaces that confirmation, so a second use is refused.

The link opens a page with one button; the reconfirmation is that POST. A GET never
changes anything, because mail scanners open links in emails before people do.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Site

from members.models import Member
from outbox.mail import Link, Recipient, queue

from .models import DirectorySettings, ProviderPage

NOTICE = timedelta(days=7)
LINK_VALID = timedelta(days=14)
SALT = "resources.reconfirm"


class LinkError(Exception):
    """The link is forged, expired, or already used; the message is safe to show."""


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def make_token(page: ProviderPage) -> str:
    return signing.dumps({"p": page.pk, "c": _stamp(page.availability_confirmed_at)}, salt=SALT)


def settings_now():
    return DirectorySettings.for_site(Site.objects.get(is_default_site=True))


def due(now: datetime | None = None):
    """Live profiles saying "accepting" whose confirmation lapses within NOTICE."""
    now = now or timezone.now()
    cutoff = settings_now().accepting_cutoff(now)
    return (
        ProviderPage.objects.live()
        .filter(
            accepting_new_clients=True,
            account__isnull=False,
            account__is_active=True,
            availability_confirmed_at__gte=cutoff,
            availability_confirmed_at__lt=cutoff + NOTICE,
        )
        .exclude(account__email="")
        # One email per provider: from the profile in the default language.
        .filter(locale=Locale.get_default())
        .select_related("account")
    )


def send_reminders(now: datetime | None = None) -> int:
    """Queue one reminder per provider and confirmation (the scheduler runs this daily)."""
    now = now or timezone.now()
    valid_days = settings_now().accepting_valid_days
    sent = 0
    for page in due(now):
        member = Member.objects.filter(user=page.account).first()
        language = member.email_language if member else settings.LANGUAGE_CODE
        token = make_token(page)
        sent += queue(
            "resources.reconfirm",
            f"page:{page.pk}:confirmed:{_stamp(page.availability_confirmed_at)}",
            "resources/emails/reconfirm",
            [Recipient(page.account.email, language)],
            {
                "page": page,
                "lapses_on": page.availability_confirmed_at + timedelta(days=valid_days),
                "url": Link("reconfirm_availability", (token,)),
            },
        )
    return sent


def check(token: str) -> ProviderPage:
    """The profile the link is for, or LinkError."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_VALID)
    except signing.SignatureExpired as error:
        raise LinkError("expired") from error
    except signing.BadSignature as error:
        raise LinkError("invalid") from error
    page = ProviderPage.objects.filter(pk=data.get("p")).first()
    if page is None or page.availability_confirmed_at is None:
        raise LinkError("invalid")
    if _stamp(page.availability_confirmed_at) != data.get("c"):
        raise LinkError("used")
    return page


def reconfirm(token: str, now: datetime | None = None) -> ProviderPage:
    """Use the link: the profile (and its translations) is confirmed as of now."""
    now = now or timezone.now()
    with transaction.atomic():
        page = check(token)
        stamp = page.availability_confirmed_at
        # The same compare-and-set as the check, so two clicks at once confirm once.
        updated = ProviderPage.objects.filter(
            translation_key=page.translation_key, availability_confirmed_at=stamp
        ).update(availability_confirmed_at=now)
        if not updated:
            raise LinkError("used")
        # The latest revision too, so the next publish keeps the new date.
        revision = page.latest_revision
        if revision is not None:
            revision.content["availability_confirmed_at"] = now.isoformat()
            revision.save(update_fields=["content"])
    from home.chrome import invalidate

    invalidate()  # the cached directory and profile pages show the change at once
    page.availability_confirmed_at = now
    return page
