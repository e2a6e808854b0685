"""Snippet models: one module per vocabulary, re-exported here."""

from .audiences import OUTSIDE_WORLD_CODES, Audience, AudienceCode
from .people import Person
from .shortcuts import ServiceShortcut, ShortcutIcon, ShortcutPlacement
from .topics import Topic
from .units import Unit, UnitLevel

__all__ = [
    "OUTSIDE_WORLD_CODES",
    "Audience",
    "AudienceCode",
    "Person",
    "ServiceShortcut",
    "ShortcutIcon",
    "ShortcutPlacement",
    "Topic",
    "Unit",
    "UnitLevel",
]
