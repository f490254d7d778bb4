from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env, env_bool

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SECRET_KEY in the environment: production will not start without it."
    )

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # security.W021: joining the browsers' HSTS preload list is a commitment for the whole
    # domain and its subdomains that is slow to undo, so the operator opts in with
    # SECURE_HSTS_PRELOAD=true once every subdomain serves HTTPS; HSTS itself is on.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# The __Host- prefix makes browsers refuse these cookies unless set by this exact host over
# HTTPS with Path=/ (no subdomain can plant or read them).
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# Health checks from a load balancer come in over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Several instances share one private S3-compatible bucket for uploads; one instance may keep
# them on disk (MEDIA_ROOT). Credentials come from the standard AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or an instance role), read by boto3 itself, never by these settings.
# Nothing links to the bucket: images are streamed by the app at /media/ (coopsite.media) and
# documents by Wagtail's serve_view, so every object stays private and the Content Security
# Policy keeps img-src 'self' (see the README's deployment section).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "coopsite.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,  # unset: AWS itself
            "region_name": env("AWS_S3_REGION_NAME") or None,
            # Files read for serving spill to a temporary file beyond 2 MB, not all in memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }

if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
