"""The directory as a visitor uses it: every filter, combined, chips, paging, bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from resources import factories
from resources.models import DirectorySettings, ProviderDirectoryPage, ProviderPage
from tests.html import soup

pytestmark = pytest.mark.django_db
URL = "/en/directory/"


def names(response):
    return [a.get_text(strip=True) for a in soup(response).select(".provider-card__name a")]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"specialty": "grief"}, {"Mai Tran", "Keisha Washington"}),
        ({"approach": "emdr"}, {"Marcus Bell", "Elena Petrova"}),
        ({"population": "couples"}, {"Lucía Morales", "Elena Petrova"}),
        ({"language": "vi"}, {"Mai Tran"}),
        ({"language": "ru"}, {"Elena Petrova"}),
        ({"insurance": "tricare"}, {"David Okafor", "Tomás Herrera"}),
        ({"state": "or"}, {"Priya Natarajan", "Jordan Whitehorse", "Lucía Morales",
                           "Elena Petrova", "Keisha Washington"}),
        ({"city": "tacoma"}, {"Marcus Bell", "Rosa Delgado"}),
        ({"format": "in-person", "language": "asl"}, set()),
        ({"format": "telehealth", "language": "asl"}, {"Sam Goldberg"}),
        ({"q": "couples"}, {"Lucía Morales", "Elena Petrova"}),
        ({"q": "Okafor"}, {"David Okafor"}),
    ],
)  # fmt: skip
def test_each_filter(client, params, expected):
    assert set(names(client.get(URL, params))) == expected


def test_reduced_cost_and_accepting(client):
    reduced = set(names(client.get(URL, {"reduced_cost": "1"})))
    assert reduced == set(
        ProviderPage.objects.filter(reduced_cost=True).values_list("title", flat=True)
    )
    accepting = set(names(client.get(URL, {"accepting": "1"})))
    # Priya ticked "accepting" 45 days ago; Marcus, David and Elena are not accepting.
    assert "Priya Natarajan" not in accepting
    assert {"Ana Rivera", "Keisha Washington", "Tomás Herrera"} <= accepting
    assert not {"Marcus Bell", "David Okafor", "Elena Petrova"} & accepting


def test_filters_combine_and_values_of_one_list_mean_any(client):
    response = client.get(URL + "?language=es&insurance=medicaid&format=telehealth&reduced_cost=1")
    assert set(names(response)) == {"Ana Rivera", "Lucía Morales", "Rosa Delgado"}
    either = set(names(client.get(URL + "?language=vi&language=ru")))
    assert either == {"Mai Tran", "Elena Petrova"}


def test_count_chips_and_clear_all(client):
    page = soup(client.get(URL + "?language=es&insurance=medicaid"))
    assert page.select_one(".directory-results__count").get_text(strip=True).startswith("4 ")
    chips = page.select("a.directory-chip")
    assert [c.get_text(" ", strip=True) for c in chips] == [
        "Language: Spanish ×",
        "Insurance: Medicaid (Apple Health, Oregon Health Plan) ×",
    ]
    # Removing a filter lands on the results, not back at the top of the form.
    assert chips[0]["href"] == "?insurance=medicaid#results"
    assert chips[1]["href"] == "?language=es#results"
    assert page.select_one("a.directory-chips__clear")["href"] == URL + "#results"
    assert page.select_one('input[name="language"][value="es"]').has_attr("checked")


def test_accepting_first_then_by_name(client):
    listed = names(client.get(URL))
    accepting = set(names(client.get(URL, {"accepting": "1"})))
    flags = [name in accepting for name in listed]
    assert flags == sorted(flags, reverse=True)
    split = flags.count(True)
    assert listed[:split] == sorted(listed[:split])
    assert listed[split:] == sorted(listed[split:])


def test_pagination_keeps_filters_and_survives_bad_numbers(client):
    directory = ProviderDirectoryPage.objects.get(locale__language_code="en")
    import random

    rng = random.Random(5)
    factories.add_providers(directory, [factories.generated_spec(rng, 100 + i) for i in range(30)])
    first = soup(client.get(URL, {"format": "telehealth"}))
    next_link = first.select_one('a[rel="next"]')
    assert next_link["href"] == "?format=telehealth&page=2#results"
    for bad in ("0", "-1", "abc", "99999", "9" * 5000, "1\x00"):
        response = client.get(URL, {"page": bad})
        assert response.status_code == 200
        assert names(response)


@pytest.mark.parametrize(
    "params",
    [
        {"specialty": "no-such-thing"},
        {"specialty": "x" * 5000},
        {"q": "x" * 5000},
        {"q": "anx\x00iety"},
        {"city": "Sea\x00ttle"},
        {"city": "y" * 5000},
        {"language": "es\x00"},
        {"format": "carrier-pigeon"},
        {"accepting": "\x00"},
        {"insurance": ["medicaid"] * 500},
        {"unknown": "value"},
    ],
)
def test_hostile_input_gets_a_normal_page(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert soup(response).select_one(".directory-results__count")


def test_unknown_values_are_reported_politely(client):
    page = soup(client.get(URL, {"specialty": "astrology", "language": "es"}))
    notice = page.select_one(".directory-notices").get_text(" ", strip=True)
    assert "ignored an unknown specialty filter" in notice
    assert len(page.select("a.directory-chip")) == 1


def test_long_search_is_shortened_with_a_notice(client):
    page = soup(client.get(URL, {"q": "grief " * 1000}))
    assert "first 100 characters" in page.select_one(".directory-notices").get_text()


def test_listing_says_contact_when_availability_is_stale(client, site):
    settings = DirectorySettings.for_site(site)
    settings.accepting_valid_days = 1
    settings.save()
    page = soup(client.get(URL, {"q": "Keisha"}))
    assert "Contact to ask about availability" in page.select_one(".provider-card").get_text()
    ProviderPage.objects.filter(slug="keisha-washington").update(
        availability_confirmed_at=timezone.now() - timedelta(hours=1)
    )
    page = soup(client.get(URL, {"q": "Keisha"}))
    assert "Accepting new clients" in page.select_one(".provider-card__availability").get_text()
