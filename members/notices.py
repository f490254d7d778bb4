"""The notice a member gets when a proposal would end their contract (through the outbox)."""

from datetime import datetime

from outbox.mail import Link, Recipient, queue


def contract_notice(proposal):
    """Tell the member concerned what is proposed, when they may be heard and when the vote
    closes. Queued in the caller's transaction: no proposal, no notice, and the reverse."""
    member = proposal.subject
    if member is None or not member.user.email:
        return 0
    payload = proposal.payload or {}
    return queue(
        "members.contract_notice",
        f"proposal:{proposal.pk}",
        "members/emails/contract_notice",
        [Recipient(member.user.email, member.email_language)],
        {
            "member": member,
            "proposal": proposal,
            "hearing_at": datetime.fromisoformat(payload["hearing_at"]),
            "hearing_place": payload.get("hearing_place", ""),
            "url": Link("members:proposal", (proposal.pk,)),
        },
    )
