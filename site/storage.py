"""Uploads in a private S3-compatible bucket shared by every instance (settings/production.py).

Every object is private and never overwritten; URLs point at this site (`/media/...`, served
by `coopsite.media.serve` for images, by Wagtail's `serve_view` for documents), never at the
bucket, so the bucket needs no public access and the CSP no other origin.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PrivateS3Storage(S3Storage):
    # Private even if the bucket's own default were public-read.
    default_acl = "private"
    # Two uploads called "photo.jpg" must not replace each other (S3Storage's default would).
    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name)).lstrip("/")
