"""Running the Procfile's worker and scheduler as real processes against the test database.

The commands come from the Procfile itself, run by a shell as honcho or a host would, with
production settings, the test database's URL, emails on the console (each process's output
goes to a file we read) and a short schedule (SCHEDULER_* variables).
"""

import email
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = "-" * 79


def procfile():
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line and not line.startswith("#"))


def environment(**extra):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "DJANGO_SETTINGS_MODULE": "coopsite.settings.production",
        "SECRET_KEY": "test-only-processes",
        "DATABASE_URL": url,
        "DB_CONN_MAX_AGE": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "REDIS_URL": "",
        "WAGTAILADMIN_BASE_URL": "http://testserver",
        "SCHEDULER_FREQUENT_SECONDS": "5",
        "SCHEDULER_TICK_SECONDS": "2",
        "SCHEDULER_LEASE_SECONDS": "6",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


class Processes:
    """Start Procfile processes; `stop()` ends them all (SIGTERM, then SIGKILL)."""

    def __init__(self, folder, **env):
        self.folder = Path(folder)
        self.env = environment(**env)
        self.running = {}

    def start(self, kind, name=None):
        name = name or f"{kind}.{sum(n.startswith(kind) for n in self.running) + 1}"
        log = (self.folder / f"{name}.log").open("w")
        self.running[name] = subprocess.Popen(
            ["/bin/sh", "-c", f"exec {procfile()[kind]}"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return name

    def kill(self, name):
        """SIGKILL: the process gets no chance to clean up (a crash, a lost machine)."""
        os.killpg(self.running[name].pid, signal.SIGKILL)
        self.running[name].wait()

    def stop(self):
        for proc in self.running.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for proc in self.running.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def output(self, prefix=""):
        return "\n".join(
            (self.folder / f"{name}.log").read_text()
            for name in self.running
            if name.startswith(prefix)
        )

    def emails(self):
        """(recipient, subject, body) of every email the processes printed."""
        found = []
        for chunk in self.output("worker").split(SEPARATOR):
            match = re.search(r"^Content-Type:", chunk, re.MULTILINE)
            if not match:
                continue
            message = email.message_from_string(chunk[match.start() :])
            if not message["To"]:
                continue
            body = message.get_payload(decode=True) or b""
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            found.append((message["To"], subject, body.decode(errors="replace")))
        return found


def wait_for(condition, *, timeout, every=1.0):
    """Poll `condition()` until it is true; False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return bool(condition())
