"""Members' background tasks: the voting engine's timed work, run by the worker."""

from django_tasks import task

from . import audit_log, effects, voting


@task()
def process_due_proposals():
    """Open and close proposals whose time has come; enact passed ones, retry failures.
    Enqueued every minute by the scheduler."""
    return voting.process_due()


@task()
def send_vote_reminders():
    """Remind electors who have not voted, once per proposal, before it closes."""
    return voting.send_reminders()


@task()
def enact_proposal(proposal_id: int):
    """Carry out (or retry) one passed proposal's effects: the admin's retry button."""
    return str(effects.enact(proposal_id))


@task()
def check_audit_log():
    """The nightly check of the audit log's chain; the admins are emailed if it is broken."""
    result = audit_log.check_and_alert()
    return "intact" if result.intact else str(result.broken)
