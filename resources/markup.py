"""Markup rendered once for the cache, with holes that each request fills in.

Some of the directory's markup is the same for every visitor but for a few values: a result
card but for its link's query string, the filter form but for the options ticked and the
search text. Such markup is rendered once with holes standing in for those values (given to
the template's context in their place) and kept, cached with the page chrome, as its text
between the holes; each request puts its own values in, escaped as the template would have
escaped them. A request then costs a join instead of a template rendering.
"""

from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# Marks a hole in the rendered text: text from the database never holds a NUL (PostgreSQL
# refuses it, Django's form fields reject it, home.text.clean_text drops it from queries).
MARK = "\x00"


class Holes:
    """The holes of one rendering: `holes[name]` is the text that stands for `name`."""

    def __init__(self):
        self.names = []

    def __getitem__(self, name):
        self.names.append(name)
        return f"{MARK}{len(self.names) - 1}{MARK}"


def render(template_name, context):
    """`template_name` rendered with the context `context(holes)` returns, as its texts
    between holes and the holes' names, for `fill` (and the cache: plain tuples)."""
    holes = Holes()
    parts = render_to_string(template_name, context(holes)).split(MARK)
    return tuple(parts[0::2]), tuple(holes.names[int(index)] for index in parts[1::2])


def fill(rendered, values):
    """The markup `render` gave, each hole filled with its value in `values` (none: empty)."""
    texts, names = rendered
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    out = [texts[0]]
    for name, text in zip(names, texts[1:], strict=True):
        out += [escaped.get(name, ""), text]
    return mark_safe("".join(out))  # noqa: S308 - texts rendered by a template, values escaped
