"""``manage.py load_demo_subscribers``: confirmed demo subscribers, loaded once."""

import pytest
from django.core.management import call_command

from cms.mail.models import Subscriber

pytestmark = pytest.mark.django_db


class TestDemoSubscribers:
    def test_load_demo_subscribers_is_idempotent(self):
        call_command("load_demo_subscribers")
        call_command("load_demo_subscribers")
        assert Subscriber.objects.active().count() == 4
        assert Subscriber.objects.filter(is_media=True).count() == 1
