"""Images of items nobody outside may see stay with their readers (DESIGN.md §6.2)."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone
from wagtail.images.views.serve import generate_image_url

from cms.core.factories import ImageFactory

from .conftest import trusted_publishing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def path_of(url):
    return urlsplit(url).path


def rendition_urls(data):
    return [path_of(r["url"]) for r in data["image"]["renditions"].values()]


class TestImageAccess:
    def test_image_of_a_staff_item_is_not_public(self, client, make_item, staff_reader):
        _user, headers = staff_reader
        image = ImageFactory(title="Lönebesked", file__filename="lonebesked-anna.jpg")
        page = make_item("news", audience_codes=("staff",), main_image=image)
        data = client.get(f"/api/intranet/v1/items/{page.pk}", **headers).json()
        urls = rendition_urls(data)
        for url in urls:
            assert "lonebesked" not in url
            response = client.get(url)  # no token: the URL itself is the reader's right
            assert response.status_code == 200, url
            assert response["Cache-Control"].startswith("private")
            assert "public" not in response["Cache-Control"]
            assert "Authorization" in response["Vary"]
        # Wagtail's own (cacheable, named) address of the same rendition answers nothing.
        wagtail_url = generate_image_url(image, "fill-480x270")
        assert client.get(wagtail_url).status_code == 404
        assert "public" not in client.get(wagtail_url).get("Cache-Control", "")

    def test_signed_url_expires(self, client, make_item, staff_reader):
        _user, headers = staff_reader
        page = make_item("news", audience_codes=("staff",), main_image=ImageFactory())
        url = rendition_urls(client.get(f"/api/intranet/v1/items/{page.pk}", **headers).json())[0]
        with time_machine.travel(timezone.now() + datetime.timedelta(hours=3)):
            assert client.get(url).status_code == 403

    def test_signed_url_ends_with_the_readers_right(self, client, make_item, staff_reader):
        _user, headers = staff_reader
        page = make_item("news", audience_codes=("staff",), main_image=ImageFactory())
        url = rendition_urls(client.get(f"/api/intranet/v1/items/{page.pk}", **headers).json())[0]
        with trusted_publishing():
            page.unpublish()
        assert client.get(url).status_code == 404

    def test_tampered_token_is_refused(self, client, make_item, staff_reader):
        _user, headers = staff_reader
        page = make_item("news", audience_codes=("staff",), main_image=ImageFactory())
        url = rendition_urls(client.get(f"/api/intranet/v1/items/{page.pk}", **headers).json())[0]
        assert client.get(url.replace("/signed/", "/signed/x")).status_code == 403

    def test_public_image_is_cdn_cacheable(self, client, make_item):
        page = make_item("news", main_image=ImageFactory())
        for url in rendition_urls(client.get(f"/api/public/v1/items/{page.pk}").json()):
            response = client.get(url)
            assert response.status_code == 200
            assert "public" in response["Cache-Control"]
            assert "max-age=604800" in response["Cache-Control"]

    def test_image_shared_with_a_public_item_is_public_on_the_intranet(
        self, client, make_item, staff_reader
    ):
        _user, headers = staff_reader
        image = ImageFactory()
        staff_page = make_item("news", audience_codes=("staff",), main_image=image)
        make_item("news", main_image=image)
        data = client.get(f"/api/intranet/v1/items/{staff_page.pk}", **headers).json()
        for url in rendition_urls(data):
            assert "/signed/" not in url
            assert "public" in client.get(url)["Cache-Control"]

    def test_intranet_answer_is_stable_within_the_signing_window(
        self, client, make_item, staff_reader
    ):
        _user, headers = staff_reader
        page = make_item("news", audience_codes=("staff",), main_image=ImageFactory())
        url = f"/api/intranet/v1/items/{page.pk}"
        with time_machine.travel(timezone.now(), tick=False):
            first = client.get(url, **headers)
            again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **headers)
        assert again.status_code == 304


class TestRenditionSizes:
    """Each rendition says the size it will have, so pages reserve its space."""

    @pytest.mark.parametrize(
        ("size", "expected"),
        [
            (
                (2400, 1600),
                {
                    "thumbnail": (480, 270),
                    "medium": (960, 640),
                    "large": (1920, 1280),
                    "social": (1200, 630),
                },
            ),
            # Smaller than a size: never enlarged, a crop keeps its proportions.
            (
                (800, 600),
                {
                    "thumbnail": (480, 270),
                    "medium": (800, 600),
                    "large": (800, 600),
                    "social": (800, 420),
                },
            ),
        ],
    )
    def test_sizes_without_making_the_renditions(self, client, make_item, size, expected):
        from wagtail.images import get_image_model

        image = ImageFactory(file__width=size[0], file__height=size[1])
        page = make_item("news", main_image=image)
        renditions = client.get(f"/api/public/v1/items/{page.pk}").json()["image"]["renditions"]
        sizes = {name: (r["width"], r["height"]) for name, r in renditions.items()}
        assert sizes == expected
        assert not get_image_model().objects.get(pk=image.pk).renditions.exists()
        for name, rendition in renditions.items():
            made = image.get_rendition(rendition["filter_spec"])
            assert (made.width, made.height) == sizes[name], name
