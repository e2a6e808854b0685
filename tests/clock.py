"""A time of day far from midnight, for tests whose answers change at local midnight.

Cache lifetimes are capped at local midnight, sitemaps show local dates and notices are
dated by the local day: run at 23:59 or 00:30, such tests would see another day than
they expect. Travelling to the next local noon keeps the clock after anything already
stored (it never goes back) and half a day from either midnight.
"""

import datetime

from django.utils import timezone


def next_local_noon() -> datetime.datetime:
    """Noon today in the local zone (Europe/Stockholm) if it is still ahead, else tomorrow's."""
    now = timezone.localtime()
    noon = now.replace(hour=12, minute=0, second=0, microsecond=0)
    if noon <= now:
        noon = timezone.make_aware(
            datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(12))
        )
    return noon
