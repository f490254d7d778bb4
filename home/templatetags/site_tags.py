import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, Site

from home.models import SiteText

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A schema.org block. Escaped like json_script, so no value can end the script element."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def _locale_root(request):
    """The home page in the visitor's language (falling back to the site's own root page)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    return root.get_translation_or_none(Locale.get_active()) or root


@register.simple_tag(takes_context=True)
def locale_home(context):
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_coopsite_locale_home"):
        request._coopsite_locale_home = _locale_root(request)
    return request._coopsite_locale_home


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The pages an editor ticked 'show in menus' for, under the home page of this language."""
    home = locale_home(context)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().public().in_menu().specific(defer=True)


@register.simple_tag
def site_text():
    return SiteText.for_locale(Locale.get_active())


@register.filter
def in_section(page, section):
    """True when `page` is `section` or lies below it in the page tree."""
    return bool(page and section and getattr(page, "path", "").startswith(section.path))


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page in that language, else that language's home."""
    request = context.get("request")
    page = context.get("page")
    active = Locale.get_active()
    site = Site.find_for_request(request) if request else None
    links = []
    for locale in Locale.objects.all():
        target = None
        if isinstance(page, Page):
            target = page.get_translation_or_none(locale)
            if target is not None and not target.live:
                target = None
        if target is None and site is not None:
            target = site.root_page.get_translation_or_none(locale)
        if target is None:
            continue
        links.append(
            {
                "code": locale.language_code,
                "name": get_language_info(locale.language_code)["name_local"],
                "url": target.get_url(request),
                "current": locale.pk == active.pk,
            }
        )
    return links if len(links) > 1 else []
