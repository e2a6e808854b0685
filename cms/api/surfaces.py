"""The two surfaces the API serves: the public site and the intranet.

A surface knows which items its readers may see (through the one audience filter in
``cms.pages.querysets``, never on its own), which release time it shows, and where
its frontend lives, so that links and paths point at the public site or the intranet.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cms.pages.models import ITEM_TYPES, ArticlePage


def type_code_for_content_type(content_type_id: int) -> str:
    """The API type code of an item from its content type (cached, no query)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    for code, item_model in ITEM_TYPES.items():
        if model is item_model:
            return code
    return "page"


def content_type_ids(codes) -> list[int]:
    """Content type ids of the item types named by ``codes``."""
    return [ContentType.objects.get_for_model(ITEM_TYPES[code]).pk for code in codes]


@dataclasses.dataclass(frozen=True)
class Surface:
    """One audience's view of the content."""

    name: str
    frontend_url_setting: str
    #: The release time this surface shows and orders by.
    released_field: str

    @property
    def is_public(self) -> bool:
        return self.name == "public"

    @property
    def frontend_url(self) -> str:
        return getattr(settings, self.frontend_url_setting).rstrip("/")

    def items(self, request, at=None, model=ArticlePage):
        """Every item (of ``model``) this surface's reader may see: the one audience filter."""
        if self.is_public:
            return model.objects.public(at=at)
        return model.objects.for_staff(reader_of(request), at=at)

    def absolute_url(self, path: str) -> str:
        """The frontend URL of a frontend path."""
        return f"{self.frontend_url}{path}"

    def released_at(self, page):
        """The release time shown on this surface, in Europe/Stockholm."""
        value = getattr(page, self.released_field)
        return timezone.localtime(value) if value else None

    @cached_property
    def order_fields(self) -> dict[str, tuple[str, ...]]:
        """Orderings a listing accepts, as ``?ordering=`` values."""
        return {
            "-released_at": (f"-{self.released_field}", "-pk"),
            "released_at": (self.released_field, "pk"),
            "title": ("title", "pk"),
            "-title": ("-title", "-pk"),
        }


def reader_of(request):
    """The person behind an intranet request (set by the intranet's authentication)."""
    return getattr(request, "reader", None) or getattr(request, "auth", None)


PUBLIC = Surface("public", "ENKANAL_PUBLIC_SITE_URL", "external_release_at")
INTRANET = Surface("intranet", "ENKANAL_INTRANET_URL", "internal_release_at")
