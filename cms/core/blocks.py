"""StreamField blocks shared by every article type.

The set is deliberately small: it is what the API exposes as typed blocks, and what
the frontends must render accessibly.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

#: Rich text features allowed in body text: no headings (a block of its own), no images
#: (a block with required alt text), no embeds, no raw HTML.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the document outline intact."""

    text = blocks.CharBlock(label=_("Rubrik"), max_length=150)
    level = blocks.ChoiceBlock(
        label=_("Nivå"),
        choices=[("h2", _("Rubrik 2")), ("h3", _("Rubrik 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Rubrik")


class ImageBlock(blocks.StructBlock):
    """An image; alt text comes from the image unless given here for this context."""

    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext i detta sammanhang"),
        required=False,
        max_length=255,
        help_text=_("Lämna tomt för att använda bildens egen alternativtext."),
    )
    caption = blocks.CharBlock(label=_("Bildtext"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Bild")


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    quote = blocks.TextBlock(label=_("Citat"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Vem som säger det"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Citat")


class FactBoxBlock(blocks.StructBlock):
    """A box of facts beside the story."""

    title = blocks.CharBlock(label=_("Rubrik"), max_length=150, default=_("Fakta"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "info-circle"
        label = _("Faktaruta")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document in the library."""

    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Länktext"),
        required=False,
        max_length=200,
        help_text=_("Lämna tomt för att använda dokumentets titel."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Dokument")


class VideoBlock(blocks.StructBlock):
    """An embedded video with a title (required for screen readers)."""

    video = EmbedBlock(label=_("Videoadress"))
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    transcript = blocks.TextBlock(label=_("Textversion"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")


class ContactPersonBlock(blocks.StructBlock):
    """A contact person from the people register."""

    person = SnippetChooserBlock("snippets.Person", label=_("Kontaktperson"))

    class Meta:
        icon = "user"
        label = _("Kontaktperson")


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of every article type."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
    contact = ContactPersonBlock()

    class Meta:
        block_counts = {"heading": {"max_num": 30}}
