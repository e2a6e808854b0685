"""Small helpers that read configuration from the environment.

Every setting that differs between machines is read here, so that production can
refuse to start when something required is missing (DESIGN.md §6, invariant 7).
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    """Return the variable ``name``; raise when ``required`` and it is unset or empty."""
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """Return the variable ``name`` read as a boolean (1/0, true/false, yes/no, on/off)."""
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"The environment variable {name} must be a boolean, not {value!r}.")


def env_int(name: str, default: int) -> int:
    """Return the variable ``name`` as an integer."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"The environment variable {name} must be an integer.") from exc


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    """Return the variable ``name`` split on commas, blanks dropped."""
    value = env_str(name, None, required=required)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def cache_from_url(url: str | None) -> dict:
    """Django's ``CACHES["default"]`` for ``CACHE_URL``.

    ``redis://host:6379/0`` (or ``rediss://``) is shared by every process, which the
    API's response cache and the rate limits need to hold across gunicorn workers;
    empty or ``locmem://`` keeps a cache per process (development, tests, one worker).
    """
    if not url or url == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    scheme = url.split("://", 1)[0].lower()
    if scheme in {"redis", "rediss"}:
        # Django's backend, with a Redis client per process rather than per call.
        return {"BACKEND": "cms.core.cache.RedisCache", "LOCATION": url}
    if url == "dummy://":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must be redis://…, rediss://…, locmem:// or dummy://, not a {scheme!r} URL."
    )
