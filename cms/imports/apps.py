"""App config for imports (moving in from Plone and from the JSONL format)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """The import engine and its bookkeeping of imported objects."""

    name = "cms.imports"
    label = "imports"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"
