import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from home.chrome import cached, chrome_for

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A schema.org block. Escaped like json_script, so no value can end the script element."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def _chrome(context):
    """The cached chrome for this request's site and language (see home.chrome)."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_coopsite_chrome"):
        site = Site.find_for_request(request)
        request._coopsite_chrome = (
            chrome_for(site, get_supported_content_language_variant(get_language()))
            if site is not None
            else None
        )
    return request._coopsite_chrome


@register.simple_tag(takes_context=True)
def page_chrome(context):
    return _chrome(context)


@register.simple_tag(takes_context=True)
def content_language(context, page):
    """The language a page's content is written in, for `<html lang>`."""
    chrome = _chrome(context)
    return chrome.language_of(page.locale_id, get_language()) if chrome else get_language()


@register.filter
def in_section(page, section):
    """True when `page` is `section` or lies below it in the page tree."""
    return bool(page and section and getattr(page, "path", "").startswith(section.path))


def _translations(context, page):
    """The live, public versions of `page` in every language, as (locale pk, code, relative
    URL, full URL), cached with the page chrome (publishing, moving or deleting any page
    starts afresh). Both the language switcher and the hreflang links read it."""
    request = context.get("request")

    def build():
        versions = page.get_translations(inclusive=True).live().public().select_related("locale")
        return [
            (
                other.locale_id,
                other.locale.language_code,
                other.get_url(request),
                other.get_full_url(request),
            )
            for other in versions.order_by("locale__language_code")
        ]

    return cached("translations", build, page.pk, request.get_host() if request else "")


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page in that language, else that language's home."""
    chrome = _chrome(context)
    if chrome is None:
        return []
    page = context.get("page")
    urls = dict(chrome.home_urls)
    if isinstance(page, Page):
        urls.update({pk: url for pk, _code, url, _full in _translations(context, page)})
    links = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": urls[pk],
            "current": code == chrome.locale_code,
        }
        for pk, code in chrome.locales
        if pk in urls
    ]
    return links if len(links) > 1 else []


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, page):
    """`<link rel="alternate" hreflang>` targets for `page`: each live public translation, as a
    full URL, then x-default pointing at the default language's version. Empty when the page
    exists in one language only (the switcher then offers the other home page, which is not
    an alternate of this page)."""
    if not isinstance(page, Page):
        return []
    links = [{"code": code, "url": full} for _pk, code, _url, full in _translations(context, page)]
    if len(links) < 2:
        return []
    default = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
    if default is not None:
        links.append({"code": "x-default", "url": default["url"]})
    return links
