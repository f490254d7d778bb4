"""Browser journeys: Playwright driving Debian's Chromium against a live server.

Skipped, with the reason printed, when no Chromium is installed (`apt-get install chromium`);
`.ci/run` installs it so CI always runs them. Screenshots of every step land in
test-artifacts/screenshots/<test>/.
"""

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.tasks import run_tasks

# pytest-django's live server and Playwright's sync API share the main thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    skip = pytest.mark.skip(
        reason="no Chromium found: install Debian's chromium to run the browser journeys"
    )
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site_url(live_server):
    """The live server with the demo site (transactional tests start from an empty database)."""
    call_command("load_demo", verbosity=0)
    run_tasks()  # what the worker does after a load: search and reference indexes
    return live_server.url


class Watch:
    """What a page did behind the visitor's back: requests elsewhere, errors, CSP reports."""

    def __init__(self, origin):
        self.origin = origin
        self.foreign_requests = []
        self.console_errors = []
        self.broken_resources = []
        self.csp_violations = []

    def on_request(self, request):
        url = urlsplit(request.url)
        if url.scheme in ("http", "https") and url.netloc != self.origin:
            self.foreign_requests.append(request.url)

    def on_response(self, response):
        # Pages themselves may answer 404 on purpose; what they load must not fail.
        if response.status >= 400 and response.request.resource_type != "document":
            self.broken_resources.append(f"{response.status} {response.url}")

    def on_console(self, message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)


@pytest.fixture
def page(browser, site_url, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    watch = Watch(urlsplit(site_url).netloc)
    tab.on("request", watch.on_request)
    tab.on("console", watch.on_console)
    tab.on("response", watch.on_response)
    tab.watch = watch
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    steps = iter(range(1, 1000))

    def shot(name):
        tab.screenshot(path=str(folder / f"{next(steps):02d}-{name}.png"), full_page=True)

    tab.shot = shot
    yield tab
    context.close()
    assert watch.foreign_requests == [], "a page asked another origin for something"
    assert watch.console_errors == [], watch.console_errors
    assert watch.broken_resources == [], watch.broken_resources
