"""The one mailer: queue a notice to each recipient, written in that recipient's language.

`queue()` is cheap, because it runs in requests: it stores one `Notice` row (the template,
references to what it is about, the recipients) and one task, in the caller's transaction, so
with the database task backend the notice commits or rolls back with the vote, refund or
application that caused it. The worker's `outbox.tasks.write` then loads the objects, renders
the subject and body for each recipient in their language and stores one `OutgoingMessage`
per recipient under its idempotency key (`kind:about:address`), all in one transaction, and
enqueues their delivery (outbox/delivery.py). Rendering 50 messages took about 1 s of a
request; it is the worker's now.

The context must be serialisable: model instances are stored as their label and pk and
loaded again at render time; dates and times keep their type; `Link` (a URL name and its
arguments) and `Text` (a translatable text and its values) are resolved in the recipient's
language when the message is rendered. A plain callable or a lazy text is still accepted: it
is evaluated once per language of the recipients, in the caller's request.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import make_msgid
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from .models import Notice, OutgoingMessage

logger = logging.getLogger(__name__)

GIVE_UP_AFTER = timedelta(hours=getattr(settings, "OUTBOX_GIVE_UP_HOURS", 72))


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    context: Mapping = field(default_factory=dict)


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@dataclass(frozen=True)
class Link:
    """The site's absolute address of URL `name` with `args`, in the rendering language."""

    name: str
    args: tuple = ()

    def resolve(self):
        return site_url(reverse(self.name, args=list(self.args)))

    def pack(self):
        return {"__link__": self.name, "args": list(self.args)}


@dataclass(frozen=True)
class Text:
    """`gettext(msgid) % values` in the rendering language. Mark the msgid with
    gettext_noop at the call site so `make messages` finds it."""

    msgid: str
    values: Mapping = field(default_factory=dict)

    def resolve(self):
        text = gettext(self.msgid)
        return text % dict(self.values) if self.values else text

    def pack(self):
        return {"__text__": self.msgid, "values": dict(self.values)}


def _domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >")
    return sender or "localhost"


# --- Storing a context as references, loading it back -----------------------------------------


def pack(value, languages=()):
    """`value` as JSON. Callables and lazy texts are evaluated in each of `languages`."""
    if isinstance(value, Link | Text):
        return value.pack()
    if isinstance(value, models.Model):
        return {"__model__": value._meta.label, "pk": value.pk}
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, Promise) or callable(value):
        by_language = {}
        for language in languages:
            with translation.override(language):
                evaluated = value() if callable(value) else str(value)
            by_language[language] = pack(evaluated)
        return {"__by_language__": by_language}
    if isinstance(value, Mapping):
        return {str(k): pack(v, languages) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [pack(v, languages) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"The outbox cannot store {type(value).__name__} {value!r} in a notice")


def unpack(value, language, cache):
    """The stored `value` back, for rendering in `language` (the active language)."""
    if isinstance(value, list):
        return [unpack(v, language, cache) for v in value]
    if not isinstance(value, dict):
        return value
    if "__model__" in value:
        ref = (value["__model__"], value["pk"])
        if ref not in cache:
            cache[ref] = apps.get_model(ref[0])._default_manager.get(pk=ref[1])
        return cache[ref]
    if "__datetime__" in value:
        return dt.datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return dt.date.fromisoformat(value["__date__"])
    if "__link__" in value:
        return Link(value["__link__"], tuple(value["args"])).resolve()
    if "__text__" in value:
        return Text(value["__text__"], value["values"]).resolve()
    if "__by_language__" in value:
        by_language = value["__by_language__"]
        chosen = by_language.get(language, next(iter(by_language.values()), None))
        return unpack(chosen, language, cache)
    return {k: unpack(v, language, cache) for k, v in value.items()}


def render(template: str, context: Mapping, language: str, cache=None) -> tuple[str, str]:
    """(subject, body) of `template` with the stored `context`, rendered in `language`."""
    with translation.override(language):
        context = unpack(dict(context), language, {} if cache is None else cache)
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body


# --- Queueing (in the request) ----------------------------------------------------------------


def _key(kind: str, about: str, email: str) -> str:
    return f"{kind}:{about}:{email.lower()}"[:255]


def queue(
    kind: str,
    about: str,
    template: str,
    recipients: Iterable[Recipient],
    context: Mapping | None = None,
) -> int:
    """Queue `template` to each recipient once. `kind` and `about` (e.g. "proposal:12") with
    the address make the key: queueing the same notice again adds nothing. Returns how many
    messages it adds (written by the worker)."""
    from .tasks import write

    wanted = {}
    for recipient in recipients:
        email = (recipient.email or "").strip()
        if email:
            wanted.setdefault(_key(kind, about, email), recipient)
    if not wanted:
        return 0
    with transaction.atomic():
        # Already written, or waiting in a notice the worker has not written yet.
        known = set(OutgoingMessage.objects.filter(key__in=wanted).values_list("key", flat=True))
        for pending in Notice.objects.filter(kind=kind, about=about, written_at__isnull=True):
            known.update(_key(kind, about, r["email"]) for r in pending.recipients)
        new = [recipient for key, recipient in wanted.items() if key not in known]
        if not new:
            return 0
        languages = sorted({r.language for r in new})
        notice = Notice.objects.create(
            kind=kind,
            about=about,
            template=template,
            context=pack(context or {}, languages),
            recipients=[
                {
                    "email": r.email.strip(),
                    "language": r.language,
                    "context": pack(r.context, [r.language]),
                }
                for r in new
            ],
        )
        write.enqueue(notice.pk)
    return len(new)


# --- Writing the messages (in the worker) -----------------------------------------------------


def write_messages(notice_id: int) -> list[int]:
    """Render a notice into one message per recipient, once, and enqueue their delivery.
    Returns the new messages' pks. A second run (a task enqueued twice, the sweep) adds
    nothing: the notice is locked and marked written, and each message's key is unique."""
    from .tasks import enqueue_delivery

    with transaction.atomic():
        notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None or notice.written_at is not None:
            return []
        now = timezone.now()
        keys = {_key(notice.kind, notice.about, r["email"]): r for r in notice.recipients}
        existing = set(OutgoingMessage.objects.filter(key__in=keys).values_list("key", flat=True))
        cache = {}
        rows = []
        for key, recipient in keys.items():
            if key in existing:
                continue
            try:
                subject, body = render(
                    notice.template,
                    {**notice.context, **recipient["context"]},
                    recipient["language"],
                    cache,
                )
            except ObjectDoesNotExist as error:
                # What it is about was deleted before the worker came to it: there is no
                # message left to write (retrying would not bring it back).
                logger.error("Notice %s to %s not written: %s", notice, recipient["email"], error)
                continue
            rows.append(
                OutgoingMessage(
                    key=key,
                    kind=notice.kind,
                    to_email=recipient["email"],
                    language=recipient["language"],
                    subject=subject[:255],
                    body=body,
                    message_id=make_msgid(domain=_domain()),
                    next_attempt_at=now,
                    give_up_at=now + GIVE_UP_AFTER,
                )
            )
        OutgoingMessage.objects.bulk_create(rows, ignore_conflicts=True)
        added = list(
            OutgoingMessage.objects.filter(
                key__in=[row.key for row in rows], attempts=0, status=OutgoingMessage.Status.QUEUED
            ).values_list("pk", flat=True)
        )
        for pk in added:
            enqueue_delivery(pk)
        notice.written_at = now
        notice.save(update_fields=["written_at"])
    return added


def unwritten(now, grace: timedelta):
    """Notices no task is writing: queued more than `grace` ago (the task was lost, or its
    worker died), and not older than the messages' own deadline."""
    return Notice.objects.filter(
        written_at__isnull=True,
        created_at__lte=now - grace,
        created_at__gte=now - GIVE_UP_AFTER,
    )
