"""A provider's profile page, its offices, and the queries the directory runs on them."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import INLINE_FEATURES
from home.chrome import fragment_key, prefetch
from home.models import BasePage

from ..admin_forms import ProviderAdminForm
from ..directory import directory_return_url, provider_json_ld
from ..vocab import FORMATS, TermKind
from .directory import SETTINGS_CACHE, DirectorySettings, DirectoryTerm


class LicenceType(models.TextChoices):
    LMHC = "LMHC", _("Licensed Mental Health Counselor (LMHC)")
    LPC = "LPC", _("Licensed Professional Counselor (LPC)")
    LICSW = "LICSW", _("Licensed Independent Clinical Social Worker (LICSW)")
    LCSW = "LCSW", _("Licensed Clinical Social Worker (LCSW)")
    LMFT = "LMFT", _("Licensed Marriage and Family Therapist (LMFT)")
    ARNP = "ARNP", _("Advanced Registered Nurse Practitioner (ARNP / PMHNP)")
    PSYCHOLOGIST = "PhD/PsyD", _("Licensed Psychologist")
    ASSOCIATE = "associate", _("Associate (pre-licensed, under supervision)")


class ProviderQuerySet(PageQuerySet):
    """The directory's queries. Each filter is an indexed subquery, so the number of queries a
    listing runs does not grow with the number of providers."""

    def in_directory(self, directory):
        """Live, public children of `directory`. Which pages have view restrictions is read
        from the cache (it changes only with a restriction, which starts a new chrome
        version), not with a query on every listing as `public()` would; only restrictions
        on the directory, its ancestors or its children can hide a child, so only those are
        in the query (the members' area's are not tested on every row)."""
        from home.routing import restricted_paths

        private = Q()
        for restricted in restricted_paths():
            if restricted.startswith(directory.path) or directory.path.startswith(restricted):
                private |= Q(path__startswith=restricted)
        return self.child_of(directory).live().exclude(private)

    def office_cities(self):
        """(city, state) of these providers' offices, each once, in order."""
        offices = ProviderOffice.objects.filter(page__in=self.values("pk"))
        return list(offices.values_list("city", "state").distinct().order_by("city", "state"))

    def annotate_accepting(self, cutoff):
        """`accepting_now`: accepting new clients and confirmed since `cutoff`."""
        return self.annotate(
            accepting_now=Case(
                When(
                    accepting_new_clients=True,
                    availability_confirmed_at__gte=cutoff,
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def matching(self, filters):
        """The providers matching a visitor's `Filters` (resources/filters.py); after
        `annotate_accepting`."""
        queryset = self
        through = ProviderPage.terms.through
        for terms in filters.terms.values():
            if terms:  # any of the chosen values of one list; every list must match
                chosen = through.objects.filter(directoryterm__in=[t.pk for t in terms])
                queryset = queryset.filter(pk__in=chosen.values("providerpage_id"))
        if filters.formats:
            either = Q()
            for value in filters.formats:
                either |= Q(**{FORMATS[value]: True})
            queryset = queryset.filter(either)
        if filters.reduced_cost:
            queryset = queryset.filter(reduced_cost=True)
        if filters.accepting:
            queryset = queryset.filter(accepting_now=True)
        if filters.city:
            offices = ProviderOffice.objects.filter(city__iexact=filters.city)
            queryset = queryset.filter(pk__in=offices.values("page_id"))
        for word in filters.words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(practice_name__icontains=word)
                | Q(credentials__icontains=word)
                | Q(intro__icontains=word)
                | Q(bio__icontains=word)
            )
        return queryset

    def by_availability(self):
        """Accepting new clients first, then by name; after `annotate_accepting`."""
        return self.order_by("-accepting_now", "title", "pk")


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

    objects = PageManager.from_queryset(ProviderQuerySet)()

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

    # The profile's fragments (templates/resources/provider_page.html): made only from this
    # page's live revision, its terms and its offices, so cached with the page chrome by
    # `{% page_fragment %}` (home/templatetags/site_tags.py), whose keys this reads ahead.
    # Availability (it lapses with time) and the way back are outside them.
    FRAGMENTS = ("provider-data", "provider-profile")

    def get_context(self, request, *args, **kwargs):
        from home.routing import site_for

        context = super().get_context(request, *args, **kwargs)
        prefetch(
            (SETTINGS_CACHE, site_for(request).pk),
            *(fragment_key(name, self, request) for name in self.FRAGMENTS),
        )
        cutoff = DirectorySettings.cached_for_request(request).accepting_cutoff()
        context["accepting"] = self.is_accepting(cutoff)
        context["structured_data"] = lambda: self.get_structured_data(request)
        context["directory_url"] = directory_return_url(self.directory_url(request), request.GET)
        return context

    def directory_url(self, request):
        """The parent's URL: this one's without its last segment (a preview of a page never
        saved has none: then the parent's own)."""
        url = self.get_url(request)
        return (
            url.rstrip("/").rsplit("/", 1)[0] + "/" if url else self.get_parent().get_url(request)
        )

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
        return provider_json_ld(self, request)

    # --- own-profile editing, at <profile url>edit/ ---

    @path("")
    def profile(self, request):
        return self.render(request)

    @path("edit/", name="edit")
    def edit_own_profile(self, request):
        """The provider's own-profile form. The `on_serve_page` hook in
        resources/wagtail_hooks.py answers this route with resources/views.py's view (whose
        form imports this model, so this module does not import it); without the hook there
        is nothing to serve."""
        raise Http404

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
