"""Where each page type may be created: the tree is home → one index per type → items."""

from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

#: Each index page and the one article type it holds.
from cms.channels.models.editions import Edition
from cms.pages.models import (
    ArticlePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    NoticeBoardPage,
    NoticePage,
    PressReleasePage,
    PressRoomPage,
    StaffBulletinIndexPage,
    StaffBulletinPage,
)
from tests.pages import factories

INDEX_TO_ARTICLE = {
    NewsIndexPage: NewsPage,
    NoticeBoardPage: NoticePage,
    PressRoomPage: PressReleasePage,
    StaffBulletinIndexPage: StaffBulletinPage,
}
INDEX_FACTORIES = {
    NewsIndexPage: factories.NewsIndexPageFactory,
    NoticeBoardPage: factories.NoticeBoardPageFactory,
    PressRoomPage: factories.PressRoomPageFactory,
    StaffBulletinIndexPage: factories.StaffBulletinIndexPageFactory,
}
ARTICLE_FACTORIES = {
    NewsPage: factories.NewsPageFactory,
    NoticePage: factories.NoticePageFactory,
    PressReleasePage: factories.PressReleasePageFactory,
    StaffBulletinPage: factories.StaffBulletinPageFactory,
}
ALL_TYPES = [Page, HomePage, *INDEX_TO_ARTICLE, *INDEX_TO_ARTICLE.values()]


class TestAllowedTypes(WagtailPageTestCase):
    """The declared parent and child types of every page type."""

    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        for parent in ALL_TYPES[1:]:
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, HomePage)

    def test_home_page_holds_the_index_pages(self):
        self.assertAllowedSubpageTypes(HomePage, set(INDEX_TO_ARTICLE))

    def test_index_pages_only_under_a_home_page(self):
        for index in INDEX_TO_ARTICLE:
            with self.subTest(index=index.__name__):
                self.assertAllowedParentPageTypes(index, {HomePage})
                self.assertCanCreateAt(HomePage, index)
                self.assertCanNotCreateAt(Page, index)

    def test_each_article_type_only_under_its_index(self):
        for index, article in INDEX_TO_ARTICLE.items():
            with self.subTest(article=article.__name__):
                self.assertAllowedParentPageTypes(article, {index})
                # INblick's editions live beside the bulletins they collect.
                extra = {Edition} if index is StaffBulletinIndexPage else set()
                self.assertAllowedSubpageTypes(index, {article, *extra})
                for parent in ALL_TYPES:
                    if parent is not index:
                        self.assertCanNotCreateAt(parent, article)

    def test_no_children_under_articles(self):
        for article in INDEX_TO_ARTICLE.values():
            with self.subTest(article=article.__name__):
                self.assertAllowedSubpageTypes(article, set())

    def test_the_shared_article_table_is_not_a_page_type(self):
        self.assertFalse(ArticlePage.is_creatable)
        for parent in ALL_TYPES:
            self.assertCanNotCreateAt(parent, ArticlePage)


class TestCreatableInTheTree(WagtailPageTestCase):
    """Counting rules that need a real tree: one home per locale, one index per home."""

    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.swedish = Locale.objects.get(language_code="sv")
        cls.english = Locale.objects.get(language_code="en")
        cls.home = factories.HomePageFactory(parent=cls.root, locale=cls.swedish)
        cls.indexes = {
            model: factory(parent=cls.home) for model, factory in INDEX_FACTORIES.items()
        }
        cls.articles = {
            article: ARTICLE_FACTORIES[article](parent=cls.indexes[index])
            for index, article in INDEX_TO_ARTICLE.items()
        }

    def test_a_home_page_while_a_locale_lacks_one(self):
        self.assertTrue(HomePage.can_create_at(self.root))
        factories.HomePageFactory(parent=self.root, locale=self.english, slug="en")
        self.assertFalse(HomePage.can_create_at(self.root))

    def test_a_second_home_page_for_a_locale_is_refused(self):
        second = HomePage(title="Ekby igen", slug="ekby-igen", locale=self.swedish)
        with self.assertRaises(ValidationError) as caught:
            self.root.add_child(instance=second)
        self.assertEqual(
            caught.exception.messages, ["Det finns redan en startsida för det här språket."]
        )

    def test_saving_the_home_page_again_is_fine(self):
        self.home.title = "Ekby kommun – startsida"
        self.home.save()
        self.home.full_clean()

    def test_one_index_page_of_each_type_per_home_page(self):
        for index in INDEX_TO_ARTICLE:
            with self.subTest(index=index.__name__):
                self.assertFalse(index.can_create_at(self.home))

    def test_another_home_page_gets_its_own_index_pages(self):
        english_home = factories.HomePageFactory(parent=self.root, locale=self.english, slug="en")
        for index in INDEX_TO_ARTICLE:
            with self.subTest(index=index.__name__):
                self.assertTrue(index.can_create_at(english_home))

    def test_articles_under_their_index_only(self):
        for index, article in INDEX_TO_ARTICLE.items():
            with self.subTest(article=article.__name__):
                self.assertTrue(article.can_create_at(self.indexes[index]))
                self.assertFalse(article.can_create_at(self.home))
                for other_index, other_page in self.indexes.items():
                    if other_index is not index:
                        self.assertFalse(article.can_create_at(other_page))

    def test_nothing_under_an_article(self):
        for parent in self.articles.values():
            for child in ALL_TYPES[1:]:
                with self.subTest(parent=type(parent).__name__, child=child.__name__):
                    self.assertFalse(child.can_create_at(parent))

    def test_the_admin_offers_only_the_allowed_types(self):
        user = self.create_superuser("admin")
        self.client.force_login(user)
        for index, article in INDEX_TO_ARTICLE.items():
            with self.subTest(index=index.__name__):
                response = self.client.get(
                    f"/admin/pages/{self.indexes[index].pk}/add_subpage/", follow=True
                )
                self.assertEqual(response.status_code, 200)
                opts = article._meta
                self.assertContains(
                    response,
                    f"/admin/pages/add/{opts.app_label}/{opts.model_name}/"
                    f"{self.indexes[index].pk}/",
                )
                self.assertNotContains(response, "/admin/pages/add/pages/homepage/")
        # A second news index under the same home is refused, shown or posted.
        add_url = f"/admin/pages/add/pages/newsindexpage/{self.home.pk}/"
        self.assertNotEqual(self.client.get(add_url).status_code, 200)
        self.client.post(add_url, {"title": "Fler nyheter", "slug": "fler-nyheter"})
        self.assertEqual(NewsIndexPage.objects.child_of(self.home).count(), 1)
