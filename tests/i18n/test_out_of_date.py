"""After an English edit an editor can see the Spanish translation is out of date and bring
it up to date in the admin (wagtail-localize's "Sync translated pages")."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

pytestmark = pytest.mark.django_db


def test_an_english_edit_is_synced_then_translated(
    admin_client, home, django_capture_on_commit_callbacks
):
    spanish_locale = Locale.objects.get(language_code="es")
    faq = home.get_children().get(slug="faq").specific
    spanish = faq.get_translation(spanish_locale).specific
    old_spanish_intro = spanish.intro
    source = TranslationSource.objects.get_for_instance(faq)
    translation = source.translations.get(target_locale=spanish_locale)
    total, done = translation.get_progress()
    assert total == done

    faq.intro = "A new English introduction."
    faq.save_revision().publish()

    # The editor syncs from the admin, without publishing yet.
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"publish_translations": ""})
    assert response.status_code == 302

    # The translation editor now shows one string waiting for Spanish; the live Spanish page
    # still shows the old Spanish, never the new English.
    total, done = translation.get_progress()
    assert done == total - 1
    spanish.refresh_from_db()
    assert spanish.intro == old_spanish_intro
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk]))
    assert edit.status_code == 200
    assert "A new English introduction." in edit.content.decode()

    # Translating that string and publishing brings the Spanish page up to date.
    segment = StringSegment.objects.get(source=source, string__data="A new English introduction.")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=spanish_locale,
        context=segment.context,
        data="Una nueva introducción en español.",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    spanish.refresh_from_db()
    assert spanish.intro == "Una nueva introducción en español."
    assert translation.get_progress() == (total, total)
