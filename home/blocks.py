"""StreamField blocks shared by the public pages.

Each block has a template under templates/blocks/, help text an editor understands and a
preview value, so the block picker shows what it will look like.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

INLINE_FEATURES = ["bold", "italic", "link", "document-link"]
BODY_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class AnchoredStructBlock(blocks.StructBlock):
    """A struct block with a stable `anchor` filled in from `anchor_source` when left blank.

    The anchor is stored on first save, so later rewording of the question or title does not
    break links that people have shared.
    """

    anchor_source = "title"

    def clean(self, value):
        value = super().clean(value)
        anchor = slugify(value.get("anchor") or value.get(self.anchor_source) or "")[:80]
        if not anchor:
            raise blocks.StructBlockValidationError(
                block_errors={"anchor": ValidationError(_("Enter an anchor."))}
            )
        value["anchor"] = anchor
        return value


def anchor_block():
    return blocks.CharBlock(
        required=False,
        max_length=80,
        search_index=False,
        label=_("Anchor"),
        help_text=_(
            "The short name used in links to this item, e.g. 'what-is-a-co-op'. Leave blank "
            "to make one from the title. Once published, changing it breaks shared links."
        ),
    )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use a section heading for a new topic, a sub-heading inside one."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A heading that starts a new section of the page")
        preview_value = {"text": "How we share costs", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Text")
        description = _("Paragraphs, lists and links")
        preview_value = (
            "<p>Every provider has an equal voice in how the group is run, and the costs we "
            "share are split equally.</p>"
        )


class CaptionedImageBlock(ImageBlock):
    """Wagtail's ImageBlock: the alt text is required unless the image is marked decorative."""

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("A photo or illustration. Describe it for people who cannot see it.")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.TextBlock(required=False, max_length=400, label=_("Text"))
    page = blocks.PageChooserBlock(
        required=False,
        label=_("Page"),
        help_text=_("Where the button leads. Choose a page, or enter a web address below."),
    )
    url = blocks.URLBlock(required=False, label=_("Or a web address"))
    button_label = blocks.CharBlock(max_length=60, label=_("Button label"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter a web address (one, not both).")
            raise blocks.StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A highlighted box with a heading, a sentence and one button")
        preview_value = {
            "heading": "Thinking of joining?",
            "text": "Read how the co-op works and talk to us.",
            "url": "https://example.org/join/",
            "button_label": "Join us",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation with the name of the person who said it")
        preview_value = {
            "quote": "No one holds power over another's workload or pay.",
            "attribution": "A member",
        }


class ExternalMediaBlock(blocks.StructBlock):
    """A video or podcast hosted elsewhere.

    Shown as a link card rather than an embedded player: an embedded player would let the
    host follow a visitor looking for care, which this site promises never to allow.
    """

    media = blocks.URLBlock(
        label=_("Address of the video or episode"),
        help_text=_("The page where it can be watched or heard, e.g. a YouTube or podcast page."),
    )
    title = blocks.CharBlock(max_length=160, label=_("Title"))
    description = blocks.TextBlock(required=False, max_length=400, label=_("Description"))

    class Meta:
        icon = "media"
        template = "blocks/external_media_block.html"
        label = _("Video or podcast")
        description = _(
            "A link to media on another site. Visitors are not tracked: nothing loads from "
            "that site until they choose to go there."
        )
        preview_value = {
            "media": "https://www.youtube.com/watch?v=example",
            "title": "What is a worker co-op?",
        }


class ContactDetailsBlock(blocks.StaticBlock):
    """The co-op's phone, email and address from the site settings, so they are edited once."""

    class Meta:
        icon = "mail"
        template = "blocks/contact_details_block.html"
        label = _("Contact details")
        description = _("The co-op's phone, email and address, as set in the site settings")
        admin_text = _("Shows the phone, email and address from Settings → Site settings.")


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
    media = ExternalMediaBlock()
    contact_details = ContactDetailsBlock()


class LinkCardBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Title"),
        help_text=_("Leave blank to use the page's own title."),
    )
    text = blocks.TextBlock(max_length=240, label=_("Short description"))

    class Meta:
        icon = "link"
        template = "blocks/link_card_block.html"
        label = _("Link card")
        description = _("A card that leads to another page of the site")


class FAQItemBlock(AnchoredStructBlock):
    anchor_source = "question"

    question = blocks.CharBlock(max_length=200, label=_("Question"))
    anchor = anchor_block()
    answer = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Answer"))

    class Meta:
        icon = "help"
        template = "blocks/faq_item_block.html"
        label = _("Question and answer")
        description = _("A question; its answer opens when a visitor selects it")
        preview_value = {
            "question": "What is a co-op?",
            "anchor": "what-is-a-co-op",
            "answer": "<p>A business owned and run by the people who work in it.</p>",
        }


class PrincipleBlock(AnchoredStructBlock):
    anchor_source = "name"

    name = blocks.CharBlock(max_length=120, label=_("Principle"))
    anchor = anchor_block()
    meaning = blocks.RichTextBlock(
        features=INLINE_FEATURES + ["ul"],
        label=_("What it means"),
        help_text=_("The principle in general, for any co-op."),
    )
    practice = blocks.RichTextBlock(
        features=BODY_FEATURES,
        label=_("How we live it"),
        help_text=_("What this group actually does."),
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/principle_block.html"
        label = _("Principle")
        description = _("One of the seven cooperative principles and how the group lives it")
        preview_value = {
            "name": "Voluntary and open membership",
            "anchor": "voluntary-and-open-membership",
            "meaning": "<p>Anyone who can do the work may join, and may leave.</p>",
            "practice": "<p>Any provider may end their contract at any time.</p>",
        }
