"""App config for the shared vocabularies: units, audiences, topics and people."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnippetsConfig(AppConfig):
    """Units, audiences, topics and people, edited as Wagtail snippets."""

    name = "cms.snippets"
    label = "snippets"
    verbose_name = _("Organisation and topics")
