"""The Swedish relevance set: building its corpus, running its queries, and metrics.

Test and benchmark data, not shipped with the search package. The corpus and the
graded queries are in ``relevance_data.py``. Used by ``tests/search/test_relevance.py``
(which guards floors) and by ``bench/search.py`` (which prints the figures per
backend). Each query is run on its surface – public, or the intranet as a member of
staff – and its first ten hits are judged by the grades of the items in them.

Metrics, per query and then averaged:

- nDCG@10 with graded gains ``2**grade - 1`` and the usual ``log2(rank + 1)``
  discount, against the ideal order of every item judged for the query;
- reciprocal rank of the first hit with any grade (MRR);
- recall@10: the share of the judged items in the first ten hits, out of at most ten
  (a query with twelve relevant items can reach 1.0).

A public result that holds a staff-only item is counted as a leak, whatever its rank.
"""

from __future__ import annotations

import datetime
import math
import uuid
from dataclasses import dataclass, field

from tests.search.relevance_data import CORPUS, INTRANET, QUERIES, STAFF_ONLY, Judged

__all__ = [
    "CORPUS",
    "QUERIES",
    "QueryResult",
    "build_corpus",
    "evaluate",
    "ndcg_at",
    "staff_only_keys",
    "summarise",
]

_TYPE_MODELS = {
    "news": ("NewsPage", "news"),
    "notice": ("NoticePage", "notices"),
    "press": ("PressReleasePage", "press"),
    "bulletin": ("StaffBulletinPage", "bulletins"),
}
#: The member of staff the intranet queries are run as (a plain, active account).
STAFF_USERNAME = "sok-relevans"
K = 10


def staff_only_keys() -> set[str]:
    """The corpus items that only staff may see: bulletins and staff-only news."""
    return {
        key
        for key, (kind, *_rest, extra) in CORPUS.items()
        if kind == "bulletin" or tuple(extra.get("audiences", ())) == STAFF_ONLY
    }


def _paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}]


def _notice_fields(notice_kind: str | None) -> dict:
    """Dates and places a notice of ``notice_kind`` must have to be valid."""
    from django.utils import timezone

    today = timezone.localdate()
    fields = {"earliest_removal_date": today + datetime.timedelta(days=30)}
    if notice_kind == "meeting":
        fields["meeting_date"] = timezone.now() + datetime.timedelta(days=7)
        fields["meeting_location"] = "Stadshuset"
        fields["earliest_removal_date"] = today + datetime.timedelta(days=8)
    elif notice_kind == "adjusted_minutes":
        fields["adjustment_date"] = today - datetime.timedelta(days=1)
        fields["minutes_location"] = "Stadshuset"
    return fields


def _audience_codes(model, kind: str, extra: dict) -> set[str]:
    if "audiences" in extra:
        return set(extra["audiences"])
    if kind == "press":
        return {"media", "residents"}
    return set(model.fixed_audience_codes or model.mandatory_audience_codes or {"residents"})


def build_corpus() -> dict[str, int]:
    """Create the corpus (idempotent by slug) under the demo site; return key → page id.

    Items are published and released an hour ago; staff-only items (bulletins, news for
    staff alone) are released internally only.
    """
    from django.db import transaction
    from django.utils import timezone

    from cms.core.importing import importing
    from cms.demo import loader
    from cms.pages import models as page_models
    from cms.snippets.models import Audience, Person, Unit

    _, _, home, index_pages = loader.ensure_structure()
    english = loader.ensure_english_tree(home, index_pages, loader.LoadReport())
    unit = Unit.objects.order_by("pk").first()
    audiences = {a.code: a for a in Audience.objects.all()}
    released = timezone.now() - datetime.timedelta(hours=1)
    staff_only = staff_only_keys()
    ids = {}
    # As an import: fixtures, so publishing them e-mails no subscriber.
    with importing("relevance-set"), loader._system_publish(), transaction.atomic():
        for key, (kind, title, summary, body, extra) in CORPUS.items():
            model_name, index_key = _TYPE_MODELS[kind]
            model = getattr(page_models, model_name)
            parent = (english if key.startswith("en:") else index_pages)[index_key]
            slug = "sok-" + key.replace(":", "-").replace("_", "-")
            page = model.objects.child_of(parent).filter(slug=slug).first()
            if page is None:
                extra = dict(extra)
                contacts = extra.pop("contacts", [])
                codes = _audience_codes(model, kind, extra)
                extra.pop("audiences", None)
                fields = {}
                if kind == "notice":
                    fields.update(_notice_fields(extra.get("notice_kind")))
                page = model(
                    title=title,
                    slug=slug,
                    summary=summary,
                    body=_paragraph(body),
                    owner_unit=unit,
                    audiences=[audiences[c] for c in sorted(codes)],
                    **fields,
                    **extra,
                )
                if contacts:
                    people = []
                    for name in contacts:
                        person, _created = Person.objects.get_or_create(
                            name=name, defaults={"show_to_press": True}
                        )
                        people.append(person)
                    page.media_contacts = people
                page.locale = parent.locale
                parent.add_child(instance=page)
                page.save_revision().publish()
            external = None if key in staff_only else released
            page_models.ArticlePage.objects.filter(pk=page.pk).update(
                internal_release_at=released, external_release_at=external
            )
            ids[key] = page.pk
    return ids


def staff_user():
    """The member of staff the intranet queries run as (created once)."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username=STAFF_USERNAME, defaults={"is_active": True}
    )
    return user


@dataclass
class QueryResult:
    """How one query fared: its first hits and their metrics."""

    query: str
    kind: str
    surface: str
    grades: dict[str, int]
    found: list[str]
    reciprocal_rank: float
    ndcg: float
    recall: float
    #: Staff-only items in a public result (must always be empty).
    leaks: list[str] = field(default_factory=list)


def _gain(grade: int) -> float:
    return float(2**grade - 1)


def ndcg_at(found: list[str], grades: dict[str, int] | tuple[str, ...], k: int = K) -> float:
    """nDCG@k of ``found`` against graded judgements (a tuple of keys: all grade 1)."""
    if not isinstance(grades, dict):
        grades = dict.fromkeys(grades, 1)
    dcg = sum(_gain(grades.get(key, 0)) / math.log2(i + 2) for i, key in enumerate(found[:k]))
    ideal_gains = sorted((_gain(g) for g in grades.values() if g > 0), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(ideal_gains))
    return dcg / ideal if ideal else 0.0


def recall_at(found: list[str], grades: dict[str, int], k: int = K) -> float:
    """The share of the judged items in ``found[:k]``, out of at most ``k``."""
    relevant = {key for key, grade in grades.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(found[:k])) / min(len(relevant), k)


def evaluate(
    ids: dict[str, int], search=None, backend=None, queries: list[Judged] | None = None
) -> list[QueryResult]:
    """Run every query on its surface and locale, and judge the first ten hits.

    ``search`` (default ``search_items``) is called as ``search(query, filters=...,
    page_size=10)`` for public queries and with ``user=<staff>, public=False`` added for
    intranet ones.
    """
    from functools import partial

    from search.queries import SearchFilters, search_items

    search = search or partial(search_items, backend=backend)
    by_pk = {pk: key for key, pk in ids.items()}
    staff_only = staff_only_keys()
    staff = None
    results = []
    for judged in QUERIES if queries is None else queries:
        filters = SearchFilters(locale=judged.locale)
        kwargs = {}
        if judged.surface == INTRANET:
            staff = staff or staff_user()
            kwargs = {"user": staff, "public": False}
        hits = search(judged.query, filters=filters, page_size=K, **kwargs).hits
        found = [by_pk.get(hit.page.pk, f"other:{hit.page.pk}") for hit in hits]
        grades = {key: grade for key, grade in judged.grades.items() if grade > 0}
        rr = next((1.0 / (i + 1) for i, key in enumerate(found) if key in grades), 0.0)
        leaks = [key for key in found if key in staff_only] if judged.surface != INTRANET else []
        results.append(
            QueryResult(
                judged.query,
                judged.kind,
                judged.surface,
                grades,
                found,
                rr,
                ndcg_at(found, grades),
                recall_at(found, grades),
                leaks,
            )
        )
    return results


def summarise(results: list[QueryResult]) -> dict[str, float]:
    """Mean nDCG@10, MRR and recall@10 over ``results``, and the number of leaks.

    Also per surface (``public_ndcg@10``, ``intranet_ndcg@10``, ...) and the number of
    queries.
    """

    def means(subset: list[QueryResult]) -> dict[str, float]:
        n = len(subset) or 1
        return {
            "ndcg@10": sum(r.ndcg for r in subset) / n,
            "mrr": sum(r.reciprocal_rank for r in subset) / n,
            "recall@10": sum(r.recall for r in subset) / n,
        }

    summary: dict[str, float] = {**means(results), "queries": len(results)}
    for surface in ("public", INTRANET):
        subset = [r for r in results if r.surface == surface]
        for name, value in means(subset).items():
            summary[f"{surface}_{name}"] = value
    summary["leaks"] = sum(len(r.leaks) for r in results)
    return summary
