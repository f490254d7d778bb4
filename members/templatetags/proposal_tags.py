"""What a proposal's page shows of its result: what was carried out, and the result chart."""

import re
from datetime import date, datetime

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

register = template.Library()


def _shown(key, value):
    """A `Carried` parameter as the reader reads it, in their language: cents as money,
    an ISO date (2027-01-01) as a date."""
    if key.endswith("_cents") and isinstance(value, int):
        from billing.ledger import money  # display only: the engine imports no owner

        return money(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date_format(date.fromisoformat(value), "DATE_FORMAT")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+([+-][\d:]+|Z)?", value):
        moment = datetime.fromisoformat(value)
        return date_format(
            timezone.localtime(moment) if timezone.is_aware(moment) else moment, "DATETIME_FORMAT"
        )
    return value


@register.simple_tag
def proposal_details(proposal):
    """What the kind's own fields asked for (`effects.form_for`), as [{"label", "value"}]:
    the hearing of a contract's end, a pay change's amount and date... Values the form
    stores under its field's name are shown with that field's label and choice names."""
    from members import effects

    form_class = effects.form_for(proposal.kind)
    if form_class is None or not isinstance(proposal.payload, dict):
        return []
    fields = form_class.base_fields
    shown = []
    for key, value in proposal.payload.items():
        field = fields.get(key)
        if field is None or value in (None, "", []):
            continue
        if hasattr(field, "queryset"):
            continue  # a chosen object: the page names it elsewhere (the member, the draft)
        choices = dict(getattr(field, "choices", None) or [])
        shown.append({"label": field.label, "value": choices.get(value, _shown(key, value))})
    return shown


@register.simple_tag
def carried_results(proposal):
    """`proposal.enactment_results` (stored `effects.Carried`) in the active language:
    a list of {"text", "url"}; a link that no longer resolves is left out, not an error."""
    shown = []
    for result in proposal.enactment_results or []:
        if not isinstance(result, dict) or not result.get("message"):
            continue
        params = {k: _shown(k, v) for k, v in (result.get("params") or {}).items()}
        try:
            text = gettext(result["message"]) % params
        except (KeyError, TypeError, ValueError):
            text = gettext(result["message"])
        url = ""
        if result.get("url_name"):
            try:
                url = reverse(result["url_name"], kwargs=result.get("url_kwargs") or {})
            except NoReverseMatch:
                url = ""
        shown.append({"text": text, "url": url})
    return shown


CHART_WIDTH = 300


@register.inclusion_tag("members/includes/result_chart.html")
def result_chart(proposal, tally):
    """A bar per choice, and one for electors who did not vote, drawn to the electorate."""
    from members.models import Choice

    electorate = max(proposal.electorate_size, tally.participants, 1)
    counts = [
        ("yes", Choice.YES.label, tally.yes),
        ("no", Choice.NO.label, tally.no),
        ("abstain", Choice.ABSTAIN.label, tally.abstain),
        ("none", gettext("Did not vote"), max(proposal.electorate_size - tally.participants, 0)),
    ]
    rows = [
        {
            "key": key,
            "label": label,
            "count": count,
            "width": round(CHART_WIDTH * count / electorate),
            "y": index * 28,
            "text_y": index * 28 + 15,
        }
        for index, (key, label, count) in enumerate(counts)
    ]
    return {"proposal": proposal, "rows": rows, "height": len(rows) * 28, "width": CHART_WIDTH}
