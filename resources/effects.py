"""What the directory does when membership changes (members.effects hooks, registered by
`register_effects()` from `ResourcesConfig.ready()`).

Onboarded: the new member gets a draft profile page they own, for them to fill in and an
editor to publish. Left or contract ended: their profiles come off the public directory.
"""

from django.utils.text import slugify
from wagtail.models import Locale

from members import effects

from .models import LicenceType, ProviderDirectoryPage, ProviderPage


def _free_slug(directory, name):
    base = slugify(name)[:60] or "provider"
    taken = set(directory.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_draft_profile(member):
    """A draft (never live) profile owned by the member; an existing one is reused."""
    existing = ProviderPage.objects.filter(account=member.user).first()
    if existing is not None:
        return existing
    directory = ProviderDirectoryPage.objects.filter(locale=Locale.get_default()).first()
    if directory is None:
        return None
    name = member.display_name or member.user.get_full_name() or member.user.get_username()
    page = ProviderPage(
        title=name,
        slug=_free_slug(directory, name),
        live=False,
        credentials=member.profession or name,
        # A placeholder the provider or an editor corrects before the profile goes live.
        licence_type=LicenceType.ASSOCIATE,
        account=member.user,
    )
    directory.add_child(instance=page)
    page.save_revision()
    return page


def unpublish_profiles(member, reason, **kwargs):
    """A member who leaves is no longer listed, in any language; the pages stay on record."""
    owned = ProviderPage.objects.filter(account=member.user)
    keys = owned.values_list("translation_key", flat=True)
    for page in ProviderPage.objects.filter(translation_key__in=keys).live():
        page.unpublish()


def register_effects():
    effects.register_hook(effects.MEMBER_ONBOARDED, create_draft_profile)
    effects.register_hook(effects.MEMBERSHIP_ENDED, unpublish_profiles)
