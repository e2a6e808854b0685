"""One error shape for both APIs, answered and documented in one place.

Every 4xx of ``/api/public/v1/`` and ``/api/intranet/v1/`` – whichever app's router
answers it – is ``{"detail": "…", "errors": [{"loc": […], "msg": "…", "type": "…"}]}``
(``Error`` in the OpenAPI components): ``detail`` is a message for people (Swedish or
English after ``Accept-Language``), ``errors`` says which input was wrong, empty when no
single input was. Apps raise ``cms.core.errors.ApiError`` or ninja's ``HttpError`` /
``ValidationError``; the handlers here write the answer, and ``document_errors`` adds
every status an operation can answer to the schema.

Hostile input is refused here too, before any app sees it: lone surrogates and NUL
characters in a JSON body or a query string (no database stores them), bodies over
Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413), and, as the last line, a value the
database refuses as out of range or too long (422, never a 500).
"""

from __future__ import annotations

import json
import logging
import re

from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.parser import Parser

from cms.core.errors import ApiError, Error, ErrorDetail, field_error

logger = logging.getLogger(__name__)

#: The message ninja gives a body it cannot parse, and what we answer instead.
NINJA_PARSE_ERROR = "Cannot parse request body"
#: A lone (unpaired) UTF-16 surrogate: valid in JSON escapes, refused by every database.
SURROGATE = re.compile("[\ud800-\udfff]")

#: What each documented error status means (the OpenAPI ``description``).
STATUS_DESCRIPTIONS = {
    400: gettext_lazy("Bad request: invalid JSON, an invalid link or the spam guard."),
    401: gettext_lazy("No valid Bearer token."),
    403: gettext_lazy("The token or the account has no access."),
    404: gettext_lazy("Not found."),
    413: gettext_lazy("The request is too large."),
    422: gettext_lazy("Invalid parameters or data; errors says which."),
    429: gettext_lazy("Too many requests; try again later (Retry-After)."),
}


class HostileInput(ValueError):
    """Input no database can store: ``errors`` says where."""

    def __init__(self, errors: list[dict]):
        super().__init__("hostile input")
        self.errors = errors


def find_unstorable(value, loc: list) -> list[dict]:
    """``errors`` for every string in ``value`` holding a NUL or a lone surrogate."""
    if isinstance(value, str):
        if "\x00" in value or SURROGATE.search(value):
            return [
                field_error(
                    loc,
                    _("The text contains characters that are not allowed."),
                    "string_unstorable",
                )
            ]
        return []
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            found += find_unstorable(key, [*loc, "(nyckel)"])
            found += find_unstorable(item, [*loc, key])
        return found
    if isinstance(value, list):
        return [error for i, item in enumerate(value) for error in find_unstorable(item, [*loc, i])]
    return []


class StrictParser(Parser):
    """ninja's JSON parser, refusing strings that no database can store."""

    def parse_body(self, request):
        """The decoded JSON body; ``HostileInput`` for NUL characters or lone surrogates."""
        data = json.loads(request.body)
        errors = find_unstorable(data, ["body"])
        if errors:
            raise HostileInput(errors)
        return data

    def parse_querydict(self, data, list_fields, request):
        """The query parameters; ``ValidationError`` (422) for NUL characters."""
        errors = [
            error
            for key, values in data.lists()
            for value in values
            for error in find_unstorable(value, ["query", key])
        ]
        if errors:
            raise ValidationError(errors)
        return super().parse_querydict(data, list_fields, request)


def error_body(detail, errors=()) -> dict:
    """The one error shape."""
    return {"detail": str(detail), "errors": list(errors)}


def _entry(error: dict) -> dict:
    loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return field_error(loc, message, str(error.get("type", "value_error")))


def install(api) -> None:
    """Answer every error of ``api`` in the one shape."""

    def respond(request, status, detail, errors=()):
        return api.create_response(request, error_body(detail, errors), status=status)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [_entry(error) for error in exc.errors]
        return respond(request, 422, _("Invalid data."), errors)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        cause = exc.__cause__
        if isinstance(cause, HostileInput):
            return respond(request, 422, _("Invalid data."), cause.errors)
        if exc.status_code == 400 and str(exc).startswith(NINJA_PARSE_ERROR):
            return respond(request, 400, _("The body is not valid JSON."))
        detail = str(exc)
        if isinstance(exc, AuthenticationError) and detail == "Unauthorized":
            detail = _("Login required: send a valid Bearer token.")
        elif isinstance(exc, Throttled):
            detail = _("Too many requests. Please try again later.")
        return respond(request, exc.status_code, detail, getattr(exc, "errors", ()))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, str(exc) or _("Not found."))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return respond(request, 413, _("The request is too large."))

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def out_of_range(request, exc):
        # The last line behind the schemas' limits: what the database cannot hold is
        # bad input, not a server error (and nothing was stored).
        logger.warning("Input refused by the database: %s", exc)
        return respond(request, 422, _("A value is too large or too long."))


def _error_schemas() -> dict:
    schema = Error.model_json_schema(ref_template="#/components/schemas/{model}")
    definitions = schema.pop("$defs", {})
    return {"Error": schema, **definitions, "ErrorDetail": ErrorDetail.model_json_schema()}


def error_statuses(path: str, operation: dict) -> set[int]:
    """Every error status ``operation`` can answer, whatever its router declared."""
    declared = {int(code) for code in operation.get("responses", {})}
    statuses = {422, 429} | {code for code in declared if code >= 400}
    if "requestBody" in operation:
        statuses |= {400, 413}
    if operation.get("security"):
        statuses |= {401, 403}
    if "{" in path:
        statuses.add(404)
    return statuses


def document_errors(schema: dict) -> dict:
    """Document the one error shape on every operation of an OpenAPI ``schema``."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(_error_schemas())
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, methods in schema.get("paths", {}).items():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            for status in sorted(error_statuses(path, operation)):
                responses.pop(str(status), None)
                responses[status] = {
                    "description": str(STATUS_DESCRIPTIONS.get(status, _("Error."))),
                    "content": reference,
                }
    return schema


__all__ = ["ApiError", "StrictParser", "document_errors", "error_body", "install"]
