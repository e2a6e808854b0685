"""App configuration of the e-mail channel."""

import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """Subscribers, the outbox (dispatches and deliveries), tracking and suppression."""

    name = "cms.mail"
    label = "mail"
    verbose_name = _("E-mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The admin is for communicators, not per model permission: the policies are
        # registered before the viewsets look them up.
        from wagtail.permissions import register_permission_policy

        from . import checks  # noqa: F401 – registers the deployment checks
        from .models import Dispatch, Subscriber, Suppression
        from .permissions import MailPermissionPolicy
        from .signal_handlers import register_signal_handlers

        register_permission_policy(Dispatch, MailPermissionPolicy(Dispatch, ("view",)))
        register_permission_policy(Subscriber, MailPermissionPolicy(Subscriber, ("view", "delete")))
        register_permission_policy(
            Suppression, MailPermissionPolicy(Suppression, ("view", "add", "delete"))
        )
        register_signal_handlers()
        if sys.argv[1:2] == ["db_worker"]:
            # A restarted worker resumes what a dead one left, without waiting for the sweep.
            from .tasks import resume_unfinished_at_worker_start

            resume_unfinished_at_worker_start()
