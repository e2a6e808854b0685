"""System checks of deployment choices Django's own ``check --deploy`` cannot see."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Warn when production has no shared cache (``CACHE_URL``)."""
    backend = settings.CACHES.get("default", {}).get("BACKEND")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "The cache is kept per process.",
            hint=(
                "Set CACHE_URL=redis://… so that the rate limits (feedback, API) hold across "
                "worker processes and the API's response cache is shared."
            ),
            id="enkanal.W001",
        )
    ]
