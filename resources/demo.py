"""The demo's resource links and provider directory. Idempotent: what exists is kept."""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Site

from home.demo import child_by_slug, publish_child

from . import demo_content as content
from . import factories
from .models import (
    DirectorySettings,
    DirectoryTerm,
    ProviderDirectoryPage,
    ResourceIndexPage,
    ResourceLink,
)


def ensure_terms(log):
    existing = set(DirectoryTerm.objects.values_list("kind", "slug"))
    new = [
        DirectoryTerm(
            kind=kind,
            slug=slug,
            name=name,
            name_es=content.TERM_NAMES_ES.get((kind, slug), ""),
            position=position,
        )
        for kind, terms in content.TERMS.items()
        for slug, name, position in terms
        if (kind, slug) not in existing
    ]
    if new:
        DirectoryTerm.objects.bulk_create(new)
        log(f"created {len(new)} directory terms")
    for term in DirectoryTerm.objects.filter(name_es=""):
        spanish = content.TERM_NAMES_ES.get((term.kind, term.slug))
        if spanish:
            term.name_es = spanish
            term.save(update_fields=["name_es"])


def ensure_resources(home, log):
    if child_by_slug(home, content.RESOURCES["slug"]) is None:
        publish_child(home, ResourceIndexPage(**content.RESOURCES))
        log("created the resources page")
    english = Locale.get_default()
    known = set(ResourceLink.objects.filter(locale=english).values_list("url", flat=True))
    for spec in content.RESOURCE_LINKS:
        if spec["url"] in known:
            continue
        link = ResourceLink(
            locale=english, **{k: v for k, v in spec.items() if k != "tags"}, language="en"
        )
        link.save()
        link.tags.set(spec["tags"])
        link.save()
        log(f"created the resource link {spec['title']}")


def ensure_directory(home, log):
    directory = child_by_slug(home, content.DIRECTORY["slug"])
    if directory is None:
        directory = publish_child(
            home, ProviderDirectoryPage(**content.DIRECTORY, show_in_menus=True)
        )
        log("created the provider directory")
    existing = set(directory.get_children().values_list("slug", flat=True))
    for spec in content.PROVIDERS:
        if spec["slug"] not in existing:
            factories.publish_provider(directory, spec)
            log(f"created the profile of {spec['title']}")
    return directory


def ensure_provider_login(directory, log):
    User = get_user_model()
    spec = content.DEMO_PROVIDER_LOGIN
    user = User.objects.filter(username=spec["username"]).first()
    if user is None:
        user = User.objects.create_user(spec["username"], spec["email"], spec["password"])
        log(f"created the demo provider login {spec['username']}")
    first = directory.get_children().filter(slug=content.PROVIDERS[0]["slug"]).first()
    if first is not None:
        profile = first.specific
        if profile.account_id is None:
            profile.account = user
            profile.save_revision().publish()
            log(f"linked {profile.title}'s profile to {user.username}")


@transaction.atomic
def load(home, log, providers=0, seed=None):
    ensure_terms(log)
    ensure_resources(home, log)
    directory = ensure_directory(home, log)
    # Wagtail creates a site's settings row on first read; make it now, not during a visit.
    for site in Site.objects.all():
        DirectorySettings.for_site(site)
    ensure_provider_login(directory, log)
    if providers:
        factories.generate(directory, providers, seed=seed)
        log(f"generated {providers} more providers")
    return directory


def demo_logins():
    spec = content.DEMO_PROVIDER_LOGIN
    return [
        (
            "Provider (edits their own profile at /en/directory/ana-rivera/edit/)",
            spec["username"],
            spec["password"],
        )
    ]
