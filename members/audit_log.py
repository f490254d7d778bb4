"""The audit log, readable and checkable: plain-language events for members, the chain check.

The log itself (`members.models.audit`) stores codes ("vote.cast") and login names; members
read it here as sentences, with display names, in their language. A secret ballot's entries
never name who voted: the members' view shows "A ballot was cast" and the member filter
skips them. `first_break()` finds the first entry whose fingerprint or link does not match;
`verify_audit_log` and the daily scheduled check (`members.tasks.check_audit_log`) report it.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Choice, Member, Proposal, VoteRule
from .models.audit import GENESIS

# --- What each code means -----------------------------------------------------------------

CATEGORIES = {
    "proposals": (_("Proposals"), ("proposal.",)),
    "votes": (_("Votes"), ("vote.",)),
    "comments": (_("Comments"), ("comment.",)),
    "results": (_("Carrying out results"), ("enactment.",)),
    "manual": (_("The manual"), ("manual.",)),
    "membership": (_("Membership"), ("member.", "parent_company.")),
    "rules": (_("Voting rules"), ("rule.",)),
}

EVENTS = {
    "proposal.created": _("Made the proposal"),
    "proposal.opened": _("Voting opened"),
    "proposal.withdrawn": _("Withdrew the proposal"),
    "proposal.closed": _("Voting closed"),
    "proposal.reminded": _("Reminded members who had not voted"),
    "proposal.edited": _("Edited the proposal before voting opened"),
    "vote.cast": _("Voted"),
    "vote.changed": _("Changed their vote"),
    "comment.added": _("Commented"),
    "enactment.done": _("Carried out the result"),
    "enactment.failed": _("Carrying out the result failed; it will be tried again"),
    "manual.published": _("Published a new version of the manual"),
    "manual.acknowledged": _("Confirmed reading the manual"),
    "manual.amendment_drafted": _("Drafted an amendment to the manual"),
    "manual.publish_refused": _("Publishing the manual without a vote was refused"),
    "member.onboarded": _("A new member joined"),
    "member.contract_ended": _("A member's contract ended"),
    "member.left": _("A member left the co-op"),
    "parent_company.removed": _("The parent company's representatives were removed"),
    "rule.edited": _("Changed a voting rule"),
}

SECRET_VOTE = {
    "vote.cast": _("A ballot was cast"),
    "vote.changed": _("A ballot was changed"),
}

OUTCOMES = {"passed": _("passed"), "failed": _("failed")}
SYSTEM = pgettext_lazy("audit log actor", "The site")
STAFF = pgettext_lazy("audit log actor", "An administrator")
UNKNOWN = pgettext_lazy("audit log actor", "A former user")


@dataclass
class Event:
    """One entry as a member reads it."""

    entry: AuditEntry
    who: str
    what: str
    facts: list = field(default_factory=list)

    @property
    def proposal(self):
        return self.entry.proposal


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # noqa: BLE001 - a field renamed since the entry was written
        return name


def _changes(entry, model):
    text = _("%(field)s: “%(old)s” became “%(new)s”")
    return [
        text
        % {
            "field": _field_label(model, c.get("field", "")),
            "old": c.get("old"),
            "new": c.get("new"),
        }
        for c in entry.detail.get("changes", [])
    ]


def _facts(entry, names, secret):
    """Plain-language details of an entry, never a secret choice or a running count."""
    detail, action, proposal = entry.detail, entry.action, entry.proposal
    facts = []
    if action in ("vote.cast", "vote.changed") and not secret and proposal and proposal.is_closed:
        if detail.get("choice") in Choice.values:
            facts.append(Choice(detail["choice"]).label)
    elif action == "proposal.closed":
        values = {k: detail.get(k, 0) for k in ("yes", "no", "abstain", "electorate")}
        values["outcome"] = OUTCOMES.get(detail.get("outcome"), "")
        facts.append(
            _("Yes %(yes)s, no %(no)s, abstain %(abstain)s, of %(electorate)s: %(outcome)s")
            % values
        )
    elif action in ("manual.published", "manual.acknowledged") and "version" in detail:
        facts.append(_("Version %(number)s") % {"number": detail["version"]})
    elif action in ("member.onboarded", "member.contract_ended", "member.left"):
        if detail.get("member") in names:
            facts.append(names[detail["member"]])
    elif action == "proposal.edited":
        facts.extend(_changes(entry, Proposal))
    elif action == "rule.edited":
        kind = detail.get("kind")
        facts.append(dict(VoteRule._meta.get_field("kind").choices).get(kind, kind))
        facts.extend(_changes(entry, VoteRule))
    return facts


def _is_secret_vote(entry):
    return bool(
        entry.action.startswith("vote.") and entry.proposal and entry.proposal.secret_ballot
    )


def _actor_names(entries):
    """Login name -> what members read: the member's display name, never the login."""
    logins = {e.actor for e in entries} - {"system", ""}
    users = get_user_model().objects.filter(username__in=logins)
    members = {m.user_id: m.display_name for m in Member.objects.filter(user__in=users)}
    return {u.get_username(): members.get(u.pk) or u.get_full_name() or str(STAFF) for u in users}


def describe(entries):
    """The entries as `Event`s, with display names and plain-language sentences."""
    entries = list(entries)
    actors = _actor_names(entries)
    subjects = {e.detail.get("member") for e in entries if isinstance(e.detail, dict)}
    names = dict(Member.objects.filter(pk__in=subjects - {None}).values_list("pk", "display_name"))
    events = []
    for entry in entries:
        secret = _is_secret_vote(entry)
        if secret:
            who, what = "", SECRET_VOTE.get(entry.action, EVENTS.get(entry.action))
        else:
            who = str(SYSTEM) if entry.actor in ("system", "") else actors.get(entry.actor, UNKNOWN)
            what = EVENTS.get(entry.action) or entry.action.replace(".", " ").replace("_", " ")
        events.append(Event(entry, str(who), str(what), _facts(entry, names, secret)))
    return events


# --- Filtering ------------------------------------------------------------------------------


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(*, category=None, member=None, since=None, until=None):
    """The whole log, newest first, narrowed by kind of event, member and dates (inclusive)."""
    entries = AuditEntry.objects.select_related("proposal").order_by("-pk")
    if category in CATEGORIES:
        prefixes = CATEGORIES[category][1]
        query = Q()
        for prefix in prefixes:
            query |= Q(action__startswith=prefix)
        entries = entries.filter(query)
    if member is not None:
        entries = entries.filter(
            Q(actor=member.user.get_username()) | Q(detail__member=member.pk)
        ).exclude(action__startswith="vote.", proposal__secret_ballot=True)
    if since:
        entries = entries.filter(created_at__gte=_day_start(since))
    if until:
        entries = entries.filter(created_at__lt=_day_start(until + timedelta(days=1)))
    return entries


# --- Checking the chain -------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """The first entry that does not fit the chain, and why."""

    entry: AuditEntry
    reason: str  # "link": its link to the entry before is wrong; "hash": it was changed

    REASONS = {
        "link": gettext_noop(
            "entry %(pk)s (%(when)s) does not link to the entry before it: an entry was "
            "removed or inserted"
        ),
        "hash": gettext_noop(
            "entry %(pk)s (%(when)s) does not match its fingerprint: it was changed after "
            "it was written"
        ),
    }

    @property
    def msgid(self):
        return self.REASONS[self.reason]

    @property
    def values(self):
        return {"pk": self.entry.pk, "when": self.entry.created_at.isoformat()}

    def __str__(self):
        return gettext(self.msgid) % self.values  # in the active language


@dataclass(frozen=True)
class ChainCheck:
    count: int
    last_hash: str
    broken: Break | None

    @property
    def intact(self):
        return self.broken is None


def check_chain():
    """Walk the whole chain in order; stop at the first entry that does not fit."""
    previous, count = GENESIS, 0
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=500):
        if entry.prev_hash != previous:
            return ChainCheck(count, previous, Break(entry, "link"))
        if entry.compute_hash() != entry.hash:
            return ChainCheck(count, previous, Break(entry, "hash"))
        previous, count = entry.hash, count + 1
    return ChainCheck(count, previous, None)


def check_and_alert():
    """The daily check: on a break, tell the admins by email, once per broken entry."""
    from django.urls import reverse

    from outbox.mail import Text, queue, site_url

    from .emails import staff

    result = check_chain()
    if result.broken is not None:
        queue(
            "alert.audit_log",
            f"audit:{result.broken.entry.pk}:{result.broken.reason}",
            "members/emails/audit_broken",
            staff(),
            {
                "problem": Text(result.broken.msgid, result.broken.values),
                "count": result.count,
                "url": site_url(reverse("audit_log_admin")),
            },
        )
    return result
