"""App configuration of the dialogue app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    """Residents' feedback and staff news tips."""

    name = "cms.dialogue"
    label = "dialogue"
    verbose_name = _("Dialogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Cases are visible per unit, tips to communicators: Django's model permissions
        # cannot express that, so both models get their own policies before the admin
        # viewsets look them up.
        from wagtail.permissions import register_permission_policy

        from .models import Feedback, NewsTip
        from .permissions import FeedbackPermissionPolicy, NewsTipPermissionPolicy

        register_permission_policy(Feedback, FeedbackPermissionPolicy(Feedback))
        register_permission_policy(NewsTip, NewsTipPermissionPolicy(NewsTip))

        # Retention runs in the worker, started by
        # ``manage.py enkanal_scheduler`` with the rest of the periodic work.
        from django.conf import settings

        from cms.core import periodic

        from .tasks import dialogue_housekeeping

        periodic.register(
            dialogue_housekeeping, lambda: settings.ENKANAL_DIALOGUE_HOUSEKEEPING_INTERVAL
        )
