"""The error every API answers with, raised by any app that mounts a router on them.

The APIs (cms.api) turn these, and ninja's own ``HttpError`` and ``ValidationError``,
into one JSON shape: ``{"detail": "…", "errors": [{"loc": […], "msg": "…", "type": "…"}]}``.
The apps raise; they never build an error body themselves, so the shape stays one.
"""

from __future__ import annotations

from collections.abc import Sequence

from ninja.errors import HttpError

#: Largest id a parameter accepts (a 64-bit signed integer, as the databases store).
MAX_ID = 2**63 - 1


class ApiError(HttpError):
    """A 4xx answer: ``detail`` for people, ``errors`` (loc, msg, type) for programs."""

    def __init__(self, status: int, detail: str, errors: Sequence[dict] = ()):
        super().__init__(status, str(detail))
        self.errors = [dict(error) for error in errors]


def field_error(loc: Sequence[str | int], msg: str, type: str = "value_error") -> dict:
    """One entry of ``errors``: where (``["body", "email"]``), what, and a stable code."""
    return {"loc": list(loc), "msg": str(msg), "type": type}
