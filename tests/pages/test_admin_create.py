"""A Redaktör creates every article type through the Wagtail admin, as a draft.

The admin form and the models share one set of rules: ``EnkanalPageForm`` puts the
submitted audiences on the page before the model's ``clean()`` judges them.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.core import roles
from cms.core.factories import ImageFactory, UserFactory
from cms.pages.models import (
    NewsPage,
    NoticeKind,
    NoticePage,
    PressReleaseKind,
    PressReleasePage,
    StaffBulletinPage,
)
from cms.snippets.factories import PersonFactory, TopicFactory, UnitFactory, audiences
from tests.pages.factories import NewsPageFactory

EXTERNAL = {"residents", "media", "partners", "authorities", "prospective_residents", "visitors"}


def add_url(model, parent):
    """The admin's add view for ``model`` under ``parent``."""
    opts = model._meta
    return reverse("wagtailadmin_pages:add", args=[opts.app_label, opts.model_name, parent.pk])


def audience_ids(*codes):
    """Primary keys of the audiences with ``codes``, as the checkboxes post them."""
    return [str(a.pk) for a in audiences(*codes)]


@pytest.fixture(autouse=True)
def swedish():
    """The admin speaks Swedish to these editors."""
    with translation.override("sv"):
        yield


@pytest.fixture
def unit(db):
    """The editor's unit."""
    return UnitFactory(name="Kommunikationsenheten")


@pytest.fixture
def editor(db, unit, client):
    """A signed-in Redaktör in ``unit``."""
    user = UserFactory(username="redaktor", roles=[roles.EDITOR])
    unit.members.add(user)
    client.force_login(user)
    return user


@pytest.fixture
def image(db):
    """An image with alt text."""
    return ImageFactory(alt_text="Tre personer vid ett bord")


def base_data(unit, image, title, **extra):
    """Form data shared by every article type: text, ownership, a body with blocks."""
    topic = TopicFactory(name="Kultur och fritid", slug="kultur-och-fritid")
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "Kort ingress om innehållet.",
            "owner_unit": unit.pk,
            "main_image": image.pk,
            "body": streamfield(
                [
                    ("heading", {"text": "Bakgrund", "level": "h2"}),
                    ("paragraph", rich_text("<p>Brödtext med <b>fetstil</b>.</p>")),
                    ("image", {"image": image.pk, "alt_text": "", "caption": "Bildtext"}),
                    ("quote", {"quote": "Ett citat.", "attribution": "Någon"}),
                ]
            ),
            "comments": inline_formset([]),
            **extra,
        }
    )
    data["topics"] = [str(topic.pk)]
    return data


def news_data(unit, image, codes=("residents",)):
    data = base_data(unit, image, "Ny lekplats")
    data["audiences"] = audience_ids(*codes)
    return data


def notice_data(unit, image):
    today = timezone.localdate()
    return base_data(
        unit,
        image,
        "Justerat protokoll KS",
        notice_kind=NoticeKind.ADJUSTED_MINUTES,
        issuing_body="Kommunstyrelsen",
        adjustment_date=(today - datetime.timedelta(days=1)).isoformat(),
        minutes_location="Kommunkansliet, Stadshuset",
        earliest_removal_date=(today + datetime.timedelta(days=21)).isoformat(),
        meeting_date="",
        meeting_location="",
    )


def press_data(unit, image, codes=("media", "residents")):
    contact = PersonFactory(show_to_press=True)
    data = base_data(
        unit,
        image,
        "Pressinbjudan invigning",
        kind=PressReleaseKind.INVITATION,
        event_start="2030-05-02 10:00",
        event_end="2030-05-02 11:00",
        event_location="Stadshuset",
        attachments=inline_formset([]),
    )
    data["audiences"] = audience_ids(*codes)
    data["media_contacts"] = [str(contact.pk)]
    return data


def bulletin_data(unit, image):
    data = base_data(unit, image, "Nytt intranät")
    data["target_units"] = [str(unit.pk)]
    return data


#: type → (index key in ``site_tree``, form data, expected audience codes)
CASES = {
    NewsPage: ("news", news_data, {"residents"}),
    NoticePage: ("notices", notice_data, EXTERNAL),
    PressReleasePage: ("press", press_data, {"media", "residents"}),
    StaffBulletinPage: ("bulletins", bulletin_data, {"staff"}),
}


def form_errors(response):
    """The page form's errors as plain strings, for readable failures."""
    form = response.context["form"]
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


@pytest.mark.django_db
class TestEditorCreatesDrafts:
    @pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
    def test_saves_a_draft_with_the_right_audiences(
        self, client, editor, unit, image, site_tree, model
    ):
        index_key, make_data, expected = CASES[model]
        response = client.post(add_url(model, site_tree[index_key]), make_data(unit, image))
        assert response.status_code == 302, form_errors(response)
        page = model.objects.child_of(site_tree[index_key]).get()
        assert not page.live
        assert page.owner == editor
        assert page.owner_unit == unit
        draft = page.get_latest_revision_as_object()
        assert draft.get_audience_codes() == expected
        assert [block.block_type for block in draft.body] == [
            "heading",
            "paragraph",
            "image",
            "quote",
        ]
        assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])

    @pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
    def test_cannot_publish(self, client, editor, unit, image, site_tree, model):
        index_key, make_data, _expected = CASES[model]
        data = make_data(unit, image) | {"action-publish": "action-publish"}
        client.post(add_url(model, site_tree[index_key]), data)
        page = model.objects.child_of(site_tree[index_key]).get()
        assert not page.live
        assert page.live_revision is None
        assert page.first_published_at is None

    @pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
    def test_edit_view_renders(self, client, editor, unit, image, site_tree, model):
        index_key, make_data, _expected = CASES[model]
        client.post(add_url(model, site_tree[index_key]), make_data(unit, image))
        page = model.objects.child_of(site_tree[index_key]).get()
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        assert response.context["page"].pk == page.pk

    def test_edit_view_renders_for_a_live_item(self, client, editor, site_tree):
        page = NewsPageFactory(parent=site_tree["news"])
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200

    def test_saving_an_edited_draft_keeps_it_a_draft(self, client, editor, unit, image, site_tree):
        client.post(add_url(NewsPage, site_tree["news"]), news_data(unit, image))
        page = NewsPage.objects.child_of(site_tree["news"]).get()
        data = news_data(unit, image, codes=("residents", "media"))
        data["title"] = "Ny lekplats i Ekby"
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        assert response.status_code == 302, form_errors(response)
        draft = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert draft.title == "Ny lekplats i Ekby"
        assert draft.get_audience_codes() == {"residents", "media"}


@pytest.mark.django_db
class TestAudiencesInTheForm:
    """The model's audience rules judge the submitted audiences, not the stored ones.

    A draft (autosave, "save draft") keeps incomplete audiences; submitting for
    moderation holds them to the rules.
    """

    def test_chosen_audiences_pass(self, client, editor, unit, image, site_tree):
        response = client.post(
            add_url(NewsPage, site_tree["news"]), news_data(unit, image, codes=("staff",))
        )
        assert response.status_code == 302, form_errors(response)
        page = NewsPage.objects.child_of(site_tree["news"]).get()
        assert page.get_latest_revision_as_object().get_audience_codes() == {"staff"}

    def test_no_audience_is_a_swedish_error_on_the_field(
        self, client, editor, unit, image, site_tree
    ):
        data = news_data(unit, image) | {"action-submit": "action-submit"}
        del data["audiences"]
        response = client.post(add_url(NewsPage, site_tree["news"]), data)
        assert response.status_code == 200
        assert form_errors(response) == {"audiences": ["Välj minst en målgrupp."]}
        assert not NewsPage.objects.exists()

    def test_removing_every_audience_in_an_edit_is_refused(
        self, client, editor, unit, image, site_tree
    ):
        client.post(add_url(NewsPage, site_tree["news"]), news_data(unit, image))
        page = NewsPage.objects.get()
        data = news_data(unit, image) | {"action-submit": "action-submit"}
        del data["audiences"]
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        assert response.status_code == 200
        assert form_errors(response) == {"audiences": ["Välj minst en målgrupp."]}
        stored = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert stored.get_audience_codes() == {"residents"}

    def test_a_press_release_posted_without_media_gets_media(
        self, client, editor, unit, image, site_tree
    ):
        # Media is locked on in the form; a POST that leaves it out still gets it.
        data = press_data(unit, image, codes=("residents",))
        response = client.post(add_url(PressReleasePage, site_tree["press"]), data)
        assert response.status_code == 302, form_errors(response)
        page = PressReleasePage.objects.get()
        assert page.get_latest_revision_as_object().get_audience_codes() == {"media", "residents"}

    def test_the_model_still_refuses_a_press_release_without_media(self, editor, unit, site_tree):
        from django.core.exceptions import ValidationError

        from tests.pages.factories import PressReleasePageFactory

        page = PressReleasePageFactory(parent=site_tree["press"], owner_unit=unit, live=False)
        page.audiences.set(audiences("residents"))
        with pytest.raises(ValidationError) as refused:
            page.full_clean()
        assert refused.value.message_dict["audiences"] == [
            "Ett pressmeddelande ska alltid ha målgruppen Media."
        ]

    def test_a_notice_posted_with_staff_gets_its_fixed_audiences(
        self, client, editor, unit, image, site_tree
    ):
        data = notice_data(unit, image)
        data["audiences"] = audience_ids("staff")
        response = client.post(add_url(NoticePage, site_tree["notices"]), data)
        assert response.status_code == 302, form_errors(response)
        page = NoticePage.objects.get()
        assert page.get_latest_revision_as_object().get_audience_codes() == EXTERNAL

    def test_a_bulletin_ignores_posted_external_audiences(
        self, client, editor, unit, image, site_tree
    ):
        # The bulletin form has no audience field; a crafted POST cannot add one.
        data = bulletin_data(unit, image)
        data["audiences"] = audience_ids("residents", "media")
        response = client.post(add_url(StaffBulletinPage, site_tree["bulletins"]), data)
        assert response.status_code == 302, form_errors(response)
        page = StaffBulletinPage.objects.get()
        assert page.get_latest_revision_as_object().get_audience_codes() == {"staff"}


@pytest.mark.django_db
class TestRulesInTheForm:
    """Other model rules reach the editor as Swedish errors on the right field."""

    def test_notice_removed_too_early(self, client, editor, unit, image, site_tree):
        data = notice_data(unit, image)
        data["earliest_removal_date"] = (
            timezone.localdate() + datetime.timedelta(days=20)
        ).isoformat()
        response = client.post(add_url(NoticePage, site_tree["notices"]), data)
        assert response.status_code == 200
        errors = form_errors(response)
        assert list(errors) == ["earliest_removal_date"]
        assert errors["earliest_removal_date"][0].startswith("Anslaget får tas ner tidigast ")

    def test_adjusted_minutes_without_adjustment_date(self, client, editor, unit, image, site_tree):
        data = notice_data(unit, image) | {"adjustment_date": "", "minutes_location": ""}
        response = client.post(add_url(NoticePage, site_tree["notices"]), data)
        assert form_errors(response) == {
            "adjustment_date": ["Ange när protokollet justerades."],
            "minutes_location": ["Ange var protokollet förvaras."],
        }

    def test_press_invitation_without_place(self, client, editor, unit, image, site_tree):
        data = press_data(unit, image) | {"event_location": ""}
        response = client.post(add_url(PressReleasePage, site_tree["press"]), data)
        assert form_errors(response) == {"event_location": ["En pressinbjudan behöver en plats."]}

    def test_summary_too_long(self, client, editor, unit, image, site_tree):
        data = news_data(unit, image) | {"summary": "x" * 301}
        response = client.post(add_url(NewsPage, site_tree["news"]), data)
        assert list(form_errors(response)) == ["summary"]
        assert not NewsPage.objects.exists()


@pytest.mark.django_db
class TestRulesOnFieldsOutsideTheForm:
    """A rule on a field the form lacks still reaches the editor as a message, not a 500."""

    def test_bulletin_draft_with_an_external_audience(self, client, editor, unit, image, site_tree):
        client.post(add_url(StaffBulletinPage, site_tree["bulletins"]), bulletin_data(unit, image))
        page = StaffBulletinPage.objects.get()
        # Written by code without validation; the form has no audience field to fix it.
        broken = page.get_latest_revision_as_object()
        broken.audiences = audiences("staff", "residents")
        broken.save_revision(clean=False)

        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), bulletin_data(unit, image)
        )
        assert response.status_code == 200
        assert form_errors(response) == {
            "__all__": [
                "Ett personalblad är bara för medarbetare och kan inte ha externa målgrupper."
            ]
        }
