"""The public site in Spanish: every demo page translated through wagtail-localize, the chrome
and interface in Spanish, the switcher, hreflang and the sitemap linking both languages."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from home import demo_content
from home.demo_es_content import SPANISH
from home.models import FAQPage, PrinciplesPage, SiteText, StandardPage
from resources import demo_content as resources_content
from resources.models import ProviderDirectoryPage, ProviderPage, ResourceIndexPage, ResourceLink
from tests.html import soup

pytestmark = pytest.mark.django_db


def spanish_of(page):
    return page.get_translation(Locale.objects.get(language_code="es")).specific


def demo_pages(home):
    directory = home.get_children().get(slug="directory")
    pages = [home] + [p.specific for p in home.get_children().live().public()]
    pages += [
        p.specific
        for p in directory.get_children().filter(
            slug__in=[spec["slug"] for spec in resources_content.PROVIDERS]
        )
    ]
    return pages


def test_every_demo_page_and_snippet_has_a_published_spanish_translation(home):
    pages = demo_pages(home)
    assert {type(p) for p in pages} >= {
        type(home),
        FAQPage,
        PrinciplesPage,
        StandardPage,
        ResourceIndexPage,
        ProviderDirectoryPage,
        ProviderPage,
    }
    snippets = list(SiteText.objects.filter(locale=home.locale))
    snippets += list(ResourceLink.objects.filter(locale=home.locale))
    assert len(snippets) == 1 + len(resources_content.RESOURCE_LINKS)
    for english in pages + snippets:
        spanish = english.get_translation(Locale.objects.get(language_code="es"))
        if isinstance(spanish, Page):
            assert spanish.live and not spanish.has_unpublished_changes, english
        # Made through wagtail-localize, so editors see and sync the translation.
        source = TranslationSource.objects.get_for_instance(english)
        translation = Translation.objects.get(source=source, target_locale=spanish.locale)
        total, done = translation.get_progress()
        assert total and total == done, english


@pytest.mark.parametrize(
    ("slug", "spanish_texts"),
    [
        ("", ["Terapia con profesionales que dirigen juntos su práctica", "Conozca cómo unirse"]),
        ("faq", ["Preguntas sobre las cooperativas", "Entonces, ¿todos ganan lo mismo?"]),
        ("principles", ["Control democrático de los socios", "Compromiso con la comunidad"]),
        ("about", ["Quiénes somos", "Decidimos juntos."]),
        ("join-us", ["Únase a nosotros", "Cómo presentar su solicitud"]),
        ("contact", ["Contacto", "no envíe información de salud"]),
        ("resources", ["Para saber más", "Mostrar solo:", "sitio externo", "salud mental"]),
        ("directory", ["Encuentre a un profesional", "Mostrar profesionales", "Ana Rivera"]),
        ("directory/ana-rivera", ["Trabajo en inglés y en español", "Volver al directorio"]),
    ],
)
def test_each_page_type_reads_in_spanish_content_and_interface(client, home, slug, spanish_texts):
    english = home if not slug else Page.objects.get(url_path=f"{home.url_path}{slug}/")
    spanish = spanish_of(english)
    response = client.get(spanish.url)
    html = soup(response)
    assert html.html["lang"] == "es"
    text = " ".join(html.get_text(" ").split())
    for expected in spanish_texts + ["Saltar al contenido principal", "¿En crisis?"]:
        assert expected in text, expected
    assert spanish.url.startswith("/es/")
    # And the English page still reads in English.
    english_html = soup(client.get(english.url))
    assert english_html.html["lang"] == "en"
    assert "Skip to main content" in english_html.get_text()
    assert "Saltar al contenido principal" not in english_html.get_text()


def test_the_spanish_faq_has_all_eight_answers_and_the_principles_all_seven(client, home):
    faq = spanish_of(home.get_children().get(slug="faq"))
    html = soup(client.get(faq.url))
    questions = [s.get_text(" ", strip=True) for s in html.select("details summary")]
    expected = [SPANISH[q] for q, _a in demo_content.FAQ["questions"]]
    assert questions == expected
    assert len(html.select("details")) == 8
    principles = spanish_of(home.get_children().get(slug="principles"))
    names = [block.value["name"] for block in principles.principles]
    assert names == [SPANISH[n] for n, _m, _p in demo_content.PRINCIPLES["principles"]]
    assert len(names) == 7


def test_spanish_anchors_link_faq_answers(client, home):
    faq = spanish_of(home.get_children().get(slug="faq"))
    html = soup(client.get(faq.url))
    assert html.select_one("#todos-ganan-lo-mismo") is not None


def test_switcher_and_hreflang_link_the_same_page_in_the_other_language(client, home):
    faq = home.get_children().get(slug="faq")
    for url, other_code, other_url in [
        ("/en/faq/", "es", "/es/preguntas-frecuentes/"),
        ("/es/preguntas-frecuentes/", "en", "/en/faq/"),
    ]:
        html = soup(client.get(url))
        switch = html.select_one(f'.language-switcher a[hreflang="{other_code}"]')
        assert switch["href"] == other_url
        alternates = {
            link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"]')
        }
        assert alternates == {
            "en": "http://testserver/en/faq/",
            "es": "http://testserver/es/preguntas-frecuentes/",
            "x-default": "http://testserver/en/faq/",
        }
    assert faq.url == "/en/faq/"


def test_a_page_without_translation_switches_to_the_other_home_and_claims_no_alternate(
    client, home
):
    page = StandardPage(title="Only in English", slug="only-english")
    home.add_child(instance=page)
    page.save_revision().publish()
    html = soup(client.get("/en/only-english/"))
    assert html.select_one('.language-switcher a[hreflang="es"]')["href"] == "/es/"
    assert html.select('link[rel="alternate"]') == []


def test_sitemap_lists_every_public_page_in_both_languages_with_alternates(client, home):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for page in demo_pages(home):
        assert f"<loc>http://testserver{page.url}</loc>" in xml, page.url
        assert f"<loc>http://testserver{spanish_of(page).url}</loc>" in xml, page.url
    assert (
        '<xhtml:link rel="alternate" hreflang="es" '
        'href="http://testserver/es/preguntas-frecuentes/"/>' in xml
    )
    assert 'hreflang="x-default" href="http://testserver/en/faq/"' in xml


def test_pages_that_are_not_wagtail_pages_say_their_language(client):
    for url, lang, words in [
        ("/es/search/?q=cooperativa", "es", "Buscar"),
        ("/es/members/login/", "es", "Iniciar sesión"),
        ("/es/no-existe/", "es", "No encontramos esa página"),
    ]:
        response = client.get(url)
        html = soup(response) if response.status_code == 200 else None
        if html is None:
            from tests.html import parse

            html = parse(response)
        assert html.html["lang"] == lang, url
        assert words in html.get_text(), url


def test_spanish_search_finds_only_spanish_demo_pages(client):
    html = soup(client.get("/es/search/", {"q": "cooperativa"}))
    hrefs = [a["href"] for a in html.select(".search-result__title a")]
    assert hrefs and all(h.startswith("/es/") for h in hrefs)
    assert any(h.startswith("/es/preguntas-frecuentes/#") for h in hrefs)
    html = soup(client.get("/en/search/", {"q": "cooperativa"}))
    assert html.select(".search-result__title a") == []


def test_loading_the_demo_again_keeps_an_editors_spanish(home):
    from django.core.management import call_command

    about = spanish_of(home.get_children().get(slug="about"))
    about.intro = "Editado por una editora."
    about.save_revision().publish()
    call_command("load_demo", verbosity=0)
    about.refresh_from_db()
    assert about.intro == "Editado por una editora."


def test_admin_lists_the_spanish_translation_and_offers_to_sync_it(admin_client, home):
    faq = home.get_children().get(slug="faq")
    source = TranslationSource.objects.get_for_instance(faq.specific)
    response = admin_client.get(reverse("wagtailadmin_explore", args=[home.pk]))
    assert response.status_code == 200
    assert reverse("wagtail_localize:update_translations", args=[source.id]) in (
        response.content.decode()
    )
