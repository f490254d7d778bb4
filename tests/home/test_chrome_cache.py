"""The cached page chrome (home/chrome.py) shows an editor's change on the very next visit."""

import pytest
from wagtail.models import Locale

from home.models import SiteSettings, SiteText, StandardPage
from tests.html import parse

pytestmark = pytest.mark.django_db


def menu(client, url="/en/about/"):
    return [a.get_text(strip=True) for a in parse(client.get(url)).select("nav.site-nav a")]


def test_publishing_and_unpublishing_a_menu_page_updates_the_menu(client, home):
    assert "Opening hours" not in menu(client)  # the chrome is now cached
    page = StandardPage(title="Opening hours", slug="hours", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    assert "Opening hours" in menu(client)
    page.unpublish()
    assert "Opening hours" not in menu(client)


def test_renaming_and_deleting_a_menu_page_updates_the_menu(client, home):
    about = home.get_children().get(slug="about").specific
    assert "About us" in menu(client, "/en/faq/")
    about.menu_title = "Who we are"
    about.save_revision().publish()
    assert "Who we are" in menu(client, "/en/faq/")
    about.delete()
    assert "Who we are" not in menu(client, "/en/faq/")


def test_saving_site_text_and_settings_shows_at_once(client, site):
    client.get("/en/")
    text = SiteText.objects.get(locale__language_code="en")
    text.crisis_notice = "<p>Call or text 988, now updated.</p>"
    text.save()
    settings = SiteSettings.for_site(site)
    settings.phone = "(206) 555-0111"
    settings.save()
    html = parse(client.get("/en/"))
    assert "now updated" in html.select_one("aside.crisis").get_text()
    assert "(206) 555-0111" in html.select_one("footer.site-footer").get_text()


def test_each_language_has_its_own_chrome(client, home):
    spanish = Locale.objects.get(language_code="es")
    english_text = SiteText.objects.get(locale__language_code="en")
    spanish_text = english_text.get_translation(spanish)  # the demo's Spanish site text
    spanish_text.crisis_notice = "<p>¿En crisis? Llame al 988.</p>"
    spanish_text.save()
    assert "988" in parse(client.get("/en/")).select_one("aside.crisis").get_text()
    assert "¿En crisis?" in parse(client.get("/es/")).select_one("aside.crisis").get_text()
    assert "¿En crisis?" not in parse(client.get("/en/")).select_one("aside.crisis").get_text()
