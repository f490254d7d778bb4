"""Uploads in the shared bucket (several instances, see the README's deployment section).

Against a real S3 API: moto's server on loopback, started here. Objects are private, pages
link to this site rather than the bucket, images are streamed by the app, documents only by
Wagtail's serve view (private collections stay private), and two uploads with one name do not
replace each other. The two-instance drill is `make multi-drill`.
"""

import http.client
import io

import boto3
import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

BUCKET = "coopsite-test-media"
CREDENTIALS = {"access_key": "test-access-key", "secret_key": "test-secret-key"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client(endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )


def storages_setting(endpoint, backend="coopsite.storage.PrivateS3Storage"):
    return {
        "default": {
            "BACKEND": backend,
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                **CREDENTIALS,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def bucket(s3_endpoint):
    with override_settings(STORAGES=storages_setting(s3_endpoint)):
        yield client(s3_endpoint)


def unsigned_get(endpoint, key):
    host, port = endpoint.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", f"/{BUCKET}/{key}")
        return connection.getresponse().status
    finally:
        connection.close()


def png(name="office.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 500), (40, 120, 110)).save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def test_images_go_to_the_private_bucket_and_are_served_by_the_site(client, bucket, s3_endpoint):
    image = get_image_model().objects.create(title="Office", file=png())
    rendition = image.get_rendition("width-400|format-webp")
    assert rendition.url.startswith("/media/images/")  # this site, not the bucket
    key = rendition.file.name
    stored = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()

    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content) == stored
    assert client.get("/media/" + image.file.name)["Content-Type"] == "image/png"
    # Nobody reaches the objects without the site's credentials.
    assert unsigned_get(s3_endpoint, key) == 403
    assert unsigned_get(s3_endpoint, image.file.name) == 403


def test_two_uploads_with_one_name_keep_both_files(bucket):
    first = get_image_model().objects.create(title="One", file=png("same.png"))
    second = get_image_model().objects.create(title="Two", file=png("same.png"))
    assert first.file.name != second.file.name
    keys = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert first.file.name in keys and second.file.name in keys


def test_a_private_document_is_served_only_through_the_serve_view(client, bucket, s3_endpoint):
    receipt = get_document_model().objects.create(
        title="Receipt",
        file=ContentFile(b"members only\n", name="receipt.txt"),
        collection=Collection.objects.get(name="Receipts"),  # login required (billing demo)
    )
    assert unsigned_get(s3_endpoint, receipt.file.name) == 403
    assert client.get("/media/" + receipt.file.name).status_code == 404

    anonymous = client.get(receipt.url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(get_user_model().objects.get(email="marcus.bell@lycan-coop.example"))
    response = client.get(receipt.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"members only\n"


def test_the_media_view_serves_images_only(client, bucket):
    bucket.put_object(Bucket=BUCKET, Key="images/page.html", Body=b"<script>alert(1)</script>")
    bucket.put_object(Bucket=BUCKET, Key="original_images/logo.svg", Body=b"<svg/>")
    assert client.get("/media/images/page.html").status_code == 404
    assert client.get("/media/original_images/logo.svg").status_code == 404
    assert client.get("/media/images/../documents/x.png").status_code == 404
    assert client.get("/media/images/missing.webp").status_code == 404


def test_the_system_check_refuses_a_bucket_that_pages_would_link_to(s3_endpoint):
    def check_ids():
        return {message.id for message in run_checks()}

    with override_settings(STORAGES=storages_setting(s3_endpoint)):
        assert "coopsite.E014" not in check_ids()
    with override_settings(
        STORAGES=storages_setting(s3_endpoint, backend="storages.backends.s3.S3Storage")
    ):
        assert "coopsite.E014" in check_ids()
