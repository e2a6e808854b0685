"""Search and reference indexes during an import: nothing per item, everything at the end.

Saving an indexed object normally queues one search-index task and one reference-index
task (modelsearch's and Wagtail's ``post_save`` handlers); an import of thousands of
items would leave thousands of tasks for a worker. During a run those handlers are
switched off, and ``update_search`` indexes what the run wrote in bulk, then rebuilds
the search vocabulary once.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalManyToManyField
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.imports.models import ImportedObject
from cms.snippets.models import Topic

logger = logging.getLogger(__name__)
CHUNK = 500


@contextmanager
def quiet_indexing():
    """No per-save search or reference-index tasks inside the block."""
    models = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def _grouped(since):
    """``{content type id: [object ids]}`` of what was imported or updated since ``since``."""
    rows = (
        ImportedObject.objects.filter(updated_at__gte=since, object_id__isnull=False)
        .order_by("content_type_id", "object_id")
        .values_list("content_type_id", "object_id")
    )
    current, ids = None, []
    for content_type_id, object_id in rows.iterator(chunk_size=2000):
        if content_type_id != current and ids:
            yield current, ids
            ids = []
        current = content_type_id
        ids.append(object_id)
        if len(ids) >= CHUNK:
            yield current, ids
            ids = []
    if ids:
        yield current, ids


def with_cluster_relations(model, objects: list) -> list:
    """``objects`` with their many-to-many cluster relations (topics, audiences…) loaded.

    modelcluster's relations ignore ``prefetch_related`` and the backends read them
    once per indexed field: loaded here with one query per relation and chunk instead.
    """
    for field in model._meta.get_fields():
        if not isinstance(field, ParentalManyToManyField):
            continue
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        related = defaultdict(list)
        rows = through.objects.filter(**{f"{source}_id__in": [obj.pk for obj in objects]})
        for row in rows.select_related(target).order_by("pk"):
            related[getattr(row, f"{source}_id")].append(getattr(row, target))
        for obj in objects:
            setattr(obj, field.name, related[obj.pk])
    return objects


def update_reference_index(model, objects: list):
    """``ReferenceIndex.create_or_update_for_object`` for a chunk, in three queries.

    Wagtail's method reads, inserts and deletes each object's rows on its own (three
    queries an object); this does the same comparison for the chunk at once: the rows
    that the objects' references no longer have are deleted, the new ones inserted.
    """
    content_types = [
        ContentType.objects.get_for_model(cls, for_concrete_model=False)
        for cls in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known = {ct.pk for ct in content_types}
    stored = defaultdict(dict)
    rows = ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=[str(obj.pk) for obj in objects]
    ).values_list(
        "id",
        "content_type_id",
        "object_id",
        "to_content_type_id",
        "to_object_id",
        "model_path",
        "content_path",
    )
    for pk, content_type_id, object_id, *reference in rows:
        stored[object_id][tuple(reference)] = (content_type_id, pk)
    new, gone = [], []
    for obj in objects:
        references = set(ReferenceIndex._extract_references_from_object(obj))
        old = stored.get(str(obj.pk), {})
        new += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=obj.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references - set(old)
        ]
        # A row of a more specific model than ``model`` is not this method's to delete
        # (as in Wagtail's own).
        gone += [pk for ref, (ct_id, pk) in old.items() if ref not in references and ct_id in known]
    ReferenceIndex.objects.bulk_create(
        new, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
    if gone:
        ReferenceIndex.objects.filter(pk__in=gone).delete()


def update_search(since) -> int:
    """Index what was imported since ``since`` in bulk; rebuild the vocabulary once."""
    from search.vocabulary import refresh_vocabulary

    backends = list(get_search_backends(with_auto_update=True))
    indexed = 0
    for content_type_id, ids in _grouped(since):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        objects = with_cluster_relations(
            model, list(model.get_indexed_objects().filter(pk__in=ids))
        )
        for backend in backends:
            backend.add_bulk(model, objects)
        with transaction.atomic():
            update_reference_index(model, objects)
        indexed += len(objects)
    topics = list(Topic.get_indexed_objects())
    for backend in backends:
        if topics:
            backend.add_bulk(Topic, topics)
    refresh_vocabulary(force=True)
    logger.info("Import: %d objects indexed in bulk.", indexed)
    return indexed
