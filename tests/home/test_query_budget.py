"""The page chrome (menu, crisis notice, language links) costs the same on every page,
however many pages are in the menu or translated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm what lasts a process (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_menu_items_do_not_add_queries(client, home):
    before = count_queries(client, "/en/about/")
    for n in range(4):
        page = StandardPage(title=f"Menu item {n}", slug=f"menu-item-{n}", show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
    html = client.get("/en/about/").content.decode()
    assert "Menu item 3" in html
    assert count_queries(client, "/en/about/") == before


def test_language_links_cost_the_same_with_or_without_a_translation(client, home):
    spanish = Locale.objects.get(language_code="es")  # the demo's home is translated
    about = StandardPage(title="About the budget", slug="about-budget")
    home.add_child(instance=about)
    about.save_revision().publish()
    without = count_queries(client, "/en/about-budget/")
    about.copy_for_translation(spanish).save_revision().publish()
    html = client.get("/en/about-budget/").content.decode()
    assert 'hreflang="es"' in html and "/es/about-budget/" in html
    assert count_queries(client, "/en/about-budget/") <= without
