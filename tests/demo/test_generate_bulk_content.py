"""The bulk content generator: varied items, a consistent tree, usable pages."""

import datetime
from collections import Counter
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.demo.bulk import plan_items
from cms.demo.loader import LoadReport, ensure_people, ensure_units
from cms.pages.models import (
    ArticlePage,
    NewsIndexPage,
    NewsPage,
    NoticeBoardPage,
    NoticePage,
    PressReleasePage,
    PressRoomPage,
    StaffBulletinIndexPage,
    StaffBulletinPage,
)
from cms.snippets.models.audiences import EXTERNAL_CODES

ITEMS = 200
SEED = 42
INDEX_MODELS = (NewsIndexPage, NoticeBoardPage, PressRoomPage, StaffBulletinIndexPage)
ARTICLE_MODELS = (NewsPage, NoticePage, PressReleasePage, StaffBulletinPage)


def generate(items=ITEMS, seed=SEED) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("generate_bulk_content", items=items, seed=seed, stdout=out)
    return out.getvalue()


class TestGenerateBulkContent(TestCase):
    """The command builds the missing structure itself, then inserts ``ITEMS`` items."""

    @classmethod
    def setUpTestData(cls):
        ensure_people(ensure_units(LoadReport()), LoadReport())
        cls.output = generate()

    def test_creates_the_requested_number_of_each_type(self):
        counts = {model: model.objects.count() for model in ARTICLE_MODELS}
        self.assertEqual(sum(counts.values()), ITEMS)
        self.assertEqual(ArticlePage.objects.count(), ITEMS)
        for model, count in counts.items():
            with self.subTest(model=model.__name__):
                self.assertGreater(count, 0)
        self.assertGreater(counts[NewsPage], ITEMS / 2)
        self.assertIn("artiklar/s", self.output)
        self.assertIn("Demostrukturen saknades", self.output)

    def test_tree_is_consistent(self):
        problems = Page.find_problems()
        self.assertEqual([list(p) for p in problems], [[], [], [], [], []])
        for model in INDEX_MODELS:
            index = model.objects.get()
            with self.subTest(index=model.__name__):
                self.assertEqual(index.numchild, index.get_children().count())
                for child in index.get_children():
                    self.assertEqual(child.get_parent().pk, index.pk)
                    self.assertEqual(child.url_path, f"{index.url_path}{child.slug}/")
                    self.assertEqual(child.locale_id, index.locale_id)
        slugs = Counter(NewsIndexPage.objects.get().get_children().values_list("slug", flat=True))
        self.assertEqual(slugs.most_common(1)[0][1], 1)

    def test_specific_pages_load_and_validate(self):
        for model in ARTICLE_MODELS:
            index_children = Page.objects.type(model).specific()
            with self.subTest(model=model.__name__):
                pages = list(index_children)
                self.assertTrue(all(isinstance(page, model) for page in pages))
                for page in pages:
                    self.assertTrue([block.block_type for block in page.body])
                    page.full_clean()

    def test_audiences_and_topics_are_set(self):
        for page in ArticlePage.objects.prefetch_related("audiences", "topics"):
            with self.subTest(page=page.pk):
                self.assertTrue(page.audiences.all())
                self.assertTrue(page.topics.all())
        for page in StaffBulletinPage.objects.all():
            self.assertEqual(page.get_audience_codes(), {"staff"})
        for page in NoticePage.objects.all():
            self.assertEqual(page.get_audience_codes(), set(EXTERNAL_CODES))
        for page in PressReleasePage.objects.all():
            self.assertIn("media", page.get_audience_codes())
            self.assertTrue(page.media_contacts.exists())
        self.assertTrue(StaffBulletinPage.target_units.through.objects.exists())

    def test_release_plan_matches_audiences(self):
        now = timezone.now()
        pages = list(ArticlePage.objects.prefetch_related("audiences"))
        for page in pages:
            with self.subTest(page=page.pk):
                if not page.live:
                    self.assertIsNone(page.internal_release_at)
                    self.assertIsNone(page.first_published_at)
                    continue
                self.assertIsNotNone(page.internal_release_at)
                if page.is_staff_only:
                    self.assertIsNone(page.external_release_at)
                else:
                    self.assertGreaterEqual(page.external_release_at, page.internal_release_at)
        self.assertTrue(any(p.is_staff_only for p in pages))
        self.assertTrue(any(not p.live for p in pages))
        self.assertTrue(any(p.live and p.internal_release_at > now for p in pages))
        oldest = min(p.internal_release_at for p in pages if p.internal_release_at)
        self.assertLess(oldest, now - datetime.timedelta(days=365))

    def test_admin_explorer_lists_bulk_pages(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@ekby.example", "x")
        self.client.force_login(admin)
        news = NewsIndexPage.objects.get()
        response = self.client.get(reverse("wagtailadmin_explore", args=[news.pk]))
        self.assertEqual(response.status_code, 200)
        page = NewsPage.objects.first()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)

    def test_same_seed_gives_the_same_items(self):
        before = set(ArticlePage.objects.values_list("pk", flat=True))
        generate()
        added = ArticlePage.objects.exclude(pk__in=before)
        self.assertEqual(
            sorted(added.values_list("title", flat=True)),
            sorted(ArticlePage.objects.filter(pk__in=before).values_list("title", flat=True)),
        )
        # Slugs stay unique under their parent although the titles repeat.
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        news = NewsIndexPage.objects.get()
        self.assertEqual(news.numchild, news.get_children().count())


class TestArguments(TestCase):
    """Bad arguments get a clear error, not a traceback."""

    def test_items_must_be_positive(self):
        with self.assertRaisesMessage(CommandError, "--items"):
            generate(items=0)


class TestPlanItems(TestCase):
    """The plan is a pure function of the seed."""

    units = ["Biblioteket", "Gata och park", "HR-avdelningen"]

    def test_plan_is_deterministic(self):
        now = timezone.now()
        first = plan_items(50, 7, now, self.units, 2)
        self.assertEqual(first, plan_items(50, 7, now, self.units, 2))
        self.assertNotEqual(first, plan_items(50, 8, now, self.units, 2))

    def test_staff_only_items_have_no_external_release(self):
        for item in plan_items(300, 1, timezone.now(), self.units, 2):
            with self.subTest(title=item.title):
                if set(item.audiences) == {"staff"}:
                    self.assertIsNone(item.external_release_at)
                elif item.live:
                    self.assertIsNotNone(item.external_release_at)
