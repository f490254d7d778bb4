"""Drill: two gunicorn instances ("machines") serve one site from shared PostgreSQL, Redis and S3.

    make multi-drill        # or: .venv/bin/python bench/two_instances.py

Starts moto's S3 server on 127.0.0.1 (the bucket), a scratch PostgreSQL database
(coopsite_multi) loaded with the demo, Redis database 7 (flushed first) and two gunicorn
instances on ports 8021 (A) and 8022 (B) with the same production environment. Then, each step
asserted and printed:

1. a member logs in on A; B honours that session cookie (sessions are shared);
2. both instances cache the page chrome; a page published by a third process (manage.py, as
   an editor's admin request would on any instance) is in the menu on A *and* B at once: the
   chrome's cache version lives in the shared Redis;
3. an image and two documents (one public, one in the private "Receipts" collection) are
   uploaded by a `manage.py shell` script with the same environment as A (the Wagtail admin's
   upload needs a 2FA-verified admin session; this takes the same storage path) and land in
   the bucket, every object private (owner-only ACL, unsigned GETs refused with 403);
4. A renders the page first and so creates the image renditions; B renders the same page,
   reuses them (no new object in the bucket) and serves their bytes; B serves the public
   document to anyone, the private one only with the session from A, and never serves a
   document at /media/.

Everything it starts is stopped in `finally`. A drill, not a test or a benchmark.
"""

import http.client
import json
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import boto3
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (
    BIN,
    Browser,
    Gunicorn,
    prepare,
    scratch_database,
    server_env,
    shell,
)

REDIS_URL = "redis://127.0.0.1:6379/7"
S3_PORT = 8023
S3_URL = f"http://127.0.0.1:{S3_PORT}"
BUCKET = "coopsite-multi-drill"
PORTS = {"A": 8021, "B": 8022}
TIMEOUT = 30  # seconds; the first render of a page makes its image renditions
DASHBOARD = "/en/members/dashboard/"
MEMBER = ("marcus.bell@lycan-coop.example", "coop-demo-member-2026")
S3_ENV = {
    "AWS_STORAGE_BUCKET_NAME": BUCKET,
    "AWS_S3_ENDPOINT_URL": S3_URL,
    "AWS_S3_REGION_NAME": "us-east-1",
    # moto accepts any credentials; boto3 reads these standard variables itself.
    "AWS_ACCESS_KEY_ID": "drill-access-key",
    "AWS_SECRET_ACCESS_KEY": "drill-secret-key",
}
PUBLIC_TEXT = b"Drill leaflet: anyone may read this.\n"
PRIVATE_TEXT = b"Drill receipt: members only.\n"

UPLOAD = textwrap.dedent(
    """
    import io, json
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Site
    from home.models import StandardPage

    Document = get_document_model()
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (40, 120, 110)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Drill photo", file=ImageFile(buffer, name="drill-photo.png")
    )
    public = Document.objects.create(
        title="Drill leaflet", file=ContentFile(PUBLIC, name="drill-leaflet.txt")
    )
    private = Document.objects.create(
        title="Drill receipt",
        file=ContentFile(PRIVATE, name="drill-receipt.txt"),
        collection=Collection.objects.get(name="Receipts"),
    )
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = StandardPage(
        title="Drill news", slug="drill-news", show_in_menus=True,
        body=[("image", {"image": image, "alt_text": "A green square", "decorative": False})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    print(json.dumps({
        "image": image.file.name, "page": page.url,
        "public": [public.url, public.file.name], "private": [private.url, private.file.name],
    }))
    """
)


def step(text):
    print(f"\n== {text}", flush=True)


def ok(text):
    print(f"   ok: {text}", flush=True)


def fetch(web, path):
    """One GET as a new anonymous visitor (no cookies); redirects are not followed."""
    return Browser(web.base_url, timeout=TIMEOUT).get(path)


def menu(web):
    response = fetch(web, "/en/about/")
    assert response.status == 200, response.status
    nav = re.search(r'<nav[^>]*class="site-nav".*?</nav>', response.text, re.S)
    return nav.group(0) if nav else response.text


def start_moto(log):
    process = subprocess.Popen(
        [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", S3_PORT, timeout=1)
            connection.request("GET", "/")
            connection.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("moto_server did not start")


def keys(s3, prefix=""):
    found = s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
    return sorted(item["Key"] for item in found)


def drill(s3, url):
    env = server_env(url, redis_url=REDIS_URL, **S3_ENV)
    logs = Path(tempfile.mkdtemp(prefix="multi-drill-"))
    print(f"(gunicorn logs in {logs})")
    with (
        Gunicorn(env, port=PORTS["A"], workers=2, log=logs / "a.log") as a,
        Gunicorn(env, port=PORTS["B"], workers=2, log=logs / "b.log") as b,
    ):
        step(f"two instances up: A {a.base_url}, B {b.base_url}")

        step("1. shared sessions: log in on A, use the cookie on B")
        anonymous = fetch(b, DASHBOARD)
        assert anonymous.status == 302 and "/login/" in anonymous.location
        member_a = Browser(a.base_url, timeout=TIMEOUT)
        done = member_a.login(*MEMBER)
        assert done.status == 302, f"login answered {done.status}"
        assert "__Host-sessionid" in member_a.cookies, "no __Host-sessionid cookie after login"
        member_b = Browser(b.base_url, timeout=TIMEOUT)
        member_b.cookies.update(member_a.cookies)
        on_b = member_b.get(DASHBOARD)
        assert on_b.status == 200, f"B answered {on_b.status} to A's session"
        assert "Log out" in on_b.text, "B's dashboard does not show the member as logged in"
        ok("B serves the members' area with the session cookie A set")

        step("2. shared cache: both cache the chrome; a publish elsewhere shows on both")
        assert "Drill news" not in menu(a) and "Drill news" not in menu(b)
        version_key = "coopsite:1:coopsite:chrome:version"
        before = redis.Redis.from_url(REDIS_URL).get(version_key)
        assert before, "the chrome's cache version is not in the shared Redis"
        ok(f"chrome cached on A and B; version {before.decode()} in Redis db 7")

        step("3. uploads (manage.py shell with A's environment) land in the private bucket")
        script = f"PUBLIC = {PUBLIC_TEXT!r}\nPRIVATE = {PRIVATE_TEXT!r}\n" + UPLOAD
        made = json.loads(shell(env, script).strip().splitlines()[-1])
        after = redis.Redis.from_url(REDIS_URL).get(version_key)
        assert after != before, "publishing did not bump the chrome version in Redis"
        assert "Drill news" in menu(a), "A still shows the old menu"
        assert "Drill news" in menu(b), "B still shows the old menu"
        ok("the new page is in the menu on A and on B at once (version bumped in Redis)")
        stored = keys(s3)
        for name in (made["image"], made["public"][1], made["private"][1]):
            assert name in stored, f"{name} is not in the bucket"
            grants = s3.get_object_acl(Bucket=BUCKET, Key=name)["Grants"]
            public = [g for g in grants if "URI" in g["Grantee"]]
            assert not public, f"{name} is readable by a group: {public}"
        ok(
            f"in the bucket, owner-only ACL: {made['image']}, {made['public'][1]}, "
            f"{made['private'][1]}"
        )

        step("4. renditions made by A are reused and served by B")
        assert keys(s3, "images/") == [], "renditions exist before any page was rendered"
        page_a = fetch(a, made["page"])
        assert page_a.status == 200, page_a.status
        srcset = re.search(r'srcset="([^"]+)"', page_a.text).group(1)
        urls = [part.strip().split(" ")[0] for part in srcset.split(",")]
        assert len(urls) == 3 and all(u.startswith("/media/images/") for u in urls), urls
        renditions = keys(s3, "images/")
        assert len(renditions) == 3, renditions
        ok(f"A rendered {made['page']} and stored 3 renditions: {', '.join(renditions)}")
        page_b = fetch(b, made["page"])
        assert page_b.status == 200, page_b.status
        assert re.search(r'srcset="([^"]+)"', page_b.text).group(1) == srcset
        assert keys(s3, "images/") == renditions, "B made its own renditions"
        for path in urls:
            served = fetch(b, path)
            assert served.status == 200, (path, served.status)
            assert served.headers["Content-Type"] == "image/webp", served.headers["Content-Type"]
            key = path.removeprefix("/media/")
            assert served.body == s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        ok("B's page has the same srcset, no new object in the bucket, B serves all 3 (webp)")
        original = fetch(b, "/media/" + made["image"])
        assert original.status == 200 and original.headers["Content-Type"] == "image/png"
        ok(f"B serves the original /media/{made['image']}")

        step("5. documents through B's serve view; the private one needs the session")
        public_url, public_key = made["public"]
        private_url, private_key = made["private"]
        doc = fetch(b, public_url)
        assert doc.status == 200 and doc.body == PUBLIC_TEXT, (doc.status, doc.body[:80])
        ok(f"anyone gets {public_url} from B")
        anonymous = fetch(b, private_url)
        assert anonymous.status == 302, anonymous.status
        assert "/login/" in anonymous.location, anonymous.location
        ok(f"an anonymous visitor is sent to log in for {private_url}")
        member = member_b.get(private_url)
        assert member.status == 200 and member.body == PRIVATE_TEXT, member.status
        ok("the member logged in on A gets the private document from B")
        for key in (public_key, private_key):
            assert fetch(b, "/media/" + key).status == 404, key
        ok("/media/ never serves a document (404), only images")
        for key in (private_key, made["image"], renditions[0]):
            status = request_bucket_anonymously(key)
            assert status == 403, f"the bucket gave {key} to an unsigned request ({status})"
        ok("the bucket itself refuses unsigned requests for documents and images (403)")
    return made


def request_bucket_anonymously(key):
    connection = http.client.HTTPConnection("127.0.0.1", S3_PORT, timeout=10)
    try:
        connection.request("GET", f"/{BUCKET}/{key}")
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def main():
    started = time.monotonic()
    print(f"multi-instance drill, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    moto_log = open(tempfile.mktemp(prefix="multi-drill-moto-", suffix=".log"), "wb")  # noqa: SIM115,S306
    moto = start_moto(moto_log)
    try:
        s3 = boto3.client(
            "s3",
            endpoint_url=S3_URL,
            region_name=S3_ENV["AWS_S3_REGION_NAME"],
            aws_access_key_id=S3_ENV["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_ENV["AWS_SECRET_ACCESS_KEY"],
        )
        s3.create_bucket(Bucket=BUCKET)
        redis.Redis.from_url(REDIS_URL).flushdb()
        step(f"moto S3 at {S3_URL} (bucket {BUCKET}), Redis {REDIS_URL} flushed")
        with scratch_database("multi") as url:
            step("scratch database coopsite_multi: migrate, load_demo, collectstatic")
            prepare(url, **S3_ENV)
            ok(f"demo loaded; demo uploads in the bucket: {len(keys(s3))} objects")
            drill(s3, url)
    finally:
        moto.terminate()
        moto.wait(timeout=10)
        moto_log.close()
        redis.Redis.from_url(REDIS_URL).flushdb()
    print(f"\nALL PASSED in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
