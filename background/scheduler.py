"""The scheduler process (`manage.py run_scheduler`, the Procfile's `scheduler`).

APScheduler's BlockingScheduler keeps the clock; every job it fires only enqueues a Django task
(background/schedule.py), so this process does no work of its own and never touches Stripe or
a mail server. Any number of instances may run: the lease lets one act, the others stand by.
"""

import logging
import os
import signal
import socket

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.db import close_old_connections
from django.utils.crypto import get_random_string

from . import lease, schedule

logger = logging.getLogger(__name__)


def holder_name():
    """Unique per process, and says where it runs."""
    return f"{socket.gethostname()}:{os.getpid()}:{get_random_string(6)}"[:128]


class Scheduler:
    def __init__(self, holder=None):
        self.holder = holder or holder_name()
        self.acting = False

    def heartbeat(self):
        """Take or renew the lease; say so when this instance starts or stops acting."""
        close_old_connections()
        try:
            acting = lease.hold(self.holder, seconds=settings.SCHEDULER_LEASE_SECONDS)
        finally:
            close_old_connections()
        if acting != self.acting:
            logger.info(
                "Scheduler %s %s.", self.holder, "is acting" if acting else "is standing by"
            )
        self.acting = acting

    def fire(self, job):
        close_old_connections()
        try:
            schedule.fire(job, self.holder)
        finally:
            close_old_connections()

    def build(self):
        scheduler = BlockingScheduler(
            timezone=settings.TIME_ZONE,
            # A job fired late (a busy host, a sleeping laptop) still runs, once.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        scheduler.add_job(
            self.heartbeat, "interval", seconds=settings.SCHEDULER_TICK_SECONDS, id="heartbeat"
        )
        for job in schedule.jobs():
            scheduler.add_job(self.fire, job.trigger, args=[job], id=job.name, name=job.name)
        return scheduler

    def catch_up(self):
        """At start, enqueue each job's latest due time unless that was done already: a
        daily job whose time passed while no scheduler ran is not skipped for a day."""
        self.heartbeat()
        if self.acting:
            for job in schedule.jobs():
                self.fire(job)

    def run(self):
        scheduler = self.build()

        def stop(signum, frame):
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        try:
            self.catch_up()
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            if scheduler.running:
                scheduler.shutdown(wait=False)
            close_old_connections()
            lease.release(self.holder)
            logger.info("Scheduler %s stopped.", self.holder)
