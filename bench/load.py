"""Public pages under load, cached and uncached, and the members' flow with 50 users
(reliability plan P1, P2, P4). Figures go to docs/performance.md.

    make bench-load          # or: .venv/bin/python bench/load.py  (needs wrk: apt-get install wrk)

One scratch PostgreSQL database (coopsite_bench) with the demo plus 2,000 providers; gunicorn
with 2 sync workers on 127.0.0.1:8011 and production settings (bench/floor_settings.py adds
only the one-line floor view and lifts the public-search rate limit); Redis database 5
(flushed before each run) for the cache and sessions.

1. P1: `wrk -t1 -c8` for DURATION seconds per URL, first with the page cache off
   (PAGE_CACHE=false), then on. The floor, `/bench/floor/`, is a view returning "ok" through
   the same middleware: what Django itself costs on this machine in the same run.
2. P2: 50 threads, each a member with its own cookies: GET login, POST login, GET the
   dashboard, GET an open proposal, POST a vote, GET the manual. Cookies and CSRF by hand.
3. P4: anonymous and logged-in clients at once, cache on; every anonymous body is scanned for
   markup only members see, and no member response may be an `X-Cache: hit`.

A benchmark, not a test: slow figures are recorded, not failed. Exits non-zero only when a
correctness check fails (a member-only marker in an anonymous page, a cached member page).
"""

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    PERFORMANCE_DOC,
    REPO,
    Browser,
    CpuMeter,
    Gunicorn,
    cpu_name,
    csrf_from,
    database_url,
    percentile,
    prepare,
    record_figures,
    rss_mib,
    scratch_database,
    server_env,
    shell,
)

PORT = 8011
BASE_URL = f"http://127.0.0.1:{PORT}"
REDIS_URL = "redis://127.0.0.1:6379/5"
MEMBERS = 50
MEMBER_PASSWORD = "bench-member-password-2026"  # noqa: S105 - scratch database only
PAGES = [
    ("floor (one-line Django view)", "/bench/floor/"),
    ("home", "/en/"),
    ("FAQ", "/en/faq/"),
    ("principles", "/en/principles/"),
    ("resources", "/en/resources/"),
    ("directory", "/en/directory/"),
    ("a provider", "/en/directory/ana-rivera/"),
    ("search", "/en/search/?q=anxiety"),
]
# Requested as a logged-in bench member (the session and CSRF cookies on every request).
MEMBER_PAGES = [
    ("dashboard (member)", "/en/members/dashboard/"),
    ("manual (member)", "/en/members/manual/"),
]
# Markup only a logged-in member's pages contain (bench members have no public profile).
MEMBER_MARKERS = [
    "members-logout",
    "members-nav",
    "Welcome, ",
    "Waiting for your vote",
    "Bench Member",
]
WRK_REPORT = r"""
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d, ' ..
    '"non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
"""
SETUP_MEMBERS = """
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from members import voting
from members.factories import make_member
from members.models import Kind, Member, Proposal

password = make_password({password!r})
for n in range(1, {count} + 1):
    email = f"bench{{n:03d}}@bench.example"
    if Member.objects.filter(user__email=email).exists():  # --reuse
        continue
    member = make_member(f"Bench Member {{n:03d}}", email=email)
    member.user.password = password
    member.user.save(update_fields=["password"])
proposal = Proposal.objects.filter(title="Bench: keep the lights on", status="open").first()
proposal = proposal or voting.propose(
    kind=Kind.GENERAL,
    title="Bench: keep the lights on",
    body="A proposal for the load bench to vote on.",
    notify=False,
    now=timezone.now() - timezone.timedelta(days=1),
)
if proposal.status == "scheduled":
    Proposal.objects.filter(pk=proposal.pk).update(secret_ballot=False)
    voting.open_proposal(proposal.pk, now=timezone.now(), notify=False)
proposal.refresh_from_db()
print("PROPOSAL", proposal.pk, proposal.status, proposal.electorate_size)
"""


def visitor():
    """A new visitor (bench/harness.py's Browser), patient: the machine is busy on purpose."""
    return Browser(BASE_URL, timeout=120)


# --- Setup ----------------------------------------------------------------------------------


def setup_members(url):
    """50 active members (one password hash, made once) and an open proposal they vote on."""
    env = server_env(url)
    script = SETUP_MEMBERS.format(password=MEMBER_PASSWORD, count=MEMBERS)
    out = shell(env, script)
    pk, status, electorate = out.split("PROPOSAL", 1)[1].split()
    assert status == "open" and int(electorate) >= MEMBERS, out
    return int(pk)


def flush_redis():
    subprocess.run(["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "FLUSHDB"], check=True)


def bench_env(url, page_cache):
    return server_env(
        url,
        redis_url=REDIS_URL,
        DJANGO_SETTINGS_MODULE="floor_settings",
        PYTHONPATH=str(REPO / "bench"),
        PAGE_CACHE="true" if page_cache else "false",
        LOG_LEVEL="WARNING",
        # Database connections kept for the whole run, so the CPU meter sees every backend
        # (production's 60 s would start new ones mid-measurement, their CPU unseen).
        DB_CONN_MAX_AGE="3600",
    )


class ConnectionWatch(threading.Thread):
    """The most server connections to the bench database seen, sampled every 0.2 s."""

    def __init__(self, db):
        super().__init__(daemon=True)
        self.db, self.most, self.stop = db, 0, threading.Event()

    def run(self):
        sql = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{self.db}'"  # noqa: S608
        while not self.stop.is_set():
            out = subprocess.run(
                ["psql", database_url("postgres"), "-Atqc", sql], capture_output=True, text=True
            ).stdout.strip()
            if out.isdigit():
                self.most = max(self.most, int(out))
            self.stop.wait(0.2)


# --- P1: wrk --------------------------------------------------------------------------------


def wrk(base_url, path, seconds, script, meter, cookie=""):
    """wrk on one URL; with the CPU the server's processes spent meanwhile (`meter`)."""
    command = [
        "wrk",
        "-t1",
        "-c8",
        f"-d{seconds}s",
        "--timeout=10s",
        "-H",
        "X-Forwarded-Proto: https",
        *(["-H", f"Cookie: {cookie}"] if cookie else []),
        "-s",
        script,
        base_url + path,
    ]
    meter.start()
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    cpu = meter.stop()
    result = json.loads(out.split("WRK ", 1)[1].splitlines()[0])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result.update(cpu)
    # CPU per request: gunicorn's workers plus the PostgreSQL backends serving them.
    result["cpu_ms"] = (cpu["cpu_workers"] + cpu["cpu_database"]) * 1000 / result["requests"]
    result["db_ms"] = cpu["cpu_database"] * 1000 / result["requests"]
    return result


def warm(path, count=10, browser=None):
    """A few requests first (and a check that the page answers 200)."""
    statuses = set()
    headers = {}
    for _ in range(count):
        response = (browser or visitor()).get(path)
        statuses.add(response.status)
        headers = response.headers
    if statuses != {200}:
        raise SystemExit(f"{path} answered {statuses}, not 200")
    return headers.get("X-Cache", "")


def logged_in_member():
    """A Browser logged in as the first bench member (for the members' pages under wrk)."""
    browser = visitor()
    status = browser.login("bench001@bench.example", MEMBER_PASSWORD).status
    if status != 302:
        raise SystemExit(f"bench member login answered {status}, not 302")
    return browser


def run_pages(url, page_cache, seconds, script, log, only=None):
    flush_redis()
    rows = []
    with Gunicorn(bench_env(url, page_cache), port=PORT, workers=2, log=log) as web:
        meter = CpuMeter(web, "coopsite_bench")
        member = logged_in_member()
        cookie = "; ".join(f"{k}={v}" for k, v in member.cookies.items())
        chosen = [(label, path) for label, path in PAGES + MEMBER_PAGES if not only or only in path]
        for label, path in PAGES[:1] + [page for page in chosen if page != PAGES[0]]:
            browser = member if (label, path) in MEMBER_PAGES else None
            warm(path, browser=browser)
            last = warm(path, 2, browser=browser)
            result = wrk(web.base_url, path, seconds, script, meter, cookie if browser else "")
            result.update(label=label, path=path, x_cache=last)
            rows.append(result)
            print(
                f"{'cached' if page_cache else 'uncached'} {label}: {result['rps']:.0f} req/s, "
                f"p50 {result['p50'] / 1000:.1f} ms, p99 {result['p99'] / 1000:.1f} ms, "
                f"CPU {result['cpu_ms']:.2f} ms/request (PostgreSQL {result['db_ms']:.2f}), "
                f"non-2xx {result['non2xx']}, X-Cache {last or '-'}",
                flush=True,
            )
        rss = rss_mib(web.worker_pids())
        rows[0]["rss_mib"] = sorted(rss.values())
    return rows


def run_together(threads):
    """Start every thread, wait for all; the seconds that took."""
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - t0


# --- P2: the members' flow ------------------------------------------------------------------

# 50 members arrive over 5 s. All at once (a Barrier) put every login's password hashing
# (PBKDF2, about 0.5 s of CPU each) on 2 workers together: login p95 27 s, measuring the
# hasher's cost on 2 cores rather than the site.
ARRIVALS_PER_SECOND = 10
STEPS = ["GET login", "POST login", "GET dashboard", "GET proposal", "POST vote", "GET manual"]


def member_flow(n, proposal, timings, failures, start_at):
    # Members arrive ARRIVALS_PER_SECOND a second, as locust's `-u 50 -r 10` in the plan.
    time.sleep(max(0.0, start_at - time.monotonic()))
    browser = visitor()
    email = f"bench{n:03d}@bench.example"
    proposal_path = f"/en/members/proposals/{proposal}/"

    def step(name, method, path, expect, form=None):
        t0 = time.perf_counter()
        try:
            response = browser.request(method, path, form)
        except OSError as error:
            failures.append((name, repr(error)))
            return None
        timings[name].append((time.perf_counter() - t0) * 1000)
        if response.status not in expect:
            failures.append((name, f"HTTP {response.status} for {email}"))
            return None
        if response.headers.get("X-Cache") == "hit":
            failures.append((name, "a member page came from the page cache"))
        return response.text

    body = step("GET login", "GET", "/en/members/login/", {200})
    if body is None:
        return
    form = {"username": email, "password": MEMBER_PASSWORD, "csrfmiddlewaretoken": csrf_from(body)}
    if step("POST login", "POST", "/en/members/login/", {302}, form) is None:
        return
    body = step("GET dashboard", "GET", "/en/members/dashboard/", {200})
    if body is None or f"Bench Member {n:03d}" not in body:
        failures.append(("GET dashboard", f"not logged in as {email}"))
        return
    body = step("GET proposal", "GET", proposal_path, {200})
    if body is None:
        return
    vote = {"choice": "yes" if n % 2 else "no", "csrfmiddlewaretoken": csrf_from(body)}
    step("POST vote", "POST", proposal_path + "vote/", {302, 200}, vote)
    step("GET manual", "GET", "/en/members/manual/", {200})


def run_members(url, proposal, log, db):
    flush_redis()
    timings, failures = defaultdict(list), []
    watch = ConnectionWatch(db)
    with Gunicorn(bench_env(url, True), port=PORT, workers=2, log=log):
        watch.start()
        first = time.monotonic() + 0.5
        threads = [
            threading.Thread(
                target=member_flow,
                args=(n, proposal, timings, failures, first + (n - 1) / ARRIVALS_PER_SECOND),
            )
            for n in range(1, MEMBERS + 1)
        ]
        wall = run_together(threads)
        watch.stop.set()
    votes = subprocess.run(
        [
            "psql",
            database_url(db),
            "-Atqc",
            f"SELECT count(*) FROM members_vote WHERE is_current AND proposal_id = {int(proposal)}",  # noqa: S608
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return timings, failures, wall, watch.most, votes


# --- P4: mixed traffic, cache on -------------------------------------------------------------

MIXED_PUBLIC = [path for _label, path in PAGES[1:]] + ["/en/about/", "/en/search/?q=vote"]
MIXED_MEMBERS = ["/en/members/dashboard/", "/en/members/manual/", "/en/members/proposals/"]


def run_mixed(url, log, target):
    flush_redis()
    stats = defaultdict(int)
    leaks, member_hits, errors = [], [], []
    lock = threading.Lock()
    stop = threading.Event()

    def anonymous(offset):
        i = offset
        while not stop.is_set():
            path = (MIXED_PUBLIC + MIXED_MEMBERS)[i % (len(MIXED_PUBLIC) + len(MIXED_MEMBERS))]
            i += 1
            try:
                response = visitor().get(path)
            except OSError as error:
                errors.append(repr(error))
                continue
            status, headers, body = response.status, response.headers, response.text
            found = [marker for marker in MEMBER_MARKERS if marker in body]
            with lock:
                stats["anonymous"] += 1
                stats[f"anonymous {headers.get('X-Cache', '-')}"] += 1
                if status not in (200, 302):
                    errors.append(f"anonymous {path}: HTTP {status}")
                if found:
                    leaks.append((path, found))
                if stats["anonymous"] >= target:
                    stop.set()

    def member(n):
        browser = visitor()
        status = browser.login(f"bench{n:03d}@bench.example", MEMBER_PASSWORD).status
        if status != 302:
            errors.append(f"member login: HTTP {status}")
            return
        i = n
        while not stop.is_set():
            path = (MIXED_MEMBERS + MIXED_PUBLIC)[i % (len(MIXED_PUBLIC) + len(MIXED_MEMBERS))]
            i += 1
            try:
                response = browser.get(path)
            except OSError as error:
                errors.append(repr(error))
                continue
            status, headers = response.status, response.headers
            with lock:
                stats["member"] += 1
                stats[f"member {headers.get('X-Cache', '-')}"] += 1
                if headers.get("X-Cache") == "hit":
                    member_hits.append(path)
                if status != 200:
                    errors.append(f"member {path}: HTTP {status}")

    with Gunicorn(bench_env(url, True), port=PORT, workers=2, log=log):
        threads = [threading.Thread(target=anonymous, args=(k,)) for k in range(6)]
        threads += [threading.Thread(target=member, args=(n,)) for n in range(1, 5)]
        wall = run_together(threads)
    return stats, leaks, member_hits, errors, wall


# --- Report ---------------------------------------------------------------------------------


def too_many_connections(log):
    return Path(log).read_text(errors="replace").count("too many connections")


def report(args, started, uptime_before, uptime_after, pages, members, mixed, log):
    uncached, cached = pages
    timings, failures, wall, most_connections, votes = members
    stats, leaks, member_hits, errors, mixed_wall = mixed
    machine = (
        f"{cpu_name()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, PostgreSQL, Redis, gunicorn 2 sync workers"
    )
    floor = uncached[0]["rps"]
    lines = [
        f"Measured {started:%Y-%m-%d %H:%M} UTC, {args.providers} generated providers plus the "
        "demo, production settings on loopback (`bench/floor_settings.py`).",
        "",
        f"- Command: `make bench-load` (`.venv/bin/python bench/load.py "
        f"--seconds {args.seconds} --providers {args.providers}`)",
        f"- Machine: {machine}",
        f"- Load average (1, 5, 15 min) before: {uptime_before}; after: {uptime_after}. "
        "The machine was shared with other jobs (test suites, other benches) during the run, "
        "and wrk and the Python clients ran on the same 2 cores as gunicorn, so the figures "
        "are pessimistic and vary from run to run.",
        "",
        f"### P1: public pages, `wrk -t1 -c8 -d{args.seconds}s` per URL",
        "",
        "| page | URL | uncached req/s | p50 ms | p99 ms | non-2xx | cached req/s | p50 ms "
        "| p99 ms | non-2xx | uncached vs floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for u, c in zip(uncached, cached, strict=True):
        lines.append(
            f"| {u['label']} | `{u['path']}` | {u['rps']:.0f} | {u['p50'] / 1000:.1f} | "
            f"{u['p99'] / 1000:.1f} | {u['non2xx']} | {c['rps']:.0f} | {c['p50'] / 1000:.1f} | "
            f"{c['p99'] / 1000:.1f} | {c['non2xx']} | {u['rps'] / floor:.0%} |"
        )
    lines += ["", *cpu_table(uncached, cached), ""]
    lines += [
        "p95 (ms), uncached / cached: "
        + "; ".join(
            f"{u['label']} {u['p95'] / 1000:.1f} / {c['p95'] / 1000:.1f}"
            for u, c in zip(uncached, cached, strict=True)
        )
        + ". The cached column's `X-Cache` after warm-up: "
        + ", ".join(sorted({c["x_cache"] or "-" for c in cached[1:]}))
        + " (the floor is never cached). The floor, measured in both passes: "
        + f"{uncached[0]['rps']:.0f} and {cached[0]['rps']:.0f} req/s; that difference is "
        "the shared machine's noise, not the cache.",
        "",
        f"### P2: members' flow, {MEMBERS} members (one pass each, arriving "
        f"{ARRIVALS_PER_SECOND} a second)",
        "",
        "| step | requests | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in STEPS:
        values = timings.get(name, [])
        lines.append(
            f"| {name} | {len(values)} | {percentile(values, 50):.0f} | "
            f"{percentile(values, 95):.0f} | {percentile(values, 99):.0f} |"
        )
    lines += [
        "",
        f"- Wall time {wall:.1f} s; failures: {len(failures)}"
        + (f" ({'; '.join(sorted({f'{s}: {e}' for s, e in failures})[:5])})" if failures else "")
        + f"; current votes recorded on the bench proposal: {votes} of {MEMBERS}.",
        f"- Most connections to the database at once: {most_connections} (sampled every "
        "0.2 s from another database, so the sampler is not counted); "
        f'"too many connections" in the server log: {too_many_connections(log)} times.',
        "",
        "### P4: mixed anonymous and member traffic, page cache on",
        "",
        f"- {stats['anonymous']} anonymous responses (6 threads over {len(MIXED_PUBLIC)} public "
        f"and {len(MIXED_MEMBERS)} members' URLs; X-Cache hit {stats['anonymous hit']}, miss "
        f"{stats['anonymous miss']}) while 4 logged-in members browsed the same pages "
        f"({stats['member']} responses), {mixed_wall:.1f} s.",
        f"- Member-only markers ({', '.join(f'`{m}`' for m in MEMBER_MARKERS)}) in anonymous "
        f"responses: **{len(leaks)}**. Member responses with `X-Cache: hit`: "
        f"**{len(member_hits)}**. Errors: {len(errors)}"
        + (f" ({'; '.join(sorted(set(errors))[:3])})" if errors else "")
        + ".",
    ]
    return "\n".join(lines)


def cpu_table(uncached, cached):
    """CPU ms per request (gunicorn workers plus PostgreSQL backends), beside the floor's."""
    floor = uncached[0]["cpu_ms"]
    cached_floor = cached[0]["cpu_ms"]
    lines = [
        "CPU per request: user plus system CPU of the 2 gunicorn workers and of the PostgreSQL "
        "backends serving them during each URL's wrk run, divided by the requests wrk "
        "completed (far steadier than req/s on a shared machine; wrk's own CPU is not counted).",
        "",
        "| page | uncached CPU ms/request | of which PostgreSQL | x floor | cached CPU "
        "ms/request | x floor | X-Cache |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for u, c in zip(uncached, cached, strict=True):
        lines.append(
            f"| {u['label']} | {u['cpu_ms']:.2f} | {u['db_ms']:.2f} | {u['cpu_ms'] / floor:.1f} "
            f"| {c['cpu_ms']:.2f} | {c['cpu_ms'] / cached_floor:.1f} | {c['x_cache'] or '-'} |"
        )
    rss = uncached[0].get("rss_mib", []) + cached[0].get("rss_mib", [])
    lines += [
        "",
        "Worker resident memory (RSS) after each pass: "
        + ", ".join(f"{value:.0f}" for value in rss)
        + " MiB.",
    ]
    return lines


def prepare_patiently(url, providers, attempts=3):
    """`prepare`, again if PostgreSQL went away meanwhile (a fault drill on a shared machine
    restarts it); migrate and load_demo are idempotent."""
    for attempt in range(1, attempts + 1):
        try:
            return prepare(url, providers=providers)
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
            print(f"prepare failed (attempt {attempt}); trying again", flush=True)
            subprocess.run(["pg_isready", "-q", "-t", "60", "-h", "127.0.0.1"], check=False)


def load_average():
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=15, help="wrk duration per URL")
    parser.add_argument("--mixed", type=int, default=5000, help="anonymous responses in P4")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--keep", action="store_true", help="keep coopsite_bench afterwards (for --reuse)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="use the kept coopsite_bench as it is (no prepare)"
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="P1 only (uncached and cached pages with CPU per request), printed, not written",
    )
    parser.add_argument("--only", help="with --pages-only: just the URLs containing this text")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench-load does it)")

    started = datetime.now(UTC)
    uptime_before = load_average()
    scratch = tempfile.TemporaryDirectory(prefix="coopsite-load-")
    log = str(Path(scratch.name) / "gunicorn.log")
    script = str(Path(scratch.name) / "report.lua")
    Path(script).write_text(WRK_REPORT)
    if args.reuse:
        database = contextlib.nullcontext(database_url("coopsite_bench"))
    else:
        database = scratch_database("bench", keep=args.keep)
    with database as url:
        if not args.reuse:
            print("preparing the database (demo + providers) ...", flush=True)
            prepare_patiently(url, args.providers)
        proposal = setup_members(url)
        pages = (
            run_pages(url, False, args.seconds, script, log, args.only),
            run_pages(url, True, args.seconds, script, log, args.only),
        )
        if args.pages_only:
            print("\n".join(cpu_table(*pages)))
            print("load average after:", load_average())
            return
        print("members' flow ...", flush=True)
        members = run_members(url, proposal, log, "coopsite_bench")
        print("mixed traffic ...", flush=True)
        mixed = run_mixed(url, log, args.mixed)
    uptime_after = load_average()
    block = report(args, started, uptime_before, uptime_after, pages, members, mixed, log)
    print(block)
    if not args.no_write:
        record_figures("load", "Load and cache (gunicorn, wrk)", block)
        print(f"written to {PERFORMANCE_DOC.relative_to(REPO)}")
    _stats, leaks, member_hits, _errors, _wall = mixed
    scratch.cleanup()
    if leaks or member_hits:
        raise SystemExit(f"CACHE LEAK: {leaks[:5]} {member_hits[:5]}")


if __name__ == "__main__":
    main()
