"""Models of the print channels, one module per channel, re-exported here."""

from .editions import Edition, EditionEntry
from .press import LocalPressPage, NewspaperFormat, PageSpace, PressPageEntry

__all__ = [
    "Edition",
    "EditionEntry",
    "LocalPressPage",
    "NewspaperFormat",
    "PageSpace",
    "PressPageEntry",
]
