"""Fault drills F2–F5 (docs/faults.md): break a real part under a running site and check
what users were told was done is done.

    .venv/bin/python bench/drills.py redis      # F4: Redis stopped, the site works without it
    .venv/bin/python bench/drills.py postgres   # F3: PostgreSQL restarted under load
    .venv/bin/python bench/drills.py worker     # F2: gunicorn workers kill -9'd during voting
    .venv/bin/python bench/drills.py backup     # F5: pg_dump under writes, restore, compare
    .venv/bin/python bench/drills.py all

Each runs gunicorn on production settings over a scratch PostgreSQL database named
coopsite_drill_* (bench/harness.py), drives it through real HTTP on loopback and prints a JSON
summary; the exit status is 1 when a pass figure from the reliability plan is missed.
The Redis and PostgreSQL drills stop the machine's shared servers for a few seconds and
always start them again, even when the drill fails.
"""

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    REPO,
    Browser,
    Gunicorn,
    database_url,
    manage,
    prepare,
    scratch_database,
    server_env,
    shell,
)

OUT = Path(os.environ.get("DRILL_OUT", REPO / "test-artifacts" / "drills"))
REDIS_DB = os.environ.get("DRILL_REDIS_URL", "redis://127.0.0.1:6379/13")
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]
PG_VERSION = os.environ.get("DRILL_PG_VERSION", "15")
PG_CTL = ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main"]
PASSWORD = "drill-member-password-2026"  # noqa: S105 (scratch accounts)
PUBLIC_PAGES = ["/en/", "/en/about/", "/es/", "/en/faq/"]
CHOICES = ["yes", "no", "abstain"]


# The drills' own collected static files: other work in this checkout may collect into the
# shared STATIC_ROOT at any moment, and a manifest that misses a file is a 500.
PRIVATE = {"STATIC_ROOT": str(OUT / "static")}


def drill_env(url, **extra):
    return server_env(url, **{**PRIVATE, **extra})


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Timed requests ------------------------------------------------------------------------


def timed_get(browser, path):
    started = time.monotonic()
    try:
        response = browser.get(path)
    except OSError as error:
        return {"path": path, "status": type(error).__name__, "t0": started, "t1": time.monotonic()}
    return {"path": path, "status": response.status, "t0": started, "t1": response.ended}


# --- Running code inside the site (setup and checks) ------------------------------------------


def in_site(env, code, **params):
    """Run `code` with Django set up on the drill database; it sets `result` (JSON-able)."""
    script = (
        "import json, sys\n"
        f"params = json.loads({json.dumps(json.dumps(params))})\n"
        f"{code}\n"
        "print('DRILL-JSON:' + json.dumps(result, default=str))\n"
    )
    line = next(x for x in shell(env, script).splitlines() if x.startswith("DRILL-JSON:"))
    return json.loads(line.removeprefix("DRILL-JSON:"))


MAKE_VOTERS = """
from members import voting
from members.factories import make_member
from members.models import Kind
import secrets
tag = params['tag'] + '-' + secrets.token_hex(3)  # new accounts each run
members = [
    make_member(f"Drill {tag} {i}", email=f"drill.{tag}.{i}@drill.example",
                password=params['password'], language="en")
    for i in range(params['count'])
]
proposal = voting.propose(kind=Kind.GENERAL, title=f"Drill {tag}", body="A drill.",
                          proposer=members[0], notify=False)
voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
proposal.refresh_from_db()
assert proposal.status == "open" and not proposal.secret_ballot, proposal.status
result = {"proposal": proposal.pk, "emails": [m.user.email for m in members],
          "members": [m.pk for m in members]}
"""

CHECK_VOTES = """
from django.db import connection
from members.models import AuditEntry, Elector, Vote
from members.models.audit import verify_chain
pk = params['proposal']
rows = {}
for member_id, choice, current in Vote.objects.filter(proposal_id=pk).order_by('pk') \\
        .values_list('member_id', 'choice', 'is_current'):
    rows.setdefault(str(member_id), []).append([choice, current])
audit = {}
for entry in AuditEntry.objects.filter(proposal_id=pk, action__in=['vote.cast', 'vote.changed']):
    key = str(entry.detail.get('member'))
    audit.setdefault(key, []).append(entry.detail.get('choice'))
voted = sorted(Elector.objects.filter(proposal_id=pk, has_voted=True)
               .values_list('member_id', flat=True))
electors = set(Elector.objects.filter(proposal_id=pk).values_list('member_id', flat=True))
with connection.cursor() as c:
    c.execute("SELECT count(*) FROM (SELECT member_id FROM members_vote WHERE proposal_id=%s "
              "AND is_current GROUP BY member_id HAVING count(*) > 1) x", [pk])
    doubled = c.fetchone()[0]
    c.execute("SELECT count(*) FROM members_vote v LEFT JOIN members_elector e "
              "ON e.proposal_id=v.proposal_id AND e.member_id=v.member_id WHERE e.id IS NULL")
    votes_without_elector = c.fetchone()[0]
    c.execute("SELECT count(*) FROM members_vote v "
              "LEFT JOIN members_member m ON m.id=v.member_id "
              "LEFT JOIN members_proposal p ON p.id=v.proposal_id "
              "WHERE m.id IS NULL OR p.id IS NULL")
    dangling_votes = c.fetchone()[0]
result = {"rows": rows, "audit": audit, "voted": voted, "doubled_current": doubled,
          "votes_without_elector": votes_without_elector, "dangling_votes": dangling_votes,
          "not_electors": sorted(int(m) for m in rows if int(m) not in electors),
          "chain_broken_at": verify_chain()[:10], "audit_entries": AuditEntry.objects.count()}
"""


# --- Voters -----------------------------------------------------------------------------------


class Voter(threading.Thread):
    """Logs in through the form and keeps changing its vote, recording every answer."""

    def __init__(self, base_url, email, member_id, proposal, stop, pause=0.0):
        super().__init__(daemon=True)
        self.browser = Browser(base_url)
        self.email, self.member_id, self.proposal = email, member_id, proposal
        self.stop, self.pause = stop, pause
        self.attempts = []  # {"choice", "ack": "recorded"|"changed"|None, "status", "t0", "t1"}
        self.logins = self.login_failures = 0

    def ensure_login(self):
        while not self.stop.is_set():
            try:
                response = self.browser.login(self.email, PASSWORD)
            except OSError:
                response = None
            self.logins += 1
            if response is not None and response.status == 302:
                return True
            self.login_failures += 1
            time.sleep(0.2)
        return False

    def run(self):
        url = f"/en/members/proposals/{self.proposal}/vote/"
        logged_in = False
        n = 0
        while not self.stop.is_set():
            if not logged_in and not (logged_in := self.ensure_login()):
                break
            choice = CHOICES[n % 3]
            n += 1
            self.browser.cookies.pop("messages", None)
            attempt = {"choice": choice, "ack": None, "t0": time.monotonic()}
            try:
                response = self.browser.post(url, {"choice": choice})
                attempt["status"] = response.status
                text = self.browser.flash() if response.status == 302 else ""
                if response.location.endswith(f"/proposals/{self.proposal}/"):
                    if "Your vote is recorded" in text:
                        attempt["ack"] = "recorded"
                    elif "Your vote is changed" in text:
                        attempt["ack"] = "changed"
                elif response.status in (302, 403):
                    logged_in = False  # sent to the login page: log in again
            except OSError as error:
                attempt["status"] = type(error).__name__
            attempt["t1"] = time.monotonic()
            self.attempts.append(attempt)
            if self.pause:
                time.sleep(self.pause)


def explains(attempts, rows):
    """Whether the stored vote rows of one member (choices by pk) and its current choice can
    come from some serial run of its attempts in which every acknowledged attempt committed
    with the answer it gave, and every other attempt either committed or not."""
    states = {(0, None)}  # (rows accounted for, current choice)
    for attempt in attempts:
        ack, choice, after = attempt["ack"], attempt["choice"], set()
        for matched, current in states:
            if ack is None:
                after.add((matched, current))  # never committed
            if choice == current:
                said, state = "recorded", (matched, current)  # unchanged: no new row
            elif matched < len(rows) and rows[matched] == choice:
                said, state = ("changed" if current else "recorded"), (matched + 1, choice)
            else:
                continue
            if ack is None or ack == said:
                after.add(state)
        states = after
    final = rows[-1] if rows else None
    return any(matched == len(rows) and current == final for matched, current in states)


def check_votes(env, setup, voters):
    found = in_site(env, CHECK_VOTES, proposal=setup["proposal"])
    problems = []
    acked = unknown = 0
    for voter in voters:
        key = str(voter.member_id)
        rows = found["rows"].get(key, [])
        choices = [choice for choice, _ in rows]
        acked += sum(1 for a in voter.attempts if a["ack"])
        unknown += sum(1 for a in voter.attempts if not a["ack"])
        if rows and (not rows[-1][1] or any(current for _, current in rows[:-1])):
            problems.append(f"member {key}: the current vote is not the latest row")
        if not explains(voter.attempts, choices):
            problems.append(f"member {key}: stored votes {choices} do not match the answers")
        audit = found["audit"].get(key, [])
        if audit != choices:
            problems.append(f"member {key}: audit {audit} != votes {choices}")
        if rows and voter.member_id not in found["voted"]:
            problems.append(f"member {key}: voted but not marked as having voted")
    for name in ("doubled_current", "votes_without_elector", "dangling_votes"):
        if found[name]:
            problems.append(f"{name}: {found[name]}")
    if found["not_electors"]:
        problems.append(f"votes from outside the electorate: {found['not_electors']}")
    if found["chain_broken_at"]:
        problems.append(f"audit chain broken at {found['chain_broken_at']}")
    return {
        "attempts": acked + unknown,
        "acknowledged": acked,
        "not_acknowledged": unknown,
        "vote_rows": sum(len(v) for v in found["rows"].values()),
        "audit_entries": found["audit_entries"],
        "audit_chain_intact": not found["chain_broken_at"],
        "current_votes_per_member_max_1": not found["doubled_current"],
        "orphan_rows": found["votes_without_elector"] + found["dangling_votes"],
        "problems": problems,
    }


# --- Services ---------------------------------------------------------------------------------


def redis_ping():
    result = subprocess.run(
        ["redis-cli", "-p", "6379", "ping"], capture_output=True, text=True, timeout=5
    )
    return result.stdout.strip() == "PONG"


def ensure_redis():
    if not redis_ping():
        log("starting Redis again")
        subprocess.run(REDIS_START, check=True)
        deadline = time.monotonic() + 10
        while not redis_ping() and time.monotonic() < deadline:
            time.sleep(0.1)
    return redis_ping()


def pg_online():
    out = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    return any(
        line.split()[:2] == [PG_VERSION, "main"] and "online" in line for line in out.splitlines()
    )


def ensure_postgres():
    if not pg_online():
        log("starting PostgreSQL again")
        subprocess.run([*PG_CTL, "start"], check=False)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0:
            return True
        time.sleep(0.2)
    return False


def free_port(preferred):
    import socket

    for port in range(preferred, preferred + 50):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port")


def gunicorn(env, name, workers=2, extra_args=()):
    OUT.mkdir(parents=True, exist_ok=True)
    log_file = OUT / f"{name}-gunicorn.log"
    return Gunicorn(env, free_port(8061), workers, log=log_file, extra_args=extra_args)


# --- F4: Redis down ---------------------------------------------------------------------------


def drill_redis(url):
    env = drill_env(url, redis_url=REDIS_DB)
    setup = in_site(env, MAKE_VOTERS, tag="redis", count=2, password=PASSWORD)
    result = {"drill": "F4 redis down", "redis_url": REDIS_DB}
    with gunicorn(env, "redis") as web:
        before = [timed_get(Browser(web.base_url), p) for p in PUBLIC_PAGES * 3]
        result["before"] = summarise(before)
        try:
            log("stopping Redis: redis-cli -p 6379 shutdown nosave")
            subprocess.run(["redis-cli", "-p", "6379", "shutdown", "nosave"], check=False)
            stopped = time.monotonic()
            while redis_ping() and time.monotonic() - stopped < 10:
                time.sleep(0.05)
            result["redis_was_down"] = not redis_ping()
            down = [timed_get(Browser(web.base_url), p) for p in PUBLIC_PAGES * 10]
            result["public_pages_while_down"] = summarise(down)
            member = Browser(web.base_url)
            login = member.login(setup["emails"][0], PASSWORD)
            result["login_while_down"] = login.status
            dashboard = member.get("/en/members/dashboard/")
            result["dashboard_while_down"] = dashboard.status
            votes = []
            for choice in ("yes", "no"):
                member.cookies.pop("messages", None)
                response = member.post(
                    f"/en/members/proposals/{setup['proposal']}/vote/", {"choice": choice}
                )
                votes.append([choice, response.status, member.flash()[-40:]])
            result["votes_while_down"] = votes
            member.post("/en/members/logout/", {})
            result["dashboard_after_logout"] = member.get("/en/members/dashboard/").status
            intruder = Browser(web.base_url)
            lockout = [
                intruder.login(setup["emails"][1], "wrong-password").status for _ in range(5)
            ]
            lockout.append(intruder.login(setup["emails"][1], PASSWORD).status)
            result["lockout_while_down"] = lockout
            result["seconds_redis_down"] = round(time.monotonic() - stopped, 1)
        finally:
            log("starting Redis: " + " ".join(REDIS_START))
            result["redis_restarted"] = ensure_redis()
        after = [timed_get(Browser(web.base_url), p) for p in PUBLIC_PAGES * 3]
        result["after"] = summarise(after)
        keys = subprocess.run(
            ["redis-cli", "-n", REDIS_DB.rsplit("/", 1)[1], "--scan", "--pattern", "coopsite:*"],
            capture_output=True,
            text=True,
        ).stdout.split()
        result["cache_keys_after_restart"] = len(keys)
    stored = in_site(env, CHECK_VOTES, proposal=setup["proposal"])
    result["stored_vote"] = stored["rows"].get(str(setup["members"][0]))
    result["passed"] = (
        result["redis_was_down"]
        and result["public_pages_while_down"]["non_2xx"] == 0
        and result["login_while_down"] == 302
        and result["dashboard_while_down"] == 200
        and [v[1] for v in votes] == [302, 302]
        and "recorded" in votes[0][2]
        and "changed" in votes[1][2]
        and result["dashboard_after_logout"] == 302
        and lockout == [200, 200, 200, 200, 429, 429]
        and result["stored_vote"] == [["yes", False], ["no", True]]
        and result["after"]["non_2xx"] == 0
        and result["cache_keys_after_restart"] > 0
    )
    return result


def summarise(samples):
    latencies = sorted(s["t1"] - s["t0"] for s in samples)
    statuses = {}
    for s in samples:
        statuses[str(s["status"])] = statuses.get(str(s["status"]), 0) + 1
    return {
        "requests": len(samples),
        "statuses": statuses,
        "non_2xx": sum(
            1 for s in samples if not (isinstance(s["status"], int) and s["status"] < 300)
        ),
        "median_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
        "max_ms": round(1000 * latencies[-1], 1) if latencies else None,
    }


# --- F3: PostgreSQL restarted under load ------------------------------------------------------


def drill_postgres(url, seconds=30):
    env = drill_env(url, redis_url=REDIS_DB)
    setup = in_site(env, MAKE_VOTERS, tag="pg", count=3, password=PASSWORD)
    result = {"drill": "F3 postgres restart under load"}
    stop = threading.Event()
    samples, lock = [], threading.Lock()

    def reader(paths):
        browser = Browser(web.base_url, timeout=10)
        while not stop.is_set():
            for path in paths:
                sample = timed_get(browser, path)
                with lock:
                    samples.append(sample)

    probe = {"down": None, "up": None}

    def prober():
        while not stop.is_set():
            t = time.monotonic()
            try:
                conn = psycopg2.connect(url, connect_timeout=1)
                try:
                    fetch(conn, "SELECT 1")
                finally:
                    conn.close()
                ok = True
            except psycopg2.Error:
                ok = False
            if not ok and probe["down"] is None:
                probe["down"] = t
            if ok and probe["down"] is not None and probe["up"] is None:
                probe["up"] = t
            time.sleep(0.05)

    with gunicorn(env, "postgres") as web:
        threads = [
            threading.Thread(target=reader, args=(p,), daemon=True)
            for p in (["/en/", "/healthz/"], ["/en/about/", "/healthz/"], ["/es/", "/en/faq/"])
        ]
        voters = [
            Voter(web.base_url, e, m, setup["proposal"], stop, pause=0.2)
            for e, m in zip(setup["emails"], setup["members"], strict=True)
        ]
        watcher = threading.Thread(target=prober, daemon=True)
        for t in [*threads, *voters, watcher]:
            t.start()
        try:
            time.sleep(seconds / 3)
            log("restarting PostgreSQL: " + " ".join([*PG_CTL, "restart", "-m", "fast"]))
            restart_at = time.monotonic()
            subprocess.run([*PG_CTL, "restart", "-m", "fast"], check=True)
            restarted_at = time.monotonic()
            time.sleep(seconds * 2 / 3)
        finally:
            stop.set()
            result["postgres_running_at_end"] = ensure_postgres()
        for t in [*threads, *voters, watcher]:
            t.join(timeout=30)
    up = probe["up"] or restarted_at
    bad = [s for s in samples if not (isinstance(s["status"], int) and s["status"] < 300)]
    outside = [s for s in bad if s["t1"] < restart_at or s["t0"] > up + 10]
    after_up = [s for s in bad if s["t0"] >= up]
    result.update(
        {
            "load_seconds": seconds,
            "requests": len(samples),
            "statuses": summarise(samples)["statuses"],
            "restart_command_seconds": round(restarted_at - restart_at, 2),
            "db_unreachable_seconds": round(up - (probe["down"] or restart_at), 2),
            "non_2xx_total": len(bad),
            "non_2xx_outside_outage": len(outside),
            "non_2xx_by_path": {
                path: sorted({str(x["status"]) for x in bad if x["path"] == path})
                + [sum(1 for x in bad if x["path"] == path)]
                for path in sorted({x["path"] for x in bad})
            },
            "seconds_from_db_up_to_all_2xx": round(
                max((s["t1"] - up for s in after_up), default=0), 2
            ),
            "first_non_2xx_after_restart_began_s": round(
                min((s["t0"] for s in bad), default=restart_at) - restart_at, 2
            ),
        }
    )
    result["votes"] = check_votes(env, setup, voters)
    result["passed"] = (
        result["postgres_running_at_end"]
        and not outside
        and result["seconds_from_db_up_to_all_2xx"] <= 10
        and not result["votes"]["problems"]
        and result["votes"]["acknowledged"] > 0
    )
    return result


# --- F2: workers killed during voting ---------------------------------------------------------


def drill_worker(url, seconds=60, every=2.0, voters_count=8, preload=True):
    """With --preload a new worker is a fork of a loaded master and serves at once; without
    it each new worker imports the site first, which on a busy two-core machine took longer
    than the two seconds between kills, so the site served almost nothing."""
    env = drill_env(url, redis_url=REDIS_DB)
    tag = "worker" if preload else "worker-nopreload"
    setup = in_site(env, MAKE_VOTERS, tag=tag, count=voters_count, password=PASSWORD)
    result = {
        "drill": "F2 kill -9 gunicorn workers during voting",
        "seconds": seconds,
        "preload": preload,
    }
    stop = threading.Event()
    kills = []
    with gunicorn(env, "worker", extra_args=["--preload"] if preload else []) as web:
        voters = [
            Voter(web.base_url, e, m, setup["proposal"], stop)
            for e, m in zip(setup["emails"], setup["members"], strict=True)
        ]
        for voter in voters:
            voter.start()
        started = time.monotonic()
        try:
            while time.monotonic() - started < seconds:
                time.sleep(every)
                pids = web.worker_pids()
                if pids:
                    victim = random.choice(pids)
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(victim, signal.SIGKILL)
                        kills.append(victim)
        finally:
            stop.set()
            for voter in voters:
                voter.join(timeout=30)
        result["workers_alive_at_end"] = len(web.worker_pids())
    result["kills"] = len(kills)
    result["logins"] = sum(v.logins for v in voters)
    result["acks_per_second"] = round(
        sum(1 for v in voters for a in v.attempts if a["ack"]) / seconds, 1
    )
    result["answers"] = {}
    for voter in voters:
        for attempt in voter.attempts:
            key = str(attempt["status"])
            result["answers"][key] = result["answers"].get(key, 0) + 1
    result["votes"] = check_votes(env, setup, voters)
    result["passed"] = (
        not result["votes"]["problems"]
        and result["votes"]["acknowledged"] > 0
        and result["kills"] >= seconds / every - 1
    )
    return result


# --- F5: backup and restore -------------------------------------------------------------------

CHECKSUM_SQL = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname
"""
ROWS_DIGEST_SQL = (
    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
    ' FROM "{table}" t'
)
KEY_TABLES = [
    "members_vote",
    "members_secretballot",
    "members_elector",
    "members_auditentry",
    "members_member",
    "members_proposal",
    "auth_user",
    "billing_payment",
    "billing_allocation",
    "billing_refund",
    "billing_expense",
    "billing_stripeevent",
]


def fetch(conn, sql, all=False):
    with conn.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall() if all else cursor.fetchone()


def checksums(conn):
    """{table: [row count, md5 of its rows in a fixed order]} for every table."""
    tables = [row[0] for row in fetch(conn, CHECKSUM_SQL, all=True)]
    out = {}
    for table in tables:
        # Table names come from pg_class, not from outside.
        query = ROWS_DIGEST_SQL.format(table=table)
        count, digest = fetch(conn, query)
        out[table] = [count, digest]
    return out


def drill_backup(url):
    env = drill_env(url, redis_url=REDIS_DB)
    setup = in_site(env, MAKE_VOTERS, tag="backup", count=3, password=PASSWORD)
    result = {"drill": "F5 backup and restore"}
    OUT.mkdir(parents=True, exist_ok=True)
    dump = OUT / "drill.dump"
    stop = threading.Event()
    with gunicorn(env, "backup") as web:
        voters = [
            Voter(web.base_url, e, m, setup["proposal"], stop)
            for e, m in zip(setup["emails"], setup["members"], strict=True)
        ]
        for voter in voters:
            voter.start()
        time.sleep(5)  # writes are running
        snap = psycopg2.connect(url)
        try:
            # One snapshot for the dump and for the figures it is compared with.
            snap.set_session(isolation_level="REPEATABLE READ", readonly=True)
            snapshot = fetch(snap, "SELECT pg_export_snapshot()")[0]
            before = checksums(snap)
            started = time.monotonic()
            subprocess.run(
                ["pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(dump), url], check=True
            )
            result["dump_seconds"] = round(time.monotonic() - started, 2)
        finally:
            snap.close()
        time.sleep(2)
        stop.set()
        for voter in voters:
            voter.join(timeout=30)
    result["dump_bytes"] = dump.stat().st_size
    result["acknowledged_votes_during_drill"] = sum(
        1 for v in voters for a in v.attempts if a["ack"]
    )
    conn = psycopg2.connect(url)
    result["vote_rows_source_now"] = fetch(conn, "SELECT count(*) FROM members_vote")[0]
    # The comparison can tell: the live source, written to after the snapshot, differs.
    now = checksums(conn)
    result["tables_changed_in_source_since_snapshot"] = sorted(
        t for t in now if now[t] != before.get(t)
    )
    conn.close()
    result["vote_rows_in_snapshot"] = before["members_vote"][0]
    with scratch_database("drill_restore") as restored:
        started = time.monotonic()
        subprocess.run(
            [
                "pg_restore",
                "--single-transaction",
                "--exit-on-error",
                "--no-owner",
                f"--dbname={restored}",
                str(dump),
            ],
            check=True,
        )
        result["restore_seconds"] = round(time.monotonic() - started, 2)
        conn = psycopg2.connect(restored)
        after = checksums(conn)
        conn.close()
        different = sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
        result["tables_compared"] = len(before)
        result["tables_different"] = different
        result["key_tables"] = {t: before.get(t, ["missing", ""])[0] for t in KEY_TABLES}
        # Smoke: the schema is what the code expects, the audit chain verifies, and the site
        # serves the restored data.
        started = time.monotonic()
        restored_env = drill_env(restored)
        try:
            manage(restored_env, "migrate", "--check", "--noinput")
            migrations_match = True
        except subprocess.CalledProcessError:
            migrations_match = False
        result["migrate_check_passed"] = migrations_match
        chain = in_site(
            restored_env, "from members.models.audit import verify_chain\nresult = verify_chain()"
        )
        smoke = {}
        with gunicorn(restored_env, "restore") as web:
            browser = Browser(web.base_url)
            for path in ["/en/", "/healthz/", "/en/about/", "/es/"]:
                smoke[path] = browser.get(path).status
            smoke["login"] = browser.login(setup["emails"][0], PASSWORD).status
            smoke["/en/members/dashboard/"] = browser.get("/en/members/dashboard/").status
            smoke[f"/en/members/proposals/{setup['proposal']}/"] = browser.get(
                f"/en/members/proposals/{setup['proposal']}/"
            ).status
        result["smoke"] = smoke
        result["smoke_seconds"] = round(time.monotonic() - started, 2)
        result["restored_audit_chain_intact"] = chain == []
    result["passed"] = (
        not different
        and migrations_match
        and result["restored_audit_chain_intact"]
        and result["vote_rows_source_now"] > result["vote_rows_in_snapshot"]
        and smoke["login"] == 302
        and all(v == 200 for k, v in smoke.items() if k != "login")
    )
    return result


# --- Command line -----------------------------------------------------------------------------

DRILLS = {
    "redis": drill_redis,
    "worker": drill_worker,
    "postgres": drill_postgres,
    "backup": drill_backup,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("drill", choices=[*DRILLS, "all"])
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--no-preload", action="store_true", help="worker drill: gunicorn without --preload"
    )
    parser.add_argument(
        "--reuse", metavar="DATABASE", help="use a coopsite_drill_* database a --keep run left"
    )
    args = parser.parse_args()
    names = list(DRILLS) if args.drill == "all" else [args.drill]
    results = []
    name = f"drill_{args.drill}"
    if args.reuse and not args.reuse.startswith("coopsite_drill_"):
        parser.error("--reuse takes a database named coopsite_drill_*")
    database = (
        contextlib.nullcontext(database_url(args.reuse))
        if args.reuse
        else scratch_database(name, keep=args.keep)
    )
    try:
        with database as url:
            if not args.reuse:
                log(f"preparing coopsite_{name} (migrate, demo, collectstatic)")
                started = time.monotonic()
                prepare(url, **PRIVATE)
                log(f"prepared in {time.monotonic() - started:.0f} s")
            if args.reuse:
                manage(drill_env(url), "collectstatic", "--noinput")
            for drill in names:
                log(f"drill {drill}")
                try:
                    kwargs = {"preload": False} if drill == "worker" and args.no_preload else {}
                    results.append(DRILLS[drill](url, **kwargs))
                except Exception as error:  # noqa: BLE001 - report it and go on to the next drill
                    log(f"drill {drill} broke: {error!r}")
                    results.append({"drill": drill, "error": repr(error), "passed": False})
                log(f"drill {drill}: {'PASSED' if results[-1]['passed'] else 'FAILED'}")
    finally:
        ensure_redis()
        ensure_postgres()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{args.drill}.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    sys.exit(0 if all(r["passed"] for r in results) else 1)


if __name__ == "__main__":
    main()
