"""Emails about events, one message per recipient in the member's own language.

The project's email pattern (members/emails.py): rendered under `translation.override` of
each member's language, sent by Django's mail, a mail outage logged and never raised (the
change it reports is already stored). Callers send them with `transaction.on_commit`, so a
rolled-back change emails nobody.
"""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def event_url(event, language):
    """The event's page in `language` when it is translated, else in its own language."""
    from wagtail.models import Locale

    page = event
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and event.locale_id != locale.pk:
        page = event.get_translation_or_none(locale) or event
    parts = page.get_url_parts()
    path = parts[2] if parts else page.url_path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path, page


def _send(template, recipients):
    """recipients: [(member, context)]. Returns how many emails went out."""
    messages = []
    for member, context in recipients:
        if not member.user.email:
            continue
        with translation.override(member.email_language):
            url, page = event_url(context["event"], member.email_language)
            context = {**context, "member": member, "url": url, "event": page}
            subject = render_to_string(f"events/emails/{template}_subject.txt", context)
            body = render_to_string(f"events/emails/{template}.txt", context)
        messages.append(
            (" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [member.user.email])
        )
    if not messages:
        return 0
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        logger.exception("Could not send %s emails", template)
        return 0
    return len(messages)


def waitlist_promoted(rsvp):
    """A seat came free and it is the member's now."""
    return _send("promoted", [(rsvp.member, {"event": rsvp.event})])


def event_reminder(event, start, members):
    """The day before: the event is tomorrow."""
    return _send("reminder", [(member, {"event": event, "start": start}) for member in members])
