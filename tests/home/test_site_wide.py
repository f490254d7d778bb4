"""Site-wide promises: error pages, demo data, deployment settings, privacy."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Page, PageLogEntry, Revision

from home.models import SiteSettings, SiteText
from tests.html import parse

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_unknown_page_gets_a_helpful_404(client):
    response = client.get("/en/this-does-not-exist/")
    assert response.status_code == 404
    html = parse(response)
    assert "couldn't find that page" in html.h1.get_text()
    # A way on: search, the directory and the home page.
    assert html.select_one("form.error-page__search")["action"] == "/en/search/"
    ways = {a["href"] for a in html.select(".error-page__ways a")}
    assert {"/en/", "/en/directory/"} <= ways
    assert html.select_one("footer.site-footer") is not None


@override_settings(ROOT_URLCONF="tests.urls_broken")
def test_server_error_gets_a_calm_500_page_without_a_traceback(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "Algo salió mal" in body
    assert "988" in body
    assert "Traceback" not in body and "RuntimeError" not in body


def _snapshot():
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list("pk", "path", "live", "latest_revision_id")
        ),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "site_text": list(SiteText.objects.values_list("pk", "crisis_notice")),
        "settings": list(SiteSettings.objects.values_list("pk", "organisation_name", "phone")),
        "users": list(get_user_model().objects.values_list("pk", "password")),
    }


def test_load_demo_twice_changes_nothing():
    before = _snapshot()
    assert len(before["pages"]) >= 7  # root, home, FAQ, principles, about, join us, contact
    call_command("load_demo", verbosity=0)
    assert _snapshot() == before


def test_load_demo_keeps_editors_changes(home):
    home.intro = "Edited by an editor."
    home.save_revision().publish()
    call_command("load_demo", verbosity=0)
    home.refresh_from_db()
    assert home.intro == "Edited by an editor."


def test_health_check_says_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


THIRD_PARTY_ATTRS = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "form": ["action"],
}


def _foreign_urls(html):
    found = []
    for tag, attrs in THIRD_PARTY_ATTRS.items():
        for element in html.find_all(tag):
            if tag == "link" and not {
                "stylesheet",
                "icon",
                "preload",
                "modulepreload",
                "manifest",
            } & set(element.get("rel", [])):
                continue  # rel=canonical/alternate name pages, they load nothing
            for attr in attrs:
                for value in re.split(r",\s*", element.get(attr, "")):
                    url = value.strip().split(" ")[0]
                    if urlsplit(url).netloc not in ("", "testserver"):
                        found.append(f"<{tag} {attr}={url}>")
    for style in html.find_all(style=True):
        found += re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", style["style"])
    return found


def test_no_public_page_loads_anything_from_a_third_party(client):
    urls = [page.url for page in Page.objects.live().public().specific() if page.url]
    urls.append("/en/no-such-page/")
    assert len(urls) >= 7
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert _foreign_urls(parse(response)) == [], url
    for css in ("css/site.css",):
        text = Path(finders.find(css)).read_text()
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), css
        assert "@import" not in text, css


def test_document_uploads_are_limited_in_size_and_type(admin_user):
    DocumentForm = get_document_form(get_document_model())
    too_big = SimpleUploadedFile(
        "minutes.pdf", b"%PDF-1.4" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    )
    form = DocumentForm(
        data={"title": "Minutes", "collection": 1}, files={"file": too_big}, user=admin_user
    )
    assert not form.is_valid()
    assert "too big" in str(form.errors["file"])
    script = SimpleUploadedFile("page.html", b"<script>alert(1)</script>")
    form = DocumentForm(
        data={"title": "Page", "collection": 1}, files={"file": script}, user=admin_user
    )
    assert not form.is_valid()
    assert "file" in form.errors


def test_shared_password_restrictions_are_off():
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS["SHARED_PASSWORD"] is False
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS["SHARED_PASSWORD"] is False


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coopsite.settings.production",
        "SECRET_KEY": "a-long-random-test-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "coop.example.org",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coopsite.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_every_python_package_is_listed_for_installation():
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = set()
    for init in REPO.glob("**/__init__.py"):
        parts = init.parent.relative_to(REPO).parts
        if parts and parts[0] in {".venv", "tests", "build", "node_modules"}:
            continue
        on_disk.add(".".join(("coopsite",) + parts[1:] if parts[0] == "site" else parts))
    assert on_disk == listed
