"""The demo site in Spanish, translated the wagtail-localize way. Idempotent.

For each English demo page and snippet this does what an editor does in the admin with
"Translate" and the translation editor, in one step per object:

1. `TranslationSource` freezes the English content and splits it into segments;
2. a `Translation` into Spanish is recorded (so the admin shows its status, and "Sync
   translated pages" can later bring an English edit across);
3. every segment gets its Spanish `StringTranslation` (from home/demo_es_content.py);
4. `translation.save_target(publish=True)` writes the Spanish page or snippet.

All of it runs inside `load_demo`'s transaction, and a Spanish page is published only once
every one of its strings is in Spanish, so nobody ever sees a Spanish page still holding
English text. An object with a segment that has no Spanish (an editor reworded the English
before the demo was loaded) is left untranslated and reported, not published half in English.

Objects that already have a Spanish version, made here or by an editor, are left alone.
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from resources import demo_content as resources_content
from resources.models import ResourceLink

from . import demo_content as content
from .demo import child_by_slug
from .demo_es_content import SPANISH, TOPICS
from .models import SiteText

# Segments that are names rather than words: kept as they are in Spanish (by model and field).
KEEP_AS_IS = {
    "HomePage": {"seo_title"},
    "ProviderPage": {"title", "slug", "credentials", "practice_name", "phone", "photo_alt"},
    "ResourceLink": {"title", "publisher"},
}


class MissingSpanish(Exception):
    """Some segment of an object has no Spanish translation in demo_es_content."""


def spanish_for(instance, path, english, words=SPANISH):
    # A name kept as it is, unless the content gives it in Spanish (the help lines do).
    if path.split(".")[0] in KEEP_AS_IS.get(type(instance).__name__, ()):
        return words.get(english, english) if path == "title" else english
    if english in words:
        return words[english]
    raise MissingSpanish(f"{type(instance).__name__} {instance}: {path}: {english[:60]!r}")


def segments_in_spanish(source, instance, words=SPANISH):
    """[(segment, Spanish text)] for every string segment, or MissingSpanish."""
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    return [
        (seg, spanish_for(instance, seg.context.path, seg.string.data, words)) for seg in segments
    ]


def translate(instance, spanish, log, publish=True, words=SPANISH):
    """Translate one English page or snippet into Spanish. Returns its Translation, or None
    when it already had a Spanish version or some of its words have no Spanish yet."""
    if instance.get_translation_or_none(spanish) is not None:
        return None
    try:
        with transaction.atomic():
            source, _created = TranslationSource.update_or_create_from_instance(instance)
            pairs = segments_in_spanish(source, instance, words)
    except MissingSpanish as missing:
        log(f"not translated into Spanish (no Spanish for {missing})")
        return None
    for segment, text in pairs:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=spanish,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=spanish, defaults={"enabled": True}
    )
    save(translation, publish)
    log(f"translated into Spanish: {instance}")
    return translation


def save(translation, publish):
    """`translation.save_target`, publishing a page at once rather than when the transaction
    commits (wagtail-localize's way): a publish deferred to the end of `load_demo` would write
    back the page as it was before its own Spanish children were added, and hide them."""
    instance = translation.source.get_source_instance()
    if not isinstance(instance, Page):
        translation.save_target(publish=True)
        return
    translation.save_target(publish=False)
    if publish:
        page = Page.objects.get(pk=translation.get_target_instance().pk)
        page.get_latest_revision().publish()


def demo_objects(home):
    """The English demo pages and snippets, parents before children."""
    english = home.locale
    pages = [
        child_by_slug(home, slug)
        for slug in [content.FAQ["slug"], content.PRINCIPLES["slug"]]
        + [spec["slug"] for spec in content.STANDARD_PAGES]
        + [resources_content.RESOURCES["slug"], resources_content.DIRECTORY["slug"]]
    ]
    directory = child_by_slug(home, resources_content.DIRECTORY["slug"])
    if directory is not None:
        # Only the demo's own providers: `--providers N` ones need no Spanish.
        pages += [child_by_slug(directory, spec["slug"]) for spec in resources_content.PROVIDERS]
    snippets = list(SiteText.objects.filter(locale=english))
    urls = {spec["url"] for spec in resources_content.RESOURCE_LINKS}
    snippets += list(ResourceLink.objects.filter(locale=english, url__in=urls).order_by("pk"))
    return snippets, [page for page in pages if page is not None]


def spanish_topics(link):
    """The Spanish link gets the Spanish names of its English topics."""
    english = link.get_translation(Locale.get_default())
    link.tags.set([TOPICS.get(tag.name, tag.name) for tag in english.tags.all()])
    link.save()


@transaction.atomic
def load(home, log):
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is None or home is None:
        return
    # The home page first, as a draft: its children need a Spanish parent, and its links to
    # them can only point at their Spanish versions once those exist. Published last.
    home_translation = translate(home, spanish, log, publish=False)
    snippets, pages = demo_objects(home)
    for snippet in snippets:
        if translate(snippet, spanish, log) is not None and isinstance(snippet, ResourceLink):
            spanish_topics(snippet.get_translation(spanish))
    for page in pages:
        translate(page.specific, spanish, log)
    if home_translation is not None:
        save(home_translation, publish=True)
