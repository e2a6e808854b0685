"""Property-based run against both OpenAPI schemas with every check schemathesis has.

Every operation of both APIs – items, board, site, preview, search, dialogue, mail – is
called with valid and invalid data (schemathesis's examples, coverage and fuzzing
phases) and every answer must pass all checks: no server error, documented status,
content type, headers and body, invalid data refused, valid data accepted, auth not
ignored, unsupported methods refused. The budget is fixed (examples per operation, a
seed, derandomized) so that the run is repeatable and fits in the test suite; any
failure fails the test.
"""

import collections

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from cms.api.models import ServiceToken
from cms.core import roles
from cms.core.factories import UserFactory

#: Examples per operation and phase; with the seed, the same cases on every run.
MAX_EXAMPLES = 6
SEED = 20261201

#: Operations whose valid-looking input can still be refused by what the schema cannot
#: express, with the statuses that refusal takes (besides schemathesis's own list).
BUSINESS_REFUSALS = [
    # The form token must be one we signed a while ago; the honeypot must stay empty.
    ("/dialogue/feedback$", ["400", "422"]),
    # The unit, audiences and locale must exist.
    ("/dialogue/tips$", ["422"]),
    # Topic slugs must exist; the links' tokens must be ones we signed.
    ("/mail/", ["400", "422"]),
    # A search needs at least one searchable word; a preview token must be ours.
    ("/search", ["422"]),
    ("/preview$", ["403"]),
    # A cursor must be one we handed out (listings).
    (
        "/(items|notice-board/archive|press-room/releases|documents|must-read|for-my-units)$",
        ["400"],
    ),
    # Only a must-read bulletin can be confirmed.
    ("/confirmation$", ["400"]),
]

load_all_checks()
#: Every check, as ``--checks all`` runs them (a response-time limit needs a number).
ALL_CHECKS = [check for check in CHECKS.get_all() if check.__name__ != "max_response_time"]

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "suppress-health-check": ["too_slow", "filter_too_much", "data_too_large"],
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
        },
        "phases": {"stateful": {"enabled": False}},
        "operations": [
            {
                "include-path-regex": path,
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "429", *statuses]
                    }
                },
            }
            for path, statuses in BUSINESS_REFUSALS
        ],
    }
)

application = get_wsgi_application()
public_schema = schemathesis.openapi.from_wsgi(
    "/api/public/v1/openapi.json", application, config=CONFIG
)
intranet_schema = schemathesis.openapi.from_wsgi(
    "/api/intranet/v1/openapi.json", application, config=CONFIG
)


#: Cases sent per API; tests/api/conftest.py prints them at the end of the run.
CASES = collections.Counter()


@pytest.fixture
def content(make_item, monkeypatch):
    """A little of everything, and no rate limit in the way of many requests."""
    monkeypatch.setattr("ninja.throttling.SimpleRateThrottle.allow_request", lambda *a: True)
    # Requests go straight to the WSGI handler, whose request signals would close
    # the test's database connection (PostgreSQL); Django's test client does the
    # same disconnecting.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    make_item("news")
    make_item("press")
    make_item("notice")
    make_item("bulletin")
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def bearer(db):
    _token, raw = ServiceToken.issue("Schemathesis", UserFactory(roles=[roles.STAFF]))
    return {"Authorization": f"Bearer {raw}"}


#: The fixtures set up content once per operation, which is what we want here.
FIXTURES_PER_OPERATION = settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
@public_schema.parametrize()
@FIXTURES_PER_OPERATION
def test_public_api(case, content):
    case.call_and_validate(checks=ALL_CHECKS)
    CASES["public"] += 1


@pytest.mark.django_db
@intranet_schema.parametrize()
@FIXTURES_PER_OPERATION
def test_intranet_api(case, content, bearer):
    headers = case.meta.components.get(ParameterLocation.HEADER) if case.meta else None
    if headers is None or headers.mode.is_positive:
        # A real token, unless the case is about a missing or broken one.
        case.headers = {**(case.headers or {}), **bearer}
    case.call_and_validate(checks=ALL_CHECKS)
    CASES["intranet"] += 1


def test_every_check_runs():
    """``--checks all``: the run above leaves none of schemathesis's checks out."""
    names = {check.__name__ for check in ALL_CHECKS}
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
        "use_after_free",
        "ensure_resource_availability",
        "ignored_auth",
        "missing_required_header",
        "unsupported_method",
    } <= names
