"""The interface catalogue: the committed .mo is the compiled .po, and plural forms are right."""

from pathlib import Path

import polib
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES"


def test_the_compiled_catalogue_matches_the_po_file():
    po = polib.pofile(str(LOCALE / "django.po"))
    mo = polib.mofile(str(LOCALE / "django.mo"))

    def entries(catalogue):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalogue
            if (e.msgstr or any(e.msgstr_plural.values()))
            and "fuzzy" not in e.flags
            and not e.obsolete
        }

    assert entries(mo) == entries(po), "run `make messages` and commit django.mo"


def test_spanish_plural_forms():
    with translation.override("es"):
        one = translation.ngettext(
            "%(counter)s provider found", "%(counter)s providers found", 1
        ) % {"counter": 1}
        many = translation.ngettext(
            "%(counter)s provider found", "%(counter)s providers found", 3
        ) % {"counter": 3}
    assert one == "Se encontró 1 profesional"
    assert many == "Se encontraron 3 profesionales"
