"""System checks of the e-mail channel (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from . import conf


@register(Tags.security, deploy=True)
def check_webhook_secret(app_configs, **kwargs):
    """A provider's tracking webhooks need ``ANYMAIL_WEBHOOK_SECRET``."""
    if not conf.uses_tracking_esp(settings.EMAIL_BACKEND) or conf.webhook_secret():
        return []
    return [
        Error(
            "ANYMAIL_WEBHOOK_SECRET is not set, so the e-mail tracking webhooks refuse "
            "every call (bounces, complaints and unsubscribes are not recorded).",
            hint="Set ANYMAIL_WEBHOOK_SECRET=user:password and give the provider the "
            "webhook URL with those credentials.",
            id="enkanal_mail.E001",
        )
    ]
