"""App config for the demo: Ekby kommun's content and bulk content for benchmarks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Fills every other app with demo data; no other app imports it."""

    name = "cms.demo"
    label = "demo"
    verbose_name = _("Demo content")
