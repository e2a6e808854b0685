"""Signals other apps listen to (API cache purges, e-mail dispatches, search)."""

from django.dispatch import Signal

#: Sent once when an item reaches its external release (``instance``: the page).
released_externally = Signal()
#: Sent once when a notice leaves the current board for the archive (``instance``).
notice_archived = Signal()
