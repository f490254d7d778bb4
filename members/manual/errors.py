"""What the manual's rules refuse, with messages safe to show to a member."""


class ManualError(Exception):
    """A refused action; the message is safe to show to a member."""


class AmendmentConflict(ManualError):
    """The manual changed since the amendment was drafted."""
