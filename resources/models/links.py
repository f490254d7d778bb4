"""Resource links: translatable snippets pointing at other sites, and the page that lists them."""

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from home.chrome import cached
from home.models import BasePage

from ..resource_list import resource_listing, wanted_topic
from ..vocab import ResourceKind

# --- Resource links --------------------------------------------------------------------------


class TaggedResourceLink(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourceLink", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourceLinkQuerySet(models.QuerySet):
    def for_locale(self, locale):
        """Links in this language; the default language's while none have been translated."""
        links = self.filter(locale=locale)
        if not links.exists():
            links = self.filter(locale=Locale.get_default())
        return links

    def topics(self):
        """The tags these links carry, by name."""
        tagged = TaggedResourceLink.objects.filter(content_object__in=self)
        return Tag.objects.filter(pk__in=tagged.values("tag_id")).order_by("name")

    def topic_in(self, locale, slug):
        """The slug of `locale`'s topic that matches `slug`, a topic of another language (the
        language switch keeps ?topic=): the tag most of those links carry here. None if none."""
        others = self.filter(tags__slug=slug).exclude(locale=locale)
        match = (
            Tag.objects.filter(
                resources_taggedresourcelink_items__content_object__locale=locale,
                resources_taggedresourcelink_items__content_object__translation_key__in=(
                    others.values("translation_key")
                ),
            )
            .annotate(n=Count("pk"))
            .order_by("-n", "name")
            .first()
        )
        return match.slug if match else None


class ResourceLink(TranslatableMixin, index.Indexed, ClusterableModel):
    """A link to reading, listening or an organisation on another site."""

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The title as the publisher gives it.")
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=120,
        help_text=_("Who publishes it, e.g. 'Democracy at Work Institute'."),
    )
    url = models.URLField(
        _("web address"), max_length=500, help_text=_("The full address, starting https://")
    )
    description = models.TextField(
        _("short description"),
        max_length=400,
        help_text=_("One or two sentences in our own words: what it is and why it is useful."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ResourceKind.choices,
        default=ResourceKind.ARTICLE,
        help_text=_("Links are grouped by kind on the resources page."),
    )
    language = models.CharField(
        _("language of the resource"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the linked resource is in (not the language of this entry)."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order in its group"),
        default=100,
        help_text=_(
            "Lower numbers come first within the link's group; links with the same number "
            "are listed by title. Put the crisis lines first."
        ),
    )
    tags = ClusterTaggableManager(
        through=TaggedResourceLink,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Topics visitors can filter by, e.g. 'co-op basics', 'mental health'."),
    )

    objects = ResourceLinkQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language"), FieldPanel("sort_order")]),
        FieldPanel("tags"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("publisher"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("resource link")
        verbose_name_plural = _("resource links")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class ResourceIndexPage(BasePage):
    """Lists the resource links of this page's language, grouped by kind."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    # Site search finds the page by its links ("Phoenix", "Wolff", "988").
    search_fields = BasePage.search_fields + [index.SearchField("resource_text")]

    class Meta:
        verbose_name = _("resources page")

    @property
    def resource_text(self):
        return " ".join(
            f"{link.title}. {link.publisher}. {link.description}"
            for link in ResourceLink.objects.for_locale(self.locale).order_by("kind", "title")
        )

    def search_text(self):
        return f"{super().search_text()} {self.resource_text}"

    def links(self):
        """(links, topics) of this page as plain values (`PlainLink`, `PlainTag`), cached
        with the page chrome: saving or deleting a link, its topics or a tag starts a new
        version (resources/apps.py)."""
        return cached("resource-links", self._plain_links, self.locale_id)

    def _plain_links(self):
        links = ResourceLink.objects.for_locale(self.locale)
        topics = [PlainTag(*row) for row in links.topics().values_list("pk", "name", "slug")]
        plain = [
            PlainLink(
                link.kind,
                link.title,
                link.publisher,
                link.url,
                link.description,
                link.language,
                tuple(PlainTag(tag.pk, tag.name, tag.slug) for tag in link.tags.all()),
            )
            for link in links.prefetch_related("tags").order_by("sort_order", "title")
        ]
        return plain, topics

    def serve(self, request, *args, **kwargs):
        wanted = wanted_topic(request.GET)
        if wanted and wanted not in {topic.slug for topic in self.links()[1]}:
            # A topic named in another language (the language switch keeps the query).
            slug = ResourceLink.objects.topic_in(self.locale, wanted)
            if slug:
                return redirect(f"{self.get_url(request)}?topic={slug}")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Without a topic the list is a fragment cached with the chrome (the template): the
        # links are read only to render it, or a topic's list.
        context["filtered"] = bool(wanted_topic(request.GET))
        context["listing"] = SimpleLazyObject(lambda: resource_listing(*self.links(), request.GET))
        return context


class PlainTag(NamedTuple):
    pk: int
    name: str
    slug: str


class PlainLink(NamedTuple):
    """A ResourceLink's values as the resources page shows them."""

    kind: str
    title: str
    publisher: str
    url: str
    description: str
    language: str
    tags: tuple  # (PlainTag, ...)

    def get_language_display(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)
