"""The admin dashboard and publish messages an editor of a two-language site needs."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, Revision


def out_of_date_translations(limit=20):
    """[(English page, TranslationSource)] whose English was published after the last sync:
    their translations still show the old words."""
    from wagtail_localize.models import TranslationSource

    default = Locale.get_default()
    sources = TranslationSource.objects.filter(locale=default).select_related(
        "specific_content_type"
    )
    pages = {
        page.translation_key: page
        for page in Page.objects.filter(
            locale=default, translation_key__in=sources.values("object_id"), live=True
        )
    }
    stale = []
    for source in sources.order_by("-last_updated_at"):
        page = pages.get(source.object_id)
        if page and page.last_published_at and page.last_published_at > source.last_updated_at:
            stale.append((page, source))
    return stale[:limit]


class RecentEditsPanel(Component):
    name = "site_recent_edits"
    template_name = "home/admin/recent_edits_panel.html"
    order = 90

    def get_context_data(self, parent_context=None):
        revisions = (
            Revision.page_revisions.select_related("user")
            .order_by("-created_at")
            .only("object_id", "created_at", "user", "approved_go_live_at")[:40]
        )
        seen, latest = set(), []
        for revision in revisions:
            if revision.object_id not in seen:
                seen.add(revision.object_id)
                latest.append(revision)
        pages = Page.objects.in_bulk([int(r.object_id) for r in latest[:8]])
        return {
            "edits": [(pages[int(r.object_id)], r) for r in latest[:8] if int(r.object_id) in pages]
        }


class OutOfDateTranslationsPanel(Component):
    name = "out_of_date_translations"
    template_name = "home/admin/out_of_date_panel.html"
    order = 80

    def __init__(self, stale):
        self.stale = stale

    def get_context_data(self, parent_context=None):
        return {
            "stale": [
                (page, reverse("wagtail_localize:update_translations", args=[source.pk]))
                for page, source in self.stale
            ]
        }


@hooks.register("construct_homepage_panels")
def add_editor_panels(request, panels):
    stale = out_of_date_translations()
    if stale:
        panels.append(OutOfDateTranslationsPanel(stale))
    panels.append(RecentEditsPanel())


@hooks.register("after_publish_page")
def say_the_translations_are_out_of_date(request, page):
    """After an English publish, tell the editor the Spanish page now lags, with the way to
    bring it across."""
    from wagtail_localize.models import TranslationSource

    if page.locale_id != Locale.get_default().pk:
        return
    source = TranslationSource.objects.filter(object_id=page.translation_key, locale=page.locale)
    source = source.first()
    if source is None or not page.get_translations().exists():
        return
    messages.warning(
        request,
        _("The translations of “%(title)s” now show the old text until they are synced.")
        % {"title": page.get_admin_display_title()},
        buttons=[
            messages.button(
                reverse("wagtail_localize:update_translations", args=[source.pk]),
                _("Sync the translations now"),
            )
        ],
    )
