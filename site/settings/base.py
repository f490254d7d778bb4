"""Settings shared by every environment.

The environment is read here and nowhere else (see the table in README.md). dev, test and
production import everything from this module and change only what differs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# site/settings/base.py -> the repository root
BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "resources",
    "members",
    "billing",
    "outbox",
    "events",
    "search",
    "coopsite",  # the project: the demo that spans the apps (load_demo)
    "background",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    # Wagtail's redirects, snippets, documents and images, without the v3 API they would
    # build at boot for nobody (this site mounts no API): coopsite/wagtail_apps.py.
    "coopsite.wagtail_apps.RedirectsConfig",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "coopsite.wagtail_apps.SnippetsConfig",
    "coopsite.wagtail_apps.DocumentsConfig",
    "coopsite.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # What a request read from the cache (the chrome's version, its entries), remembered for
    # that request only: home/chrome.py.
    "home.chrome.RequestMemoMiddleware",
    # Anonymous page cache (home/page_cache.py): a hit is answered here, with the headers the
    # rest of the stack gave the page when it was stored; a miss is stored on its way out, after
    # every middleware below has added its headers and cookies (a response with a cookie, e.g.
    # a CSRF token or a session, is never stored).
    "home.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Admin two-factor: django-otp marks verified sessions, then every admin URL needs one.
    "django_otp.middleware.OTPMiddleware",
    "coopsite.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "coopsite.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]
# On by default only with Redis: then a publish reaches every worker's cache at once.
# PAGE_CACHE=false turns it off (e.g. to measure uncached pages); seconds an entry lives:
PAGE_CACHE = env_bool("PAGE_CACHE", bool(env("REDIS_URL")))
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", "300"))

ROOT_URLCONF = "coopsite.urls"
WSGI_APPLICATION = "coopsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------
# SQLite is the embedded default so `make run` works anywhere; production sets DATABASE_URL.
DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{env('SQLITE_PATH', BASE_DIR / 'db.sqlite3')}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and scheduler share the file: WAL lets readers go on while one writes, and
    # IMMEDIATE transactions wait (up to `timeout` seconds) for the write lock instead of
    # failing with "database is locked" when a read turns into a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # Redis holds nothing that cannot be rebuilt: when it is down the site runs without a
    # cache (coopsite.cache, short timeouts) instead of failing (docs/faults.md, F4).
    CACHES = {
        "default": {
            "BACKEND": "coopsite.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "coopsite",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Security headers ------------------------------------------------------------------------
# Sent on HTTPS responses only, so safe here; production also redirects HTTP to HTTPS.
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
WAGTAILADMIN_PATH_PREFIX = "/admin/"
# Nothing loads from anywhere but this site: no third-party script, style, font or frame,
# which is also what keeps a visitor from being followed around the web.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin uses inline styles and scripts and frames its own previews; still
# nothing from other origins.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# --- Accounts ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Visitors who must log in (members-only pages, own profile) use the members' login; the
# Wagtail admin has its own (WAGTAILADMIN_LOGIN_URL).
LOGIN_URL = "members:login"
# Axes first: it refuses a locked-out username+IP before any password is checked. Members log
# in with their email address (or username); the backend is otherwise Django's ModelBackend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "members.auth.EmailOrUsernameBackend",
]
# Lockout: 5 failures lock that username *from that IP* for 15 minutes, never permanently, so
# nobody can lock a member out from elsewhere. Locked-out requests get HTTP 429.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "members/locked_out.html"
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "members.auth.lockout_username"  # case-insensitive
# The visitor's address as the rate limits see it: behind our proxy (TRUSTED_PROXY_COUNT) the
# one it saw, not the proxy's own, which would lock out everyone sharing a username guess.
AXES_CLIENT_IP_CALLABLE = "coopsite.ratelimits.client_ip"

# --- Languages -------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "America/Los_Angeles")  # the demo office is in Seattle
USE_TZ = True

# --- Static files and uploads ----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads are allow-listed and capped: Wagtail's defaults take any document type and any size.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.ImageForm"  # corrupt images: a form error
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # enforced by home.forms.DocumentForm
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.DocumentForm"
# Documents are always streamed through Django, so privacy rules apply to every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Shared-password restrictions would sidestep login lockout and per-member access.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# --- Wagtail -------------------------------------------------------------------------------
# The co-op's name: the admin's title and the sender name of every email.
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Lycan Counseling Co-op")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin would otherwise call out to a third party
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # editors' avatars would otherwise load from gravatar.com
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Email ---------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds an SMTP step may take; the outbox retries after a timeout (outbox/delivery.py).
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL_ADDRESS = env("DEFAULT_FROM_EMAIL_ADDRESS", "no-reply@lycan-coop.example")
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", f'"{WAGTAIL_SITE_NAME}" <{DEFAULT_FROM_EMAIL_ADDRESS}>'
)
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Stripe (billing issue) ------------------------------------------------------------------
# Without both keys billing is read-only and the members' pages say so.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
# Another API address for the official library, e.g. a local localstripe for tests and benches.
STRIPE_API_BASE = env("STRIPE_API_BASE", "")

# --- Background work (docs/decisions.md: "Background work") -----------------------------------
# Tasks are rows in our own database, run by `manage.py db_worker` (the Procfile's worker), so
# nothing slow or external runs in a request and nothing queued is lost when a process stops.
# Wagtail's own tasks (search and reference index updates) use this default backend too.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Finished tasks are kept this many days (failed ones longer), then pruned by a daily job.
TASKS_KEEP_DAYS = int(env("TASKS_KEEP_DAYS", "7"))
TASKS_KEEP_FAILED_DAYS = int(env("TASKS_KEEP_FAILED_DAYS", "30"))
# The scheduler (`manage.py run_scheduler`, background/schedule.py) only enqueues tasks. One
# instance acts at a time: it holds a lease row in the database for SCHEDULER_LEASE_SECONDS
# and renews it every SCHEDULER_TICK_SECONDS; another takes over when a lease runs out.
# SCHEDULER_FREQUENT_SECONDS paces the every-minute jobs (tests shorten it).
SCHEDULER_TICK_SECONDS = int(env("SCHEDULER_TICK_SECONDS", "30"))
SCHEDULER_LEASE_SECONDS = int(env("SCHEDULER_LEASE_SECONDS", "90"))
SCHEDULER_FREQUENT_SECONDS = int(env("SCHEDULER_FREQUENT_SECONDS", "60"))
# /healthz/ answers 503 when no scheduler has acted for this long.
SCHEDULER_STALE_SECONDS = int(env("SCHEDULER_STALE_SECONDS", "300"))

# --- Logging -------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail's page log and the in-process task runner are chatty at INFO.
        "wagtail": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # APScheduler logs every run of every job at INFO.
        "apscheduler": {"level": "WARNING"},
    },
}

# --- Admin two-factor sign-in (coopsite/two_factor.py) ------------------------------------
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "coopsite")

# --- Rate limits (reliability plan L2; site/ratelimits.py, table in README.md) ----------------
# Counters for django-ratelimit, in their own cache so clearing the page cache never resets
# them. Django's own RedisCache: its add() and incr() are atomic in Redis (SET NX, INCRBY), so
# every worker shares one count. A short socket timeout keeps a hung Redis from holding up
# requests; what happens then is chosen per endpoint (fail open or closed, see ratelimits.py).
# Plain RedisCache, not the default cache's error-swallowing one: ratelimits.py must see a
# failure to fail password reset closed.
# Without REDIS_URL (dev, tests, a single process) the counters are per process.
# django_ratelimit is used as a library and not listed in INSTALLED_APPS, so its system checks
# do not run: they call Django's RedisCache "not officially supported" (W001, only because
# django-ratelimit 4.1 predates it) and LocMemCache "not a shared cache" (E003), which is the
# documented single-process fallback above.
if REDIS_URL:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "coopsite-ratelimit",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
else:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "coopsite-ratelimit",
    }
RATELIMIT_USE_CACHE = "ratelimit"
# A counter that cannot be read is handled per endpoint by coopsite.ratelimits, not here.
RATELIMIT_FAIL_OPEN = False
# Requests per window per key ("10/h" = 10 an hour; "300/m" = 300 a minute). Which key and
# what happens when Redis is down are set where each view is decorated.
RATELIMIT_RATES = {
    "password-reset-ip": "20/h",  # members/urls.py: per address
    "password-reset-email": "5/h",  # and per email address typed in
    "join-ip": "10/h",  # members.views.join: applications sent
    "search-ip": "60/m",  # search.views.search: public search
    "members-search-user": "60/m",  # members.search: per member
    "stripe-webhook-ip": "300/m",  # billing.webhooks: Stripe retries a 429 later
    "comment-user": "30/h",  # members.views.comment
    "proposal-user": "10/h",  # members.views.proposal_new (submitted forms)
}
# How many reverse proxies of our own append to X-Forwarded-For in front of gunicorn (nginx
# with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;` is 1). 0 trusts only the
# connection's address, which behind a proxy is the proxy's: every visitor would share one count.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
