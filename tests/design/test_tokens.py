"""The stylesheets use the design tokens of site.css and nothing else for colour."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "css"
SITE = CSS / "site.css"
DEFINED = re.compile(r"(--[\w-]+)\s*:")
USED = re.compile(r"var\(\s*(--[\w-]+)")
# A literal colour: #rgb/#rrggbb or a colour function (tokens themselves live in site.css).
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(")


def _without_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def test_every_custom_property_used_is_defined_in_site_css():
    defined = set(DEFINED.findall(_without_comments(SITE.read_text())))
    missing = {
        f"{path.name}: {name}"
        for path in CSS.glob("*.css")
        for name in USED.findall(_without_comments(path.read_text()))
        if name not in defined
    }
    assert missing == set()


@pytest.mark.parametrize("path", sorted(p for p in CSS.glob("*.css") if p != SITE), ids=str)
def test_area_stylesheets_use_tokens_not_literal_colours(path):
    assert COLOUR.findall(_without_comments(path.read_text())) == []


def test_dark_scheme_overrides_every_status_colour():
    """The notice, danger and diff colours need their own dark values: a light background
    under light dark-mode text is what failed contrast before."""
    text = _without_comments(SITE.read_text())
    dark = text[text.index("prefers-color-scheme: dark") :]
    dark = dark[: dark.index("}\n}")]
    for name in (
        "notice-bg",
        "notice-text",
        "danger",
        "danger-bg",
        "ins-bg",
        "ins-text",
        "del-bg",
        "del-text",
    ):
        assert f"--c-{name}:" in dark, name
