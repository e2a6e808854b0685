"""Core models: the base page, media with required alt text, site-wide settings."""

from .base_page import BasePage
from .documents import EnkanalDocument
from .images import EnkanalImage, EnkanalRendition
from .settings import MunicipalitySettings

__all__ = [
    "BasePage",
    "EnkanalDocument",
    "EnkanalImage",
    "EnkanalRendition",
    "MunicipalitySettings",
]
