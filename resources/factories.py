"""Build provider profiles from plain specs: the demo's dozen, generated ones for scale
tests (`load_demo --providers N`), and test data.

A spec is a dict like the entries of demo_content.PROVIDERS. `add_providers` inserts many
profiles quickly: it numbers the tree paths itself instead of calling `add_child` per page,
and writes terms and offices with one bulk insert each. Generated pages are live with no
revision history; the first edit (admin or own-profile form) creates their first revision.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from . import demo_content
from .models import DirectoryTerm, ProviderOffice, ProviderPage

TERM_KEYS = ("specialty", "approach", "population", "language", "insurance")

FIRST_NAMES = [
    "Aaliyah", "Ahmed", "Alejandro", "Amara", "Ana", "Andre", "Aroha", "Ben", "Carmen",
    "Chen", "Dana", "Darnell", "Diego", "Elif", "Emeka", "Fatima", "Gabriel", "Hana",
    "Imani", "Isabel", "Jamal", "Jin", "Kai", "Kalani", "Laila", "Leticia", "Luis", "Maya",
    "Mei", "Miguel", "Nadia", "Noor", "Olu", "Pablo", "Quinn", "Ravi", "Renee", "Sofia",
    "Tariq", "Thanh", "Valeria", "Wren", "Xochitl", "Yusuf", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Abebe", "Alvarez", "Begay", "Castillo", "Cohen", "Diaz", "Eriksen", "Flores", "Garcia",
    "Hernandez", "Ito", "Johnson", "Kaur", "Kim", "Lopez", "Martinez", "Mendoza", "Nguyen",
    "Novak", "Obi", "Okoye", "Park", "Patel", "Quispe", "Ramirez", "Reyes", "Santos",
    "Singh", "Tanaka", "Torres", "Vargas", "Walker", "Williams", "Yazzie", "Zhang",
]  # fmt: skip
PRONOUNS = ["she/her", "he/him", "they/them", "she/they", "he/they"]
LICENCES = [
    ("LMHC", "MA, LMHC"),
    ("LPC", "MA, LPC"),
    ("LICSW", "MSW, LICSW"),
    ("LCSW", "MSW, LCSW"),
    ("LMFT", "MA, LMFT"),
    ("ARNP", "DNP, ARNP"),
    ("PhD/PsyD", "PsyD"),
    ("associate", "MA, LMHCA"),
]
CITIES = [
    ("Seattle", "WA"), ("Tacoma", "WA"), ("Spokane", "WA"), ("Olympia", "WA"),
    ("Bellingham", "WA"), ("Yakima", "WA"), ("Vancouver", "WA"), ("Portland", "OR"),
    ("Salem", "OR"), ("Eugene", "OR"), ("Bend", "OR"), ("Medford", "OR"),
]  # fmt: skip


def _pick(rng, slugs, low, high):
    return rng.sample(slugs, k=min(len(slugs), rng.randint(low, high)))


def generated_spec(rng, number):
    """A realistic fictional provider. `number` keeps names and slugs unique."""
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    licence, credentials = rng.choice(LICENCES)
    terms = {kind: [slug for slug, _n, _p in demo_content.TERMS[kind]] for kind in TERM_KEYS}
    offices = rng.sample(CITIES, k=rng.choice([0, 1, 1, 1, 2]))
    states = sorted({state.lower() for _city, state in offices} or {rng.choice(["wa", "or"])})
    spanish = rng.random() < 0.25
    return {
        "title": name,
        "slug": f"{slugify(name)}-{number}",
        "pronouns": rng.choice(PRONOUNS),
        "credentials": credentials,
        "licence_type": licence,
        "supervisor": licence != "associate" and rng.random() < 0.15,
        "practice_name": f"{name.split()[1]} Counseling" if rng.random() < 0.6 else "",
        "intro": "Independent provider and co-op member.",
        "bio": "<p>Fictional profile generated for scale testing.</p>",
        "states": states,
        "specialty": _pick(rng, terms["specialty"], 1, 4),
        "approach": _pick(rng, terms["approach"], 1, 3),
        "population": _pick(rng, terms["population"], 1, 3),
        "language": ["en", "es"] if spanish else ["en"],
        "insurance": _pick(rng, terms["insurance"], 1, 3),
        "reduced_cost": rng.random() < 0.4,
        "telehealth": rng.random() < 0.8,
        "in_person": bool(offices),
        "offices": offices,
        "accepting": rng.random() < 0.6,
        "confirmed_days_ago": rng.randint(0, 60),
    }


def _instance(spec, directory, now):
    fields = {
        key: spec[key]
        for key in (
            "title",
            "slug",
            "pronouns",
            "credentials",
            "licence_type",
            "practice_name",
            "intro",
            "bio",
            "phone",
            "email",
            "booking_url",
            "reduced_cost_details",
        )
        if key in spec
    }
    return ProviderPage(
        **fields,
        supervisor=spec.get("supervisor", False),
        reduced_cost=spec.get("reduced_cost", False),
        offers_telehealth=spec.get("telehealth", False),
        offers_in_person=spec.get("in_person", False),
        accepting_new_clients=spec.get("accepting", False),
        availability_confirmed_at=now - timedelta(days=spec.get("confirmed_days_ago", 0)),
        locale_id=directory.locale_id,
    )


def _term_ids(spec):
    wanted = {(kind, slug) for kind in TERM_KEYS for slug in spec.get(kind, [])}
    wanted |= {("state", slug) for slug in spec.get("states", [])}
    return wanted


def _link_terms_and_offices(pages_and_specs):
    lookup = {(t.kind, t.slug): t.pk for t in DirectoryTerm.objects.all()}
    through = ProviderPage.terms.through
    links, offices = [], []
    for page, spec in pages_and_specs:
        links += [
            through(providerpage_id=page.pk, directoryterm_id=lookup[key])
            for key in sorted(_term_ids(spec))
            if key in lookup
        ]
        offices += [
            ProviderOffice(page_id=page.pk, city=city, state=state, sort_order=i)
            for i, (city, state) in enumerate(spec.get("offices", []))
        ]
    through.objects.bulk_create(links, batch_size=500)
    ProviderOffice.objects.bulk_create(offices, batch_size=500)


@transaction.atomic
def add_providers(directory, specs, now=None):
    """Insert live provider pages under `directory`, fast. Returns the new pages."""
    now = now or timezone.now()
    directory = Page.objects.select_for_update().get(pk=directory.pk)
    last = directory.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    created = []
    for spec in specs:
        step += 1
        page = _instance(spec, directory, now)
        page.depth = directory.depth + 1
        page.path = Page._get_path(directory.path, page.depth, step)
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title
        page._cached_parent_obj = directory
        page.save(clean=False)
        created.append((page, spec))
    Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + len(created))
    _link_terms_and_offices(created)
    return [page for page, _spec in created]


def publish_provider(directory, spec, now=None):
    """One provider created as an editor would: add_child, then a published first revision."""
    now = now or timezone.now()
    page = _instance(spec, directory, now)
    directory.add_child(instance=page)
    _link_terms_and_offices([(page, spec)])
    page = ProviderPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    return page


def generate(directory, count, seed=None):
    """`count` more realistic providers, numbered after those already there."""
    rng = random.Random(seed)  # noqa: S311 - fictional demo data, not security
    start = directory.get_children().count() + 1
    return add_providers(directory, [generated_spec(rng, start + i) for i in range(count)])
