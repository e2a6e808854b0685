"""The demo content loader: everything is there, once, and a second run changes nothing."""

import datetime
import shutil
import tempfile
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import TestCase, override_settings
from oauth2_provider.models import get_application_model
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from cms.core import roles
from cms.core.models import EnkanalImage, MunicipalitySettings
from cms.demo.loader import LoadReport, ensure_units, ensure_users
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
from cms.snippets.models import AudienceCode, Person, Topic, Unit

DEMO_PASSWORD = "ekby-demo-lösen-2026"

User = get_user_model()


def load(**options) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("load_demo_content", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict:
    """Every row (all field values) of every model the loader touches."""
    models = [
        Page,
        ArticlePage,
        NewsPage,
        NoticePage,
        PressReleasePage,
        StaffBulletinPage,
        Revision,
        PageLogEntry,
        Site,
        Locale,
        Unit,
        Unit.managers.through,
        Unit.members.through,
        Topic,
        Person,
        EnkanalImage,
        User,
        User.groups.through,
        MunicipalitySettings,
        ArticlePage.audiences.through,
        ArticlePage.topics.through,
        StaffBulletinPage.target_units.through,
        PressReleasePage.media_contacts.through,
        get_application_model(),
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


class TestLoadDemoContent(TestCase):
    """One load in ``setUpTestData``; each test sees its result."""

    @classmethod
    def setUpClass(cls):
        # The demo image is written to MEDIA_ROOT: keep it out of the working tree.
        cls.media_root = tempfile.mkdtemp()
        cls.media_override = override_settings(MEDIA_ROOT=cls.media_root)
        cls.media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.media_override.disable()
        shutil.rmtree(cls.media_root, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        with override_settings(ENKANAL_DEMO_PASSWORD=DEMO_PASSWORD):
            cls.output = load()
        cls.sv = Locale.objects.get(language_code="sv")
        cls.en = Locale.objects.get(language_code="en")

    def articles(self, locale=None):
        return ArticlePage.objects.filter(locale=locale or self.sv, live=True)

    def test_site_root_is_the_swedish_home_page(self):
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        self.assertIsInstance(home, HomePage)
        self.assertEqual(home.title, "Ekby kommun")
        self.assertEqual(home.locale, self.sv)
        self.assertEqual(site.hostname, "localhost")
        # Wagtail's welcome page is gone.
        plain = ContentType.objects.get_for_model(Page)
        self.assertFalse(Page.objects.filter(depth=2, content_type=plain).exists())

    def test_index_pages_exist_in_both_languages(self):
        for locale in (self.sv, self.en):
            home = HomePage.objects.get(locale=locale)
            with self.subTest(locale=locale.language_code):
                self.assertTrue(home.live)
                for model in (
                    NewsIndexPage,
                    NoticeBoardPage,
                    PressRoomPage,
                    StaffBulletinIndexPage,
                ):
                    self.assertTrue(model.objects.child_of(home).live().exists(), model)
        home_sv = HomePage.objects.get(locale=self.sv)
        self.assertEqual(
            home_sv.get_translation(self.en).title,
            "Ekby Municipality",
        )
        news_en = NewsIndexPage.objects.get(locale=self.en)
        self.assertEqual(
            news_en.translation_key, NewsIndexPage.objects.get(locale=self.sv).translation_key
        )

    def test_every_type_and_audience_is_present(self):
        for model in (NewsPage, NoticePage, PressReleasePage, StaffBulletinPage):
            with self.subTest(model=model.__name__):
                self.assertTrue(model.objects.filter(locale=self.sv, live=True).exists())
        codes = set(
            ArticlePage.audiences.through.objects.filter(
                articlepage__locale=self.sv, articlepage__live=True
            ).values_list("audience__code", flat=True)
        )
        self.assertEqual(codes, set(AudienceCode.values))
        # A staff-only news item and one for partners and authorities.
        staff_only = [p for p in NewsPage.objects.filter(locale=self.sv) if p.is_staff_only]
        self.assertTrue(staff_only)
        self.assertTrue(
            any(
                p.get_audience_codes() == {"partners", "authorities"}
                for p in NewsPage.objects.filter(locale=self.sv)
            )
        )

    def test_notices_follow_the_law(self):
        notices = {n.notice_kind: n for n in NoticePage.objects.filter(locale=self.sv)}
        self.assertEqual(set(notices), {"meeting", "adjusted_minutes", "delegated_decision"})
        meeting = notices["meeting"]
        self.assertEqual(meeting.issuing_body, "Kommunfullmäktige")
        self.assertIsNotNone(meeting.meeting_date)
        minutes = notices["adjusted_minutes"]
        self.assertIsNotNone(minutes.adjustment_date)
        self.assertTrue(minutes.minutes_location)
        self.assertGreaterEqual(
            minutes.earliest_removal_date,
            minutes.posting_date
            + datetime.timedelta(days=settings.ENKANAL_MINUTES_MIN_POSTING_DAYS),
        )
        for notice in notices.values():
            with self.subTest(kind=notice.notice_kind):
                notice.full_clean()

    def test_press_invitation_has_time_place_and_contacts(self):
        invitation = PressReleasePage.objects.get(locale=self.sv, kind="invitation")
        self.assertIsNotNone(invitation.event_start)
        self.assertTrue(invitation.event_location)
        contacts = list(invitation.media_contacts.all())
        self.assertTrue(contacts)
        self.assertTrue(all(person.show_to_press for person in contacts))
        self.assertTrue(PressReleasePage.objects.filter(locale=self.sv, kind="release").exists())

    def test_staff_bulletins_for_all_and_for_a_unit(self):
        bulletins = list(StaffBulletinPage.objects.filter(locale=self.sv))
        targeted = [b for b in bulletins if b.target_units.exists()]
        self.assertEqual(len(targeted), 1)
        self.assertEqual(len(bulletins), 2)
        self.assertEqual(targeted[0].target_units.get().name, "Förskoleverksamheten")

    def test_bodies_use_several_block_types(self):
        types = {block.block_type for page in self.articles() for block in page.specific.body}
        self.assertLessEqual(
            {"heading", "paragraph", "quote", "fact_box", "contact", "image"}, types
        )
        self.assertNotIn("video", types)

    def test_images_are_drawn_locally_with_alt_text(self):
        from cms.core.models import MunicipalitySettings

        logo = MunicipalitySettings.load().logo
        illustrations = EnkanalImage.objects.exclude(pk=logo.pk)
        self.assertGreaterEqual(illustrations.count(), 8)
        for image in illustrations:
            with self.subTest(image=image.title):
                self.assertTrue(image.alt_text)
                self.assertEqual((image.width, image.height), (1200, 675))
                self.assertTrue(image.file_hash)
        # Varied: no two illustrations are the same picture.
        hashes = list(illustrations.values_list("file_hash", flat=True))
        self.assertEqual(len(hashes), len(set(hashes)))
        self.assertTrue(logo.filename.endswith(".svg") and logo.alt_text)

    def test_no_article_shows_one_image_twice(self):
        for page in ArticlePage.objects.filter(main_image__isnull=False).specific():
            with self.subTest(page=page.title):
                in_body = [b.value["image"].pk for b in page.body if b.block_type == "image"]
                self.assertNotIn(page.main_image_id, in_body)

    def test_identity_shortcuts_and_a_must_read_bulletin(self):
        from cms.core.models import MunicipalitySettings
        from cms.pages.models import StaffBulletinPage
        from cms.snippets.models import ServiceShortcut
        from cms.workflows.models import ImportantMessage

        identity = MunicipalitySettings.load()
        self.assertTrue(identity.phone and identity.visiting_address)
        self.assertEqual(len(identity.opening_hours), 3)
        self.assertTrue(identity.social_links)
        identity.full_clean()  # the colours pass the contrast check
        self.assertGreaterEqual(ServiceShortcut.objects.count(), 4)
        self.assertTrue(StaffBulletinPage.objects.filter(must_read=True, live=True).exists())
        message = ImportantMessage.objects.get()
        self.assertFalse(message.is_published)  # publishing needs an Informatör's reason

    def test_items_are_published_through_revisions(self):
        for page in ArticlePage.objects.filter(live=True):
            with self.subTest(page=page.title):
                self.assertIsNotNone(page.live_revision_id)
                self.assertTrue(
                    PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
                )

    def test_release_plans_are_explicit(self):
        for page in ArticlePage.objects.filter(live=True):
            with self.subTest(page=page.title):
                self.assertEqual(page.internal_release_at, page.first_published_at)
                if page.is_staff_only:
                    self.assertIsNone(page.external_release_at)
                else:
                    self.assertEqual(page.external_release_at, page.first_published_at)

    def test_english_translations_exist(self):
        translations = list(self.articles(self.en))
        self.assertGreaterEqual(len(translations), 3)
        for page in translations:
            with self.subTest(page=page.title):
                source = page.get_translation(self.sv)
                self.assertNotEqual(page.title, source.title)
                self.assertNotEqual(page.slug, source.slug)
                self.assertEqual(page.get_audience_codes(), source.get_audience_codes())

    def test_one_user_per_role(self):
        expected = {
            "medarbetare": roles.STAFF,
            "redaktor": roles.EDITOR,
            "chef": roles.MANAGER,
            "informator": roles.COMMUNICATOR,
            "kommunchef": roles.DIRECTOR,
            "administrator": roles.ADMINISTRATOR,
        }
        for username, role in expected.items():
            user = User.objects.get(username=username)
            with self.subTest(username=username):
                self.assertEqual(list(user.groups.values_list("name", flat=True)), [role])
                self.assertTrue(user.email.endswith("@ekby.example"))
                self.assertTrue(user.first_name)
                self.assertFalse(user.is_superuser)
                self.assertTrue(user.check_password(DEMO_PASSWORD))
                self.assertTrue(user.units.exists())
        self.assertTrue(User.objects.get(username="administrator").is_staff)
        self.assertIn(DEMO_PASSWORD, self.output)

    def test_managers_and_the_unit_without_one(self):
        chef = User.objects.get(username="chef")
        redaktor = User.objects.get(username="redaktor")
        for unit in redaktor.units.all():
            self.assertIn(chef, unit.managers.all())
        ksf = Unit.objects.get(name="Kommunstyrelseförvaltningen", parent=None)
        self.assertIn(User.objects.get(username="kommunchef"), ksf.managers.all())
        solrosen = Unit.objects.get(name="Förskolan Solrosen")
        self.assertFalse(solrosen.managers.exists())
        self.assertEqual(solrosen.get_responsible_managers(), [chef])

    def test_vocabularies_and_settings(self):
        self.assertEqual(Topic.objects.count(), 8)
        self.assertFalse(Topic.objects.filter(name_en="").exists())
        self.assertGreaterEqual(Person.objects.media_contacts().count(), 2)
        texts = MunicipalitySettings.load()
        self.assertIn("tre veckor", texts.appeal_instructions)
        self.assertIn("förvaltningsrätten", texts.appeal_instructions)
        self.assertIn("three weeks", texts.appeal_instructions_en)
        self.assertTrue(texts.about_municipality and texts.about_municipality_en)

    def test_intranet_is_a_public_pkce_client(self):
        application = get_application_model().objects.get(client_id="enkanal-intranet")
        self.assertEqual(application.client_type, "public")
        self.assertEqual(application.authorization_grant_type, "authorization-code")
        self.assertIn(
            settings.ENKANAL_INTRANET_URL.rstrip("/") + "/oidc/callback/",
            application.redirect_uris.split(),
        )
        # "Logga ut" on the intranet may return to its login page, and nowhere else.
        self.assertEqual(
            application.post_logout_redirect_uris.split(),
            [settings.ENKANAL_INTRANET_URL.rstrip("/") + "/logga-in/"],
        )

    def test_second_run_changes_nothing(self):
        before = snapshot()
        output = load()
        self.assertEqual(snapshot(), before)
        self.assertIn("inget nytt skapat", output)
        self.assertIn("oförändrat", output)
        self.assertNotIn(DEMO_PASSWORD, output)

    def test_reset_passwords_changes_only_passwords(self):
        before = snapshot()
        with override_settings(ENKANAL_DEMO_PASSWORD="ett-helt-nytt-lösen"):
            output = load(reset_passwords=True)
        after = snapshot()
        self.assertIn("ett-helt-nytt-lösen", output)
        for user in User.objects.all():
            self.assertTrue(user.check_password("ett-helt-nytt-lösen"))
        for rows in (before, after):
            for row in rows[User._meta.label]:
                row.pop("password")
        self.assertEqual(after, before)


class TestRandomPassword(TestCase):
    """Without ENKANAL_DEMO_PASSWORD new users get a random password, reported once."""

    @override_settings(ENKANAL_DEMO_PASSWORD="")
    def test_random_password_is_reported_and_works(self):
        report = LoadReport()
        ensure_users(ensure_units(report), report)
        passwords = {username: password for username, _role, password in report.passwords}
        self.assertEqual(len(set(passwords.values())), 1)
        password = passwords["redaktor"]
        self.assertGreaterEqual(len(password), 12)
        self.assertTrue(User.objects.get(username="redaktor").check_password(password))
