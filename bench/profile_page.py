"""Where one page's server time goes: cProfile over repeated requests, in one process, with
the settings `make bench-load` serves (production plus the floor view, page cache off, Redis
database 5) against the kept bench database. A tool for finding costs, not a measurement:
the figures that count are `make bench-load`'s CPU per request.

    .venv/bin/python bench/load.py --pages-only --keep      # once: builds coopsite_bench
    .venv/bin/python bench/profile_page.py /en/principles/ [--member] [--requests 200]
        [--sort tottime] [--queries]

`--member` logs in as the first bench member; `--queries` prints the SQL of one request.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

# bench/ after the project (bench/outbox.py would shadow the outbox app).
sys.path[0:1] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from harness import database_url, server_env  # noqa: E402

MEMBER = "bench001@bench.example"
MEMBER_PASSWORD = "bench-member-password-2026"  # noqa: S105 - scratch database only


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--member", action="store_true")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=45)
    parser.add_argument("--queries", action="store_true")
    parser.add_argument("--page-cache", action="store_true")
    parser.add_argument("--database", default="coopsite_bench", help="a copy: createdb -T")
    parser.add_argument("--redis-db", type=int, default=5)
    args = parser.parse_args()

    env = server_env(
        database_url(args.database),
        redis_url=f"redis://127.0.0.1:6379/{args.redis_db}",
        DJANGO_SETTINGS_MODULE="floor_settings",
        PAGE_CACHE="true" if args.page_cache else "false",
        DB_CONN_MAX_AGE="3600",
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    if args.member:
        client.get("/en/members/login/", secure=True)
        login = client.post(
            "/en/members/login/", {"username": MEMBER, "password": MEMBER_PASSWORD}, secure=True
        )
        if login.status_code != 302:
            raise SystemExit(f"bench member login answered {login.status_code}")
    for _ in range(5):
        response = client.get(args.path, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{args.path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(args.path, secure=True)
    print(f"{len(queries)} queries")
    if args.queries:
        for number, query in enumerate(queries.captured_queries, 1):
            print(f"{number:3}. {query['sql'][:400]}")
    started = time.process_time()
    for _ in range(args.requests):
        client.get(args.path, secure=True)
    plain = (time.process_time() - started) * 1000 / args.requests
    print(f"{plain:.2f} ms CPU per request in this process (unprofiled; no PostgreSQL)")
    profile = cProfile.Profile()
    started = time.process_time()
    profile.enable()
    for _ in range(args.requests):
        client.get(args.path, secure=True)
    profile.disable()
    spent = (time.process_time() - started) * 1000 / args.requests
    print(f"{spent:.2f} ms CPU per request in this process (profiled, so inflated)")
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.limit)


if __name__ == "__main__":
    main()
