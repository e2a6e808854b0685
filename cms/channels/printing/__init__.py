"""Printed channels: PDFs (WeasyPrint) and a plain HTML export, from the same items."""

from .documents import (
    Printed,
    edition_pdf,
    item_pdf,
    press_html,
    press_pdf,
)
from .renderer import PUBLIC, STAFF, PrintRenderer


def audience_of(item) -> str:
    """Who a print of ``item`` is for: the public when it has an outside audience."""
    return PUBLIC if item.is_external else STAFF


__all__ = [
    "PUBLIC",
    "STAFF",
    "PrintRenderer",
    "Printed",
    "audience_of",
    "edition_pdf",
    "item_pdf",
    "press_html",
    "press_pdf",
]
