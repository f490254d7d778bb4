"""The directory's result cards, each rendered once and cached with the page chrome.

A card (templates/resources/includes/provider_card.html) shows a provider's live row, their
terms in the visitor's language and their offices, so it changes only when a profile is
published, unpublished, moved or deleted, or a term or an office is saved: the events that
start a new chrome version (home/chrome.py; resources/apps.py watches terms and offices).
It is cached under that version per provider, language, host and whether the provider is
accepting new clients now, which the page's query reads afresh on every request (it lapses
with time, not with an edit). The link's query string (the filters, carried to the profile
so "Back to the directory" keeps them) is a hole each request fills (resources/markup.py).

A page of results costs one cache round trip for all its cards; only the cards not found are
built (by the page model's queries) and rendered. Imports no models.
"""

from django.utils.translation import get_language

from home.chrome import MISSING, lookup, prefetch, store

from . import markup

TEMPLATE = "resources/includes/provider_card.html"
NAME = "directory-card"


def rendered_cards(rows, build, query, host):
    """The HTML of the cards of `rows` (one page of results, in order: dicts with at least
    "pk" and "accepting_now"), each linking to its profile with `query`. `build(rows)` gives
    the card values (the template's `provider`) of the rows whose card is not cached."""
    language = get_language() or ""
    entries = [(NAME, row["pk"], int(row["accepting_now"]), language, host) for row in rows]
    prefetch(*entries)
    found = [lookup(*entry) for entry in entries]
    missing = [row for row, card in zip(rows, found, strict=True) if card is MISSING]
    if missing:
        built = {values["pk"]: values for values in build(missing)}
        for index, (row, entry) in enumerate(zip(rows, entries, strict=True)):
            if found[index] is MISSING:
                found[index] = _render(built[row["pk"]])
                store(NAME, found[index], *entry[1:])
    values = {"query": f"?{query}" if query else ""}
    return [markup.fill(card, values) for card in found]


def _render(card):
    return markup.render(TEMPLATE, lambda holes: {"provider": card, "query_suffix": holes["query"]})
