"""Uploaded images served by the app, from whatever storage holds them (disk or a shared bucket).

With several instances the uploads live in one S3-compatible bucket (see
`settings/production.py`). The bucket stays wholly private: no object is publicly readable,
and pages never link to the bucket. Image URLs stay on this site (`/media/images/...`) and
this view streams them from the storage, so

- the Content Security Policy keeps `img-src 'self'`: no other origin to allow, nothing a
  visitor's browser fetches from anyone but us;
- documents are never served here (only image prefixes and image types are), so they go
  through Wagtail's `serve_view`, where private collections stay private;
- a page cached in Redis never holds a signed bucket URL that expires.

The reverse proxy may cache `/media/` (the responses say `public`); with one machine and the
filesystem it may also serve `MEDIA_ROOT/images/` itself, as before.
"""

import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

# Wagtail keeps originals under original_images/ and renditions under images/; documents
# (documents/) are deliberately absent.
PREFIXES = ("images/", "original_images/")
# Only raster types we allow uploading (WAGTAILIMAGES_EXTENSIONS); never SVG or HTML, which
# could run script on our origin.
CONTENT_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
MAX_AGE = 24 * 3600
MAX_NAME = 255


@require_safe
def serve(request, path):
    name = posixpath.normpath(path)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if (
        name != path
        or not name.startswith(PREFIXES)
        or extension not in CONTENT_TYPES
        or len(name) > MAX_NAME  # Wagtail's file names are shorter (and S3's keys are limited)
        or any(ord(char) < 32 or char == "\\" for char in name)
    ):
        raise Http404("No such image.")
    try:
        file = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as missing:
        raise Http404("No such image.") from missing
    modified = default_storage.get_modified_time(name).timestamp()
    if not was_modified_since(request.headers.get("If-Modified-Since"), modified):
        file.close()
        return HttpResponseNotModified()
    response = FileResponse(file, content_type=CONTENT_TYPES[extension])
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
