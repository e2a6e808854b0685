"""App configuration of the e-mail channel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """Subscribers, the outbox (dispatches and deliveries), tracking and suppression."""

    name = "cms.mail"
    label = "mail"
    verbose_name = _("E-post")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
