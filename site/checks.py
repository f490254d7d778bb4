"""System checks of our own: unsafe settings cannot come back unnoticed (reliability plan C2).

Django's `check --deploy` knows nothing about Wagtail's uploads, shared passwords, login
lockout or the Content Security Policy; these checks do, and CI runs them.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register


def _error(check_id, message, hint):
    return Error(message, hint=hint, id=f"coopsite.{check_id}")


@register(Tags.security)
def uploads_and_documents(app_configs, **kwargs):
    errors = []
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) != "serve_view":
        errors.append(
            _error(
                "E001",
                "Documents are not served through Django.",
                "Set WAGTAILDOCS_SERVE_METHOD = 'serve_view' so privacy rules apply.",
            )
        )
    if not getattr(settings, "WAGTAILDOCS_EXTENSIONS", None):
        errors.append(
            _error(
                "E002",
                "Any type of document can be uploaded.",
                "Set WAGTAILDOCS_EXTENSIONS to an allow-list.",
            )
        )
    for name in ("WAGTAILDOCS_MAX_UPLOAD_SIZE", "WAGTAILIMAGES_MAX_UPLOAD_SIZE"):
        if not getattr(settings, name, None):
            errors.append(
                _error(
                    "E003",
                    f"{name} is not set: uploads of any size are accepted.",
                    f"Set {name} in bytes.",
                )
            )
    if "svg" in [e.lower() for e in getattr(settings, "WAGTAILIMAGES_EXTENSIONS", None) or ["svg"]]:
        errors.append(
            _error(
                "E004",
                "SVG images (which can carry script) may be uploaded.",
                "List WAGTAILIMAGES_EXTENSIONS without 'svg'.",
            )
        )
    return errors


@register(Tags.security)
def shared_passwords(app_configs, **kwargs):
    errors = []
    for name in ("WAGTAIL_PRIVATE_PAGE_OPTIONS", "WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS"):
        if getattr(settings, name, {}).get("SHARED_PASSWORD", True):
            errors.append(
                _error(
                    "E005",
                    f"{name} allows shared-password restrictions.",
                    "They bypass login lockout; set {'SHARED_PASSWORD': False}.",
                )
            )
    return errors


@register(Tags.security)
def login_lockout(app_configs, **kwargs):
    if "axes" not in settings.INSTALLED_APPS or not getattr(settings, "AXES_ENABLED", True):
        # Tests switch axes off and on around the lockout tests; anywhere else it must be on.
        if "axes" not in settings.INSTALLED_APPS:
            return [
                _error(
                    "E006",
                    "Login lockout (django-axes) is not installed.",
                    "Add 'axes' to INSTALLED_APPS.",
                )
            ]
        return []
    errors = []
    if getattr(settings, "AXES_COOLOFF_TIME", None) is None:
        errors.append(
            _error(
                "E007",
                "A login lockout never ends (no AXES_COOLOFF_TIME).",
                "Anyone could lock a member out for good; set a cool-off.",
            )
        )
    if ["username", "ip_address"] not in getattr(settings, "AXES_LOCKOUT_PARAMETERS", []):
        errors.append(
            _error(
                "E008",
                "Lockout is not keyed on username and IP together.",
                "Set AXES_LOCKOUT_PARAMETERS = [['username', 'ip_address']].",
            )
        )
    if "axes.middleware.AxesMiddleware" not in settings.MIDDLEWARE:
        errors.append(_error("E009", "AxesMiddleware is missing.", "Add it last in MIDDLEWARE."))
    return errors


@register(Tags.security)
def content_security_policy(app_configs, **kwargs):
    if "coopsite.middleware.ContentSecurityPolicyMiddleware" not in settings.MIDDLEWARE:
        return [
            _error(
                "E010",
                "No Content Security Policy is sent.",
                "Add coopsite.middleware.ContentSecurityPolicyMiddleware to MIDDLEWARE.",
            )
        ]
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", {}).get("DIRECTIVES", {})
    errors = []
    for directive, expected in (
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("frame-ancestors", ["'none'"]),
    ):
        if policy.get(directive) != expected:
            errors.append(
                _error(
                    "E011",
                    f"The public policy's {directive} is not {expected}.",
                    "See docs/security.md.",
                )
            )
    if "'unsafe-inline'" in policy.get("script-src", ["'unsafe-inline'"]):
        errors.append(
            _error(
                "E012",
                "The public policy lets inline script run.",
                "script-src must not include 'unsafe-inline'.",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def no_debug(app_configs, **kwargs):
    if settings.DEBUG:
        return [_error("E013", "DEBUG is on.", "Tracebacks would reach visitors.")]
    return []


@register(Tags.security)
def private_media_storage(app_configs, **kwargs):
    # Uploads in a shared bucket (settings/production.py) must stay private, never linked to
    # directly (documents would skip their privacy rules, images would need another CSP
    # origin) and never overwrite each other.
    from django.core.files.storage import storages
    from storages.backends.s3 import S3Storage

    from coopsite.storage import PrivateS3Storage

    storage = storages["default"]
    if not isinstance(storage, S3Storage):
        return []
    if (
        not isinstance(storage, PrivateS3Storage)
        or storage.default_acl != "private"
        or storage.file_overwrite
    ):
        return [
            _error(
                "E014",
                "Uploads in the bucket may be public, linked to directly or overwritten.",
                "Use coopsite.storage.PrivateS3Storage without changing its ACL or overwrite.",
            )
        ]
    return []
