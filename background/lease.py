"""A lease in the database, so one scheduler acts at a time (docs/decisions.md).

`hold()` takes the lease when it is free or has run out, and renews it for its holder, in
one conditional UPDATE: PostgreSQL and SQLite both apply it atomically, so two schedulers
racing for an expired lease cannot both win. A holder that stops (crash, kill, lost host)
simply stops renewing; another instance takes over when the lease expires.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import SchedulerLease

SCHEDULER = "scheduler"


def hold(holder, *, seconds, now=None, name=SCHEDULER):
    """Take or renew the lease for `seconds`; True when `holder` has it afterwards."""
    now = now or timezone.now()
    expires_at = now + timedelta(seconds=seconds)
    leases = SchedulerLease.objects.filter(name=name)
    if leases.filter(holder=holder, expires_at__gt=now).update(
        renewed_at=now, expires_at=expires_at
    ):
        return True
    if leases.filter(Q(expires_at__lte=now) | Q(holder=holder)).update(
        holder=holder, acquired_at=now, renewed_at=now, expires_at=expires_at
    ):
        return True
    try:
        with transaction.atomic():
            SchedulerLease.objects.create(
                name=name, holder=holder, acquired_at=now, renewed_at=now, expires_at=expires_at
            )
    except IntegrityError:
        return False  # another instance holds it
    return True


def release(holder, *, name=SCHEDULER):
    """Give the lease up at once (a clean shutdown), so a standby need not wait it out."""
    SchedulerLease.objects.filter(name=name, holder=holder).update(expires_at=timezone.now())


def last_renewed(name=SCHEDULER):
    """When any scheduler last held the lease, or None if none ever has."""
    return SchedulerLease.objects.filter(name=name).values_list("renewed_at", flat=True).first()
