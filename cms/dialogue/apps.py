"""App configuration of the dialogue app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    """Feedback, news tips, review dates and readability."""

    name = "cms.dialogue"
    label = "dialogue"
    verbose_name = _("Dialog")
    default_auto_field = "django.db.models.BigAutoField"
