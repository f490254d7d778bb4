"""Public site search: finds public pages in the visitor's language and nothing private."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, PageViewRestriction

from home.models import StandardPage
from tests.html import soup
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def results(client, url="/en/search/", **params):
    html = soup(client.get(url, params))
    return [a["href"] for a in html.select(".search-result__title a")], html


def add_page(parent, **fields):
    page = StandardPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    run_tasks()  # the worker indexes the published page for search
    return page


def test_finds_a_faq_answer_and_links_straight_to_it(client):
    hrefs, html = results(client, q="wage")
    assert hrefs == ["/en/faq/#so-does-everyone-make-the-same-wage"]
    assert html.select_one(".search-result__snippet mark").get_text().lower() == "wage"


def test_narrowing_by_kind(client):
    hrefs, _ = results(client, q="co-op", type="principle")
    assert hrefs == ["/en/principles/"]
    hrefs, _ = results(client, q="co-op", type="faq")
    assert [h.split("#")[0] for h in hrefs] == ["/en/faq/"]


def test_members_only_pages_never_appear_in_public_search(client, admin_client, home):
    secret = add_page(home, title="Budget notes", slug="budget-notes", intro="zanzibarquux figures")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    visible = add_page(home, title="Open notes", slug="open-notes", intro="zanzibarquux open")
    for c in (client, admin_client):
        hrefs, html = results(c, q="zanzibarquux")
        assert hrefs == [visible.url]
        assert "Budget notes" not in html.get_text()


def test_results_are_in_the_visitors_language_only(client, home):
    spanish = Locale.objects.get(language_code="es")
    english = add_page(home, title="Sliding scale", slug="sliding", intro="quetzalword English")
    assert home.get_translation(spanish).live  # the demo's Spanish home
    page_es = english.copy_for_translation(spanish)
    page_es.title = "Escala móvil"
    page_es.intro = "quetzalword en español"
    page_es.save_revision().publish()
    run_tasks()
    hrefs, _ = results(client, q="quetzalword")
    assert hrefs == ["/en/sliding/"]
    hrefs, _ = results(client, url="/es/search/", q="quetzalword")
    assert hrefs == ["/es/sliding/"]


@pytest.mark.parametrize(
    "query",
    [
        "co\x00op",
        "a" * 5000,
        "'; DROP TABLE wagtailcore_page; --",
        "{{ request }}{% debug %}",
        "\u202eevil\u202c",
        "مرحبا بالعالم",
        '"unbalanced AND (',
        "* OR NOT",
        '"',
    ],
)
def test_hostile_queries_get_a_normal_page(client, query):
    response = client.get("/en/search/", {"q": query, "page": "x\x00", "type": "<script>"})
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"</head>")[1].replace(b"<script src", b"")


def test_undecodable_bytes_get_a_normal_page(client):
    assert client.get("/en/search/?q=%ED%A0%80%FF&page=%00").status_code == 200


def test_a_long_query_is_shortened_and_the_visitor_is_told(client):
    _, html = results(client, q="cooperative " * 100)
    assert "shortened" in html.select_one(".notice").get_text()


def test_out_of_range_pages_show_the_last_page(client, home):
    for n in range(12):
        add_page(home, title=f"Note {n}", slug=f"note-{n}", intro="paginatedword")
    hrefs_1, html = results(client, q="paginatedword")
    assert len(hrefs_1) == 10
    hrefs_last, _ = results(client, q="paginatedword", page="999")
    assert len(hrefs_last) == 2
    assert html.select_one('.pagination a[rel="next"]') is not None


def test_pages_of_results_run_the_full_text_match_once_and_cover_every_match(client, home):
    for n in range(12):
        add_page(home, title=f"Note {n}", slug=f"note-{n}", intro="pagedword")
    seen = []
    for number in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            hrefs, html = results(client, q="pagedword", page=str(number))
        matching = [q for q in queries.captured_queries if "indexentry" in q["sql"].lower()]
        assert len(matching) == 1  # the count and the page come from the same query
        assert "12 results" in html.select_one("h2, .search-summary, main").get_text()
        seen += hrefs
    assert len(seen) == len(set(seen)) == 12  # page 2 goes on where page 1 stopped


def test_empty_search_says_so_and_offers_the_main_sections(client):
    hrefs, html = results(client, q="xylophonequagga")
    assert hrefs == []
    empty = html.select_one(".search-empty")
    assert "Nothing found" in empty.get_text()
    assert empty.select_one('a[href="/en/faq/"]') is not None


def test_editors_can_promote_a_result_and_searches_are_not_recorded(client, home):
    join = home.get_children().get(slug="join-us")
    promoted_query = Query.objects.create(query_string="membership")
    SearchPromotion.objects.create(query=promoted_query, page=join, description="How to join")
    queries_before = Query.objects.count()
    html = soup(client.get("/en/search/", {"q": "Membership"}))
    first = html.select_one(".search-results li")
    assert "search-result--promoted" in first["class"]
    assert first.a["href"] == "/en/join-us/"
    client.get("/en/search/", {"q": "depression help"})
    assert Query.objects.count() == queries_before  # nobody's search terms are stored


def test_a_new_promotion_shows_on_the_next_search(client, home):
    join = home.get_children().get(slug="join-us")
    before = client.get("/en/search/", {"q": "dues"}).content.decode()
    assert "search-result--promoted" not in before
    SearchPromotion.objects.create(
        query=Query.objects.create(query_string="dues"), page=join, description="How to join"
    )
    first = soup(client.get("/en/search/", {"q": "dues"})).select_one(".search-results li")
    assert "search-result--promoted" in first["class"]


@pytest.mark.parametrize("word", ["EMDR", "Spanish", "Medicaid"])
def test_finds_providers_by_approach_language_and_insurance(client, word):
    hrefs, _ = results(client, q=word, type="provider")
    assert hrefs, word
    assert all(href.startswith("/en/directory/") for href in hrefs)
