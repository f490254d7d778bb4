from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy under /admin/.

    The public site and the members' area get the strict `CONTENT_SECURITY_POLICY`; the admin
    (its editor, preview and choosers) needs inline styles and scripts, so it gets
    `ADMIN_CONTENT_SECURITY_POLICY` instead (documented in docs/security.md).
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path.startswith(settings.WAGTAILADMIN_PATH_PREFIX)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            if request.path.startswith(ADMIN_SIGN_IN_PATHS):
                # Signing in runs no inline script: a password page gets the strict rule.
                parts.config = {**parts.config, "script-src": ["'self'"]}
        return parts


ADMIN_SIGN_IN_PATHS = tuple(
    settings.WAGTAILADMIN_PATH_PREFIX + path for path in ("login/", "2fa/", "password_reset/")
)
