"""The worker killed with SIGKILL in the middle of a batch of emails: after a restart and the
sweep, no message is lost, and none is sent twice except, at most, the one that was in the
mail server's hands at the kill (at-least-once; outbox/delivery.py), which then carries the
same Message-ID. Real processes: `manage.py db_worker` on a SQLite file, a local SMTP sink."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from .smtp import SmtpSink

REPO = Path(__file__).resolve().parents[2]
COUNT = 40


def env(db, port):
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "tests.outbox.worker_settings",
        "SINK_PORT": str(port),
        "OUTBOX_LEASE_SECONDS": "3",
    }


def run(args, db, port):
    result = subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env(db, port),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def worker(db, port):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--interval",
            "0.05",
            "--no-reload",
            "-v0",
        ],
        cwd=REPO,
        env=env(db, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def statuses(db):
    with sqlite3.connect(db) as connection:
        return Counter(
            status for (status,) in connection.execute("select status from outbox_outgoingmessage")
        )


@pytest.fixture
def sink():
    server = SmtpSink(delay=0.05).start()
    yield server
    server.stop()


def test_sigkill_during_a_batch_loses_no_email(sink, tmp_path):
    db = tmp_path / "kill.sqlite3"
    run(["manage.py", "migrate", "--noinput", "-v0"], db, sink.port)
    run(["-m", "tests.outbox.kill_worker", "seed", str(COUNT)], db, sink.port)
    first = worker(db, sink.port)
    try:
        assert sink.wait_for(COUNT // 3, timeout=120), (
            first.stderr.read1(3000) if first.stderr else ""
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    at_kill = len(sink.received)
    assert at_kill < COUNT  # killed in the middle of the batch
    second = worker(db, sink.port)
    try:
        deadline = time.monotonic() + 120
        while statuses(db).get("sent", 0) < COUNT and time.monotonic() < deadline:
            time.sleep(1)
            # The scheduler's sweep, every few seconds here: the message the killed worker
            # held comes back once its lease (3 s) has expired.
            run(["-m", "tests.outbox.kill_worker", "sweep"], db, sink.port)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    assert statuses(db) == {"sent": COUNT}
    ids = Counter(mid for mid, _to, _s in sink.received)
    recipients = {to for _mid, to, _s in sink.received}
    assert recipients == {f"member{n}@example.org" for n in range(COUNT)}  # none lost
    assert len(ids) == COUNT
    doubles = sum(n - 1 for n in ids.values())
    assert doubles <= 1, ids.most_common(3)  # at most the one in flight at the kill
    print(f"killed after {at_kill} of {COUNT}; copies sent twice: {doubles}")
