"""Shared steps for the manual's tests: drafting, deciding, admin requests."""

from django.contrib.auth import get_user_model
from django.test import RequestFactory

from members import manual
from members.models import ManualPage

SECRET = "zanzibarquokka"


def edited(page, anchor, text):
    sections = manual.sections_of(manual.version_page(manual.current_version(page)))
    sections, changed = manual.apply_changes(sections, edits={anchor: ("", text)})
    assert changed
    return sections


def amend(page, member, anchor, text, title="Change"):
    return manual.draft_amendment(
        page, member, sections=edited(page, anchor, text), title=title, body="Why.", notify=False
    )


def admin_request(note):
    n = get_user_model().objects.count()
    admin = get_user_model().objects.create_superuser(f"ed{n}", f"ed{n}@example.org", "x" * 16)
    request = RequestFactory().post("/admin/", {"editorial_note": note} if note else {})
    request.user = admin
    request.session = {}
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    return request


def with_secret(page):
    request = admin_request("typo")
    manual.before_admin_publish(request, page)
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = f"Intro {SECRET}"
    draft.save_revision().publish()
