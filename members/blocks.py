"""StreamField blocks of the Co-Op Procedures manual: numbered sections holding clauses.

Every section and clause keeps a stable anchor (see `home.blocks.AnchoredStructBlock`): links
that members share, the clause-by-clause diff and "last changed by" all key on it, so rewording
a title never breaks them. Numbers (3, 3.2) follow the order and are worked out when shown.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import INLINE_FEATURES, AnchoredStructBlock, anchor_block

CLAUSE_FEATURES = INLINE_FEATURES + ["ol", "ul"]


CLAUSE_PREVIEW = {
    "title": "Leaving is always allowed",
    "anchor": "leaving-is-always-allowed",
    "text": "<p>Any provider may end their contract at any time, for any reason.</p>",
}


class ManualClauseBlock(AnchoredStructBlock):
    title = blocks.CharBlock(
        max_length=160,
        label=_("Clause title"),
        help_text=_("A few words naming the rule, e.g. 'Leaving is always allowed'."),
    )
    anchor = anchor_block()
    text = blocks.RichTextBlock(
        features=CLAUSE_FEATURES,
        label=_("Text"),
        help_text=_("The rule itself. Keep one rule per clause so changes are easy to follow."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/manual_clause_block.html"
        label = _("Clause")
        description = _("One numbered rule of the manual")
        preview_value = CLAUSE_PREVIEW


class ManualSectionBlock(AnchoredStructBlock):
    title = blocks.CharBlock(
        max_length=120,
        label=_("Section title"),
        help_text=_("e.g. 'Membership and leaving'."),
    )
    anchor = anchor_block()
    clauses = blocks.ListBlock(
        ManualClauseBlock(),
        min_num=1,
        label=_("Clauses"),
        help_text=_("The section's rules, numbered in this order."),
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/manual_section_block.html"
        label = _("Section")
        description = _("A numbered section of the manual with its clauses")
        preview_value = {
            "title": "Membership and leaving",
            "anchor": "membership-and-leaving",
            "clauses": [CLAUSE_PREVIEW],
        }


class ManualStreamBlock(blocks.StreamBlock):
    """The manual's body. Anchors must be unique across the whole manual."""

    section = ManualSectionBlock()

    class Meta:
        min_num = 1

    def clean(self, value):
        value = super().clean(value)
        seen = set()
        for section in value:
            anchors = [section.value["anchor"]] + [c["anchor"] for c in section.value["clauses"]]
            for anchor in anchors:
                if anchor in seen:
                    raise ValidationError(
                        _("The anchor '%(anchor)s' is used twice; each must be unique.")
                        % {"anchor": anchor}
                    )
                seen.add(anchor)
        return value
