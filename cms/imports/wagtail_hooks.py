"""Admin hooks of the import: its entry in Wagtail's log."""

from django.utils.translation import gettext_lazy
from wagtail import hooks

from cms.core.importing import IMPORT_LOG_ACTION as IMPORT_ACTION


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """``enkanal.import``: an item moved in from another system."""
    actions.register_action(IMPORT_ACTION, gettext_lazy("Imported"), gettext_lazy("Imports"))
