"""Images: alt text is required everywhere, and bodies show images only through a block."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import Collection

from cms.core import roles
from cms.core.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock, ImageBlock
from cms.core.factories import ImageFactory, UserFactory
from cms.core.models import EnkanalImage
from tests.pages.factories import NewsPageFactory

ALT_TEXT_MESSAGE = "Bilden måste ha en alternativtext."


def png(name="bild.png"):
    """A small, valid PNG upload."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(db, client):
    """A signed-in Redaktör, who may upload images."""
    user = UserFactory(username="bildredaktor", roles=[roles.EDITOR])
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def swedish():
    """The admin speaks Swedish."""
    with translation.override("sv"):
        yield


@pytest.mark.django_db
class TestAltTextInTheAdmin:
    def post(self, client, **fields):
        data = {
            "title": "Stadshuset",
            "file": png(),
            "collection": Collection.get_first_root_node().pk,
            "alt_text": "",
            "credit": "",
            "tags": "",
        } | fields
        return client.post(reverse("wagtailimages:add"), data)

    @pytest.mark.parametrize("alt_text", ["", "   "])
    def test_missing_alt_text_is_a_swedish_error(self, client, editor, alt_text):
        response = self.post(client, alt_text=alt_text)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert list(errors) == ["alt_text"]
        # One message for one problem: Django's own (translated) required message.
        assert errors["alt_text"] == ["Det här fältet är obligatoriskt"]
        assert not EnkanalImage.objects.exists()

    def test_image_with_alt_text_is_saved(self, client, editor):
        response = self.post(client, alt_text="Stadshusets entré i vinterljus", credit="Ekby")
        assert response.status_code == 302
        image = EnkanalImage.objects.get()
        assert image.alt_text == "Stadshusets entré i vinterljus"
        assert image.default_alt_text == image.alt_text
        assert image.uploaded_by_user == editor

    def test_the_edit_form_refuses_clearing_it(self, client, editor):
        self.post(client, alt_text="Stadshuset")
        image = EnkanalImage.objects.get()
        response = client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": image.title,
                "collection": image.collection_id,
                "alt_text": "",
                "credit": "",
                "tags": "",
            },
        )
        assert response.status_code == 200
        assert "alt_text" in response.context["form"].errors
        image.refresh_from_db()
        assert image.alt_text == "Stadshuset"

    def test_multiple_upload_asks_for_alt_text_before_creating(self, client, editor):
        # The upload is held as an UploadedFile until the editor gives the alt text.
        response = client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": png("flera.png"), "collection": Collection.get_first_root_node().pk},
        )
        assert response.status_code == 200
        payload = response.json()
        assert payload["success"] is True
        assert "uploaded_file_id" in payload
        assert not EnkanalImage.objects.exists()

        upload_id = payload["uploaded_file_id"]
        finish = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
        prefix = f"uploaded-image-{upload_id}"
        fields = {
            f"{prefix}-title": "Flera",
            f"{prefix}-collection": Collection.get_first_root_node().pk,
            f"{prefix}-tags": "",
            f"{prefix}-credit": "",
        }
        refused = client.post(finish, fields | {f"{prefix}-alt_text": ""})
        assert refused.json()["success"] is False
        assert not EnkanalImage.objects.exists()

        accepted = client.post(finish, fields | {f"{prefix}-alt_text": "Tre hus i rad"})
        assert accepted.json()["success"] is True
        assert EnkanalImage.objects.get().alt_text == "Tre hus i rad"


@pytest.mark.django_db
class TestAltTextInCode:
    @pytest.mark.parametrize("alt_text", ["", "  "])
    def test_save_refuses_an_image_without_alt_text(self, alt_text):
        with pytest.raises(ValidationError) as excinfo:
            ImageFactory(alt_text=alt_text)
        assert excinfo.value.message_dict == {"alt_text": [ALT_TEXT_MESSAGE]}
        assert not EnkanalImage.objects.exists()

    def test_clearing_alt_text_later_is_refused(self):
        image = ImageFactory(alt_text="Ett torg")
        image.alt_text = ""
        with pytest.raises(ValidationError):
            image.save()
        image.refresh_from_db()
        assert image.alt_text == "Ett torg"

    @pytest.mark.parametrize("alt_text", ["", "  "])
    def test_full_clean_reports_it_once_on_the_field(self, alt_text):
        image = ImageFactory(alt_text="Ett torg")
        image.alt_text = alt_text
        with pytest.raises(ValidationError) as excinfo:
            image.full_clean()
        assert len(excinfo.value.message_dict["alt_text"]) == 1


@pytest.mark.django_db
class TestImageBlock:
    def test_body_images_go_through_the_block(self):
        # Rich text cannot hold images or embeds, so every image in a body has alt text.
        assert "image" not in RICH_TEXT_FEATURES
        assert "embed" not in RICH_TEXT_FEATURES
        paragraph = ArticleBodyBlock().child_blocks["paragraph"]
        assert "image" not in paragraph.features
        assert isinstance(ArticleBodyBlock().child_blocks["image"], ImageBlock)

    def test_an_image_is_required(self):
        block = ImageBlock()
        with pytest.raises(ValidationError):
            block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))

    def test_context_alt_text_is_optional_and_limited(self):
        image = ImageFactory(alt_text="Bildens egen text")
        block = ImageBlock()
        value = block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
        assert value["image"] == image
        assert value["alt_text"] == ""
        with pytest.raises(ValidationError):
            block.clean(block.to_python({"image": image.pk, "alt_text": "x" * 256, "caption": ""}))

    def test_a_body_with_an_image_round_trips(self, site_tree):
        image = ImageFactory(alt_text="Lekplatsen från ovan")
        page = NewsPageFactory(
            parent=site_tree["news"],
            body=[
                ("image", {"image": image, "alt_text": "Den nya lekplatsen", "caption": "Foto"}),
            ],
        )
        stored = type(page).objects.get(pk=page.pk)
        block = stored.body[0]
        assert block.block_type == "image"
        assert block.value["image"] == image
        assert block.value["image"].default_alt_text == "Lekplatsen från ovan"
        assert block.value["alt_text"] == "Den nya lekplatsen"

    def test_a_body_block_without_an_image_is_refused(self):
        body = ArticleBodyBlock()
        value = body.to_python(
            [{"type": "image", "value": {"image": None, "alt_text": "", "caption": ""}}]
        )
        with pytest.raises(StreamBlockValidationError):
            body.clean(value)
