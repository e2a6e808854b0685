"""Words for the API's codes: item types and the kinds of notices and press items.

Looked up by code in views and filters, so they are lazy: each is translated when a
page is rendered, in that page's language.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

TYPE_LABELS = {
    "news": pgettext_lazy("item type", "News"),
    "notice": pgettext_lazy("item type", "Notice"),
    "press_release": pgettext_lazy("item type", "Press release"),
    # The staff bulletin's name, the same in every language.
    "staff_bulletin": _("INblick"),
}

#: The kinds' own words; the API sends its label too, in the CMS's language.
KIND_LABELS = {
    "meeting": pgettext_lazy("notice kind", "Notice of meeting"),
    "adjusted_minutes": pgettext_lazy("notice kind", "Approved minutes"),
    "delegated_decision": pgettext_lazy("notice kind", "Delegated decision"),
    "other": pgettext_lazy("notice kind", "Notice"),
    "release": pgettext_lazy("press kind", "Press release"),
    "invitation": pgettext_lazy("press kind", "Press invitation"),
}
