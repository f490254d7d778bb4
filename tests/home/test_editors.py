"""What editors and the people behind the site see: the co-op's name, a useful dashboard, a
nudge to sync translations after an English publish, and emails that read well."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory

from home.wagtail_hooks import out_of_date_translations, say_the_translations_are_out_of_date

pytestmark = pytest.mark.django_db


def test_the_admin_and_emails_carry_the_coops_name(client, home):
    assert settings.DEFAULT_FROM_EMAIL.startswith('"Lycan Counseling Co-op" <')
    html = client.get("/admin/login/").content.decode()
    assert "<title>Sign in - Lycan Counseling Co-op</title>" in html
    # The tab follows the name editors give the co-op in its settings.
    from wagtail.models import Site

    from home.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Harbor Counseling Co-op"
    site_settings.save()
    html = client.get("/admin/login/").content.decode()
    assert "<title>Sign in - Harbor Counseling Co-op</title>" in html


def test_dashboard_lists_recent_edits_and_out_of_date_translations(admin_client, home):
    faq = home.get_children().get(slug="faq").specific
    assert faq not in [page for page, _source in out_of_date_translations()]
    faq.intro = "A new English introduction."
    faq.save_revision(user=None).publish()
    assert faq.pk in [page.pk for page, _source in out_of_date_translations()]

    html = admin_client.get("/admin/").content.decode()
    assert "Lycan Counseling Co-op" in html
    assert "Recent edits across the site" in html
    assert "Translations out of date" in html and "/admin/localize/update/" in html


def test_an_english_publish_says_the_spanish_page_is_out_of_date(home, admin_user):
    faq = home.get_children().get(slug="faq").specific
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    request.session = {}
    request._messages = FallbackStorage(request)
    say_the_translations_are_out_of_date(request, faq)
    [message] = list(request._messages)
    assert "show the old text until they are synced" in str(message)
    assert "/admin/localize/update/" in str(message)


def test_vote_emails_end_a_sentence_with_one_full_stop(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    closes = datetime(2026, 12, 8, 4, 0, tzinfo=ZoneInfo("America/Los_Angeles"))

    class Proposal:
        title, closes_at = "A title", closes

        def get_kind_display(self):
            return "General"

    class Member:
        display_name = "Sam"

    body = render_to_string(
        "members/emails/opened.txt", {"proposal": Proposal(), "member": Member(), "url": "/x"}
    )
    assert "4 a.m." in body and "a.m.." not in body
