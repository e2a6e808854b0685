"""Addresses on other web sites that the CMS may send a reader to."""

from __future__ import annotations

from urllib.parse import urlsplit


def web_address(value) -> str | None:
    """``value`` stripped when it is an absolute http(s) address with a host, else None.

    Links that editors and imports store are sent to browsers: ``javascript:``,
    ``data:`` and other schemes, relative links and links without a host never are.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value
