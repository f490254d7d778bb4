"""`page_fragment` (site_tags) for a repeated part of a page: one entry per part."""

import copy

from django import template

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
