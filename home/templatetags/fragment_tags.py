"""`page_fragment` (site_tags) for a repeated part of a page: one entry per part."""

import copy

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from home.chrome import prefetch

from .site_tags import PageFragmentNode

register = template.Library()


class PagePartFragmentNode(PageFragmentNode):
    def __init__(self, nodelist, name, page, part):
        super().__init__(nodelist, name, page)
        self.part = part

    def render(self, context):
        node = copy.copy(self)  # nodes are shared between threads: name this render's copy
        node.name = f"{self.name}-{self.part.resolve(context)}"
        return PageFragmentNode.render(node, context)


@register.tag
def page_part_fragment(parser, token):
    """`{% page_part_fragment "name" page part %}...{% endpage_part_fragment %}`: as
    `page_fragment`, cached once per value of `part` (a block's number in a stream), under
    the same rules: only markup made from the page's own live revision."""
    bits = token.split_contents()
    if len(bits) != 4 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('usage: {% page_part_fragment "name" page part %}')
    nodelist = parser.parse(("endpage_part_fragment",))
    parser.delete_first_token()
    return PagePartFragmentNode(
        nodelist, bits[1][1:-1], parser.compile_filter(bits[2]), parser.compile_filter(bits[3])
    )


@register.simple_tag(takes_context=True)
def prefetch_page_parts(context, name, page, count, *extra):
    """Read the `page_part_fragment`s `name` 1..`count` (and the `extra` parts) of `page` in
    one cache round trip, before they are rendered one by one."""
    request = context.get("request")
    if request is None or not isinstance(page, Page) or getattr(request, "is_preview", False):
        return ""
    language, host = get_language() or "", request.get_host()
    parts = [*extra, *range(1, count + 1)]
    prefetch(*((f"fragment-{name}-{part}", page.pk, language, host) for part in parts))
    return ""
