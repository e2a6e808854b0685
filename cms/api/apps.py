from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The delivery API (``/api/public/v1/`` and ``/api/intranet/v1/``)."""

    name = "cms.api"
    label = "api"
    verbose_name = _("Delivery API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (cache invalidation on publish/unpublish)
