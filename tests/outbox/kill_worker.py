"""Helper run as a subprocess by tests/outbox/test_kill.py: `seed N` queues a bulk notice to
N addresses; `sweep` runs the outbox sweep (the scheduler's job)."""

import sys

import django

django.setup()

from outbox import delivery  # noqa: E402
from outbox.mail import Recipient, queue  # noqa: E402

if sys.argv[1] == "seed":
    count = int(sys.argv[2])
    queue(
        "test.bulk",
        "batch:1",
        "members/emails/work_failed",
        [Recipient(f"member{n}@example.org", "en") for n in range(count)],
        {"what": "A bulk notice", "error": "none", "url": "http://testserver/"},
    )
    print("seeded", count)
elif sys.argv[1] == "sweep":
    print("swept", delivery.sweep())
