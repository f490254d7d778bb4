"""Nobody outside the members' area sees the manual, except the public copy when allowed."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, Site

from members.models import ManualPage, ManualSettings
from tests.members.manual.helpers import SECRET, with_secret

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_and_public_search_never_see_the_manual(client, page, member):
    with_secret(page)
    page = ManualPage.objects.get(pk=page.pk)
    assert not Page.objects.live().public().filter(pk=page.pk).exists()
    for query in (SECRET, "Procedures manual"):
        response = client.get(reverse("search"), {"q": query})
        assert all(r["page"].pk != page.pk for r in response.context["results"]), query
        assert page.url not in response.content.decode()
    assert client.get(reverse("search"), {"q": SECRET}).context["results"] == []
    for url in [
        "/sitemap.xml",
        "/en/",
        reverse("members:manual_public"),
        reverse("members:join"),
    ]:
        response = client.get(url)
        assert SECRET not in response.content.decode(), url
        assert page.url not in response.content.decode(), url
    # Wagtail's own front end hands it to the members' area, which asks for a login.
    response = client.get(page.url, follow=True)
    assert SECRET not in response.content.decode()
    assert response.redirect_chain and "login" in response.redirect_chain[-1][0]
    response = client.get(reverse("members:manual"))
    assert response.status_code == 302 and SECRET not in response.content.decode()
    # A logged-in account that is not a member gets 403.
    editor = get_user_model().objects.create_user("nobody", "n@example.org", "x" * 16)
    client.force_login(editor)
    response = client.get(reverse("members:manual"))
    assert response.status_code == 403 and SECRET not in response.content.decode()
    # After a member has read it, anonymous search still does not find it (warm cache).
    client.force_login(member.user)
    assert SECRET in client.get(reverse("members:manual")).content.decode()
    client.logout()
    assert client.get(reverse("search"), {"q": SECRET}).context["results"] == []


def test_the_public_copy_only_when_the_setting_allows_it(client, page):
    with_secret(page)
    settings = ManualSettings.for_site(Site.objects.get(is_default_site=True))
    assert client.get(reverse("members:manual_public")).status_code == 404
    settings.offer_to_applicants = True
    settings.save()
    response = client.get(reverse("members:manual_public"))
    assert response.status_code == 200 and SECRET in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    join = client.get(reverse("members:join")).content.decode()
    assert reverse("members:manual_public") in join
    # Still never a search result: only pages are searched, and the page is restricted.
    assert client.get(reverse("search"), {"q": SECRET}).context["results"] == []
