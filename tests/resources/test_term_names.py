"""Directory vocabularies read in the visitor's language, on the listing and on profiles."""

import pytest

from resources.models import ProviderPage
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_spanish_pages_name_the_filters_and_terms_in_spanish(client):
    directory_es = ProviderPage.objects.filter(locale__language_code="es").first().get_parent()
    spanish = parse(client.get(directory_es.url, {"specialty": "anxiety"}))
    labels = [label.get_text(strip=True) for label in spanish.select(".directory-filters__option")]
    assert "Ansiedad" in labels and "Anxiety" not in labels
    assert "Ansiedad" in spanish.select_one(".directory-chip").get_text()
    assert "Ansiedad" in spanish.select_one(".provider-list").get_text()
    english = parse(client.get("/en/directory/", {"specialty": "anxiety"}))
    assert "Anxiety" in english.select_one(".directory-chip").get_text()
    assert "Ansiedad" not in english.get_text()


def test_a_term_without_a_spanish_name_shows_its_english_name(client):
    profile = ProviderPage.objects.get(
        locale__language_code="es", slug__isnull=False, title="Ana Rivera"
    )
    html = parse(client.get(profile.url)).get_text()
    assert "Premera Blue Cross" in html  # a plan's name has no translation
