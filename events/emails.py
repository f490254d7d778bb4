"""Emails about events, through the outbox (outbox/mail.py): one message per recipient in the
member's own language, linking to the event's page in that language, queued in the caller's
transaction (a rolled-back change emails nobody) and sent by the worker."""

from django.conf import settings

from outbox.mail import Recipient, queue


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


def _send(template, about, members, context):
    """Queue `template` once per member and `about`. Returns how many were queued. The
    event's page in each language is looked up once per language, not once per member."""
    recipients = []
    pages = {}
    for member in members:
        if not member.user.email:
            continue
        language = member.email_language
        if language not in pages:
            pages[language] = event_url(context["event"], language)
        url, page = pages[language]
        extra = {"member": member, "url": url, "event": page}
        recipients.append(Recipient(member.user.email, member.email_language, extra))
    return queue(f"events.{template}", about, f"events/emails/{template}", recipients, context)


def waitlist_promoted(rsvp):
    """A seat came free and it is the member's now."""
    return _send(
        "promoted",
        f"rsvp:{rsvp.pk}:{rsvp.updated_at.isoformat()}",
        [rsvp.member],
        {"event": rsvp.event},
    )


def event_reminder(event, start, members):
    """The day before: the event is tomorrow."""
    return _send(
        "reminder",
        f"event:{event.pk}:{start.isoformat()}",
        members,
        {"event": event, "start": start},
    )
