"""Our system checks turn every unsafe setting into an Error (reliability plan C2)."""

import pytest
from django.conf import settings
from django.core.checks import Error, run_checks
from django.test import override_settings

WITHOUT_CSP = [m for m in settings.MIDDLEWARE if "ContentSecurityPolicy" not in m]
WITHOUT_AXES_MW = [m for m in settings.MIDDLEWARE if "Axes" not in m]
WITHOUT_AXES_APP = [a for a in settings.INSTALLED_APPS if a != "axes"]
LOOSE_SCRIPT = {
    "DIRECTIVES": {
        **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
    }
}
NO_OBJECT_SRC = {
    "DIRECTIVES": {
        k: v for k, v in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items() if k != "object-src"
    }
}

BAD = {
    "documents served from storage": ({"WAGTAILDOCS_SERVE_METHOD": "direct"}, "E001"),
    "any document type": ({"WAGTAILDOCS_EXTENSIONS": None}, "E002"),
    "documents of any size": ({"WAGTAILDOCS_MAX_UPLOAD_SIZE": None}, "E003"),
    "images of any size": ({"WAGTAILIMAGES_MAX_UPLOAD_SIZE": None}, "E003"),
    "svg images": ({"WAGTAILIMAGES_EXTENSIONS": ["png", "svg"]}, "E004"),
    "shared page passwords": ({"WAGTAIL_PRIVATE_PAGE_OPTIONS": {"SHARED_PASSWORD": True}}, "E005"),
    "shared document passwords": (
        {"WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS": {"SHARED_PASSWORD": True}},
        "E005",
    ),
    "lockout forever": ({"AXES_ENABLED": True, "AXES_COOLOFF_TIME": None}, "E007"),
    "lockout by username only": (
        {"AXES_ENABLED": True, "AXES_LOCKOUT_PARAMETERS": ["username"]},
        "E008",
    ),
    "axes middleware missing": ({"AXES_ENABLED": True, "MIDDLEWARE": WITHOUT_AXES_MW}, "E009"),
    "no CSP middleware": ({"MIDDLEWARE": WITHOUT_CSP}, "E010"),
    "CSP without object-src": ({"CONTENT_SECURITY_POLICY": NO_OBJECT_SRC}, "E011"),
    "CSP allowing inline script": ({"CONTENT_SECURITY_POLICY": LOOSE_SCRIPT}, "E012"),
    "DEBUG on": ({"DEBUG": True}, "E013"),
}


def our_errors():
    return {
        m.id
        for m in run_checks(include_deployment_checks=True)
        if isinstance(m, Error) and m.id.startswith("coopsite.")
    }


def test_the_project_settings_pass():
    with override_settings(AXES_ENABLED=True):
        assert our_errors() == set()


@pytest.mark.parametrize("name", BAD)
def test_each_unsafe_setting_is_an_error(name):
    changes, expected = BAD[name]
    with override_settings(**changes):
        assert f"coopsite.{expected}" in our_errors()


def test_axes_missing_from_installed_apps_is_an_error(monkeypatch):
    # Not override_settings: changing INSTALLED_APPS that way rebuilds the app registry.
    monkeypatch.setattr(settings, "INSTALLED_APPS", WITHOUT_AXES_APP)
    assert "coopsite.E006" in our_errors()
