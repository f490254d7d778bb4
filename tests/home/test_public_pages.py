"""What a visitor sees on each public page type of the demo site."""

import json

import pytest
from django.urls import reverse

from home import demo_content as content
from home.models import SiteSettings, SiteText, StandardPage
from tests.html import parse, soup, text_of

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_home_page_links_to_the_main_sections_and_invites_providers(client):
    page = soup(client.get("/en/"))
    assert page.h1.get_text(strip=True) == content.HOME["title"]
    card_links = {a["href"] for a in page.select(".cards a")}
    assert {"/en/faq/", "/en/principles/"} <= card_links
    cta = page.select_one(".cta")
    assert cta is not None
    assert cta.a["href"] == "/en/join-us/"
    assert content.HOME["cta"]["button_label"] in cta.get_text()
    # The Spanish home page invites to the Spanish page, whatever page the editor chose.
    spanish = soup(client.get("/es/")).select_one(".cta")
    assert spanish.a["href"] == "/es/unase/"


def test_faq_answers_expand_and_collapse_with_details_and_summary(client):
    page = soup(client.get("/en/faq/"))
    items = page.select("details.faq__item")
    assert len(items) == len(content.FAQ["questions"])
    for item, (question, _answer) in zip(items, content.FAQ["questions"], strict=True):
        summary = item.find("summary")
        assert summary is not None and summary.get_text(strip=True) == question
        assert item.get("open") is None  # closed until the visitor opens it
        assert item.select_one(".faq__answer").get_text(strip=True)
    assert items[0]["id"] == "what-is-a-co-op"
    assert len({item["id"] for item in items}) == len(items), "anchors must be unique"


def test_faq_publishes_schema_org_json_ld(client):
    page = soup(client.get("/en/faq/"))
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [q for q, _ in content.FAQ["questions"]]
    assert all(q["acceptedAnswer"]["text"] for q in data["mainEntity"])


def test_json_ld_cannot_be_broken_out_of(client, home):
    faq = home.get_children().get(slug="faq").specific
    faq.questions[0].value["question"] = "</script><script>alert(1)</script>"
    faq.save_revision().publish()
    html = client.get("/en/faq/").content.decode()
    assert "</script><script>alert(1)" not in html


def test_principles_page_has_seven_anchored_principles_and_a_contents_list(client):
    page = soup(client.get("/en/principles/"))
    sections = page.select("section.principle")
    assert len(sections) == 7
    toc = [a["href"] for a in page.select("nav.toc a")]
    assert toc == [f"#{s['id']}" for s in sections]
    first = sections[0]
    assert first["id"] == "voluntary-and-open-membership"
    assert "What it means" in first.get_text() and "How we live it" in first.get_text()
    assert "end their contract at any time" in first.get_text()


def test_standard_page_renders_its_blocks(client):
    text = text_of(client.get("/en/about/"))
    assert "Lycan Counseling" in text
    assert "We decide together." in text  # the quote block


def test_external_media_is_a_link_not_an_embedded_player(client, home):
    page = StandardPage(
        title="Listen",
        slug="listen",
        body=[
            (
                "media",
                {
                    "media": "https://www.youtube.com/watch?v=abc",
                    "title": "Co-ops explained",
                    "description": "",
                },
            )
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    html = soup(client.get("/en/listen/"))
    assert html.find("iframe") is None
    link = html.select_one(".media-card a")
    assert link["href"] == "https://www.youtube.com/watch?v=abc"
    assert "noopener" in link["rel"]
    assert "external site" in link.get_text()


def test_menu_lists_pages_marked_show_in_menus(client, home):
    hidden = home.get_children().get(slug="contact").specific
    hidden.show_in_menus = False
    hidden.save_revision().publish()
    nav = soup(client.get("/en/faq/")).select_one("nav.site-nav")
    labels = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert "Co-op FAQ" in labels and "Our principles" in labels
    assert "Contact" not in labels
    current = nav.select_one('a[aria-current="page"]')
    assert current["href"] == "/en/faq/"


def test_footer_shows_the_site_settings_and_every_page_shows_the_crisis_notice(client, site):
    settings = SiteSettings.for_site(site)
    settings.phone = "(206) 555-0199"
    settings.email = "care@example.org"
    settings.save()
    text = SiteText.objects.get(locale__language_code="en")
    text.crisis_notice = "<p>Call or text 988 now.</p>"
    text.save()
    for url in ("/en/", "/en/faq/", "/en/principles/", "/en/about/", "/en/no-such-page/"):
        html = parse(client.get(url))
        assert "Call or text 988 now." in html.select_one("aside.crisis").get_text(), url
        footer = html.select_one("footer.site-footer")
        assert "(206) 555-0199" in footer.get_text(), url
        assert footer.select_one('a[href="tel:2065550199"]') is not None, url
        assert footer.select_one('a[href="mailto:care@example.org"]') is not None, url


def test_base_template_landmarks_and_language(client):
    html = soup(client.get("/en/principles/"))
    assert html.html["lang"] == "en"
    assert html.html["dir"] == "ltr"
    skip = html.select_one("a.skip-link")
    assert skip["href"] == "#main" and html.find("main", id="main") is not None
    assert html.find("header") and html.find("footer") and html.find("nav")
    assert html.find("meta", attrs={"name": "description"})["content"]
    assert html.find("meta", property="og:title")["content"]
    assert html.find("link", rel="canonical")["href"].endswith("/en/principles/")


def test_sitemap_lists_live_public_pages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ("/en/", "/en/faq/", "/en/principles/", "/en/about/", "/en/join-us/"):
        assert f"{path}</loc>" in body, path


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_health_check_reports_the_database(client):
    from background import lease

    lease.hold("a running scheduler", seconds=60)
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "scheduler": "ok"}
    assert "no-cache" in response["Cache-Control"]
