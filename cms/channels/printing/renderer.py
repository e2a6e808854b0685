"""The body's blocks for paper: the same representations as the API, for one audience.

``PrintRenderer`` is the ``BlockRenderer`` (cms.core.blocks) of the printed channels.
Like the delivery API's renderer it decides what may be linked and shown through the
one audience filter: a link to an item the readers of the paper may not see becomes
plain text, an internal document disappears from a public print. Images come at
print resolution, as files read from storage (``media:`` URLs), never over a network.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from wagtail.documents import get_document_model

from cms.core.richtext import RichTextRenderer
from cms.pages.models import ArticlePage
from cms.pages.paths import frontend_path

#: Who reads a print: residents (any public channel) or all staff.
PUBLIC = "public"
STAFF = "staff"

#: Rendition specs for paper: about 300 dpi over a column and over a spread of columns.
#: Wagtail never enlarges an image, so a smaller original is printed as it is.
IMAGE_SPECS = {
    "column": "max-1200x1600",
    "wide": "max-2480x2480",
}

MEDIA_SCHEME = "media:"


def media_url(file_name: str) -> str:
    """The ``media:`` URL of a file in the default storage (read by ``MediaFetcher``)."""
    return f"{MEDIA_SCHEME}{file_name}"


def print_image(image, size: str = "column") -> dict:
    """``src``, ``width`` and ``height`` of ``image`` for paper.

    A vector image (SVG) is printed from its own file; a raster image from a rendition
    of about 300 dpi, as JPEG (PNG and GIF stay PNG, for their transparency).
    """
    if image.file.name.lower().endswith(".svg"):
        return {"src": media_url(image.file.name), "width": image.width, "height": image.height}
    extension = image.file.name.rsplit(".", 1)[-1].lower()
    output = "format-png" if extension in ("png", "gif") else "format-jpeg|jpegquality-88"
    rendition = image.get_rendition(f"{IMAGE_SPECS[size]}|{output}")
    return {
        "src": media_url(rendition.file.name),
        "width": rendition.width,
        "height": rendition.height,
    }


class PrintRenderer:
    """Renders blocks, rich text, images and people for a print read by ``audience``."""

    def __init__(self, audience: str = PUBLIC, at=None):
        if audience not in (PUBLIC, STAFF):
            raise ValueError(f"Unknown audience {audience!r}")
        self.audience = audience
        self.at = at

    @property
    def is_public(self) -> bool:
        return self.audience == PUBLIC

    # What the readers may see: the one audience filter.

    def items(self):
        """The items this print's readers may see (``public`` or ``for_all_staff``)."""
        if self.is_public:
            return ArticlePage.objects.public(at=self.at)
        return ArticlePage.objects.for_all_staff(self.at)

    @property
    def site_url(self) -> str:
        """Where the readers find the items: the public site or the intranet."""
        setting = "ENKANAL_PUBLIC_SITE_URL" if self.is_public else "ENKANAL_INTRANET_URL"
        return getattr(settings, setting).rstrip("/")

    def item_url(self, page) -> str:
        """The item's address on the site its readers use."""
        return f"{self.site_url}{frontend_path(page.url_path, page.locale.language_code)}"

    def page_links(self, page_ids) -> dict[int, str]:
        """Addresses of the items among ``page_ids`` the readers may see."""
        rows = (
            self.items()
            .filter(pk__in=set(page_ids))
            .values_list("pk", "url_path", "locale__language_code")
        )
        return {pk: f"{self.site_url}{frontend_path(path, lang)}" for pk, path, lang in rows}

    def document_allowed(self, document) -> bool:
        """Internal documents never reach a public print."""
        return not (self.is_public and document.is_internal)

    def absolute(self, path: str) -> str:
        """An absolute URL on the CMS (documents are served from it)."""
        return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"

    # The BlockRenderer protocol.

    @cached_property
    def _rich_text(self) -> RichTextRenderer:
        return RichTextRenderer(
            page_links=self.page_links,
            documents=get_document_model().objects.in_bulk,
            document_url=lambda d: self.absolute(d.url) if self.document_allowed(d) else None,
        )

    def rich_text(self, html: str) -> str:
        """Clean HTML with links the readers may follow; others are plain text."""
        return self._rich_text(html)

    def image(self, image, alt: str | None = None, size: str = "column") -> dict | None:
        """An image at print resolution: its ``media:`` URL, size, alt text and credit."""
        if image is None or not image.file:
            return None
        return {**print_image(image, size), "alt": alt or image.alt_text, "credit": image.credit}

    def document(self, document) -> dict | None:
        if document is None or not self.document_allowed(document):
            return None
        return {"title": document.title, "url": self.absolute(document.url)}

    @staticmethod
    def person(person) -> dict | None:
        if person is None:
            return None
        return {
            "name": person.name,
            "job_title": person.job_title,
            "phone": person.phone,
            "email": person.email,
            "unit": person.unit.name if person.unit_id else "",
        }

    def blocks(self, stream) -> list[dict]:
        """The body as typed blocks, each block's own representation for this print."""
        return stream.stream_block.get_api_representation(stream, {"renderer": self})
