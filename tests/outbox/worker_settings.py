"""Settings for a real worker process in tests/outbox/test_kill.py: the test settings, with
SMTP to the test's local sink and a short lease."""

import os

from coopsite.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["SINK_PORT"])
EMAIL_TIMEOUT = 5
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "3"))
