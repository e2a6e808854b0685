"""What rendering lets through of documents and images (DESIGN.md §6.2)."""

import json

import pytest

from cms.core.factories import DocumentFactory

pytestmark = pytest.mark.django_db

TITLE = "Internt dokument om löner"


def body_linking(document, text=None):
    """A body with a document block and a rich-text link to ``document``."""
    text = TITLE if text is None else text
    paragraph = f'<p>Läs <a linktype="document" id="{document.pk}">{text}</a> här.</p>'
    return json.dumps(
        [
            {"type": "document", "value": {"document": document.pk, "title": ""}},
            {"type": "paragraph", "value": paragraph},
            {"type": "document", "value": {"document": document.pk, "title": "Lönebilaga"}},
        ]
    )


class TestHiddenDocuments:
    """Nothing of an internal document reaches a public item: title, name, size, URL."""

    def public_surfaces(self, client, page):
        yield client.get(f"/api/public/v1/items/{page.pk}")
        yield client.get("/api/public/v1/items", {"limit": 100})
        yield client.get("/api/public/v1/items/by-path", {"path": f"/nyheter/{page.slug}/"})
        yield client.get("/api/public/v1/feeds/news.rss")
        yield client.get("/api/public/v1/documents")

    def test_nothing_of_an_internal_document_on_a_public_item(self, client, make_item):
        document = DocumentFactory(title=TITLE, is_internal=True)
        page = make_item("news", body=body_linking(document))
        file_name = document.file.name.rsplit("/", 1)[-1]
        for response in self.public_surfaces(client, page):
            url = response.request["PATH_INFO"]
            assert response.status_code == 200, url
            text = response.content.decode()
            for secret in (TITLE, "Lönebilaga", file_name, document.url):
                assert secret not in text, (url, secret)
        body = client.get(f"/api/public/v1/items/{page.pk}").json()["body"]
        assert [block["type"] for block in body] == ["paragraph"]
        assert body[0]["value"]["html"] == "<p>Läs  här.</p>"

    def test_own_link_text_to_an_internal_document_stays_plain_text(self, client, make_item):
        document = DocumentFactory(title=TITLE, is_internal=True)
        page = make_item("news", body=body_linking(document, text="bilagan"))
        body = client.get(f"/api/public/v1/items/{page.pk}").json()["body"]
        assert body[0]["value"]["html"] == "<p>Läs bilagan här.</p>"

    def test_staff_see_the_internal_document(self, client, make_item, staff_reader):
        _user, headers = staff_reader
        document = DocumentFactory(title=TITLE, is_internal=True)
        page = make_item("news", body=body_linking(document))
        body = client.get(f"/api/intranet/v1/items/{page.pk}", **headers).json()["body"]
        assert body[0]["value"]["document"]["title"] == TITLE
        assert body[2]["value"]["title"] == "Lönebilaga"
        assert f'">{TITLE}</a>' in body[1]["value"]["html"]
