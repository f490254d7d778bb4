"""Which page can live where: editors can only build the site the templates expect."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from events.models import EventIndexPage
from home.models import FAQPage, HomePage, PrinciplesPage, StandardPage
from members.models import ManualPage
from resources.models import ProviderDirectoryPage, ResourceIndexPage
from tests.otp import verified_admin_login


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                FAQPage,
                PrinciplesPage,
                StandardPage,
                ResourceIndexPage,
                ProviderDirectoryPage,
                ManualPage,
                EventIndexPage,
            },
        )

    def test_there_is_at_most_one_home_page(self):
        root = Page.get_first_root_node()
        self.assertTrue(HomePage.objects.exists())
        self.assertFalse(HomePage.can_create_at(root))

    def test_faq_and_principles_are_leaves_under_home(self):
        for page_type in (FAQPage, PrinciplesPage):
            self.assertAllowedParentPageTypes(page_type, {HomePage})
            self.assertAllowedSubpageTypes(page_type, set())

    def test_one_faq_and_one_principles_page_per_home(self):
        home = HomePage.objects.get(locale__language_code="en")
        self.assertFalse(FAQPage.can_create_at(home))
        self.assertFalse(PrinciplesPage.can_create_at(home))

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


class AdminCreationTests(WagtailPageTestCase):
    """Pages created through the real admin form, as an editor would."""

    def setUp(self):
        verified_admin_login(self.client, self.login())
        self.home = HomePage.objects.get(locale__language_code="en")

    def test_editor_creates_a_standard_page_with_every_block(self):
        about = StandardPage.objects.get(locale__language_code="en", slug="about")
        self.assertCanCreate(
            about,
            StandardPage,
            nested_form_data(
                {
                    "title": "Our office",
                    "slug": "our-office",
                    "intro": "Where we are.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Getting here", "level": "h2"}),
                            ("paragraph", rich_text("<p>Take the 10 bus.</p>")),
                            ("quote", {"quote": "Easy to find.", "attribution": "A client"}),
                            (
                                "call_to_action",
                                {
                                    "heading": "Questions?",
                                    "text": "",
                                    "page": about.pk,
                                    "url": "",
                                    "button_label": "Ask us",
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(locale__language_code="en", slug="our-office")
        self.assertEqual(
            [b.block_type for b in page.body], ["heading", "paragraph", "quote", "call_to_action"]
        )

    def test_a_question_gets_a_stable_anchor_from_its_text(self):
        faq = FAQPage.objects.get(locale__language_code="en")
        faq.delete()  # one FAQ per home; make room for the one the editor creates
        self.assertCanCreate(
            self.home,
            FAQPage,
            nested_form_data(
                {
                    "title": "FAQ",
                    "slug": "faq-new",
                    "intro": "",
                    "questions": streamfield(
                        [
                            (
                                "question",
                                {
                                    "question": "Do you take Medicaid?",
                                    "anchor": "",
                                    "answer": rich_text("<p>Many of us do.</p>"),
                                },
                            )
                        ]
                    ),
                }
            ),
        )
        page = FAQPage.objects.get(locale__language_code="en", slug="faq-new")
        self.assertEqual(page.questions[0].value["anchor"], "do-you-take-medicaid")

    def test_call_to_action_needs_exactly_one_destination(self):
        response = self.client.post(
            f"/admin/pages/add/home/standardpage/{self.home.pk}/",
            nested_form_data(
                {
                    "title": "Broken",
                    "slug": "broken",
                    "intro": "",
                    "body": streamfield(
                        [
                            (
                                "call_to_action",
                                {
                                    "heading": "Go",
                                    "text": "",
                                    "page": "",
                                    "url": "",
                                    "button_label": "Go",
                                },
                            )
                        ]
                    ),
                }
            ),
        )
        self.assertEqual(response.status_code, 200)  # the form comes back with the error
        self.assertContains(response, "Choose a page or enter a web address")
        self.assertFalse(StandardPage.objects.filter(slug="broken").exists())
