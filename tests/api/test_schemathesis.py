"""Property-based run against both OpenAPI schemas: no 500s, no schema violations.

Bounded (examples per operation, no deadline) so that it fits in the test suite.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cms.api.models import ServiceToken
from cms.core import roles
from cms.core.factories import UserFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
BOUNDED = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)

application = get_wsgi_application()
# The routers other apps mount here (dialogue, search, mail) are tested with those apps.
OTHER_APPS = "/(dialogue|search|mail)(/|$)"
public_schema = (
    schemathesis.openapi.from_wsgi("/api/public/v1/openapi.json", application)
    .include(method="GET")
    .exclude(path_regex=OTHER_APPS)
)
intranet_schema = (
    schemathesis.openapi.from_wsgi("/api/intranet/v1/openapi.json", application)
    .include(method="GET")
    .exclude(path_regex=OTHER_APPS)
)


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


@pytest.mark.django_db
@public_schema.parametrize()
@BOUNDED
def test_public_api(case, content):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@intranet_schema.parametrize()
@BOUNDED
def test_intranet_api(case, content):
    _token, raw = ServiceToken.issue("Schemathesis", UserFactory(roles=[roles.STAFF]))
    case.call_and_validate(headers={"Authorization": f"Bearer {raw}"}, checks=CHECKS)
