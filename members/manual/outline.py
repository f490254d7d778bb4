"""The manual's body as plain Python: sections of clauses, plain text, numbering.

`Section` and `Clause` are what travels between the page, amendments, merges and diffs. In
`sections_of` a clause's `text` is the rich text source; in an outline (`outline_of`, what a
`ManualVersion` keeps as JSON) it is plain text and every section and clause has its number.
"""

import html
import re
from dataclasses import dataclass, field, replace

from django.utils.html import escape
from wagtail.blocks import StreamValue
from wagtail.models import Locale

from members.models import ManualPage

# --- Sections and clauses ---------------------------------------------------------------------


@dataclass
class Clause:
    anchor: str
    title: str
    text: str
    number: str = ""

    def to_dict(self):
        return {
            "anchor": self.anchor,
            "number": self.number,
            "title": self.title,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data):
        return cls(data["anchor"], data["title"], data["text"], data.get("number", ""))


@dataclass
class Section:
    anchor: str
    title: str
    clauses: list[Clause] = field(default_factory=list)
    number: str = ""

    def copy(self):
        """A copy whose clauses can be changed without touching this section's."""
        return replace(self, clauses=[replace(c) for c in self.clauses])

    def to_dict(self):
        return {
            "anchor": self.anchor,
            "number": self.number,
            "title": self.title,
            "clauses": [c.to_dict() for c in self.clauses],
        }

    @classmethod
    def from_dict(cls, data):
        clauses = [Clause.from_dict(c) for c in data["clauses"]]
        return cls(data["anchor"], data["title"], clauses, data.get("number", ""))


def outline_from_json(data):
    """A version's stored outline (`ManualVersion.outline`) as sections."""
    return [Section.from_dict(s) for s in data]


def outline_to_json(sections):
    return [s.to_dict() for s in sections]


# --- Finding the manual -----------------------------------------------------------------------


def current_manual():
    """The manual in force: the live ManualPage in the default language (the text members
    agreed to; a translation is for information)."""
    pages = ManualPage.objects.live().order_by("pk")
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:  # pragma: no cover - no locales yet
        return pages.first()
    return pages.filter(locale=default).first() or pages.first()


def current_version(page):
    if page is None:
        return None
    return page.versions.order_by("-number").first()


def version_page(version):
    """The page as it was in `version` (not saved; for reading only)."""
    return version.revision.as_object()


def version_page_outline(revision):
    return outline_of(revision.as_object())


# --- Plain text -------------------------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|li|h[1-6]|ul|ol|blockquote)>|<br\s*/?>", re.I)
_LI = re.compile(r"<li[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def _paragraphs(lines):
    """Non-empty lines grouped into paragraphs; a run of '- ' items is one paragraph."""
    paragraphs, current = [], []
    for line in lines:
        if not line:
            continue
        is_item = line.startswith("- ")
        if current and (not is_item or not current[-1].startswith("- ")):
            paragraphs.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def plain_text(source):
    """Rich text source to plain text: one paragraph per line pair, list items as '- …'."""
    text = _LI.sub("- ", source or "")
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(_paragraphs(lines))


def rich_text_from_plain(text):
    """What a member types (paragraphs separated by blank lines, '- ' list items) as rich text."""
    parts = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:].strip())}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(parts)


# --- The page's body --------------------------------------------------------------------------


def _section_blocks(page):
    return (block for block in page.sections if block.block_type == "section")


def sections_of(page):
    """The manual's body as sections of clauses, each clause's `text` the rich text source."""
    return [
        Section(
            block.value["anchor"],
            block.value["title"],
            [Clause(c["anchor"], c["title"], c["text"].source) for c in block.value["clauses"]],
        )
        for block in _section_blocks(page)
    ]


def stream_from(sections):
    """`sections` as the value of `ManualPage.sections`."""
    block = ManualPage._meta.get_field("sections").stream_block
    raw = [
        {
            "type": "section",
            "value": {
                "anchor": s.anchor,
                "title": s.title,
                "clauses": [
                    {"anchor": c.anchor, "title": c.title, "text": c.text} for c in s.clauses
                ],
            },
        }
        for s in sections
    ]
    return StreamValue(block, raw, is_lazy=True)


def outline_of(page):
    """Numbered sections and clauses as plain text: what versions keep for diffs."""
    return [
        Section(
            s.anchor,
            s.title,
            [
                Clause(c.anchor, c.title, plain_text(c.text), number=f"{i}.{j}")
                for j, c in enumerate(s.clauses, 1)
            ],
            number=str(i),
        )
        for i, s in enumerate(sections_of(page), 1)
    ]


@dataclass
class NumberedClause:
    """A clause for templates: its number and the block's value (rich text)."""

    number: str
    value: object
    anchor: str
    changed_by: object = None  # the version that last changed it, when the view says


@dataclass
class NumberedSection:
    number: str
    value: object
    anchor: str
    clauses: list[NumberedClause]


def numbered(page):
    """Sections and clauses with numbers and rich text values, for templates."""
    return [
        NumberedSection(
            str(i),
            block.value,
            block.value["anchor"],
            [
                NumberedClause(f"{i}.{j}", c, c["anchor"])
                for j, c in enumerate(block.value["clauses"], 1)
            ],
        )
        for i, block in enumerate(_section_blocks(page), 1)
    ]
