from .audit import AppendOnlyError, AuditEntry
from .decisions import Decision
from .manual import (
    ManualAcknowledgement,
    ManualAmendment,
    ManualPage,
    ManualSettings,
    ManualVersion,
    ManualVisit,
)
from .membership import (
    ROLE_ADMIN_STAFF,
    ROLE_PARENT_REPRESENTATIVE,
    ROLE_TREASURER,
    ROLES,
    Member,
)
from .proposals import (
    Choice,
    Comment,
    Elector,
    Kind,
    Proposal,
    SecretBallot,
    Threshold,
    ThresholdBase,
    Vote,
    VoteRule,
)

__all__ = [
    "ROLES",
    "ROLE_ADMIN_STAFF",
    "ROLE_PARENT_REPRESENTATIVE",
    "ROLE_TREASURER",
    "AppendOnlyError",
    "AuditEntry",
    "Choice",
    "Comment",
    "Decision",
    "Elector",
    "Kind",
    "ManualAcknowledgement",
    "ManualAmendment",
    "ManualPage",
    "ManualSettings",
    "ManualVersion",
    "ManualVisit",
    "Member",
    "Proposal",
    "SecretBallot",
    "Threshold",
    "ThresholdBase",
    "Vote",
    "VoteRule",
]
