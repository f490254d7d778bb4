"""Run the real site the way production does, on loopback, for benchmarks and fault drills.

One place knows how to make a scratch PostgreSQL database, fill it with the demo, and start
gunicorn on production settings; `bench/*.py` and `drills/*.py` build on it.

    with scratch_database("bench") as url:
        prepare(url, providers=2000)
        with Gunicorn(server_env(url, redis_url="redis://127.0.0.1:6379/5"), port=8011) as web:
            ...  # HTTP to web.base_url
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
# Every request a harness client sends says it came through the TLS proxy, as in production,
# so the `__Host-` cookies and CSRF's HTTPS checks behave as they do for real visitors.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def psql(sql, url=PG_ADMIN_URL):
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qc", sql], check=True)


def database_url(name):
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


@contextlib.contextmanager
def scratch_database(name, keep=False):
    """A new, empty PostgreSQL database `coopsite_<name>`; dropped afterwards unless `keep`."""
    db = f"coopsite_{name}"
    psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{db}"')
    try:
        yield database_url(db)
    finally:
        if not keep:
            psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def server_env(database_url, redis_url=None, **extra):
    """The environment of a production process on loopback (see the README's table)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coopsite.settings.production",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, quiet=True):
    subprocess.run(
        [str(BIN / "python"), str(REPO / "manage.py"), *args],
        env=env,
        check=True,
        cwd=REPO,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare(database_url, providers=0, seed=1, **extra):
    """Migrate, load the demo (plus `providers` generated ones) and collect static files.

    `extra` is more environment, as for `server_env` (e.g. the shared bucket's settings, so
    the demo's uploads land where the servers will look for them).
    """
    env = server_env(database_url, **extra)
    manage(env, "migrate", "--noinput")
    generated = ["--providers", str(providers), "--seed", str(seed)] if providers else []
    manage(env, "load_demo", *generated)
    manage(env, "collectstatic", "--noinput")


def wait_until_up(base_url, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base_url + "/healthz/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base_url} did not come up within {timeout:.0f} s")


class Gunicorn:
    """gunicorn serving coopsite on 127.0.0.1:`port` with `workers` sync workers."""

    def __init__(self, env, port=8011, workers=2, threads=1, log=None, extra_args=()):
        self.env, self.port, self.workers, self.threads = env, port, workers, threads
        self.log, self.extra_args = log, list(extra_args)
        self.base_url = f"http://127.0.0.1:{port}"
        self.process = None

    def __enter__(self):
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "coopsite.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                f"--threads={self.threads}",
                "--timeout=60",
                "--graceful-timeout=5",
                # Each instance on its own: several may run side by side on one machine.
                "--no-control-socket",
                *self.extra_args,
            ],
            env=self.env,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(self.base_url)
        except BaseException:
            self.stop()
            raise
        return self

    def worker_pids(self):
        """The PIDs of the current workers (children of the gunicorn master)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc):
        self.stop()
