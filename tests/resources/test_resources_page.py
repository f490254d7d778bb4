"""The resources page: help for clients first, then the brief's six links, grouped by kind
under plural headings, filterable by topic."""

import pytest

from resources import demo_content
from tests.html import soup

pytestmark = pytest.mark.django_db


def test_resources_page_lists_help_then_the_brief_links_grouped_by_kind(client):
    page = soup(client.get("/en/resources/"))
    links = page.select("a.resource-link__title")
    assert len(links) == len(demo_content.RESOURCE_LINKS) == 10
    groups = [h.get_text(strip=True) for h in page.select(".resource-group h2")]
    assert groups == ["If you need help now", "Organizations", "Articles", "Podcasts"]
    help_now = [
        a.get_text(" ", strip=True)
        for a in page.select(".resource-group--support a.resource-link__title")
    ]
    # Editors order each group: the crisis lines come first, not whatever sorts first.
    assert [title[:4] for title in help_now] == ["988 ", "Cris", "211:", "NAMI"]
    # The source is not repeated under a title that already names it.
    for item in page.select(".resource-link"):
        title = item.select_one(".resource-link__title").get_text(" ", strip=True)
        publisher = item.select_one(".resource-link__publisher")
        assert publisher is None or publisher.get_text(strip=True) not in title


def test_the_spanish_page_names_the_help_lines_in_spanish_in_the_same_order(client):
    page = soup(client.get("/es/recursos/"))
    help_now = [
        a.find(string=True, recursive=False).strip()
        for a in page.select(".resource-group--support a.resource-link__title")
    ]
    assert help_now == [
        "988 Línea de Prevención del Suicidio y Crisis",
        "Crisis Text Line",
        "211: ayuda local con vivienda, comida y facturas",
        "Línea de Ayuda de NAMI",
    ]


def test_external_links_say_so_and_leak_nothing(client):
    page = soup(client.get("/en/resources/"))
    for link in page.select("a.resource-link__title"):
        assert {"noopener", "noreferrer"} <= set(link["rel"])
        assert "external site" in link.select_one(".external-marker").get_text()


def test_topic_filter_and_unknown_topics(client):
    page = soup(client.get("/en/resources/?topic=economics"))
    assert len(page.select("a.resource-link__title")) == 2
    for hostile in ("nope", "x" * 5000, "co-op\x00basics"):
        response = client.get("/en/resources/", {"topic": hostile})
        assert response.status_code == 200
        assert len(soup(response).select("a.resource-link__title")) == 10


def test_home_page_links_to_directory_and_resources(client):
    hrefs = {a["href"] for a in soup(client.get("/en/")).select(".cards a")}
    assert {"/en/directory/", "/en/resources/"} <= hrefs
