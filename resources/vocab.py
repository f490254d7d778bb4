"""The fixed lists of the resources app: the kinds of resource link, the directory's
vocabularies and the form field each one has. Plain choices, no models, so the models and the
code that presents them can both import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    SUPPORT = "support", _("Help for clients")
    ORGANISATION = "organisation", _("Organization")
    ARTICLE = "article", _("Article")
    PODCAST = "podcast", _("Podcast")
    VIDEO = "video", _("Video")
    BOOK = "book", _("Book")


class TermKind(models.TextChoices):
    SPECIALTY = "specialty", _("Specialty")
    APPROACH = "approach", _("Therapy approach")
    POPULATION = "population", _("Population served")
    INSURANCE = "insurance", _("Insurance")
    LANGUAGE = "language", _("Language")
    STATE = "state", _("State")


# form field name -> (kind, label, help text). The same names are the directory's GET
# parameters, so filter links read naturally: ?specialty=grief&language=es
TERM_FIELDS = {
    "licensed_states": (
        TermKind.STATE,
        _("States licensed in"),
        _("Clients must be in one of these states during sessions, telehealth included."),
    ),
    "specialties": (TermKind.SPECIALTY, _("Specialties"), _("What the provider helps with.")),
    "approaches": (
        TermKind.APPROACH,
        _("Therapy approaches"),
        _("Ways of working the provider is trained in."),
    ),
    "populations": (
        TermKind.POPULATION,
        _("Populations served"),
        _("Who the provider works with, e.g. teens, couples."),
    ),
    "languages": (
        TermKind.LANGUAGE,
        _("Languages"),
        _("Languages the provider holds sessions in."),
    ),
    "insurance": (
        TermKind.INSURANCE,
        _("Insurance accepted"),
        _("Plans the provider bills. Medicaid is listed first."),
    ),
}

# GET parameter -> kind, for the directory's filters.
FILTER_PARAMS = {
    "state": TermKind.STATE,
    "specialty": TermKind.SPECIALTY,
    "approach": TermKind.APPROACH,
    "population": TermKind.POPULATION,
    "language": TermKind.LANGUAGE,
    "insurance": TermKind.INSURANCE,
}

# The directory's `format` parameter -> the provider field that offers it.
FORMATS = {"telehealth": "offers_telehealth", "in-person": "offers_in_person"}
