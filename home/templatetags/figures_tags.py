"""The principles page's live figures, each principle's box of numbers (home/live_figures.py)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from billing.templatetags.billing_tags import coop_figures_context, fee_figures_context
from home import live_figures
from members.templatetags.members_tags import member_figures_context

register = template.Library()

HELD = "events/includes/principle_figures.html"
# Principle number: (template, its context from `live_figures.principle_figures`'s numbers).
BOXES = {
    1: ("members/principle_figures.html", lambda d: member_figures_context(d["members"], 1)),
    2: ("members/principle_figures.html", lambda d: member_figures_context(d["members"], 2)),
    3: ("billing/principle_figures.html", lambda d: fee_figures_context(d["cycles"])),
    5: (
        "events/includes/principle_figures.html",
        lambda d: {"number": 5, "held": d["events_held"]},
    ),
    6: ("billing/coop_figures.html", lambda d: coop_figures_context(d["cycles"])),
    7: (
        "events/includes/principle_figures.html",
        lambda d: {"number": 7, "held": d["events_held"]},
    ),
}


def _boxes(now):
    """Every principle's box, rendered in the active language, until the figures change."""
    data, changes_at = live_figures.principle_figures(now)
    html = {
        number: render_to_string(name, context(data)) for number, (name, context) in BOXES.items()
    }
    return html, changes_at


@register.simple_tag(takes_context=True)
def principle_figures(context, number):
    """Principle `number`'s figures ("" for a principle without any). Aggregates only, never
    names; the boxes hold nothing about the reader, so they are cached rendered, per language,
    as the numbers they show are: until what they count changes or time does."""
    if number not in BOXES:
        return ""
    boxes = live_figures.cached("principle-figures", _boxes, get_language() or "")
    return mark_safe(boxes[number])  # noqa: S308 - our own templates' output, escaped as rendered
