"""Nothing hidden ever reaches a public endpoint (DESIGN.md §6.2).

A random corpus of items in every state, whose bodies link internal and ordinary
documents and whose images are shared at random between hidden and public items, is
read through every public surface: listings, details, by-path, documents, feeds,
calendars, the sitemap and the image and document addresses themselves. Some public
items expire inside the cached window: after time moves on, the same requests – plain
and conditional with the validators of the first pass – must no longer show them.
"""

import datetime
import json
import random
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone
from wagtail.images.views.serve import generate_image_url

from cms.core.factories import DocumentFactory, ImageFactory
from cms.pages.models import ArticlePage

from .test_querysets import random_items

pytestmark = pytest.mark.django_db

PUBLIC_ENDPOINTS = [
    "/api/public/v1/items?limit=100",
    "/api/public/v1/items?limit=100&ordering=title",
    "/api/public/v1/notice-board",
    "/api/public/v1/notice-board/archive?limit=100",
    "/api/public/v1/press-room",
    "/api/public/v1/press-room/releases?limit=100",
    "/api/public/v1/documents?limit=100",
    "/api/public/v1/navigation",
    "/api/public/v1/sitemap",
    "/api/public/v1/feeds/news.rss",
    "/api/public/v1/feeds/press-releases.atom",
    "/api/public/v1/feeds/notices.rss",
    "/api/public/v1/calendars/press-invitations.ics",
    "/api/public/v1/calendars/council-meetings.ics",
]
LISTING_KEYS = ("items", "notices", "latest_releases", "upcoming_invitations")
#: Seconds after the first pass at which the expiring items expire, and the second pass.
EXPIRES_IN, SECOND_PASS = 30, 90
IMAGE_POOL, DOCUMENT_POOL = 8, 10
URL = re.compile(r"https?://testserver(/[^\"'<>\s]+)")


class Corpus:
    """Random items with documents in their bodies and images drawn from a shared pool."""

    def __init__(self, make_item, site_tree, seed, count):
        self.rng = random.Random(seed)
        self.images = [
            ImageFactory(title=f"bild-lecka-{n}", alt_text=f"Alt lecka {n}")
            for n in range(IMAGE_POOL)
        ]
        self.documents = [
            DocumentFactory(title=f"Dokument lecka {n}", is_internal=n % 2 == 0)
            for n in range(DOCUMENT_POOL)
        ]
        self.uses: dict[int, tuple[set[int], set[int]]] = {}  # item → (images, documents)
        self.public = random_items(self.make(make_item), site_tree, seed=seed, count=count)

    def make(self, make_item):
        def make(kind, **kwargs):
            image = self.rng.choice([None, *self.images])
            documents = self.rng.sample(self.documents, self.rng.randint(0, 2))
            page = make_item(kind, main_image=image, body=self.body(documents), **kwargs)
            self.uses[page.pk] = ({image.pk} if image else set(), {d.pk for d in documents})
            return page

        return make

    @staticmethod
    def body(documents):
        """A document block and a rich-text link (text = the title) per document."""
        blocks = []
        for document in documents:
            blocks.append({"type": "document", "value": {"document": document.pk, "title": ""}})
            link = f'<a linktype="document" id="{document.pk}">{document.title}</a>'
            blocks.append({"type": "paragraph", "value": f"<p>Se {link}.</p>"})
        return json.dumps(blocks)

    def used_by(self, items, index):
        return set().union(*(self.uses[pk][index] for pk in items if pk in self.uses))


class Crawl:
    """Public requests, the leaks they show, and the figures of the run."""

    def __init__(self, client):
        self.client = client
        self.requests = 0
        self.leaks: list[str] = []

    def get(self, url, **headers):
        self.requests += 1
        return self.client.get(url, **headers)

    def leak(self, url, what):
        self.leaks.append(f"{url}: {what}")

    def read(self, expected, hidden_pages, hidden_markers, etags=None):
        """Every public surface; ``etags`` from an earlier pass makes the requests conditional."""
        answers = {}
        urls = [*PUBLIC_ENDPOINTS]
        for page in ArticlePage.objects.all():
            urls += [f"/api/public/v1/items/{page.pk}", by_path(page)]
        seen = set()
        for url in urls:
            headers = {"HTTP_IF_NONE_MATCH": etags[url]} if etags and url in etags else {}
            response = self.get(url, **headers)
            answers[url] = response
            if response.status_code == 304:
                continue  # what the reader keeps was checked in the earlier pass
            if url in PUBLIC_ENDPOINTS and response.status_code != 200:
                self.leak(url, f"a public surface answered {response.status_code}")
            text = response.content.decode()
            for page in hidden_pages:
                if f"/{page.slug}/" in text:
                    self.leak(url, f"hidden item {page.pk}")
            for marker in hidden_markers:
                if marker in text:
                    self.leak(url, f"hidden file {marker!r}")
            if response.status_code == 200 and "json" in response["Content-Type"]:
                data = response.json()
                for key in LISTING_KEYS:
                    if isinstance(data, dict) and key in data and "/documents" not in url:
                        seen |= {item["id"] for item in data[key]}
        return answers, seen


def by_path(page):
    from cms.pages.paths import frontend_path

    return f"/api/public/v1/items/by-path?path={frontend_path(page.url_path, 'sv')}"


def file_markers(images, documents):
    """What would give a hidden file away: titles, alt texts and file names."""
    markers = set()
    for image in images:
        markers |= {image.title, image.alt_text, image.file.name.rsplit("/", 1)[-1]}
    for document in documents:
        markers |= {document.title, document.file.name.rsplit("/", 1)[-1]}
    return markers


def test_random_items_never_leak_through_any_public_surface(
    client, make_item, site_tree, settings, tmp_path, staff_reader
):
    settings.MEDIA_ROOT = tmp_path / "media"
    corpus = Corpus(make_item, site_tree, seed=11, count=60)
    expected = corpus.public
    start = timezone.now()
    expiring = set(corpus.rng.sample(sorted(expected), 4))
    ArticlePage.objects.filter(pk__in=expiring).update(
        expire_at=start + datetime.timedelta(seconds=EXPIRES_IN)
    )
    crawl = Crawl(client)
    first = {}
    for moment, visible in ((0, expected), (SECOND_PASS, expected - expiring)):
        with time_machine.travel(start + datetime.timedelta(seconds=moment), tick=False):
            hidden = ArticlePage.objects.exclude(pk__in=visible)
            public_images = corpus.used_by(visible, 0)
            public_documents = {
                pk
                for pk in corpus.used_by(visible, 1)
                if not next(d for d in corpus.documents if d.pk == pk).is_internal
            }
            hidden_images = [i for i in corpus.images if i.pk not in public_images]
            hidden_documents = [d for d in corpus.documents if d.pk not in public_documents]
            assert hidden_images and hidden_documents, "the generator should hide some files"
            markers = file_markers(hidden_images, hidden_documents)
            answers, seen = crawl.read(visible, list(hidden), markers, etags=first or None)
            if not first:
                first = {url: r["ETag"] for url, r in answers.items() if r.has_header("ETag")}
                assert seen == visible  # every public item is reachable from some listing
            else:
                assert seen <= visible
            for page in hidden:
                status = answers[f"/api/public/v1/items/{page.pk}"].status_code
                if status != 404:
                    crawl.leak(f"items/{page.pk}", f"answered {status}")
            check_files(crawl, corpus, public_images, public_documents, answers)
    check_staff_images(crawl, corpus, expected, staff_reader)
    print(  # the figures of the run (pytest -s)
        f"\nleak run: {len(corpus.uses)} items ({len(expected)} public, {len(expiring)} "
        f"expiring), {IMAGE_POOL} images, {DOCUMENT_POOL} documents, "
        f"{crawl.requests} requests, {len(crawl.leaks)} leaks"
    )
    assert crawl.leaks == []


def check_files(crawl, corpus, public_images, public_documents, answers):
    """Files answer only when a visible item uses them; public ones are CDN-cacheable."""
    for image in corpus.images:
        url = generate_image_url(image, "fill-480x270")
        response = crawl.get(url)
        if image.pk in public_images:
            if response.status_code != 200 or "public" not in response["Cache-Control"]:
                crawl.leak(url, f"public image answered {response.status_code}")
        elif response.status_code != 404:
            crawl.leak(url, f"hidden image answered {response.status_code}")
    for document in corpus.documents:
        status = crawl.get(document.url).status_code
        if (status == 200) != (document.pk in public_documents):
            crawl.leak(document.url, f"document answered {status}")
    for url in sorted({m for r in answers.values() for m in URL.findall(r.content.decode())}):
        if "/api/images/" in url and crawl.get(url).status_code != 200:
            crawl.leak(url, "an image a public answer shows is not served")


def check_staff_images(crawl, corpus, expected, staff_reader):
    """Staff still see their images: signed for them, private, without a file name."""
    _user, headers = staff_reader
    staff_only = ArticlePage.objects.for_staff(_user).exclude(pk__in=expected)
    public_images = corpus.used_by(expected, 0)
    checked = 0
    for page in staff_only.filter(main_image__isnull=False):
        if page.main_image_id in public_images:
            continue
        data = crawl.client.get(f"/api/intranet/v1/items/{page.pk}", **headers).json()
        url = urlsplit(data["image"]["renditions"]["medium"]["url"]).path
        response = crawl.get(url)
        if response.status_code != 200 or not response["Cache-Control"].startswith("private"):
            crawl.leak(url, "a staff image is not served privately to its reader")
        if page.main_image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] in url:
            crawl.leak(url, "a staff image's URL names its file")
        checked += 1
    assert checked, "the generator should give some staff-only items their own images"
