from .base import *  # noqa: F403
from .base import BASE_DIR, RATELIMIT_RATES, env

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The anonymous page cache is off, whatever REDIS_URL says, so query budgets and page tests
# measure real rendering; tests/home/test_page_cache.py turns it on.
PAGE_CACHE = False
# Rate limits stay on in tests, with their own counters (tests/conftest.py clears them).
CACHES["ratelimit"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "coopsite-ratelimit",
}
# Except the webhook's: the arrival-order test (S3) replays 600 deliveries in one test.
# tests/security/test_rate_limits.py checks the production rate itself.
RATELIMIT_RATES = {**RATELIMIT_RATES, "stripe-webhook-ip": "100000/m"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media" / "test"))
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the finders; there is no collectstatic in tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Django's test client logs in without a request, which django-axes refuses; the lockout
# tests (tests/members/test_lockout.py) switch it back on with override_settings.
AXES_ENABLED = False
# Background tasks are stored in the database, as in production; nothing runs them until a
# test calls tests.tasks.run_tasks() (the worker's own code), so no test can pass on work that
# production would only do later, elsewhere. A test may opt into running tasks at once with
# override_settings(TASKS=IMMEDIATE_TASKS).
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
