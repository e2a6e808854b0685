"""Snippet models: one module per vocabulary, re-exported here."""

from .audiences import OUTSIDE_WORLD_CODES, Audience, AudienceCode
from .people import Person
from .topics import Topic
from .units import Unit, UnitLevel

__all__ = [
    "OUTSIDE_WORLD_CODES",
    "Audience",
    "AudienceCode",
    "Person",
    "Topic",
    "Unit",
    "UnitLevel",
]
