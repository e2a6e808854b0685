"""Small functions the workflow tests share (building items, moving them through steps)."""

from wagtail.models import Page

from cms.snippets.models import Audience
from tests.pages.factories import (
    NewsPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
    StaffBulletinPageFactory,
)

_FACTORIES = {
    "news": (NewsPageFactory, "news"),
    "notice": (NoticePageFactory, "notices"),
    "press": (PressReleasePageFactory, "press"),
    "bulletin": (StaffBulletinPageFactory, "bulletins"),
}


def draft(org, kind="news", audiences=("residents",), unit=None, user=None, **kwargs):
    """A never-published item with one revision by ``user`` (default: the editor)."""
    factory, section = _FACTORIES[kind]
    if kind == "news":
        kwargs["audience_codes"] = audiences
    page = factory(
        parent=org["site"][section], owner_unit=unit or org["unit"], live=False, **kwargs
    )
    page.save_revision(user=user or org["editor"])
    return Page.objects.get(pk=page.pk).specific


def edit(page, user, **changes):
    """Save a new revision of ``page`` by ``user`` with ``changes`` (``audiences`` codes)."""
    page = page.get_latest_revision_as_object()
    codes = changes.pop("audiences", None)
    for name, value in changes.items():
        setattr(page, name, value)
    if codes is not None:
        page.audiences.set(list(Audience.objects.filter(code__in=codes)))
    revision = page.save_revision(user=user)
    return Page.objects.get(pk=page.pk).specific, revision


def submit(page, user):
    """Start the item's workflow as ``user``."""
    page = Page.objects.get(pk=page.pk).specific
    return page.get_workflow().start(page, user)


def act(page, user, action="approve", comment=""):
    """Perform ``action`` on the current step as ``user``."""
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    return Page.objects.get(pk=page.pk).specific


def reload(page):
    """The page fresh from the database."""
    return Page.objects.get(pk=page.pk).specific
