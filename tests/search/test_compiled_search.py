"""The site search runs its backend's full-text query compiled once per shape, with each
search's words put where stand-ins were (search/compiled.py). These check that what it finds,
and the order it finds it in, is what the backend itself gives for the same words, and that a
change to what the query depends on (a restriction, the language, the kind) is a new shape."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from home.models import FAQPage
from search import views

pytestmark = pytest.mark.django_db

QUERIES = [
    ["anxiety"],
    ["Spanish", "Medicaid"],
    ["co", "op"],
    ["wage"],
    ["therapy", "telehealth", "couples"],
    ["xylophonequagga"],
    ["terapia", "niños"],
]


def backend_ids(locale, result_type, words):
    """What the search backend gives for these words, without search/compiled.py."""
    pages = views.searchable_pages(locale, result_type)
    return list(pages.search(" ".join(words)).get_queryset().values_list("pk", flat=True))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("result_type", ["", "provider", "faq"])
def test_finds_what_the_backend_finds_in_its_order(language, result_type):
    locale = Locale.objects.get(language_code=language)
    for words in QUERIES:
        # Twice: the first compiles the shape, the second runs it with other words put in.
        for _ in range(2):
            assert views.ranked_ids(locale, result_type, set(), words) == backend_ids(
                locale, result_type, words
            ), words


def test_a_search_is_one_query_and_a_new_restriction_is_a_new_shape():
    locale = Locale.objects.get(language_code="en")
    faq = FAQPage.objects.get(locale=locale)
    assert faq.pk in views.ranked_ids(locale, "", set(), ["wage"])
    with CaptureQueriesContext(connection) as queries:
        views.ranked_ids(locale, "", set(), ["cooperative"])
    assert len(queries) == 1
    restriction = PageViewRestriction.objects.create(
        page=faq, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Members")[0])
    assert faq.pk not in views.ranked_ids(locale, "", set(), ["wage"])


def test_promoted_pages_are_left_out_of_the_ranked_results():
    locale = Locale.objects.get(language_code="en")
    faq = FAQPage.objects.get(locale=locale)
    assert faq.pk in views.ranked_ids(locale, "", set(), ["wage"])
    assert faq.pk not in views.ranked_ids(locale, "", {faq.pk}, ["wage"])
