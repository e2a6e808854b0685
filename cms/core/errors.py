"""The error every API answers with, raised by any app that mounts a router on them.

The APIs (cms.api) turn these, and ninja's own ``HttpError`` and ``ValidationError``,
into one JSON shape: ``{"detail": "…", "errors": [{"loc": […], "msg": "…", "type": "…"}]}``.
The apps raise; they never build an error body themselves, so the shape stays one.
"""

from __future__ import annotations

from collections.abc import Sequence

from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field

#: Largest id a parameter accepts (a 64-bit signed integer, as the databases store).
MAX_ID = 2**63 - 1


class ErrorDetail(Schema):
    """What was wrong with one input."""

    loc: list[str | int] = Field(description='Var: t.ex. ["body", "email"] eller ["query", "q"].')
    msg: str = Field(description="Vad som är fel.")
    type: str = Field(description="Felets kod, för program.")


class Error(Schema):
    """Every 4xx answer: a message for people and, where inputs were wrong, which.

    Routers name it for the statuses only they know they answer (``{400: Error}``);
    the APIs add the rest (cms/api/errors.py).
    """

    detail: str = Field(description="Felmeddelande.")
    errors: list[ErrorDetail] = Field(
        default_factory=list, description="Felaktiga uppgifter; tom när inget enskilt fält är fel."
    )


class ApiError(HttpError):
    """A 4xx answer: ``detail`` for people, ``errors`` (loc, msg, type) for programs."""

    def __init__(self, status: int, detail: str, errors: Sequence[dict] = ()):
        super().__init__(status, str(detail))
        self.errors = [dict(error) for error in errors]


def field_error(loc: Sequence[str | int], msg: str, type: str = "value_error") -> dict:
    """One entry of ``errors``: where (``["body", "email"]``), what, and a stable code."""
    return {"loc": list(loc), "msg": str(msg), "type": type}
