"""The demo site, built from the content brief by `load_demo`: the one place that knows every
app's demo, so no app's demo imports another's.

Order matters: pages first (the directory's providers), then members (whose onboarding votes
draft directory profiles), the links between members and their profiles, the finances of the
active members, and last the Spanish translations of everything above. Idempotent: what already
exists is left untouched. No email is sent while the demo loads (closing the past cycle would
otherwise tell every member about their refund).
"""

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from billing import demo as billing_demo
from events import demo as events_demo
from home import demo as home_demo
from home import demo_es as spanish_demo
from members import demo as members_demo
from members.models import Member
from resources import demo as resources_demo
from resources.models import ProviderPage

QUIET_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


def link_directory_profiles(log):
    """Demo providers who are members own their directory profile (same name), so they can
    edit it from the members' area and leaving takes it off the directory."""
    for member in Member.objects.filter(profile_page__isnull=True).select_related("user"):
        name = member.display_name.split(",")[0].strip()
        page = ProviderPage.objects.filter(
            title=name, locale__language_code=settings.LANGUAGE_CODE, account__isnull=True
        ).first()
        if page is None:
            continue
        ProviderPage.objects.filter(translation_key=page.translation_key).update(
            account=member.user
        )
        member.profile_page = page
        member.save(update_fields=["profile_page"])
        log(f"linked {name}'s directory profile to their membership")


def forget_demo_notices(since):
    """The demo's history (a cycle closed months ago, votes decided long since) notifies
    nobody: what loading it queued in the outbox since `since` goes, with the tasks that would
    write and send it. What the scheduler's live work queues later is untouched."""
    from django_tasks_db.models import DBTaskResult

    from outbox.models import Notice, OutgoingMessage

    Notice.objects.filter(created_at__gte=since).delete()
    OutgoingMessage.objects.filter(created_at__gte=since).delete()
    DBTaskResult.objects.filter(task_path__startswith="outbox.", enqueued_at__gte=since).delete()


def load(log, *, providers=0, seed=None):
    since = timezone.now()
    with override_settings(EMAIL_BACKEND=QUIET_EMAIL), transaction.atomic():
        home = home_demo.load_pages(log)
        resources_demo.load(home, log, providers=providers, seed=seed)
        home_demo.link_home(home, log)
        members_demo.load(log)
        link_directory_profiles(log)
        billing_demo.load(log)
        spanish_demo.load(home, log)
        events_demo.load(home, log)  # after the Spanish home page, its events' parent
        forget_demo_notices(since)


def summary():
    """The short text `load_demo` prints: the demo accounts and how to log in."""
    lines = ["Demo logins:"]
    for role, username, password in home_demo.demo_logins() + resources_demo.demo_logins():
        lines.append(f"  {role}: {username} / {password}")
    lines.append(
        f"  The admin asks for a second factor: add the key {home_demo.demo_otp_key()} to an "
        "authenticator app, or run `make otp` for the current code."
    )
    for role, username, password in members_demo.demo_logins():
        lines.append(f"  {role}, members' area at /en/members/: {username} / {password}")
    return lines
