"""The resources page: links of the page's language, grouped by kind, filtered by topic."""

from taggit.models import Tag
from wagtail.models import Locale

from home.text import clean_text

from .models import ResourceKind, ResourceLink, TaggedResourceLink


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
            groups.append({"kind": kind, "label": label, "links": items})
    return {
        "groups": groups,
        "topics": topics,
        "topic": topic,
        "unknown_topic": notice,
        "link_count": len(links),
    }
