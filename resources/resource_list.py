"""The resources page: links of the page's language, grouped by kind, filtered by topic."""

from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale

from home.text import clean_text

from .models import ResourceKind, ResourceLink, TaggedResourceLink

# Group headings: what a visitor looks for, in the plural; help first.
GROUP_HEADINGS = {
    ResourceKind.SUPPORT: _("If you need help now"),
    ResourceKind.ORGANISATION: _("Organizations"),
    ResourceKind.ARTICLE: _("Articles"),
    ResourceKind.PODCAST: _("Podcasts"),
    ResourceKind.VIDEO: _("Videos"),
    ResourceKind.BOOK: _("Books"),
}


def links_for_locale(locale):
    """Links in this language; the default language's while none have been translated."""
    links = ResourceLink.objects.filter(locale=locale)
    if not links.exists():
        links = ResourceLink.objects.filter(locale=Locale.get_default())
    return links


def resource_listing(page, query):
    links = links_for_locale(page.locale)
    topics = list(
        Tag.objects.filter(
            pk__in=TaggedResourceLink.objects.filter(content_object__in=links).values("tag_id")
        ).order_by("name")
    )
    wanted = clean_text(query.get("topic", "")).lower()[:100]
    topic = next((t for t in topics if t.slug == wanted), None)
    notice = bool(wanted) and topic is None
    if topic is not None:
        links = links.filter(tags=topic)
    links = list(links.prefetch_related("tags").order_by("title"))
    groups = []
    for kind, label in ResourceKind.choices:
        items = [link for link in links if link.kind == kind]
        if items:
            groups.append({"kind": kind, "label": GROUP_HEADINGS.get(kind, label), "links": items})
    return {
        "groups": groups,
        "topics": topics,
        "topic": topic,
        "unknown_topic": notice,
        "link_count": len(links),
    }


def topic_in_this_language(page, slug):
    """The slug of this page's topic that matches `slug`, a topic of another language (the
    language switch keeps ?topic=): the tag most of those links carry here. None if none."""
    from django.db.models import Count

    others = ResourceLink.objects.filter(tags__slug=slug).exclude(locale=page.locale)
    match = (
        Tag.objects.filter(
            resources_taggedresourcelink_items__content_object__locale=page.locale,
            resources_taggedresourcelink_items__content_object__translation_key__in=others.values(
                "translation_key"
            ),
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "name")
        .first()
    )
    return match.slug if match else None
