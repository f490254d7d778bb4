import json

from django import template
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.models import SiteText

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A schema.org block. Escaped like json_script, so no value can end the script element."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


class _PageChrome:
    """What the header, footer and language switcher share, worked out once per request.

    Wagtail's `Locale.get_active()` is a query each time it is called; the chrome needs the
    active locale in four places, so the locales are read once and kept on the request.
    """

    def __init__(self, request):
        self.request = request
        self.locales = list(Locale.objects.order_by("language_code"))
        code = get_supported_content_language_variant(get_language())
        self.active = next((loc for loc in self.locales if loc.language_code == code), None)
        self.site = Site.find_for_request(request) if request is not None else None

    @cached_property
    def home(self):
        """The home page in the visitor's language (falling back to the site's root page)."""
        if self.site is None:
            return None
        root = self.site.root_page
        if self.active is None or root.locale_id == self.active.pk:
            return root
        return root.get_translation_or_none(self.active) or root

    def language_of(self, page):
        return next(
            (loc.language_code for loc in self.locales if loc.pk == page.locale_id), get_language()
        )


def _chrome(context):
    request = context.get("request")
    if request is None:
        return _PageChrome(None)
    if not hasattr(request, "_coopsite_chrome"):
        request._coopsite_chrome = _PageChrome(request)
    return request._coopsite_chrome


@register.simple_tag(takes_context=True)
def locale_home(context):
    return _chrome(context).home


@register.simple_tag(takes_context=True)
def content_language(context, page):
    """The language a page's content is written in, for `<html lang>`."""
    return _chrome(context).language_of(page)


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The pages an editor ticked 'show in menus' for, under the home page of this language."""
    home = locale_home(context)
    if home is None:
        return Page.objects.none()
    # Full `specific()`: one query per page type. `defer=True` would load `menu_title` with
    # one query per menu item.
    return home.get_children().live().public().in_menu().specific()


@register.simple_tag(takes_context=True)
def site_text(context):
    chrome = _chrome(context)
    return SiteText.for_locale(chrome.active) if chrome.active else None


@register.filter
def in_section(page, section):
    """True when `page` is `section` or lies below it in the page tree."""
    return bool(page and section and getattr(page, "path", "").startswith(section.path))


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page in that language, else that language's home."""
    chrome = _chrome(context)
    page = context.get("page")
    targets = {}
    if isinstance(page, Page):
        targets = {p.locale_id: p for p in page.get_translations(inclusive=True).live()}
    if chrome.site is not None and len(targets) < len(chrome.locales):
        homes = chrome.site.root_page.get_translations(inclusive=True).live()
        for home in homes:
            targets.setdefault(home.locale_id, home)
    links = [
        {
            "code": locale.language_code,
            "name": get_language_info(locale.language_code)["name_local"],
            "url": targets[locale.pk].get_url(chrome.request),
            "current": chrome.active is not None and locale.pk == chrome.active.pk,
        }
        for locale in chrome.locales
        if locale.pk in targets
    ]
    return links if len(links) > 1 else []
