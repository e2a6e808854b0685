"""App config for editorial quality: LIX readability and review dates."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Readability in the page editor, review dates on the dashboard and by e-mail."""

    name = "cms.editorial"
    label = "editorial"
    verbose_name = _("Editorial quality")

    def ready(self):
        # Review reminders run in the worker, started by ``manage.py enkanal_scheduler``
        # with the rest of the periodic work.
        from django.conf import settings

        from cms.core import periodic

        from .tasks import review_housekeeping

        periodic.register(review_housekeeping, lambda: settings.ENKANAL_REVIEW_REMINDER_INTERVAL)
