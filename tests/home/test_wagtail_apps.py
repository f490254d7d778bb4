"""Wagtail's images, documents, snippets and redirects apps run without the v3 API
(coopsite/wagtail_apps.py) and still do for editors and visitors what Wagtail's apps do: the
parts of their `ready()` that are not the API are Wagtail's own, and these check that they ran."""

import pytest
from django.urls import get_resolver

from home.models import StandardPage
from resources.models import ProviderPage
from tests.html import soup

pytestmark = pytest.mark.django_db


def test_the_site_mounts_no_wagtail_api():
    # The apps built no v3 API: mounting it would serve one without images, documents,
    # snippets or redirects. wagtail_apps.py says how to have it back.
    assert not {"wagtailapi_v3", "wagtailapi"} & set(get_resolver().namespace_dict)


def test_renaming_a_live_page_leaves_a_redirect_from_its_old_address(
    client, home, django_capture_on_commit_callbacks
):
    page = StandardPage(title="Fees", slug="fees")
    home.add_child(instance=page)
    page.save_revision().publish()
    page.slug = "fees-and-costs"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals the rename then
        page.save_revision().publish()
    response = client.get("/en/fees/")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/en/fees-and-costs/")


def test_a_provider_form_offers_the_image_chooser_for_the_photo(admin_client):
    # Wagtail's images app registers its chooser for every ForeignKey to an image.
    ana = ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera")
    page = soup(admin_client.get(f"/admin/pages/{ana.pk}/edit/"))
    assert page.find("input", attrs={"name": "photo"}) is not None
    assert 'new ImageChooser("id_photo"' in str(page)
    assert "Choose an image" in page.get_text()


def test_the_admin_lists_snippets_registered_before_the_apps_were_ready(admin_client):
    # Site text is registered with @register_snippet as its module loads; the snippets app
    # completes those registrations in its ready().
    response = admin_client.get("/admin/snippets/")
    assert response.status_code == 200
    assert "/admin/snippets/home/sitetext/" in response.content.decode()
