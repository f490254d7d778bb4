"""Uploads through the Wagtail admin's own views, and how private documents are served
(reliability plan U1, U2).

Every bad file is refused by the admin's add form with a message on the form (never a 500) and
nothing is stored. The pixel bomb is uploaded in a forked copy of this process, whose peak
resident memory starts at the fork, so its growth is the upload's alone.
"""

import os
import pickle
import resource
import struct
import zlib
from functools import cache

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.otp import verified_admin_login

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()


# --- Files -----------------------------------------------------------------------------------


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(width, height, rows=None):
    """A valid 1-bit greyscale PNG, all black; `rows` lets a huge one compress in pieces."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row * n) for n in (rows or [height])) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


@cache
def pixel_bomb():
    """40,000 x 40,000 pixels (1.6 G px, 200 MB of pixel data) in about 200 KB."""
    side = 40_000
    return png(side, side, rows=[1000] * (side // 1000))


SVG_SCRIPT = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>"""
SVG_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&xxe;</text></svg>"""
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


# --- Uploading through the admin -------------------------------------------------------------


@pytest.fixture
def editor(client):
    admin = get_user_model().objects.get(username="admin")
    return verified_admin_login(client, admin)


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload test",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def upload_document(client, name, content, collection=None):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Upload test",
            "collection": (collection or Collection.get_first_root_node()).pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def file_errors(response):
    """The messages the add form shows against its file field."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    return " ".join(form.errors.get("file", []))


def test_a_small_png_is_accepted(editor):
    # The control: the same route stores a harmless image.
    before = Image.objects.count()
    response = upload_image(editor, "dot.png", png(4, 4))
    assert response.status_code == 302
    assert Image.objects.count() == before + 1


def test_an_image_one_byte_over_the_limit_is_refused(editor):
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    content = png(4, 4)
    content += b"\x00" * (limit + 1 - len(content))  # trailing bytes after IEND
    assert len(content) == limit + 1
    before = Image.objects.count()
    assert "too big" in file_errors(upload_image(editor, "big.png", content))
    assert Image.objects.count() == before


def test_a_document_one_byte_over_the_limit_is_refused(editor):
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    content = b"%PDF-1.4\n" + b"0" * (limit + 1 - 9)
    before = Document.objects.count()
    assert "too big" in file_errors(upload_document(editor, "minutes.pdf", content))
    assert Document.objects.count() == before
    at_limit = upload_document(editor, "minutes.pdf", content[:-1])
    assert at_limit.status_code == 302
    assert Document.objects.count() == before + 1


def _upload_in_a_fork(client, name, content):
    """Upload from a forked child; returns (peak RSS growth in bytes, file errors shown)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its peak RSS starts at the fork
        os.close(read)
        result = ("error", "")
        try:
            start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            errors = file_errors(upload_image(client, name, content))
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            result = ((peak - start) * 1024, errors)  # ru_maxrss is in KiB on Linux
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            result = ("error", repr(error))
        finally:
            os.write(write, pickle.dumps(result))
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)  # noqa: S301 - our own child's answer


def test_a_pixel_bomb_is_refused_without_decoding_it(editor):
    bomb = pixel_bomb()
    assert len(bomb) < 300_000
    before = Image.objects.count()
    growth, errors = _upload_in_a_fork(editor, "bomb.png", bomb)
    assert growth != "error", errors
    assert "too many pixels" in errors.lower() or "pixels" in errors.lower(), errors
    print(f"pixel bomb: peak RSS grew {growth / 2**20:.1f} MiB")
    assert growth < 2 * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, growth
    assert Image.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", SVG_SCRIPT),
        ("logo.svg", SVG_XXE),
        ("logo.png", SVG_SCRIPT),  # an SVG pretending to be a PNG
        ("photo.jpg", HTML),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 100),
        ("photo.html", png(4, 4)),
    ],
)
def test_bad_images_are_refused_with_a_form_error(editor, name, content):
    before = Image.objects.count()
    assert file_errors(upload_image(editor, name, content))
    assert Image.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", HTML),
        ("page.htm", HTML),
        ("logo.svg", SVG_SCRIPT),
        ("setup.exe", b"MZ" + b"\x00" * 100),
        ("minutes.pdf.html", HTML),
        ("script.js", b"alert(1)"),
        ("noextension", b"hello"),
    ],
)
def test_documents_of_other_types_are_refused_with_a_form_error(editor, name, content):
    before = Document.objects.count()
    assert file_errors(upload_document(editor, name, content))
    assert Document.objects.count() == before


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Files on disk, as in production: Wagtail serves documents from a path on disk, which
    the test settings' in-memory storage does not have."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def test_a_document_lying_about_its_type_cannot_run_as_a_page(editor, client, disk_storage):
    """HTML named minutes.pdf: stored (documents' contents are not inspected), but served as a
    PDF that the browser must not sniff, under a policy that runs nothing."""
    response = upload_document(editor, "minutes.pdf", HTML)
    assert response.status_code == 302
    document = Document.objects.get(file__endswith=".pdf", title="Upload test")
    client.logout()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in served["Content-Security-Policy"]


# --- U1: private documents -------------------------------------------------------------------


@pytest.fixture
def private_collection(db):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Board papers (fuzz test)")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@pytest.mark.parametrize(
    ("name", "content", "inline"),
    [("minutes.pdf", b"%PDF-1.4\n%%EOF\n", True), ("budget.csv", b"a,b\n1,2\n", False)],
)
def test_a_private_document_needs_a_login_and_downloads_as_an_attachment(
    client, private_collection, disk_storage, name, content, inline
):
    document = Document.objects.create(
        title="Private", collection=private_collection, file=ContentFile(content, name=name)
    )
    anonymous = client.get(document.url)
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
    member = get_user_model().objects.get(email="marcus.bell@lycan-coop.example")
    client.force_login(member)
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == content
    disposition = served["Content-Disposition"]
    assert disposition.startswith("inline" if inline else "attachment"), disposition
    assert "default-src 'none'" in served["Content-Security-Policy"]
    # The file is never reachable under /media/ (only images are served there).
    assert client.get(f"/media/{document.file.name}").status_code == 404
