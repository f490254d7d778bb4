"""The resources page: links of the page's language, grouped by kind, filtered by topic.

Presentation only: it is given the page's links and topics as plain values
(`ResourceIndexPage.links`), so it imports no models.
"""

from django.utils.translation import gettext_lazy as _

from home.text import clean_text

from .vocab import ResourceKind

# Group headings: what a visitor looks for, in the plural; help first.
GROUP_HEADINGS = {
    ResourceKind.SUPPORT: _("If you need help now"),
    ResourceKind.ORGANISATION: _("Organizations"),
    ResourceKind.ARTICLE: _("Articles"),
    ResourceKind.PODCAST: _("Podcasts"),
    ResourceKind.VIDEO: _("Videos"),
    ResourceKind.BOOK: _("Books"),
}


def wanted_topic(query):
    """The topic slug a query string asks for, cleaned (no NUL, which PostgreSQL refuses)."""
    return clean_text(query.get("topic", "")).lower()[:100]


def resource_listing(links, topics, query):
    """What the resources page shows of its `links` and `topics` (plain values, in order:
    `ResourceIndexPage.links`) for a query string."""
    wanted = wanted_topic(query)
    topic = next((t for t in topics if t.slug == wanted), None)
    notice = bool(wanted) and topic is None
    if topic is not None:
        links = [link for link in links if topic in link.tags]
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
