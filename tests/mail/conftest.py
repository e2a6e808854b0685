"""Fixtures for the e-mail channel: an organisation, topics, people and a publisher."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cms.core.factories import UserFactory
from cms.snippets.factories import PersonFactory, TopicFactory, UnitFactory
from cms.snippets.models import UnitLevel
from cms.workflows.guard import system_publish
from tests.pages.factories import (
    NewsPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
    StaffBulletinPageFactory,
)

FACTORIES = {
    "news": (NewsPageFactory, "news"),
    "notice": (NoticePageFactory, "notices"),
    "press": (PressReleasePageFactory, "press"),
    "bulletin": (StaffBulletinPageFactory, "bulletins"),
}


def trusted_publishing():
    """Publish without the editorial workflow's approvals (tests build content directly)."""
    return system_publish("Testdata för e-postkanalen")


@pytest.fixture
def org(site_tree):
    """Two administrations with a unit each, staff in them, topics and a media contact."""
    administration = UnitFactory(name="Barn och utbildning", level=UnitLevel.ADMINISTRATION)
    school = UnitFactory(name="Norrby skola", level=UnitLevel.UNIT, parent=administration)
    culture = UnitFactory(name="Kultur", level=UnitLevel.ADMINISTRATION)
    teacher = UserFactory(username="larare")
    librarian = UserFactory(username="bibliotekarie")
    principal = UserFactory(username="rektor")
    school.members.add(teacher)
    school.managers.add(principal)
    culture.members.add(librarian)
    return {
        "site": site_tree,
        "administration": administration,
        "school": school,
        "culture": culture,
        "teacher": teacher,
        "librarian": librarian,
        "principal": principal,
        "schools": TopicFactory(name="Skola", name_en="School", slug="skola"),
        "roads": TopicFactory(name="Gator och vägar", name_en="Roads", slug="gator"),
        "press_contact": PersonFactory(name="Pia Press", show_to_press=True),
    }


@pytest.fixture
def publish(org, django_capture_on_commit_callbacks):
    """Publish a new item: ``publish("news", audience_codes=("residents",), topics=[...])``.

    Callbacks queued for after the commit (the dispatch tasks) run as they would.
    """

    def make(kind="news", topics=(), **kwargs):
        factory, section = FACTORIES[kind]
        with django_capture_on_commit_callbacks(execute=True), trusted_publishing():
            page = factory(parent=org["site"][section], live=False, **kwargs)
            if topics:
                page.topics.set(topics)
            page.save_revision().publish()
        return type(page).objects.get(pk=page.pk)

    return make


@pytest.fixture
def outbox():
    """Django's test outbox, emptied."""
    mail.outbox = []
    return mail.outbox


def later(minutes=0, **kwargs):
    """A moment ``minutes`` from now."""
    return timezone.now() + datetime.timedelta(minutes=minutes, **kwargs)


class SmtpSink:
    """A local SMTP server (aiosmtpd) that keeps what it receives: (recipient, Message-ID)."""

    def __init__(self):
        import threading

        self.lock = threading.Lock()
        self.received: list[tuple[str, str]] = []
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        from email.parser import BytesHeaderParser

        headers = BytesHeaderParser().parsebytes(envelope.content)
        with self.lock:
            self.messages.append(envelope.content)
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient.lower(), headers.get("Message-ID", "")))
        return "250 OK"


@pytest.fixture
def smtp_sink():
    """A running SMTP sink on a free local port: ``(sink, port)``."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def mail_urls(settings):
    """The e-mail channel's URLs on their own (tests.mail.urls), independent of other apps."""
    settings.ROOT_URLCONF = "tests.mail.urls"
