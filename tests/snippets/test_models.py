"""The shared vocabularies: the unit tree, the fixed audiences, topics and people."""

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from cms.core.factories import UserFactory
from cms.snippets.factories import PersonFactory, TopicFactory, UnitFactory
from cms.snippets.models import OUTSIDE_WORLD_CODES, Audience, AudienceCode, Person, UnitLevel


class TestUnitTree(TestCase):
    """förvaltning → verksamhet → enhet, with managers who approve."""

    @classmethod
    def setUpTestData(cls):
        cls.administration = UnitFactory(
            name="Barn- och utbildning", level=UnitLevel.ADMINISTRATION
        )
        cls.operation = UnitFactory(
            name="Förskola", level=UnitLevel.OPERATION, parent=cls.administration
        )
        cls.unit = UnitFactory(name="Solrosen", level=UnitLevel.UNIT, parent=cls.operation)

    def assert_refused(self, unit, field, message):
        with self.assertRaises(ValidationError) as caught:
            unit.full_clean()
        self.assertEqual(caught.exception.message_dict, {field: [message]})

    def test_the_tree_is_valid(self):
        for unit in (self.administration, self.operation, self.unit):
            with self.subTest(unit=unit.name):
                unit.full_clean()

    def test_a_unit_cannot_be_its_own_parent(self):
        self.unit.parent = self.unit
        self.assert_refused(self.unit, "parent", "En enhet kan inte ligga under sig själv.")

    def test_a_cycle_is_refused(self):
        self.administration.parent = self.unit
        self.assert_refused(
            self.administration, "parent", "En enhet kan inte ligga under sig själv."
        )

    def test_a_cycle_is_refused_when_saved_from_code(self):
        self.administration.parent = self.unit
        with self.assertRaises(ValidationError):
            self.administration.save()
        self.administration.refresh_from_db()
        self.assertIsNone(self.administration.parent_id)

    def test_level_must_go_down(self):
        message = "Nivån måste vara lägre än den överordnade enhetens nivå."
        cases = [
            (UnitLevel.ADMINISTRATION, self.administration),
            (UnitLevel.OPERATION, self.operation),
            (UnitLevel.OPERATION, self.unit),
            (UnitLevel.UNIT, self.unit),
            (UnitLevel.ADMINISTRATION, self.unit),
        ]
        for level, parent in cases:
            with self.subTest(level=level, parent=parent.name):
                child = UnitFactory.build(name="Ny", level=level, parent=parent)
                self.assert_refused(child, "level", message)

    def test_a_parent_cannot_sink_to_its_childrens_level(self):
        message = "Nivån måste vara högre än nivån på enhetens underenheter."
        for unit, level in (
            (self.operation, UnitLevel.UNIT),
            (self.administration, UnitLevel.OPERATION),
        ):
            with self.subTest(unit=unit.name, level=level):
                unit.level = level
                self.assert_refused(unit, "level", message)
                unit.refresh_from_db()

    def test_a_level_may_be_skipped(self):
        UnitFactory.build(
            name="Kansliet", level=UnitLevel.UNIT, parent=self.administration
        ).full_clean()

    def test_names_are_unique_within_a_parent(self):
        with self.assertRaises(ValidationError):
            UnitFactory.build(
                name="Solrosen", level=UnitLevel.UNIT, parent=self.operation
            ).full_clean()
        UnitFactory.build(
            name="Solrosen", level=UnitLevel.OPERATION, parent=self.administration
        ).full_clean()

    def test_ancestors_nearest_first(self):
        self.assertEqual(self.unit.get_ancestors(), [self.operation, self.administration])
        self.assertEqual(
            self.unit.get_ancestors(include_self=True),
            [self.unit, self.operation, self.administration],
        )
        self.assertEqual(self.administration.get_ancestors(), [])

    def test_descendants(self):
        self.assertEqual(
            self.administration.get_descendant_ids(), {self.operation.pk, self.unit.pk}
        )
        self.assertEqual(self.unit.get_descendant_ids(), set())

    def test_display_path(self):
        self.assertEqual(self.unit.display_path, "Barn- och utbildning › Förskola › Solrosen")
        self.assertEqual(self.administration.display_path, "Barn- och utbildning")

    def test_responsible_managers_are_the_units_own(self):
        own = UserFactory(username="chef-solrosen")
        above = UserFactory(username="chef-forskola")
        self.unit.managers.add(own)
        self.operation.managers.add(above)
        self.assertEqual(self.unit.get_responsible_managers(), [own])

    def test_responsible_managers_walk_up_to_the_nearest_with_managers(self):
        top = UserFactory(username="forvaltningschef")
        self.administration.managers.add(top)
        self.assertEqual(self.unit.get_responsible_managers(), [top])
        self.assertEqual(self.operation.get_responsible_managers(), [top])

    def test_inactive_managers_are_skipped(self):
        gone = UserFactory(username="slutat", is_active=False)
        top = UserFactory(username="forvaltningschef")
        self.unit.managers.add(gone)
        self.operation.managers.add(UserFactory(username="ocksa-slutat", is_active=False))
        self.administration.managers.add(top)
        self.assertEqual(self.unit.get_responsible_managers(), [top])

    def test_no_managers_anywhere(self):
        self.assertEqual(self.unit.get_responsible_managers(), [])

    def test_managed_by_and_with_member(self):
        manager = UserFactory(username="chef")
        member = UserFactory(username="medarbetare")
        self.operation.managers.add(manager)
        self.unit.members.add(member)
        Unit = type(self.unit)
        self.assertQuerySetEqual(Unit.objects.managed_by(manager), [self.operation])
        self.assertQuerySetEqual(Unit.objects.with_member(member), [self.unit])


class TestAudiences(TestCase):
    """The seven fixed audiences of the strategy, created by a data migration."""

    def test_exactly_the_seven_codes_exist(self):
        self.assertEqual(
            sorted(Audience.objects.values_list("code", flat=True)), sorted(AudienceCode.values)
        )
        self.assertEqual(Audience.objects.count(), 7)

    def test_ordered_residents_staff_then_the_outside_world(self):
        self.assertEqual(
            list(Audience.objects.values_list("code", flat=True)[:2]), ["residents", "staff"]
        )

    def test_the_outside_world_is_five_audiences(self):
        outside = [a for a in Audience.objects.all() if a.is_outside_world]
        self.assertEqual(len(outside), 5)
        self.assertEqual({a.code for a in outside}, set(OUTSIDE_WORLD_CODES))

    def test_grouping(self):
        with translation.override("sv"):
            groups = {a.code: str(a.group_label) for a in Audience.objects.all()}
        self.assertEqual(groups["residents"], "Kommuninvånare")
        self.assertEqual(groups["staff"], "Medarbetare")
        for code in OUTSIDE_WORLD_CODES:
            self.assertEqual(groups[code], "Omvärld")

    def test_external_is_everyone_but_staff(self):
        self.assertEqual(
            set(Audience.objects.external().values_list("code", flat=True)),
            set(AudienceCode.values) - {"staff"},
        )
        self.assertEqual(list(Audience.objects.staff().values_list("code", flat=True)), ["staff"])
        self.assertFalse(Audience.objects.get(code="staff").is_external)

    def test_label_follows_the_language(self):
        media = Audience.objects.get(code="residents")
        with translation.override("sv"):
            self.assertEqual(str(media), "Kommuninvånare")


@pytest.mark.django_db
class TestTopicLabel:
    def test_swedish_by_default(self):
        topic = TopicFactory(name="Skola och förskola", name_en="School and preschool")
        with translation.override("sv"):
            assert topic.label() == "Skola och förskola"

    def test_english_when_active(self):
        topic = TopicFactory(name="Skola och förskola", name_en="School and preschool")
        with translation.override("en"):
            assert topic.label() == "School and preschool"
        with translation.override("en-gb"):
            assert topic.label() == "School and preschool"

    def test_language_given_explicitly(self):
        topic = TopicFactory(name="Trafik", name_en="Traffic")
        with translation.override("sv"):
            assert topic.label("en") == "Traffic"
        assert topic.label("sv") == "Trafik"

    @pytest.mark.parametrize("language", ["en", "fi", "ar"])
    def test_falls_back_to_swedish(self, language):
        topic = TopicFactory(name="Avfall", name_en="")
        assert topic.label(language) == "Avfall"


@pytest.mark.django_db
class TestPeople:
    def test_media_contacts(self):
        press = PersonFactory(name="Pia Press", show_to_press=True)
        PersonFactory(name="Ingen Press", show_to_press=False)
        assert list(Person.objects.media_contacts()) == [press]

    def test_str_with_and_without_title(self):
        assert str(PersonFactory.build(name="Anna", job_title="Kommunikatör")) == (
            "Anna, Kommunikatör"
        )
        assert str(PersonFactory.build(name="Anna", job_title="")) == "Anna"
