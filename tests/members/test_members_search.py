"""Members search the manual and the proposals; the public never finds either."""

import pytest
from wagtail.rich_text import RichText

from members import manual
from members.factories import make_open_proposal
from members.models import Kind
from tests.html import parse

pytestmark = pytest.mark.django_db

SECRET = "quokkazephyr"


@pytest.fixture
def secret_word_everywhere(member):
    page = manual.current_manual()
    clause = page.sections[0].value["clauses"][0]
    clause["text"] = RichText(f"<p>Members agree to the {SECRET} rule.</p>")
    manual.editorial_publish(page.save_revision(), None, "A word for the search test")
    make_open_proposal(member, kind=Kind.GENERAL, title=f"Adopt the {SECRET} rule")


def test_a_member_finds_the_manual_clause_and_the_proposal(client, member, secret_word_everywhere):
    client.force_login(member.user)
    html = parse(client.get("/en/members/search/", {"q": SECRET.upper()}))
    titles = [a.get_text(strip=True) for a in html.select(".search-result__title a")]
    hrefs = [a["href"] for a in html.select(".search-result__title a")]
    assert any(href.startswith("/en/members/manual/#") for href in hrefs)
    assert f"Adopt the {SECRET} rule" in titles
    assert html.select_one(".search-result__snippet mark").get_text().lower() == SECRET


def test_the_public_search_never_finds_them(client, secret_word_everywhere):
    for url in ("/en/search/", "/es/search/"):
        html = parse(client.get(url, {"q": SECRET}))
        assert html.select(".search-result") == []
        assert html.select_one(".search-empty") is not None


def test_hostile_queries_in_the_members_search(client, member):
    client.force_login(member.user)
    for query in ("\x00", "a" * 5000, '"(', "{% debug %}", "\u202e"):
        assert client.get("/en/members/search/", {"q": query}).status_code == 200
