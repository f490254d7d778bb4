import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from home.chrome import chrome_for

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


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page in that language, else that language's home."""
    chrome = _chrome(context)
    if chrome is None:
        return []
    request = context.get("request")
    page = context.get("page")
    urls = dict(chrome.home_urls)
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live():
            urls[translation.locale_id] = translation.get_url(request)
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
