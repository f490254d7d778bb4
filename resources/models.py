"""Resource links and the provider directory.

Design notes (see also docs/performance.md):

- Resource links are translatable *snippets*, not pages: each one is a link to another site,
  with no page of its own on ours, and editors manage them in one filterable list.
- The directory's vocabularies (specialties, approaches, populations, insurance, languages,
  licensed states) live in ONE table, `DirectoryTerm`, with a `kind` column, and a provider
  links to its terms through ONE many-to-many table. Filtering is an indexed subquery per
  kind, the filter form's options come from one query, and each result card's terms from
  one prefetch query, so the number of queries never grows with the number of providers.
  The admin and the own-profile form still show one field per kind (`admin_forms.py`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Site, TranslatableMixin
from wagtail.search import index

from home.blocks import INLINE_FEATURES
from home.chrome import cached
from home.models import BasePage

from .admin_forms import ProviderAdminForm
from .vocab import TermKind

# --- Resource links --------------------------------------------------------------------------


class ResourceKind(models.TextChoices):
    SUPPORT = "support", _("Help for clients")
    ORGANISATION = "organisation", _("Organization")
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

    # Site search finds the page by its links ("Phoenix", "Wolff", "988").
    search_fields = BasePage.search_fields + [index.SearchField("resource_text")]

    class Meta:
        verbose_name = _("resources page")

    @property
    def resource_text(self):
        from .resource_list import links_for_locale

        return " ".join(
            f"{link.title}. {link.publisher}. {link.description}"
            for link in links_for_locale(self.locale).order_by("kind", "title")
        )

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        from .resource_list import links_for_locale, topic_in_this_language

        wanted = request.GET.get("topic", "")[:100]
        if wanted and not links_for_locale(self.locale).filter(tags__slug=wanted).exists():
            # A topic named in another language (the language switch keeps the query).
            slug = topic_in_this_language(self, wanted)
            if slug:
                return redirect(f"{self.get_url(request)}?topic={slug}")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .resource_list import resource_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_listing(self, request.GET))
        return context


# --- Provider directory ---------------------------------------------------------------------


class DirectoryTerm(models.Model):
    """One value of one of the directory's vocabularies, e.g. the specialty 'Anxiety'."""

    kind = models.CharField(
        _("list"),
        max_length=20,
        choices=TermKind.choices,
        help_text=_("Which list this value belongs to."),
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("As visitors see it, e.g. 'Grief and loss'.")
    )
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=80,
        blank=True,
        help_text=_("As Spanish-speaking visitors see it, e.g. 'Duelo y pérdida'."),
    )
    slug = models.SlugField(
        _("short name for links"),
        max_length=80,
        help_text=_(
            "Used in shareable filter links, e.g. 'grief'. Changing it breaks links that "
            "people have bookmarked. For states, use the two-letter code in lower case."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=100,
        help_text=_(
            "Lower numbers are listed first. Medicaid is given 0 so it always leads the "
            "insurance list."
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("name_es"),
        FieldPanel("slug"),
        FieldPanel("position"),
    ]

    class Meta:
        verbose_name = _("directory term")
        verbose_name_plural = _("directory terms")
        ordering = ["kind", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="unique_directory_term_slug")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def label(self):
        """The name in the visitor's language (English while no translation is given)."""
        return getattr(self, f"name_{get_language()}", "") or self.name

    @classmethod
    def cached_all(cls):
        """Every term, in list order, from the cache while no editor changes them."""
        return cached("directory-terms", lambda: list(cls.objects.all()))


@register_setting(icon="group")
class DirectorySettings(BaseSiteSetting):
    """How the provider directory behaves. Editors can change these without a developer."""

    accepting_valid_days = models.PositiveSmallIntegerField(
        _("days 'accepting new clients' stays valid"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "After this many days without the provider reconfirming, their profile says "
            "'contact to ask about availability' instead of 'accepting new clients'."
        ),
    )
    moderate_profile_edits = models.BooleanField(
        _("review providers' own edits before they go live"),
        default=False,
        help_text=_(
            "When ticked, a provider's changes to their own profile are submitted to the "
            "moderation workflow instead of being published at once."
        ),
    )

    panels = [FieldPanel("accepting_valid_days"), FieldPanel("moderate_profile_edits")]

    class Meta:
        verbose_name = _("directory settings")

    @classmethod
    def cached_for_request(cls, request):
        """The settings of the request's site, from the cache while no editor changes them."""
        site = Site.find_for_request(request)
        return cached("directory-settings", lambda: cls.for_site(site), site.pk)

    def accepting_cutoff(self, now=None):
        """Confirmations older than this no longer count."""
        return (now or timezone.now()) - timedelta(days=self.accepting_valid_days)


class ProviderDirectoryPage(BasePage):
    """The searchable list of providers. Each provider is a child page."""

    per_page = 20

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ProviderPage"]

    class Meta:
        verbose_name = _("provider directory")

    def get_context(self, request, *args, **kwargs):
        from .directory import directory_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = directory_listing(self, request)
        return context


class LicenceType(models.TextChoices):
    LMHC = "LMHC", _("Licensed Mental Health Counselor (LMHC)")
    LPC = "LPC", _("Licensed Professional Counselor (LPC)")
    LICSW = "LICSW", _("Licensed Independent Clinical Social Worker (LICSW)")
    LCSW = "LCSW", _("Licensed Clinical Social Worker (LCSW)")
    LMFT = "LMFT", _("Licensed Marriage and Family Therapist (LMFT)")
    ARNP = "ARNP", _("Advanced Registered Nurse Practitioner (ARNP / PMHNP)")
    PSYCHOLOGIST = "PhD/PsyD", _("Licensed Psychologist")
    ASSOCIATE = "associate", _("Associate (pre-licensed, under supervision)")


class ProviderPage(RoutablePageMixin, BasePage):
    """A provider's public profile. The page title is the provider's name."""

    pronouns = models.CharField(
        _("pronouns"), max_length=40, blank=True, help_text=_("e.g. she/her, they/them.")
    )
    credentials = models.CharField(
        _("credentials"),
        max_length=120,
        help_text=_("Letters after the name as the provider writes them, e.g. 'MA, LMHC'."),
    )
    licence_type = models.CharField(
        _("license type"),
        max_length=20,
        choices=LicenceType.choices,
        help_text=_("The license that lets the provider practice independently."),
    )
    supervisor = models.BooleanField(
        _("approved clinical supervisor"),
        default=False,
        help_text=_("Check if the provider supervises associates toward licensure."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("A friendly head-and-shoulders photo. Optional."),
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("Describe the photo for people who cannot see it, e.g. 'Ana smiling'."),
    )
    practice_name = models.CharField(
        _("practice name"),
        max_length=120,
        blank=True,
        help_text=_("The name of the provider's own practice, if it has one."),
    )
    bio = RichTextField(
        _("about"),
        features=INLINE_FEATURES,
        blank=True,
        max_length=3000,
        help_text=_("A few short paragraphs in the provider's own voice: how they work, who with."),
    )
    terms = ParentalManyToManyField(
        DirectoryTerm,
        blank=True,
        related_name="providers",
        verbose_name=_("directory terms"),
        help_text=_("Specialties, approaches, populations, insurance, languages and states."),
    )
    reduced_cost = models.BooleanField(
        _("offers reduced-cost or sliding-scale sessions"),
        default=False,
        help_text=_("Check if some clients can pay less than the full fee."),
    )
    reduced_cost_details = models.CharField(
        _("reduced-cost details"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'Sliding scale from $40 to $120 a session.'"),
    )
    offers_telehealth = models.BooleanField(
        _("telehealth"), default=False, help_text=_("Sessions by video or phone.")
    )
    offers_in_person = models.BooleanField(
        _("in person"), default=False, help_text=_("Sessions at one of the offices below.")
    )
    accepting_new_clients = models.BooleanField(
        _("accepting new clients"),
        default=False,
        help_text=_(
            "Shown only while confirmed recently (see the directory settings); after that "
            "the profile says 'contact to ask about availability'."
        ),
    )
    availability_confirmed_at = models.DateTimeField(
        _("availability last confirmed"),
        null=True,
        blank=True,
        help_text=_("When the provider last said whether they are taking new clients."),
    )
    booking_url = models.URLField(
        _("booking link"),
        max_length=500,
        blank=True,
        help_text=_("Where clients can book or request a first session online."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("As shown."))
    email = models.EmailField(_("email"), blank=True, help_text=_("For enquiries from clients."))
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provider_profiles",
        verbose_name=_("member account"),
        help_text=_("The provider's own login. That person can edit this profile."),
    )

    parent_page_types = ["resources.ProviderDirectoryPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("practice_name"),
        index.SearchField("credentials"),
        index.SearchField("bio"),
        # Site search finds providers by specialty, approach, language or insurance
        # ("EMDR", "Spanish", "Medicaid").
        index.RelatedFields("terms", [index.SearchField("name")]),
    ]

    content_panels = [
        FieldPanel("title", heading=_("Name")),
        FieldRowPanel([FieldPanel("pronouns"), FieldPanel("credentials")]),
        FieldRowPanel([FieldPanel("licence_type"), FieldPanel("supervisor")]),
        FieldPanel("licensed_states"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        FieldPanel("practice_name"),
        FieldPanel("intro"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldPanel("specialties"),
                FieldPanel("approaches"),
                FieldPanel("populations"),
                FieldPanel("languages"),
            ],
            heading=_("Who and how"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("insurance"),
                FieldPanel("reduced_cost"),
                FieldPanel("reduced_cost_details"),
            ],
            heading=_("Paying"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("offers_telehealth"), FieldPanel("offers_in_person")]),
                InlinePanel("offices", label=_("Office")),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("accepting_new_clients"), FieldPanel("availability_confirmed_at")],
            heading=_("Availability"),
        ),
        MultiFieldPanel(
            [FieldPanel("booking_url"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        FieldPanel("account"),
    ]

    class Meta:
        verbose_name = _("provider profile")

    base_form_class = ProviderAdminForm

    # --- availability ---

    def is_accepting(self, cutoff):
        return bool(
            self.accepting_new_clients
            and self.availability_confirmed_at
            and self.availability_confirmed_at >= cutoff
        )

    def get_context(self, request, *args, **kwargs):
        from .directory import directory_return_url

        context = super().get_context(request, *args, **kwargs)
        cutoff = DirectorySettings.cached_for_request(request).accepting_cutoff()
        context["accepting"] = self.is_accepting(cutoff)
        context["structured_data"] = self.get_structured_data(request)
        context["directory_url"] = directory_return_url(
            self.get_parent().get_url(request), request.GET
        )
        return context

    @cached_property
    def office_list(self):
        return list(self.offices.all())

    # --- terms, grouped by kind (uses the prefetch when there is one) ---

    @cached_property
    def terms_by_kind(self):
        grouped = {kind: [] for kind in TermKind.values}
        for term in sorted(self.terms.all(), key=lambda t: (t.position, t.name)):
            grouped[term.kind].append(term)
        return grouped

    def get_structured_data(self, request=None):
        from .directory import provider_json_ld

        return provider_json_ld(self, request)

    # --- own-profile editing, at <profile url>edit/ ---

    @path("")
    def profile(self, request):
        return self.render(request)

    @path("edit/", name="edit")
    def edit_own_profile(self, request):
        from .views import edit_own_profile

        return edit_own_profile(request, self)

    def check_owner(self, user):
        if not user.is_authenticated or self.account_id is None or self.account_id != user.pk:
            raise PermissionDenied


class ProviderOffice(Orderable):
    page = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="offices")
    city = models.CharField(_("city"), max_length=80, help_text=_("e.g. Seattle"))
    state = models.CharField(
        _("state"),
        max_length=2,
        help_text=_("Two-letter code, e.g. WA."),
    )

    panels = [FieldRowPanel([FieldPanel("city"), FieldPanel("state")])]

    class Meta(Orderable.Meta):
        verbose_name = _("office")
        indexes = [models.Index(fields=["city", "state"], name="resources_office_city_state")]

    def __str__(self):
        return f"{self.city}, {self.state}"

    def save(self, *args, **kwargs):
        self.city = " ".join(self.city.split())
        self.state = self.state.strip().upper()
        super().save(*args, **kwargs)
