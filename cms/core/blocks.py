"""StreamField blocks shared by every article type.

The set is deliberately small: it is what the API exposes as typed blocks, and what
the frontends must render accessibly. Each block says what it looks like in the API
(``get_api_representation``, Wagtail's mechanism), given a ``renderer`` in the context
that knows the surface: what may be linked, which documents and images may be shown.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

#: Rich text features allowed in body text: no headings (a block of its own), no images
#: (a block with required alt text), no embeds, no raw HTML.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class BlockRenderer(Protocol):
    """What a block needs from the surface it is rendered for (``context["renderer"]``).

    The delivery API's renderer provides it; core only names the methods, so the blocks
    know nothing of the API.
    """

    def rich_text(self, html: str) -> str:
        """Clean HTML with internal links resolved for the surface."""

    def image(self, image, alt: str | None = None) -> dict | None:
        """An image with its renditions, or ``None``."""

    def document(self, document) -> dict | None:
        """A document, or ``None`` when the surface may not show it."""

    def person(self, person) -> dict | None:
        """A contact person, or ``None``."""


def renderer_of(context) -> BlockRenderer:
    """The renderer the API passes in the representation's context."""
    try:
        return context["renderer"]
    except (KeyError, TypeError):
        raise LookupError(
            "The body's blocks are represented for a surface: pass {'renderer': …}."
        ) from None


def web_url(url: str) -> str:
    """``url`` if it is an http(s) address, else ``""`` (never ``javascript:`` or ``data:``)."""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url


class ParagraphBlock(blocks.RichTextBlock):
    """Body text: rich text with the surface's links, cleaned."""

    # Frozen into migrations as Wagtail's own block, as Wagtail does for StructBlock
    # subclasses: only the API representation differs, the stored value does not.
    canonical_module_path = "wagtail.blocks.RichTextBlock"

    def get_api_representation(self, value, context=None):
        return {"html": renderer_of(context).rich_text(value.source)}


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the document outline intact."""

    text = blocks.CharBlock(label=_("Heading"), max_length=150)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    def get_api_representation(self, value, context=None):
        return {"text": value["text"], "level": value["level"] or "h2"}

    class Meta:
        icon = "title"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    """An image; alt text comes from the image unless given here for this context."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text in this context"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the image's own alternative text."),
    )
    caption = blocks.CharBlock(label=_("Image caption"), required=False, max_length=255)

    def get_api_representation(self, value, context=None):
        image = value["image"]
        alt = value["alt_text"] or (image.alt_text if image else "")
        return {
            "image": renderer_of(context).image(image, alt),
            "alt": alt,
            "caption": value["caption"],
        }

    class Meta:
        icon = "image"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Who says it"), required=False, max_length=150)

    def get_api_representation(self, value, context=None):
        return {"quote": value["quote"], "attribution": value["attribution"]}

    class Meta:
        icon = "openquote"
        label = _("Quote")


class FactBoxBlock(blocks.StructBlock):
    """A box of facts beside the story."""

    title = blocks.CharBlock(label=_("Heading"), max_length=150, default=_("Facts"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "html": renderer_of(context).rich_text(value["text"].source),
        }

    class Meta:
        icon = "info-circle"
        label = _("Fact box")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document in the library."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    def get_api_representation(self, value, context=None):
        """``None`` when the surface may not show the document (the body drops the block)."""
        document = renderer_of(context).document(value["document"])
        if document is None:
            # A hidden (or deleted) document leaves no trace: not even the block's
            # own title, which editors often write as the document's name.
            return None
        return {"document": document, "title": value["title"] or document["title"]}

    class Meta:
        icon = "doc-full"
        label = _("Document")


class VideoBlock(blocks.StructBlock):
    """An embedded video with a title (required for screen readers)."""

    video = EmbedBlock(label=_("Video URL"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    def get_api_representation(self, value, context=None):
        """The video's address only when it is a web address (frontends link to it)."""
        return {
            "url": web_url(getattr(value["video"], "url", "") or ""),
            "title": value["title"],
            "transcript": value["transcript"],
        }

    class Meta:
        icon = "media"
        label = _("Video")


class ContactPersonBlock(blocks.StructBlock):
    """A contact person from the people register."""

    person = SnippetChooserBlock("snippets.Person", label=_("Contact person"))

    def get_api_representation(self, value, context=None):
        return {"person": renderer_of(context).person(value["person"])}

    class Meta:
        icon = "user"
        label = _("Contact person")


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of every article type."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
    contact = ContactPersonBlock()

    class Meta:
        block_counts = {"heading": {"max_num": 30}}

    def get_api_representation(self, value, context=None):
        """The blocks as ``{"id", "type", "value"}``; a block with nothing to show is left out."""
        return [
            {"id": child["id"] or "", "type": child["type"], "value": child["value"]}
            for child in super().get_api_representation(value, context)
            if child["value"] is not None
        ]
