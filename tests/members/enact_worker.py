"""Subprocess side of the enactment crash test. Run from the repository root:

    python -m tests.members.enact_worker crash    # a passed vote's enactment, killed midway
    python -m tests.members.enact_worker finish   # the scheduler's next run, then a report

DATABASE_URL points at a throwaway SQLite file. In `crash`, an extra effect registered after
the real one calls `os._exit(137)`, as SIGKILL would end the worker: inside the enactment's
transaction, after the member's contract has been ended in it.
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopsite.settings.test")


def after_close(proposal):
    """A moment after the vote closed, when the scheduler's every-minute job finds it due."""
    from datetime import timedelta

    import time_machine

    return time_machine.travel(proposal.closes_at + timedelta(seconds=30), tick=False)


def crash():
    from members import effects, voting
    from members.factories import make_member, make_open_proposal
    from members.models import Kind
    from members.tasks import process_due_proposals
    from tests.tasks import run_tasks

    proposer, subject, third = (make_member(f"Crash {n}") for n in ("A", "B", "C"))
    proposal = make_open_proposal(proposer, kind=Kind.END_CONTRACT, subject=subject)
    for member in (proposer, third):
        voting.cast_vote(proposal.pk, member, "yes", now=proposal.opens_at)

    def killed_mid_enactment(proposal):
        sys.stdout.flush()
        os._exit(137)

    effects.register(Kind.END_CONTRACT, killed_mid_enactment)
    with after_close(proposal):
        process_due_proposals.enqueue()  # as the scheduler does every minute
        run_tasks()  # the worker's own code runs it, and dies in the enactment
    print("no crash")


def report():
    from members.models import AuditEntry, Member, Proposal
    from members.tasks import process_due_proposals
    from tests.tasks import run_tasks

    proposal = Proposal.objects.get()
    with after_close(proposal):
        process_due_proposals.enqueue()  # the scheduler's next minute
        run_tasks()
    proposal.refresh_from_db()
    subject = Member.objects.get(pk=proposal.subject_id)
    return {
        "enactment": proposal.enactment_status,
        "outcome": proposal.outcome,
        "subject": subject.status,
        "contract_ended": AuditEntry.objects.filter(action="member.contract_ended").count(),
        "enacted": AuditEntry.objects.filter(action="enactment.done").count(),
    }


def main():
    django.setup()
    if sys.argv[1] == "crash":
        crash()
    else:
        print(json.dumps(report()))


if __name__ == "__main__":
    main()
