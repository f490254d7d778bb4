"""The manual in force, as the reading pages and the dashboard need it, cached.

The same for every member: the live manual page, its newest version (with the proposal that
enacted it), every version's line for the dashboard and which version last changed each
clause. Built from the database it costs five to seven queries; it changes only when a
version is recorded (a publish: an amendment going live or an editorial fix) or the page is
published, moved or deleted. So it is kept with `home.chrome.cached`, under the chrome
version that publishing already bumps, and `connect` bumps it too when a `ManualVersion` is
saved or deleted (`invalidate` bumps again when the transaction commits).

What is per member (their visit, their confirmation) is never in here.
"""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

from home.chrome import cached, invalidate
from members.models import ManualPage, ManualVersion

from .diff import clause_history
from .outline import current_manual


@dataclass(frozen=True)
class InForce:
    page: ManualPage
    version: ManualVersion  # the newest, `proposal` loaded, `outline` not
    versions: tuple  # every version, by number, `proposal` loaded, `outline` not
    history: dict  # {clause anchor: the version that last changed it}, as of `version`

    def versions_after(self, number):
        return [v for v in self.versions if v.number > number]


def _build():
    page = current_manual()
    if page is None:
        return None
    # Without their outlines (each version's whole text): what is read on every request
    # stays small however many versions there are.
    versions = tuple(page.versions.select_related("proposal").defer("outline").order_by("number"))
    if not versions:
        return None
    by_number = {v.number: v for v in versions}
    history = {
        anchor: by_number[v.number] for anchor, v in clause_history(page, versions[-1]).items()
    }
    return InForce(page=page, version=versions[-1], versions=versions, history=history)


def in_force():
    """The manual in force, or None while there is none (no live page or no version)."""
    return cached("manual-in-force", _build)


def connect():
    post_save.connect(invalidate, sender=ManualVersion, dispatch_uid="manual-in-force-save")
    post_delete.connect(invalidate, sender=ManualVersion, dispatch_uid="manual-in-force-delete")
