"""Documents: internal ones are served only to signed-in users, whatever the URL.

Which items make a document reachable is the delivery API's rule (tests/api/test_site.py);
here a document is either marked public on its own or read by an editor.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from cms.core.factories import DocumentFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


def document(is_internal, is_public=None):
    """A small text document, public on its own unless it is internal."""
    return DocumentFactory(
        title="Protokoll",
        file=ContentFile(b"Protokoll fran sammantradet.\n", name="protokoll.txt"),
        is_internal=is_internal,
        is_public=not is_internal if is_public is None else is_public,
    )


def editor():
    return UserFactory(username="redaktor", roles=["Redaktör"])


def serve_url(doc):
    """The document's own address, /documents/<id>/<filename>."""
    return reverse("wagtaildocs_serve", args=[doc.pk, doc.filename])


def body(response):
    """The served bytes (documents are streamed)."""
    return b"".join(response.streaming_content)


@pytest.mark.django_db
class TestServingDocuments:
    def test_the_address_is_the_documents_path(self):
        doc = document(is_internal=False)
        assert serve_url(doc) == f"/documents/{doc.pk}/protokoll.txt"
        assert doc.url == serve_url(doc)

    def test_a_document_marked_public_is_served_to_anyone(self, client):
        doc = document(is_internal=False)
        response = client.get(serve_url(doc))
        assert response.status_code == 200
        assert body(response) == b"Protokoll fran sammantradet.\n"

    def test_a_document_neither_public_nor_used_is_refused(self, client):
        doc = document(is_internal=False, is_public=False)
        assert client.get(serve_url(doc)).status_code == 403
        client.force_login(UserFactory(username="medarbetare", roles=["Medarbetare"]))
        assert client.get(serve_url(doc)).status_code == 403

    def test_an_internal_document_is_refused_to_anonymous_users(self, client):
        response = client.get(serve_url(document(is_internal=True)))
        assert response.status_code == 403
        assert b"Protokoll" not in response.content

    def test_an_internal_document_is_served_to_an_editor(self, client):
        doc = document(is_internal=True)
        client.force_login(editor())
        response = client.get(serve_url(doc))
        assert response.status_code == 200
        assert body(response) == b"Protokoll fran sammantradet.\n"

    def test_an_internal_document_is_refused_to_an_inactive_user(self, client):
        doc = document(is_internal=True)
        user = UserFactory(username="slutat")
        client.force_login(user)
        user.is_active = False
        user.save()
        assert client.get(serve_url(doc)).status_code in (302, 403)

    def test_marking_a_document_internal_closes_its_address(self, client):
        doc = document(is_internal=False)
        assert client.get(serve_url(doc)).status_code == 200
        doc.is_internal = True
        doc.save()
        assert client.get(serve_url(doc)).status_code == 403

    def test_the_flag_is_in_the_admin_form(self):
        from cms.core.models import EnkanalDocument

        assert "is_internal" in EnkanalDocument.admin_form_fields
        assert "is_public" in EnkanalDocument.admin_form_fields
        assert DocumentFactory().is_public is False

    def test_an_internal_document_cannot_be_public(self):
        from django.core.exceptions import ValidationError

        doc = document(is_internal=True)
        doc.is_public = True
        with pytest.raises(ValidationError):
            doc.clean()
