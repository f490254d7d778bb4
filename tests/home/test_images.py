"""Images in pages: responsive WebP renditions, lazy loading, and alt text that is required."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage
from tests.html import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (40, 120, 110)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Office", file=ImageFile(buffer, name="office.png"), description="Stored alt"
    )


def test_image_block_renders_lazy_webp_renditions_with_its_alt_text(client, home, photo):
    page = StandardPage(
        title="Our office",
        slug="office",
        body=[("image", {"image": photo, "alt_text": "A sunny waiting room", "decorative": False})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    img = soup(client.get("/en/office/")).select_one("figure img")
    assert img["alt"] == "A sunny waiting room"
    assert img["loading"] == "lazy"
    candidates = [c.strip().split(" ") for c in img["srcset"].split(",")]
    assert [width for _url, width in candidates] == ["480w", "800w", "1200w"]
    assert all(url.endswith(".webp") for url, _width in candidates)
    assert img["sizes"]


def test_an_image_without_alt_text_is_refused_unless_marked_decorative(admin_client, home, photo):
    def post(alt_text, decorative):
        value = {"image": photo.pk, "alt_text": alt_text}
        if decorative:
            value["decorative"] = "on"
        return admin_client.post(
            f"/admin/pages/add/home/standardpage/{home.pk}/",
            nested_form_data(
                {
                    "title": "Pictures",
                    "slug": f"pictures-{int(decorative)}",
                    "intro": "",
                    "body": streamfield([("image", value)]),
                    "action-publish": "publish",
                }
            ),
        )

    post(alt_text="", decorative=False)
    assert not StandardPage.objects.filter(slug="pictures-0").exists()
    post(alt_text="", decorative=True)
    assert StandardPage.objects.filter(slug="pictures-1").exists()
