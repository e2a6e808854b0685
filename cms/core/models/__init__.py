"""Core models: media with required alt text, site-wide settings, shared mixins."""

from .base_page import BasePage
from .documents import EnkanalDocument
from .images import EnkanalImage, EnkanalRendition
from .mixins import ArticleContentMixin, AudienceMixin, ReleasePlanMixin, ReviewDateMixin
from .settings import MunicipalitySettings

__all__ = [
    "ArticleContentMixin",
    "AudienceMixin",
    "BasePage",
    "EnkanalDocument",
    "EnkanalImage",
    "EnkanalRendition",
    "MunicipalitySettings",
    "ReleasePlanMixin",
    "ReviewDateMixin",
]
