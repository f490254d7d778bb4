"""Where the directory and resource pages may live, and that each renders."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from home.models import HomePage, StandardPage
from resources.models import ProviderDirectoryPage, ProviderPage, ResourceIndexPage
from tests.otp import verified_admin_login


class PageTreeTests(WagtailPageTestCase):
    def test_index_pages_live_under_home_once(self):
        for page_type in (ResourceIndexPage, ProviderDirectoryPage):
            self.assertAllowedParentPageTypes(page_type, {HomePage})
            self.assertFalse(
                page_type.can_create_at(HomePage.objects.get(locale__language_code="en"))
            )
        self.assertAllowedSubpageTypes(ResourceIndexPage, set())
        self.assertAllowedSubpageTypes(ProviderDirectoryPage, {ProviderPage})

    def test_profiles_live_only_in_the_directory(self):
        self.assertAllowedParentPageTypes(ProviderPage, {ProviderDirectoryPage})
        self.assertAllowedSubpageTypes(ProviderPage, set())
        self.assertCanNotCreateAt(StandardPage, ProviderPage)

    def test_home_accepts_the_new_types(self):
        self.assertCanCreateAt(HomePage, ResourceIndexPage)
        self.assertCanCreateAt(HomePage, ProviderDirectoryPage)

    def test_pages_render(self):
        for page in (
            ResourceIndexPage.objects.get(locale__language_code="en"),
            ProviderDirectoryPage.objects.get(locale__language_code="en"),
            ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera"),
        ):
            self.assertPageIsRenderable(page)


class AdminTests(WagtailPageTestCase):
    def setUp(self):
        verified_admin_login(self.client, self.login())

    def test_editor_creates_a_profile_with_terms_in_the_admin(self):
        directory = ProviderDirectoryPage.objects.get(locale__language_code="en")
        from resources.models import DirectoryTerm

        grief = DirectoryTerm.objects.get(kind="specialty", slug="grief")
        spanish = DirectoryTerm.objects.get(kind="language", slug="es")
        wa = DirectoryTerm.objects.get(kind="state", slug="wa")
        self.assertCanCreate(
            directory,
            ProviderPage,
            nested_form_data(
                {
                    "title": "Noor Haddad",
                    "slug": "noor-haddad",
                    "credentials": "MA, LMHC",
                    "licence_type": "LMHC",
                    "intro": "",
                    "bio": rich_text("<p>Hello.</p>"),
                    "specialties": grief.pk,
                    "languages": spanish.pk,
                    "licensed_states": wa.pk,
                    "accepting_new_clients": "on",
                    "offices": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
                }
            ),
        )
        page = ProviderPage.objects.get(locale__language_code="en", slug="noor-haddad")
        self.assertEqual({t.slug for t in page.terms.all()}, {"grief", "es", "wa"})
        self.assertIsNotNone(page.availability_confirmed_at)

    def test_editor_opens_any_profile_in_the_admin(self):
        page = ProviderPage.objects.get(locale__language_code="en", slug="marcus-bell")
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Specialties")
