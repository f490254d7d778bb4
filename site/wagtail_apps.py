"""Wagtail's images, documents, snippets and redirects apps, without Wagtail's API v3.

Wagtail 8's apps register routers and pydantic schemas with its v3 API (django-ninja) in their
`ready()`, whether or not a site mounts that API. This site mounts no API (site/urls.py;
tests/test_boot_imports.py checks it), so every web worker, task worker and command paid for an
API nobody could call: django-ninja and the schemas it builds for each content type cost each
process about 13 MiB of memory (docs/performance.md).

These configs run Wagtail's own `ready()`, unchanged, with the API's modules stood in for by
inert ones for its duration: the permission policies, signal handlers, admin widgets,
comparisons, reference index and snippet registrations are Wagtail's, and nothing here repeats
them. The stand-ins are taken out of `sys.modules` afterwards, so an import of the real API
later gets the real modules. A Wagtail release that imports a new API module from these
`ready()`s fails at boot (the stand-in packages have no submodules of their own), not quietly.

To mount the API one day, list Wagtail's own app configs in INSTALLED_APPS again.
"""

import sys
import types
from contextlib import contextmanager

from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

# The API's shared instance, and what each app's ready() imports from its own `api` package.
SHARED_API = ("wagtail.api.v3.api",)


class _Inert:
    """Whatever a ready() asks of the API (`api.add_router(...)`, `register_content_types()`,
    a router) is this, and does nothing."""

    def __call__(self, *args, **kwargs):
        return self

    def __getattr__(self, name):
        return self


class _InertModule(types.ModuleType):
    def __init__(self, name):
        super().__init__(name)
        self.__path__ = []  # a package with no submodules: a new import fails loudly

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Inert()


@contextmanager
def _without_api(app_name):
    """The v3 API and `app_name`'s `api` packages stood in for while the block runs. (The
    redirects app's `api` package also holds its v2 API, which imports Django REST framework.)"""
    names = [*SHARED_API, f"{app_name}.api", f"{app_name}.api.v3"]
    names += [f"{app_name}.api.v3.{leaf}" for leaf in ("registry", "router")]
    already = [name for name in names if name in sys.modules]
    if already:  # the real API is loaded: standing in now would hide nothing and break it
        yield
        return
    for name in names:
        sys.modules[name] = _InertModule(name)
    try:
        yield
    finally:
        for name in names:
            sys.modules.pop(name, None)


class _WithoutAPI:
    def ready(self):
        with _without_api(self.name):
            super().ready()


class ImagesConfig(_WithoutAPI, WagtailImagesAppConfig):
    pass


class DocumentsConfig(_WithoutAPI, WagtailDocsAppConfig):
    pass


class SnippetsConfig(_WithoutAPI, WagtailSnippetsAppConfig):
    pass


class RedirectsConfig(_WithoutAPI, WagtailRedirectsAppConfig):
    pass
