"""The pages app's own migrations: indexes Wagtail's tables lack."""

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from tests.plans import explain

pytestmark = pytest.mark.django_db


class TestExpiryIndex:
    """Page.expire_at is read on every delivery answer (the next state change ahead)."""

    def test_the_next_expiry_ahead_is_an_index_seek(self):
        table = Page._meta.db_table
        when = connection.ops.adapt_datetimefield_value(timezone.now())
        sql = f"SELECT MIN(expire_at) FROM {table} WHERE live = %s AND expire_at > %s"  # noqa: S608
        assert "enkanal_page_expire_at" in explain(connection, sql, [True, when])
