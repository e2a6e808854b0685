"""A new imported page written row by row, once each: not Wagtail's three saves.

Creating a live page the Wagtail way (``add_child``, ``save_revision``, ``publish``)
saves the page three times, validates it three times and checks its slug, tree path and
the site roots on every save – about forty queries and most of an item's time. An
import knows before it writes anything that the page is new, that its slug is free
under its parent and what its final state is (live, expired or a draft), so it writes
each row once: the page's tables, its many-to-many rows, one revision, the page's
final state, the log rows in one insert.

What Wagtail's saves would have done is done here on purpose: the tree path and the
parent's child count (as treebeard's ``add_child``), ``url_path`` and ``draft_title``
(as ``Page.save``), the model's validation (``full_clean``, in the item's transaction,
so an invalid record leaves nothing behind), the ``wagtail.create`` log row, and the
publish guard's check and its ``enkanal.system_publish`` row for a live item. Updates of
pages imported before take Wagtail's own way (``Importer._update_page``).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, PageLogEntry, Revision, get_default_page_content_type

from cms.workflows.guard import check_publish

from .pages import children_of

#: Foreign keys of a new page that ``full_clean`` need not look up again: the run
#: resolved them, and the database checks them on insert.
SAVED_REFERENCES = ["content_type", "locale", "owner_unit", "owner"]


def next_child_path(parent: Page) -> str:
    """The tree path of a new last child of ``parent`` (as treebeard gives it)."""
    last = children_of(parent).order_by("-path").values_list("path", flat=True).first()
    position = Page._str2int(last[-Page.steplen :]) if last else 0
    return Page._get_path(parent.path, parent.depth + 1, position + 1)


def _slug_checked():
    """The slug was made free below its parent in this transaction (``unique_slug``)."""


def _save_many_to_many(page):
    """The page's cluster many-to-many values (audiences, topics…), one insert each.

    The page is new, so there is nothing to compare with: modelcluster's commit would
    read the (empty) stored set first.
    """
    for field in type(page)._meta.get_fields():
        if not isinstance(field, ParentalManyToManyField):
            continue
        targets = list(getattr(page, field.name).all())
        if not targets:
            continue
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [through(**{f"{source}_id": page.pk, f"{target}_id": obj.pk}) for obj in targets]
        )


def log_entry(obj, action: str, *, user=None, revision=None, data=None, **fields):
    """An unsaved log row of ``obj`` as Wagtail's ``log()`` writes it, for a bulk insert.

    ``LogEntry.save`` would look up each reference the item's transaction just wrote;
    the actions are registered (Wagtail's own and this project's).
    """
    model = log_registry.get_log_model_for_instance(obj)
    reference = {"page": obj} if isinstance(obj, Page) else {"object_id": str(obj.pk)}
    return model(
        content_type_id=ContentType.objects.get_for_model(obj, for_concrete_model=False).pk,
        label=model.objects.get_instance_title(obj),
        action=action,
        timestamp=timezone.now(),
        user=user,
        uuid=get_active_log_context().uuid,
        revision=revision,
        data=data or {},
        **reference,
        **fields,
    )


def insert_page(parent: Page, page, *, user, dates, live: bool, expired: bool, extra_logs=()):
    """Write the new ``page`` below ``parent`` in its final state; its revision.

    ``live``: the item goes live with its historical dates (through the publish guard,
    which ``system_publish`` lets through and logs); ``expired``: it was published and
    has expired at the source (published once, not live); neither: a draft. The caller
    has set the page's fields, slug (free below ``parent``) and many-to-many values.
    ``extra_logs`` are more unsaved log entries to write in the same insert; each gets
    the revision when it has none.
    """
    page.depth = parent.depth + 1
    page.path = next_child_path(parent)
    page.numchild = 0
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.draft_title = page.title
    page.live = False
    page.has_unpublished_changes = True
    page.latest_revision_created_at = dates.revision_at
    page._cached_parent_obj = parent  # what Wagtail's slug check asks for
    for relation in get_all_child_relations(page):
        # A new imported page has no child objects (comments, attachments): known to
        # be empty, they are not read back for the revision.
        setattr(page, relation.get_accessor_name(), [])
    # The model's rules (notice dates, press invitations, audiences) before anything
    # is written. The tree path and the slug are unique by construction, and the
    # database refuses them otherwise (the item fails alone).
    # Wagtail's own slug check would ask the database again what ``unique_slug`` just
    # asked: skipped for this one call.
    page._check_slug_is_unique = _slug_checked
    try:
        page.full_clean(exclude=SAVED_REFERENCES, validate_unique=False)
    finally:
        del page._check_slug_is_unique
    # Django's own save: the page's three tables, no Wagtail housekeeping (done here)
    # and no publish (the page is not live yet), so no guard runs on this insert.
    models.Model.save(page)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    parent.numchild += 1
    _save_many_to_many(page)
    revision = Revision(
        content_type_id=page.content_type_id,
        base_content_type_id=get_default_page_content_type().pk,
        object_id=str(page.pk),
        created_at=dates.revision_at,
        user=user,
        object_str=str(page),
        content=page.serializable_data(),
    )
    Revision.objects.bulk_create([revision])
    state = {"latest_revision": revision}
    logs = [log_entry(page, "wagtail.create", user=user or page.owner, content_changed=True)]
    if live:
        approval = check_publish(page, revision)
        state.update(
            live=True,
            live_revision=revision,
            has_unpublished_changes=False,
            first_published_at=dates.release,
            last_published_at=max(dates.release, dates.revision_at),
        )
        if approval is not None:
            logs.append(
                log_entry(
                    page,
                    "enkanal.system_publish",
                    revision=revision,
                    data={"reason": approval.reference},
                )
            )
    elif expired:
        state.update(
            expired=True,
            first_published_at=dates.release,
            last_published_at=max(dates.release, dates.revision_at),
        )
    Page.objects.filter(pk=page.pk).update(**state)
    for name, value in state.items():
        setattr(page, name, value)
    for entry in extra_logs:
        if entry.revision_id is None:
            entry.revision = revision
        logs.append(entry)
    PageLogEntry.objects.bulk_create(logs)
    return revision
