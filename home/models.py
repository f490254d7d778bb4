from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from . import text
from .blocks import (
    INLINE_FEATURES,
    BodyStreamBlock,
    CallToActionBlock,
    FAQItemBlock,
    LinkCardBlock,
    PrincipleBlock,
)


class BasePage(Page):
    """What every public page shares: a short introduction under the title."""

    menu_title = models.CharField(
        _("menu title"),
        max_length=40,
        blank=True,
        help_text=_("A shorter title for the site's menu. Leave blank to use the page title."),
    )
    intro = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("introduction"),
        help_text=_("One or two sentences under the title. Also used when the page is shared."),
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]
    # The fields (besides the introduction) a site-search snippet is cut from.
    search_text_fields: tuple[str, ...] = ()
    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + [FieldPanel("menu_title")]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's query, unless the cached route (home/routing.py) already knows there are
        none on this page or its ancestors."""
        known = getattr(self, "_known_view_restrictions", None)
        return known if known is not None else super().get_view_restrictions()

    def search_text(self):
        """Plain text the site search cuts this page's snippet from (search/views.py)."""
        parts = [self.intro or self.search_description or ""]
        for field_name in self.search_text_fields:
            value = getattr(self, field_name)
            if value:
                field = self._meta.get_field(field_name)
                parts.extend(strip_tags(text) for text in field.get_searchable_content(value))
        return " ".join(parts)

    def search_anchor(self, terms):
        """Where on the page a site-search result for `terms` (lower-case words) leads: a
        fragment such as "#an-answer", or "" for the top."""
        return ""

    @property
    def nav_title(self):
        return self.menu_title or self.title

    def get_meta_description(self):
        return self.search_description or self.intro


class HomePage(BasePage):
    highlights = StreamField(
        [("card", LinkCardBlock())],
        blank=True,
        verbose_name=_("highlights"),
        help_text=_("Cards that lead to the FAQ, the principles, resources and the directory."),
    )
    join_cta = StreamField(
        [("call_to_action", CallToActionBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("call to action for providers"),
        help_text=_("Invites licensed providers to learn about joining the co-op."),
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.FAQPage",
        "home.PrinciplesPage",
        "home.StandardPage",
        "resources.ResourceIndexPage",
        "resources.ProviderDirectoryPage",
        "members.ManualPage",
        "events.EventIndexPage",
    ]

    content_panels = BasePage.content_panels + [FieldPanel("highlights"), FieldPanel("join_cta")]

    class Meta:
        verbose_name = _("home page")


class FAQPage(BasePage):
    questions = StreamField(
        [("question", FAQItemBlock())],
        verbose_name=_("questions"),
        help_text=_("Each answer is hidden until a visitor opens its question."),
    )

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [index.SearchField("questions")]
    search_text_fields = ("questions",)
    content_panels = BasePage.content_panels + [FieldPanel("questions")]

    class Meta:
        verbose_name = _("FAQ page")

    def search_anchor(self, terms):
        """Straight to the first answer that mentions the search."""
        for block in self.questions:
            text = f"{block.value['question']} {strip_tags(str(block.value['answer']))}".lower()
            if any(term in text for term in terms):
                return f"#{block.value['anchor']}"
        return ""

    def get_structured_data(self):
        """schema.org FAQPage, for search engines that show answers."""
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": block.value["question"],
                    "acceptedAnswer": {"@type": "Answer", "text": str(block.value["answer"])},
                }
                for block in self.questions
            ],
        }


class PrinciplesPage(BasePage):
    principles = StreamField(
        [("principle", PrincipleBlock())],
        min_num=1,
        verbose_name=_("principles"),
        help_text=_("The seven cooperative principles, in order."),
    )

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [index.SearchField("principles")]
    search_text_fields = ("principles",)
    content_panels = BasePage.content_panels + [FieldPanel("principles")]

    class Meta:
        verbose_name = _("principles page")


class StandardPage(BasePage):
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Build the page from headings, text, images, quotes and calls to action."),
    )

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    search_text_fields = ("body",)
    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Facts about the organisation that are the same in every language."""

    organisation_name = models.CharField(
        _("organization name"),
        max_length=120,
        default="coopsite",
        help_text=_("Shown in the header, the footer and browser tabs."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("As you want it shown, e.g. (206) 555-0142"),
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("The co-op's general address, shown in the footer.")
    )
    address = models.TextField(
        _("postal address"), blank=True, max_length=300, help_text=_("Shown in the footer.")
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")],
            heading=_("How to reach the co-op"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @cached_property
    def tel_href(self):
        return text.tel_href(self.phone)


@register_snippet
class SiteText(PreviewableMixin, TranslatableMixin, models.Model):
    """Words shown on every page, one per language: the crisis notice and the footer text."""

    crisis_notice = RichTextField(
        _("crisis notice"),
        features=INLINE_FEATURES,
        max_length=400,
        help_text=_(
            "Shown at the top of every page, e.g. 'In crisis? Call or text 988, any time.' "
            "This site cannot help in an emergency: say where to go instead."
        ),
    )
    footer_text = RichTextField(
        _("footer text"),
        features=INLINE_FEATURES,
        blank=True,
        max_length=600,
        help_text=_("A sentence or two about the co-op, shown at the foot of every page."),
    )

    panels = [FieldPanel("crisis_notice"), FieldPanel("footer_text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site text")
        verbose_name_plural = _("site text")

    def __str__(self):
        return str(_("Site text (%(language)s)") % {"language": self.locale.get_display_name()})

    def get_preview_template(self, request, mode_name):
        return "home/site_text_preview.html"

    @classmethod
    def for_locale(cls, locale):
        """The text in this locale, or in the default language while there is no translation."""
        texts = {text.locale_id: text for text in cls.objects.all()}
        return texts.get(locale.pk) or texts.get(Locale.get_default().pk)
