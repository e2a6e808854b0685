"""WSGI entry point (gunicorn cms.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()


def freeze_startup_objects() -> None:
    """Load the URLconf, then keep everything loaded so far out of garbage collection.

    Django, Wagtail and their modules leave hundreds of thousands of long-lived objects;
    every full collection walks them all (over 100 ms here), which shows as a random
    slow request. ``gc.freeze`` moves them to a permanent generation, so collections
    only look at what requests create. It also keeps forked workers from touching
    (and copying) the parent's memory pages.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 – imports every view module now
    gc.collect()
    gc.freeze()


freeze_startup_objects()
