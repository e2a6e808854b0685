"""Generate many varied items fast, with bulk inserts instead of one save per page.

Two steps: ``plan_items`` decides every item's text, type, audiences and dates from a
seeded random generator (pure, so the same seed gives the same items), and
``insert_items`` writes the plan with a handful of multi-row INSERTs per table.

Django cannot ``bulk_create`` multi-table-inherited models, so each level of the page
inheritance (``wagtailcore_page`` → ``pages_articlepage`` → the type's table) is
inserted on its own with the low-level ``QuerySet._insert``, and the treebeard
materialised path, depth and ``url_path`` are computed here. No revisions, logs,
reference-index or search-index entries are written: ``manage.py update_index``
builds the search index afterwards.
"""

import datetime
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from cms.demo import words
from cms.pages import models as page_models
from cms.snippets.models import Audience, Person, Topic, Unit

#: Share of each kind among generated items.
KIND_WEIGHTS = {"news": 70, "notices": 10, "press": 8, "bulletins": 12}
KIND_MODELS = {
    "news": page_models.NewsPage,
    "notices": page_models.NoticePage,
    "press": page_models.PressReleasePage,
    "bulletins": page_models.StaffBulletinPage,
}
#: News audiences and their weights: the strategy's three groups and their mixes.
NEWS_AUDIENCES = [
    (("residents",), 30),
    (("residents", "visitors"), 8),
    (("residents", "prospective_residents"), 7),
    (("staff",), 20),
    (("staff", "residents"), 12),
    (("residents", "media"), 8),
    (("partners", "authorities"), 5),
    (("partners",), 4),
    (("staff", "residents", "media", "visitors"), 6),
]
PRESS_AUDIENCES = [(("media", "residents"), 60), (("media",), 25), (("media", "partners"), 15)]
NOTICE_KINDS = [
    ("meeting", 30),
    ("adjusted_minutes", 35),
    ("delegated_decision", 25),
    ("other", 10),
]
#: Topic → units that usually own items about it (names from the demo unit tree).
TOPIC_UNITS = {
    "skola-och-forskola": [
        "Förskoleverksamheten",
        "Förskolan Solrosen",
        "Grundskolan",
        "Ekbyskolan",
        "Barn- och utbildningsförvaltningen",
    ],
    "bygga-och-bo": ["Bygglovsenheten", "Samhällsbyggnadsförvaltningen"],
    "trafik": ["Gata och park", "Samhällsbyggnadsförvaltningen"],
    "kultur-och-fritid": ["Biblioteket", "Kultur- och fritidsförvaltningen"],
    "politik-och-beslut": ["Kommunstyrelseförvaltningen"],
    "jobb": ["HR-avdelningen", "Kommunstyrelseförvaltningen"],
    "omsorg-och-stod": ["Kommunstyrelseförvaltningen"],
    "miljo": ["Samhällsbyggnadsförvaltningen", "Gata och park"],
}
SCHEDULED_SHARE = 0.02
UNPUBLISHED_SHARE = 0.03
HISTORY_DAYS = 730
#: How long after the internal release the public gets an external item.
EXTERNAL_LEADS = [datetime.timedelta()] * 6 + [
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=2),
    datetime.timedelta(days=1),
    datetime.timedelta(days=2),
]


@dataclass
class PlannedItem:
    """One item to insert, with names and codes instead of database ids."""

    kind: str
    title: str
    summary: str
    body: list
    owner_unit: str
    audiences: tuple[str, ...]
    topics: tuple[str, ...]
    live: bool
    published_at: datetime.datetime | None
    internal_release_at: datetime.datetime | None
    external_release_at: datetime.datetime | None
    fields: dict = field(default_factory=dict)
    target_units: tuple[str, ...] = ()
    media_contacts: tuple[int, ...] = ()


def _weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


class _Slots(dict):
    """Template values for one item: places, dates, nouns in the right forms."""

    @classmethod
    def draw(cls, rng: random.Random, now: datetime.datetime, noun: words.Noun):
        other = rng.choice(words.FACILITIES)
        body = rng.choice(words.BODIES)
        profession = rng.choice(words.PROFESSIONS)
        return cls(
            place=rng.choice(words.PLACES),
            street=rng.choice(words.STREETS),
            period=rng.choice(words.PERIODS),
            period2=rng.choice(words.PERIODS).removeprefix("i ").removeprefix("under "),
            weekday=rng.choice(words.WEEKDAYS),
            month=rng.choice(words.MONTHS),
            day=rng.randint(1, 28),
            year=now.year + rng.choice((0, 1)),
            n=rng.randrange(40, 900, 10),
            money=rng.randrange(1000, 5000, 500),
            profession=profession[0],
            body=body,
            body_def=body[0].lower() + body[1:] + ("s" if not body.endswith("s") else ""),
            building=rng.choice(words.BUILDINGS),
            property=f"{rng.choice(words.PLACES).split()[0]} {rng.randint(1, 12)}:"
            f"{rng.randint(1, 40)}",
            millions=rng.randrange(20, 400, 5),
            new=noun.new,
            new_article=noun.new_article,
            article=noun.article,
            plural=noun.plural,
            plural2=other.plural,
            Def=noun.definite.capitalize(),
            **{"def": noun.definite},
        )

    def fill(self, template: str) -> str:
        """``template`` with this item's values, first letter capitalised."""
        text = template.format(**self)
        return text[0].upper() + text[1:]


def _news_text(rng, slots, noun, staff_only):
    """Title and lead sentence of a news item."""
    if staff_only:
        return tuple(slots.fill(t) for t in rng.choice(words.STAFF_ITEMS)), ("jobb",)
    category = rng.choices(
        ["facility", "infra", "politics", "jobs", "environment"], weights=[40, 22, 18, 8, 12]
    )[0]
    if category == "facility":
        event, text = rng.choice(words.FACILITY_EVENTS)
        return (slots.fill(f"{{Def}} i {{place}} {event}"), slots.fill(text)), (noun.topic,)
    if category == "infra":
        infra = rng.choice(words.INFRASTRUCTURE)
        slots.update(Def=infra.definite.capitalize(), **{"def": infra.definite})
        event, text = rng.choice(words.INFRA_EVENTS)
        return (slots.fill(f"{{Def}} vid {{street}} {event}"), slots.fill(text)), (infra.topic,)
    templates, topic = {
        "politics": (words.POLITICS, "politik-och-beslut"),
        "jobs": (words.JOBS, "jobb"),
        "environment": (words.ENVIRONMENT, "miljo"),
    }[category]
    title, text = rng.choice(templates)
    extra = (noun.topic,) if category == "politics" and rng.random() < 0.5 else ()
    return (slots.fill(title), slots.fill(text)), (topic, *extra)


def _fillers(audiences) -> list[str]:
    """Closing sentences that suit the item's readers."""
    return words.STAFF_FILLER_SENTENCES if audiences == ("staff",) else words.FILLER_SENTENCES


def _body(rng: random.Random, lead: str, sentences: list[str]) -> list:
    """StreamField raw data: one or two paragraphs, sometimes a heading or fact box."""
    fillers = rng.sample(sentences, 4)

    def block(block_type, value):
        return {"type": block_type, "value": value, "id": str(uuid.UUID(int=rng.getrandbits(128)))}

    blocks = [block("paragraph", f"<p>{lead} {fillers[0]}</p>")]
    if rng.random() < 0.5:
        blocks.append(block("heading", {"text": "Bra att veta", "level": "h2"}))
        blocks.append(block("paragraph", f"<p>{fillers[1]} <b>{fillers[2]}</b></p>"))
    if rng.random() < 0.2:
        blocks.append(
            block("fact_box", {"title": "Fakta", "text": f"<ul><li>{fillers[3]}</li></ul>"})
        )
    return blocks


def _release(rng, now, external: bool, state: str):
    """(published_at, internal, external) for a live, scheduled or unpublished item."""
    if state == "unpublished":
        return None, None, None
    if state == "scheduled":
        published = now - datetime.timedelta(minutes=rng.randint(5, 3 * 24 * 60))
        internal = now + datetime.timedelta(minutes=rng.randint(60, 30 * 24 * 60))
    else:
        published = now - datetime.timedelta(seconds=rng.randint(60, HISTORY_DAYS * 86400))
        internal = published
    published = published.replace(microsecond=0)
    internal = internal.replace(microsecond=0)
    return published, internal, (internal + rng.choice(EXTERNAL_LEADS)) if external else None


def plan_items(n: int, seed: int, now: datetime.datetime, unit_names, media_contacts: int):
    """The ``n`` items to generate: pure, so one seed always gives the same plan."""
    rng = random.Random(seed)  # noqa: S311 (demo text, not security)
    unit_names = sorted(unit_names)
    plan = []
    for _ in range(n):
        kind = _weighted(rng, KIND_WEIGHTS.items())
        noun = rng.choice(words.FACILITIES)
        slots = _Slots.draw(rng, now, noun)
        fields: dict = {}
        target_units: tuple[str, ...] = ()
        contacts: tuple[int, ...] = ()
        if kind == "news":
            audiences = _weighted(rng, NEWS_AUDIENCES)
            (title, lead), topics = _news_text(rng, slots, noun, audiences == ("staff",))
        elif kind == "bulletins":
            audiences = ("staff",)
            (title, lead), topics = _news_text(rng, slots, noun, True)
            if rng.random() < 0.3:
                target_units = (rng.choice(unit_names),)
        elif kind == "press":
            audiences = _weighted(rng, PRESS_AUDIENCES)
            invitation = rng.random() < 0.2
            title, lead = (
                slots.fill(t)
                for t in rng.choice(words.INVITATIONS if invitation else words.PRESS_ITEMS)
            )
            topics = (noun.topic,)
            fields["kind"] = "invitation" if invitation else "release"
            if media_contacts:
                contacts = tuple(
                    sorted(
                        rng.sample(range(media_contacts), min(media_contacts, rng.randint(1, 2)))
                    )
                )
        else:
            audiences = tuple(sorted(str(c) for c in page_models.NoticePage.fixed_audience_codes))
            notice_kind = _weighted(rng, NOTICE_KINDS)
            title = slots.fill(words.NOTICE_TITLES[notice_kind])
            lead = slots.fill(words.NOTICE_SUMMARIES[notice_kind])
            topics = (
                ("bygga-och-bo",)
                if notice_kind == "delegated_decision"
                else ("politik-och-beslut",)
            )
            fields.update(notice_kind=notice_kind, issuing_body=slots["body"])
            if notice_kind == "delegated_decision":
                fields["issuing_body"] = "Samhällsbyggnadsnämnden"
        draw = rng.random()
        state = (
            "unpublished"
            if draw < UNPUBLISHED_SHARE
            else "scheduled"
            if draw < UNPUBLISHED_SHARE + SCHEDULED_SHARE
            else "live"
        )
        external = any(code != "staff" for code in audiences)
        published, internal, external_at = _release(rng, now, external, state)
        if kind == "notices":
            fields.update(_notice_dates(rng, now, fields["notice_kind"], external_at))
        if fields.get("kind") == "invitation":
            start = (internal or now) + datetime.timedelta(days=rng.randint(2, 10))
            start = start.replace(hour=10, minute=0, second=0, microsecond=0)
            fields.update(
                event_start=start,
                event_end=start + datetime.timedelta(hours=1),
                event_location=f"{rng.choice(words.MEETING_LOCATIONS)}",
            )
        candidates = [u for u in TOPIC_UNITS.get(topics[0], []) if u in unit_names]
        owner = rng.choice(candidates or unit_names)
        sentences = _fillers(audiences)
        summary = f"{lead} {rng.choice(sentences)}"
        plan.append(
            PlannedItem(
                kind=kind,
                title=title[:250],
                summary=summary[:300],
                body=_body(rng, lead, sentences),
                owner_unit=owner,
                audiences=audiences,
                topics=tuple(dict.fromkeys(topics)),
                live=state != "unpublished",
                published_at=published,
                internal_release_at=internal,
                external_release_at=external_at,
                fields=fields,
                target_units=target_units,
                media_contacts=contacts,
            )
        )
    return plan


def _notice_dates(rng, now, notice_kind, released):
    """Posting, meeting, adjustment and removal dates that satisfy the notice rules."""
    posting = timezone.localdate(released) if released else None
    base = posting or timezone.localdate(now)
    minimum_days = settings.ENKANAL_MINUTES_MIN_POSTING_DAYS
    fields = {"posting_date": posting, "minutes_location": "", "meeting_location": ""}
    if notice_kind == "meeting":
        meeting_day = base + datetime.timedelta(days=rng.randint(7, 14))
        fields["meeting_date"] = timezone.make_aware(
            datetime.datetime.combine(meeting_day, datetime.time(18))
        )
        fields["meeting_location"] = rng.choice(words.MEETING_LOCATIONS)
        fields["earliest_removal_date"] = meeting_day
    elif notice_kind == "adjusted_minutes":
        fields["adjustment_date"] = base - datetime.timedelta(days=rng.randint(1, 5))
        fields["minutes_location"] = rng.choice(words.MINUTES_LOCATIONS)
        fields["earliest_removal_date"] = base + datetime.timedelta(days=minimum_days)
    elif notice_kind == "delegated_decision":
        fields["minutes_location"] = words.MINUTES_LOCATIONS[1]
        fields["earliest_removal_date"] = base + datetime.timedelta(days=minimum_days)
    else:
        fields["earliest_removal_date"] = base + datetime.timedelta(days=rng.randint(14, 30))
    return fields


# --- insertion -------------------------------------------------------------------------


@dataclass
class _Parent:
    """An index page and the next free child position under it."""

    page: Page
    next_step: int
    slugs: set[str]
    suffixes: Counter = field(default_factory=Counter)
    added: int = 0

    @classmethod
    def load(cls, page: Page):
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)
        last = children.order_by("-path").values_list("path", flat=True).first()
        next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        return cls(page, next_step, set(children.values_list("slug", flat=True)))

    def take_path(self) -> str:
        """The treebeard path of the next child: the parent's path plus one base-36 step."""
        path = Page._get_path(self.page.path, self.page.depth + 1, self.next_step)
        self.next_step += 1
        self.added += 1
        return path

    def take_slug(self, title: str) -> str:
        """A slug from ``title`` that no sibling has yet."""
        base = slugify(title)[:80].strip("-") or "artikel"
        slug = base
        while slug in self.slugs:
            self.suffixes[base] += 1
            slug = f"{base}-{self.suffixes[base] + 1}"
        self.slugs.add(slug)
        return slug


def _batched(objs, fields, connection):
    size = max(1, connection.ops.bulk_batch_size(fields, objs) or len(objs))
    for start in range(0, len(objs), size):
        yield objs[start : start + size]


def _insert_rows(model, objs, fields, using, returning=False):
    """INSERT ``objs`` into ``model``'s own table only, in batches the backend accepts."""
    connection = connections[using]
    returned = []
    returning_fields = [model._meta.pk] if returning else None
    for batch in _batched(objs, fields, connection):
        rows = model._base_manager._insert(
            batch, fields=fields, returning_fields=returning_fields, using=using
        )
        if returning:
            returned.extend(row[0] for row in rows)
    return returned


def _bulk_m2m(field, pairs, using):
    """Rows of the many-to-many ``field``'s through table for (page id, other id) pairs."""
    through = field.remote_field.through
    source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
    rows = [through(**{source: page_id, target: other_id}) for page_id, other_id in pairs]
    through.objects.using(using).bulk_create(rows, batch_size=500)
    return len(rows)


def insert_items(plan: list[PlannedItem], parents: dict[str, Page], using=None) -> Counter:
    """Write ``plan`` under the ``parents`` index pages; return counts of rows written."""
    using = using or router.db_for_write(Page)
    units = dict(Unit.objects.using(using).values_list("name", "pk"))
    topics = dict(Topic.objects.using(using).values_list("slug", "pk"))
    audiences = dict(Audience.objects.using(using).values_list("code", "pk"))
    contacts = list(
        Person.objects.using(using).media_contacts().order_by("pk").values_list("pk", flat=True)
    )
    owner_id = (
        get_user_model()
        .objects.using(using)
        .filter(username="redaktor")
        .values_list("pk", flat=True)
        .first()
    )
    counts: Counter = Counter()
    with transaction.atomic(using=using):
        state = {kind: _Parent.load(page) for kind, page in parents.items()}
        objs_by_kind: dict[str, list] = {kind: [] for kind in KIND_MODELS}
        for item in plan:
            objs_by_kind[item.kind].append(_build(item, state[item.kind], units, owner_id))
        for kind, objs in objs_by_kind.items():
            if not objs:
                continue
            _insert_pages(KIND_MODELS[kind], objs, using)
            counts[kind] = len(objs)
        items_objs = [
            (item, obj)
            for kind, objs in objs_by_kind.items()
            for item, obj in zip((i for i in plan if i.kind == kind), objs, strict=True)
        ]
        article = page_models.ArticlePage
        counts["audiences"] = _bulk_m2m(
            article._meta.get_field("audiences"),
            [(obj.pk, audiences[c]) for item, obj in items_objs for c in item.audiences],
            using,
        )
        counts["topics"] = _bulk_m2m(
            article._meta.get_field("topics"),
            [(obj.pk, topics[s]) for item, obj in items_objs for s in item.topics if s in topics],
            using,
        )
        _bulk_m2m(
            page_models.StaffBulletinPage._meta.get_field("target_units"),
            [(obj.pk, units[u]) for item, obj in items_objs for u in item.target_units],
            using,
        )
        _bulk_m2m(
            page_models.PressReleasePage._meta.get_field("media_contacts"),
            [
                (obj.pk, contacts[i])
                for item, obj in items_objs
                for i in item.media_contacts
                if i < len(contacts)
            ],
            using,
        )
        for parent in state.values():
            if parent.added:
                Page.objects.using(using).filter(pk=parent.page.pk).update(
                    numchild=F("numchild") + parent.added
                )
    return counts


def _build(item: PlannedItem, parent: _Parent, units: dict[str, int], owner_id):
    """An unsaved specific page carrying the values of all three tables."""
    model = KIND_MODELS[item.kind]
    slug = parent.take_slug(item.title)
    published = item.published_at
    review_date = None
    if published is not None:
        interval = model.review_interval_days or settings.ENKANAL_REVIEW_INTERVAL_DAYS
        review_date = timezone.localdate(published) + datetime.timedelta(days=interval)
    return model(
        path=parent.take_path(),
        depth=parent.page.depth + 1,
        numchild=0,
        translation_key=uuid.uuid4(),
        locale_id=parent.page.locale_id,
        live=item.live,
        has_unpublished_changes=not item.live,
        first_published_at=published,
        last_published_at=published,
        # No revision exists, but the admin's listings sort and show "updated" by this.
        latest_revision_created_at=published,
        title=item.title,
        draft_title=item.title,
        slug=slug,
        content_type_id=_content_type_id(model),
        url_path=f"{parent.page.url_path}{slug}/",
        owner_id=owner_id,
        summary=item.summary,
        body=item.body,
        owner_unit_id=units.get(item.owner_unit) or next(iter(units.values())),
        internal_release_at=item.internal_release_at,
        external_release_at=item.external_release_at,
        review_date=review_date,
        **item.fields,
    )


def _content_type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk


def _insert_pages(model, objs, using):
    """Insert the three table rows of each page: Page, ArticlePage and ``model``'s own."""
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    ids = _insert_rows(Page, objs, page_fields, using, returning=True)
    for obj, pk in zip(objs, ids, strict=True):
        obj.id = obj.page_ptr_id = obj.articlepage_ptr_id = pk
    article = page_models.ArticlePage
    _insert_rows(article, objs, article._meta.local_concrete_fields, using)
    _insert_rows(model, objs, model._meta.local_concrete_fields, using)
