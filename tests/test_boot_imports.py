"""What a web worker does not load when it boots: libraries only some requests need, imported
where they are used (`stripe` by billing's gateway, `icalendar` when a calendar is written,
`segno` when the two-factor setup page draws its QR code), and django-ninja, which only
Wagtail's v3 API uses, and this site mounts no API (coopsite/wagtail_apps.py). Each would cost
every worker its memory (about 30, 5, 9 and 13 MiB) for pages that never use it."""

import os
import subprocess
import sys

import pytest

# What a booting worker imports: the WSGI app, the URLs (every view module) and the modules the
# pages call into for these libraries' features.
BOOT = "coopsite.wsgi, coopsite.urls, billing.views, billing.webhooks, events.views, events.listing"


@pytest.mark.parametrize("library", ["stripe", "icalendar", "segno", "ninja"])
def test_a_worker_boots_without(library):
    script = f"import sys; import {BOOT}; print({library!r} in sys.modules)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coopsite.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr
