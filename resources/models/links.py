"""Resource links: translatable snippets pointing at other sites, and the page that lists them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.models import BasePage

# --- Resource links --------------------------------------------------------------------------


class ResourceKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    ARTICLE = "article", _("Article")
    PODCAST = "podcast", _("Podcast")
    VIDEO = "video", _("Video")
    BOOK = "book", _("Book")


class TaggedResourceLink(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourceLink", on_delete=models.CASCADE, related_name="tagged_items"
    )


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
    tags = ClusterTaggableManager(
        through=TaggedResourceLink,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Topics visitors can filter by, e.g. 'co-op basics', 'mental health'."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
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
        ordering = ["title"]

    def __str__(self):
        return self.title


class ResourceIndexPage(BasePage):
    """Lists the resource links of this page's language, grouped by kind."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resources page")

    def get_context(self, request, *args, **kwargs):
        from ..resource_list import resource_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_listing(self, request.GET))
        return context
