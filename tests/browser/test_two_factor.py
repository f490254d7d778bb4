"""A new editor's first sign-in: set up the authenticator, keep the backup codes, reach the
admin, by keyboard, with no WCAG 2.2 AA violations on our two-factor screens."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_otp.oath import TOTP
from playwright.sync_api import expect

from .axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-new-editors-password-2026"


def test_a_new_editor_sets_up_two_step_sign_in_by_keyboard(page, site_url):
    editor = get_user_model().objects.create_user("new.editor", "ne@example.org", PASSWORD)
    # The browser journeys' database is flushed, so the Editors group is rebuilt here with
    # the one permission that matters: reaching the admin.
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    page.goto(site_url + "/admin/login/")
    page.locator("input[name='username']").fill("new.editor")
    page.locator("input[name='password']").fill(PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/admin/2fa/setup/"))
    expect(page.locator("figure.two-factor-qr svg")).to_be_visible()
    page.shot("two-factor-setup")
    assert violations(page) == []

    key = page.locator("main code").inner_text().replace(" ", "")
    code = TOTP(b32decode(key)).token()
    field = page.get_by_label(re.compile("Code from your authenticator app"))
    expect(field).to_be_focused()  # autofocus: type straight away
    page.keyboard.type(f"{code:06d}")
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Two-step sign-in is on")
    expect(page.locator("ul.two-factor-codes li")).to_have_count(10)
    page.shot("two-factor-backup-codes")
    assert violations(page) == []

    page.get_by_role("link", name="Continue to the admin").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.shot("admin-after-setup")
