"""Run the real site the way production does, on loopback, for benchmarks and fault drills.

One place knows how to make a scratch PostgreSQL database, fill it with the demo, and start
gunicorn on production settings; `bench/*.py` and `drills/*.py` build on it.

    with scratch_database("bench") as url:
        prepare(url, providers=2000)
        with Gunicorn(server_env(url, redis_url="redis://127.0.0.1:6379/5"), port=8011) as web:
            ...  # HTTP to web.base_url
"""

import base64
import contextlib
import http.client
import os
import platform
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
# Every request a harness client sends says it came through the TLS proxy, as in production,
# so the `__Host-` cookies and CSRF's HTTPS checks behave as they do for real visitors.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
CSRF_COOKIE = "__Host-csrftoken"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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


def shell(env, script):
    """Run `script` with `manage.py shell -c` in `env`; what it printed."""
    done = subprocess.run(
        [str(BIN / "python"), str(REPO / "manage.py"), "shell", "-c", script],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py shell failed: {done.stderr[-2000:]}")
    return done.stdout


def prepare(database_url, providers=0, seed=1, **extra):
    """Migrate, load the demo (plus `providers` generated ones), run the tasks the load queued
    and collect static files.

    `extra` is more environment, as for `server_env` (e.g. the shared bucket's settings, so
    the demo's uploads land where the servers will look for them).
    """
    env = server_env(database_url, **extra)
    manage(env, "migrate", "--noinput")
    generated = ["--providers", str(providers), "--seed", str(seed)] if providers else []
    manage(env, "load_demo", "--i-know-this-is-not-production", *generated)
    # What the worker does after a load (the search and reference indexes of every page):
    # without it the site search would be measured against an empty index.
    manage(env, "db_worker", "--queue-name", "*", "--batch", "--no-startup-delay")
    analyze(database_url)
    manage(env, "collectstatic", "--noinput")


def analyze(database_url):
    """Fresh planner statistics and a vacuumed database after a bulk load, as autovacuum
    leaves it within a minute or so (docs/deployment.md: it must be on); a bench that starts
    at once would otherwise measure PostgreSQL's plans for empty tables (nested loops over
    2,000 providers) and scan the unmerged pending lists of Wagtail's GIN search indexes."""
    psql("VACUUM ANALYZE", url=database_url)


# --- CPU and memory of the server processes --------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pids):
    """{pid: user + system CPU seconds so far} for each of `pids` still running."""
    seconds = {}
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        seconds[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return seconds


def backend_pids(database):
    """The PostgreSQL backends serving clients of `database` (by name), as pids."""
    sql = (
        "SELECT pid FROM pg_stat_activity "  # noqa: S608 - a bench's own database name
        f"WHERE datname = '{database}' AND backend_type = 'client backend'"
    )
    out = subprocess.run(
        ["psql", PG_ADMIN_URL, "-Atqc", sql], capture_output=True, text=True
    ).stdout
    return [int(line) for line in out.split() if line.isdigit()]


class CpuMeter:
    """CPU seconds spent by gunicorn's workers and the database's backends between `start()`
    and `stop()` (processes that start in between count from zero; keep connections open for
    the whole measurement, DB_CONN_MAX_AGE, so none exits unseen)."""

    def __init__(self, web, database):
        self.web, self.database = web, database

    def _pids(self):
        return self.web.worker_pids(), backend_pids(self.database)

    def start(self):
        workers, backends = self._pids()
        self.before = cpu_seconds(workers), cpu_seconds(backends)

    def stop(self):
        workers, backends = self._pids()
        after = cpu_seconds(workers), cpu_seconds(backends)
        used = [
            sum(now - then.get(pid, 0.0) for pid, now in a.items())
            for a, then in zip(after, self.before, strict=True)
        ]
        return {"cpu_workers": used[0], "cpu_database": used[1]}


def rss_mib(pids):
    """{pid: resident memory in MiB}."""
    result = {}
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                result[pid] = int(line.split()[1]) / 1024
    return result


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
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
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


# --- A visitor's browser, by hand ---------------------------------------------------------------


class Response:
    """One answer: `.status`, `.headers` (case-insensitive), `.body` (bytes), and when the
    request was sent and the answer read (`time.monotonic()`)."""

    def __init__(self, status, headers, body, started, ended):
        self.status, self.headers, self.body = status, headers, body
        self.started, self.ended = started, ended

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("Location", "")


class Browser:
    """One visitor: keeps its own cookies (production's are Secure, which http.cookiejar
    will not send over plain HTTP), says it came through the TLS proxy, and sends Origin,
    Referer and the CSRF token the way a form would. No redirects are followed.

    Sharing a session with another instance is copying `cookies` into a Browser for it."""

    def __init__(self, base_url, timeout=15):
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.origin = f"https://{self.host}:{self.port}"
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {**PROXY_HEADERS, "Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
            if CSRF_COOKIE in self.cookies:
                headers["X-CSRFToken"] = self.cookies[CSRF_COOKIE]
        started = time.monotonic()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(response.status, response.headers, data, started, time.monotonic())

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, form)

    def login(self, email, password):
        """The members' login form, from a clean slate: 302 on success, 200 on a wrong
        password, 429 locked out; the login page's answer if that is not a 200."""
        self.cookies.clear()
        page = self.get("/en/members/login/")
        if page.status != 200:
            return page
        return self.post("/en/members/login/", {"username": email, "password": password})

    def flash(self):
        """The text of the message the last response left in the `messages` cookie."""
        value = self.cookies.get("messages")
        if not value:
            return ""
        payload = value.split(":", 1)[0]  # then the signature, which a client can't check
        compressed = payload.startswith(".")
        payload = payload.lstrip(".")
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        return (zlib.decompress(raw) if compressed else raw).decode()


def csrf_from(text):
    """The CSRF token of the form in an HTML page."""
    match = CSRF_INPUT.search(text)
    if not match:
        raise AssertionError("no CSRF token in the form")
    return match.group(1)


# --- Figures -----------------------------------------------------------------------------

PERFORMANCE_DOC = REPO / "docs" / "performance.md"


def cpu_name():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def percentile(values, p):
    """The nearest-rank `p`th percentile of `values` (nan when there are none)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def record_figures(section, heading, body, doc=PERFORMANCE_DOC):
    """Put `body` between the `<!-- bench:SECTION:start/end -->` markers of docs/performance.md,
    replacing the last run's figures; the first time, append it under `## heading`."""
    start, end = f"<!-- bench:{section}:start -->", f"<!-- bench:{section}:end -->"
    block = f"{start}\n{body}\n{end}"
    text = doc.read_text() if doc.exists() else ""
    if start in text:
        pattern = re.escape(start) + ".*?" + re.escape(end)
        text = re.sub(pattern, lambda _match: block, text, flags=re.S)
    else:
        text = text.rstrip() + f"\n\n## {heading}\n\n{block}\n"
    doc.write_text(text)
