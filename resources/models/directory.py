"""The provider directory's vocabularies and settings (its page is in `directory_page.py`)."""

from datetime import timedelta
from typing import NamedTuple

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.chrome import cached

from ..vocab import TermKind

# Cache entry names (home/chrome.py), also read ahead by the directory page.
TERMS_CACHE = "directory-terms-plain"
SETTINGS_CACHE = "directory-settings"

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
        """Every term, in list order, as `PlainTerm`s (cheap to unpickle: plain tuples, not
        93 model instances), from the cache while no editor changes them."""
        return cached(
            TERMS_CACHE,
            lambda: [
                PlainTerm(*row)
                for row in cls.objects.values_list(
                    "pk", "kind", "slug", "position", "name", "name_es"
                )
            ],
        )


class PlainTerm(NamedTuple):
    """A DirectoryTerm's values, with the same `label` and `get_kind_display()`."""

    pk: int
    kind: str
    slug: str
    position: int
    name: str
    name_es: str

    @property
    def label(self):
        return getattr(self, f"name_{get_language()}", "") or self.name

    def get_kind_display(self):
        return str(TermKind(self.kind).label)


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
        from home.routing import site_for

        site = site_for(request)
        return cached(SETTINGS_CACHE, lambda: cls.for_site(site), site.pk)

    def accepting_cutoff(self, now=None):
        """Confirmations older than this no longer count."""
        return (now or timezone.now()) - timedelta(days=self.accepting_valid_days)
