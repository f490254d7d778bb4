"""The principles page's live figures, each principle's box of numbers (home/live_figures.py)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from home import live_figures

register = template.Library()


def _boxes(now):
    """Every principle's box, rendered in the active language, until the figures change."""
    data, changes_at = live_figures.principle_figures(now)
    html = {
        number: render_to_string(name, context(data[source]))
        for number, (source, name, context) in live_figures.boxes().items()
    }
    return html, changes_at


@register.simple_tag(takes_context=True)
def principle_figures(context, number):
    """Principle `number`'s figures ("" for a principle without any). Aggregates only, never
    names; the boxes hold nothing about the reader, so they are cached rendered, per language,
    as the numbers they show are: until what they count changes or time does."""
    boxes = live_figures.cached("principle-figures", _boxes, get_language() or "")
    if number not in boxes:
        return ""
    return mark_safe(boxes[number])  # noqa: S308 - our own templates' output, escaped as rendered
