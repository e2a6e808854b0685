"""The Organisation menu: snippet viewsets for units, people, topics and audiences."""

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from cms.core import roles
from cms.core.factories import UserFactory
from cms.snippets.factories import PersonFactory, TopicFactory, UnitFactory
from cms.snippets.models import Audience, Person, Topic, Unit, UnitLevel


def url(model, view, *args):
    """The snippet viewset URL ``view`` of ``model``."""
    return reverse(f"wagtailsnippets_snippets_{model._meta.model_name}:{view}", args=args)


def listed(response):
    """The objects on a listing page."""
    return list(response.context["object_list"])


class SnippetAdminTestCase(TestCase):
    """A small organisation and one user per role."""

    @classmethod
    def setUpTestData(cls):
        cls.users = {
            name: UserFactory(username=f"user-{i}", roles=[name])
            for i, name in enumerate(roles.ROLE_NAMES)
        }
        cls.administration = UnitFactory(
            name="Samhällsbyggnad", short_name="SBF", level=UnitLevel.ADMINISTRATION
        )
        cls.operation = UnitFactory(
            name="Gata och park",
            short_name="GP",
            level=UnitLevel.OPERATION,
            parent=cls.administration,
        )
        cls.unit = UnitFactory(
            name="Parkenheten", short_name="PE", level=UnitLevel.UNIT, parent=cls.operation
        )
        cls.press_contact = PersonFactory(
            name="Pia Pressansvarig", job_title="Presschef", show_to_press=True, unit=cls.unit
        )
        cls.colleague = PersonFactory(name="Kalle Kollega", job_title="Trädgårdsmästare")
        cls.topic = TopicFactory(name="Trafik och resor", name_en="Traffic", slug="trafik")
        TopicFactory(name="Skola", name_en="School", slug="skola")

    def setUp(self):
        self.client.force_login(self.users[roles.ADMINISTRATOR])
        translation.activate("sv")
        self.addCleanup(translation.deactivate)


class TestListings(SnippetAdminTestCase):
    def test_every_listing_renders_for_the_administrator(self):
        for model, count in ((Unit, 3), (Person, 2), (Topic, 2), (Audience, 7)):
            with self.subTest(model=model.__name__):
                response = self.client.get(url(model, "list"))
                self.assertEqual(response.status_code, 200)
                self.assertEqual(len(listed(response)), count)

    def test_listings_render_for_every_role_with_admin_access(self):
        for name, user in self.users.items():
            if name == roles.STAFF:
                continue
            self.client.force_login(user)
            for model in (Unit, Person, Topic, Audience):
                with self.subTest(role=name, model=model.__name__):
                    self.assertEqual(self.client.get(url(model, "list")).status_code, 200)

    def test_staff_have_no_admin(self):
        self.client.force_login(self.users[roles.STAFF])
        for model in (Unit, Person, Topic, Audience):
            with self.subTest(model=model.__name__):
                self.assertNotEqual(self.client.get(url(model, "list")).status_code, 200)

    def test_the_organisation_menu_is_in_the_admin(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Organisation")


class TestSearchAndFilters(SnippetAdminTestCase):
    def test_units_by_search(self):
        response = self.client.get(url(Unit, "list"), {"q": "park"})
        self.assertEqual({u.pk for u in listed(response)}, {self.unit.pk, self.operation.pk})

    def test_units_by_level(self):
        response = self.client.get(url(Unit, "list"), {"level": UnitLevel.OPERATION})
        self.assertEqual(listed(response), [self.operation])

    def test_units_by_parent(self):
        response = self.client.get(url(Unit, "list"), {"parent": self.operation.pk})
        self.assertEqual(listed(response), [self.unit])

    def test_people_by_search(self):
        response = self.client.get(url(Person, "list"), {"q": "Pia"})
        self.assertEqual(listed(response), [self.press_contact])

    def test_people_by_show_to_press(self):
        response = self.client.get(url(Person, "list"), {"show_to_press": "true"})
        self.assertEqual(listed(response), [self.press_contact])
        response = self.client.get(url(Person, "list"), {"show_to_press": "false"})
        self.assertEqual(listed(response), [self.colleague])

    def test_topics_by_search_in_both_languages(self):
        for query in ("Trafik", "traffic"):
            with self.subTest(query=query):
                response = self.client.get(url(Topic, "list"), {"q": query})
                self.assertEqual(listed(response), [self.topic])

    def test_audiences_by_code(self):
        response = self.client.get(url(Audience, "list"), {"code": "media"})
        self.assertEqual([a.code for a in listed(response)], ["media"])

    def test_audience_listing_shows_labels_and_groups(self):
        response = self.client.get(url(Audience, "list"))
        self.assertContains(response, "Kommuninvånare")
        self.assertContains(response, "Omvärld")


class TestWhoMayChangeWhat(SnippetAdminTestCase):
    def test_only_the_administrator_adds_units(self):
        for name, user in self.users.items():
            if name == roles.STAFF:
                continue
            self.client.force_login(user)
            with self.subTest(role=name):
                status = self.client.get(url(Unit, "add")).status_code
                self.assertEqual(status == 200, name == roles.ADMINISTRATOR)

    def test_administrator_adds_a_unit(self):
        response = self.client.post(
            url(Unit, "add"),
            {
                "name": "Lekplatsgruppen",
                "short_name": "LG",
                "level": UnitLevel.UNIT,
                "parent": self.operation.pk,
                "contact_email": "lek@ekby.example",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Unit.objects.get(name="Lekplatsgruppen").parent, self.operation)

    def test_a_cycle_is_a_form_error(self):
        response = self.client.post(
            url(Unit, "edit", self.administration.pk),
            {
                "name": self.administration.name,
                "short_name": "SBF",
                "level": UnitLevel.ADMINISTRATION,
                "parent": self.unit.pk,
                "contact_email": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors["parent"],
            ["En enhet kan inte ligga under sig själv."],
        )
        self.administration.refresh_from_db()
        self.assertIsNone(self.administration.parent)

    def test_nobody_adds_or_deletes_audiences(self):
        media = Audience.objects.get(code="media")
        for name, user in self.users.items():
            self.client.force_login(user)
            with self.subTest(role=name):
                self.assertNotEqual(self.client.get(url(Audience, "add")).status_code, 200)
                self.assertNotEqual(
                    self.client.get(url(Audience, "delete", media.pk)).status_code, 200
                )
        self.assertEqual(Audience.objects.count(), 7)

    def test_communicators_keep_topics(self):
        for name, expected in ((roles.COMMUNICATOR, 200), (roles.EDITOR, None)):
            self.client.force_login(self.users[name])
            with self.subTest(role=name):
                status = self.client.get(url(Topic, "add")).status_code
                self.assertEqual(status == 200, expected == 200)
