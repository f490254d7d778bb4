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

if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
