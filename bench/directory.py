"""Directory and site-search latency with 2,000 providers, recorded in docs/performance.md.

    make bench                      # or: .venv/bin/python bench/directory.py --providers 2000

Builds a throwaway SQLite database (or uses DATABASE_URL when set: point it at a scratch
database), loads the demo plus N generated providers, then serves each URL through Django's
test client in-process (no network, no server) and reports the median and 95th percentile.
A benchmark, not a test: nothing here fails on a slow machine.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from harness import PERFORMANCE_DOC, REPO, cpu_name, record_figures

DIRECTORY_URLS = [
    ("directory, unfiltered", "/en/directory/"),
    ("three filters", "/en/directory/?language=es&insurance=medicaid&format=telehealth"),
    ("text search", "/en/directory/?q=anxiety"),
    ("accepting + state + page 5", "/en/directory/?accepting=1&state=wa&page=5"),
    ("one profile", "/en/directory/ana-rivera/"),
]
SEARCH_URLS = [
    ("a FAQ word", "/en/search/?q=co-op"),
    ("an approach", "/en/search/?q=EMDR"),
    ("a language, providers only", "/en/search/?q=Spanish&type=provider"),
    ("insurance", "/en/search/?q=Medicaid"),
    ("in Spanish", "/es/search/?q=cooperativa"),
    ("nothing found", "/en/search/?q=xylophonequagga"),
]
# docs/performance.md section name -> the URLs it measures
SUITES = {"directory": DIRECTORY_URLS, "search": SEARCH_URLS}


def measure(client, url, requests):
    """Median and 95th percentile in milliseconds over `requests` timed requests."""
    for _ in range(3):  # warm up
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, url
    timings.sort()
    return statistics.median(timings), timings[max(0, round(0.95 * len(timings)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="coopsite-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopsite.settings.test")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(Path(scratch.name) / "bench.sqlite3")
    import django

    django.setup()
    from django.conf import settings

    # One address asks ~200 searches in seconds; measured here is the search, not the limit.
    settings.RATELIMIT_RATES = {**settings.RATELIMIT_RATES, "search-ip": "1000000/m"}
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from resources.models import ProviderPage

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", verbosity=0)
    have = ProviderPage.objects.count()
    call_command("load_demo", verbosity=0, providers=max(0, args.providers - have), seed=1)
    # What the worker does after a load: index every page for the search (without it the
    # search would be measured against an empty index).
    call_command("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", verbosity=0)
    load_seconds = time.perf_counter() - started
    total = ProviderPage.objects.count()

    client = Client()
    engine = connection.vendor
    machine = (
        f"{cpu_name()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {engine}"
    )
    command = "make bench  (.venv/bin/python bench/directory.py " + " ".join(sys.argv[1:]) + ")"
    for suite, urls in SUITES.items():
        rows = [(label, url, *measure(client, url, args.requests)) for label, url in urls]
        lines = [
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with {total} providers "
            f"({args.requests} requests per URL after 3 warm-up requests, Django test client, "
            f"in-process, settings `{os.environ['DJANGO_SETTINGS_MODULE']}`, "
            f"DEBUG={settings.DEBUG}).",
            "",
            f"- Command: `{command.strip()}`",
            f"- Machine: {machine}",
            f"- Building the demo plus generated providers and their search index took "
            f"{load_seconds:.1f} s.",
            "",
            "| request | URL | median (p50) ms | p95 ms |",
            "|---|---|---:|---:|",
            *[f"| {label} | `{url}` | {p50:.1f} | {p95:.1f} |" for label, url, p50, p95 in rows],
        ]
        block = "\n".join(lines)
        print(block)
        if not args.no_write:
            record_figures(suite, suite.capitalize(), block)
            print(f"written to {PERFORMANCE_DOC.relative_to(REPO)}")
    scratch.cleanup()


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
