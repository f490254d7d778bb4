import json

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from home import routing, text
from home.chrome import cached, chrome_for, fragment_key, prefetch

register = template.Library()

MEMBERS_PREFIXES = tuple(f"/{code}/members/" for code, _name in settings.LANGUAGES)
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
        site = routing.site_for(request)
        request._coopsite_chrome = (
            chrome_for(site, get_supported_content_language_variant(get_language()))
            if site is not None
            else None
        )
    return request._coopsite_chrome


@register.filter
def without_final_period(text):
    """ "Dec. 8, 2026, 4 a.m." without its last ".", for a sentence that ends with it: the
    sentence's own full stop then serves both (no "4 a.m..")."""
    text = str(text)
    return text[:-1] if text.endswith(".") else text


@register.filter
def tel_href(phone):
    return text.tel_href(phone)


@register.filter
def initials(name):
    """ "Ana Rivera" -> "AR": a stand-in for a profile without a photo."""
    words = [w for w in str(name).split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:1] + words[1:][-1:]).upper()


@register.simple_tag(takes_context=True)
def directory_url(context):
    """The provider directory of the current language ("" when there is none), cached with
    the page chrome."""
    chrome = _chrome(context)
    request = context.get("request")
    if chrome is None:
        return ""

    def build():
        from resources.models import ProviderDirectoryPage

        locale_pk = next((pk for pk, code in chrome.locales if code == chrome.locale_code), None)
        directory = (
            ProviderDirectoryPage.objects.live().public().filter(locale_id=locale_pk).first()
            or ProviderDirectoryPage.objects.live().public().first()
        )
        return directory.get_url(request) if directory else ""

    return cached("directory-url", build, chrome.locale_code, request.get_host())


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


def _switch_url(request, page, code, translated):
    """Where the switch to `code` goes: the same page (its translation) or the same view, with
    the same query string (directory filters, a resource topic, a search). The fragment never
    reaches the server: site.js carries it over."""
    if isinstance(page, Page):
        url = translated
    else:
        path = request.path
        url = translate_url(path, code)
        if url == path and not path.startswith(f"/{code}/"):
            return None
        if path.startswith(MEMBERS_PREFIXES) and request.user.is_authenticated:
            # The members' area speaks the member's chosen language: switching changes it.
            query = request.GET.copy()
            query["language"] = code
            return f"{url}?{query.urlencode()}"
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if url and query else url


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page or view in that language, keeping the query
    string; else that language's home page."""
    chrome = _chrome(context)
    if chrome is None:
        return []
    request = context["request"]
    page = context.get("page")
    translated = {}
    if isinstance(page, Page):
        translated = {pk: url for pk, _code, url, _full in _translations(context, page)}
    links = []
    for pk, code in chrome.locales:
        url = None
        if pk in translated or not isinstance(page, Page):
            url = _switch_url(request, page, code, translated.get(pk))
        url = url or chrome.home_urls.get(pk)
        if url:
            links.append(
                {
                    "code": code,
                    "name": get_language_info(code)["name_local"],
                    "url": url,
                    "current": code == chrome.locale_code,
                }
            )
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


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, name, page, part=None):
        self.nodelist, self.name, self.page, self.part = nodelist, name, page, part

    def render(self, context):
        page = self.page.resolve(context)
        request = context.get("request")
        if request is None or not isinstance(page, Page) or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        part = None if self.part is None else self.part.resolve(context)
        name, *key_parts = fragment_key(self.name, page, request, part)
        return cached(name, lambda: str(self.nodelist.render(context)), *key_parts)


@register.tag
def page_fragment(parser, token):
    """`{% page_fragment "name" page [part] %}...{% endpage_fragment %}`: the enclosed markup,
    rendered once and cached with the page chrome (a new version with every publish, move or
    deletion of any page, so links inside stay right), per page, language and host, and per
    value of `part` when given (a block's number in a stream: one entry per block).

    Only for markup made from the page's own live revision: never around anything for
    members only, anything about the visitor, a form (CSRF token) or live figures (votes,
    billing, dates that pass). Previews always render afresh."""
    bits = token.split_contents()
    if len(bits) not in (3, 4) or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('usage: {% page_fragment "name" page [part] %}')
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    part = parser.compile_filter(bits[3]) if len(bits) == 4 else None
    return PageFragmentNode(nodelist, bits[1][1:-1], parser.compile_filter(bits[2]), part)


@register.simple_tag(takes_context=True)
def prefetch_page_parts(context, name, page, count, *extra):
    """Read the `page_fragment`s `name` with parts 1..`count` (and the `extra` parts) of
    `page` in one cache round trip, before they are rendered one by one."""
    request = context.get("request")
    if request is None or not isinstance(page, Page) or getattr(request, "is_preview", False):
        return ""
    parts = [*extra, *range(1, count + 1)]
    prefetch(*(fragment_key(name, page, request, part) for part in parts))
    return ""


@register.simple_tag(takes_context=True)
def editors_userbar(context):
    """Wagtail's userbar for editors. Whether a user may use the admin is remembered for a few
    minutes (home/chrome.py), instead of two permission queries on every page a member
    views; showing the bar grants nothing (the admin checks again), so a change of an
    editor's groups shows on the bar within CHROME_TTL."""
    from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if not cached("admin-access", lambda: user.has_perm("wagtailadmin.access_admin"), user.pk):
        return ""
    return wagtailuserbar(context)


@register.simple_tag(takes_context=True)
def localized_link(context, page):
    """{"url", "title"} of `page`'s version in the active language (itself if untranslated),
    cached with the page chrome: a link card otherwise costs two queries (`.localized` and
    its URL) every time it is shown."""
    if page is None:
        return None
    request = context.get("request")

    def build():
        target = page.localized
        return {"url": target.get_url(request), "title": target.title}

    host = request.get_host() if request is not None else ""
    return cached("link", build, page.pk, get_language() or "", host)
