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


#: A stored value of each body block, for the test below: a new block type has none
#: and fails it until it is given a sample, a schema and a representation.
def block_samples():
    from cms.core.factories import ImageFactory
    from cms.snippets.factories import PersonFactory

    return {
        "heading": {"text": "Bakgrund", "level": "h3"},
        "paragraph": '<p>Se <a href="https://example.com/">här</a>.</p>',
        "image": {"image": ImageFactory().pk, "alt_text": "", "caption": "Bildtext"},
        "quote": {"quote": "Bra!", "attribution": "Ordförande"},
        "fact_box": {"title": "Fakta", "text": "<p>Öppet 8–17.</p>"},
        "document": {"document": DocumentFactory().pk, "title": ""},
        "video": {"video": "https://video.example/1", "title": "Film", "transcript": ""},
        "contact": {"person": PersonFactory().pk},
    }


def block_schemas() -> dict[str, type]:
    """The API's schema for each block type, by its ``type`` discriminator."""
    from typing import get_args

    from cms.api.schemas.blocks import Block

    union = get_args(Block)[0]
    return {get_args(s.model_fields["type"].annotation)[0]: s for s in get_args(union)}


def stream_fields():
    """Every StreamField of every page type, as ``(model, field)``."""
    from wagtail.fields import StreamField
    from wagtail.models import get_page_models

    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                yield model, field


class TestEveryBlockHasARepresentation:
    """No block type silently vanishes from a channel: each has a schema and a value."""

    def test_every_block_type_is_typed_and_rendered(self, client, make_item):
        schemas = block_schemas()
        samples = block_samples()
        fields = list(stream_fields())
        assert fields, "no page type has a StreamField"
        for model, field in fields:
            names = list(field.stream_block.child_blocks)
            where = f"{model.__name__}.{field.name}"
            assert set(names) <= set(schemas), f"{where}: no schema for {set(names) - set(schemas)}"
            assert set(names) <= set(samples), f"{where}: no sample of {set(names) - set(samples)}"
            body = json.dumps([{"type": name, "value": samples[name]} for name in names])
            page = make_item("news", body=body)
            rendered = client.get(f"/api/public/v1/items/{page.pk}").json()["body"]
            assert [block["type"] for block in rendered] == names, where
            for block in rendered:
                assert block["value"], (where, block["type"])
                assert None not in block["value"].values(), (where, block)
                schemas[block["type"]].model_validate(block)


#: Stored rich text an attacker (or a careless import) could put there, and what of it
#: must never reach a reader.
HOSTILE = {
    '<p><a href="javascript:alert(1)">a</a></p>': "javascript",
    '<p><a href="JaVaScRiPt:alert(1)">a</a></p>': "alert",
    '<p><a href="jav&#x61;script:alert(1)">a</a></p>': "alert",
    '<p><a href="&#106;&#97;vascript:alert(1)">a</a></p>': "alert",
    '<p><a href="java\tscript:alert(1)">a</a></p>': "alert",
    '<p><a href="vbscript:msgbox(1)">a</a></p>': "vbscript",
    '<p><a href="data:text/html;base64,PHNjcmlwdD4=">a</a></p>': "data:",
    '<p><img src="x" onerror="alert(1)">a</p>': "onerror",
    "<p>a<script>alert(1)</script></p>": "alert",
    '<p onclick="alert(1)" style="color:red">a</p>': "alert",
    '<p style="background:url(x)">a</p>': "style",
    '<p><a href="https://example.com/" onmouseover="alert(1)">a</a></p>': "alert",
    '<p><a linktype="page" id="1" onmouseover="alert(1)">a</a></p>': "alert",
    '<p><iframe src="https://evil.example/"></iframe>a</p>': "iframe",
    '<p><svg><a href="javascript:alert(1)">a</a></svg></p>': "alert",
    '<p><a href="https://example.com/" target="_blank" rel="opener">a</a></p>': "opener",
}


class TestHostileRichText:
    """Rich text is cleaned by an allow-list before any surface sends it (nh3)."""

    def rendered(self, client, make_item, html):
        body = json.dumps(
            [
                {"type": "paragraph", "value": html},
                {"type": "fact_box", "value": {"title": "Fakta", "text": html}},
            ]
        )
        page = make_item("news", body=body)
        blocks = client.get(f"/api/public/v1/items/{page.pk}").json()["body"]
        return [block["value"]["html"] for block in blocks]

    def test_hostile_markup_never_leaves_the_cms(self, client, make_item):
        for html, marker in HOSTILE.items():
            for rendered in self.rendered(client, make_item, html):
                assert marker not in rendered.casefold(), (html, rendered)

    def test_links_without_a_safe_target_become_text(self, client, make_item):
        html = '<p><a href="javascript:alert(1)">Klicka</a> här.</p>'
        assert self.rendered(client, make_item, html) == ["<p>Klicka här.</p>"] * 2

    def test_safe_links_and_markup_pass(self, client, make_item):
        html = (
            '<p data-block-key="x1"><b>Fet</b> <i>kursiv</i> '
            '<a href="https://example.com/a?b=1&amp;c=2">webb</a> '
            '<a href="mailto:info@ekby.example">e-post</a> '
            '<a href="tel:+4612345">telefon</a> <a href="/nyheter/">relativ</a></p>'
            "<ul><li>ett</li></ul><ol><li>två</li></ol><p>rad<br>brytning</p>"
        )
        expected = (
            '<p><b>Fet</b> <i>kursiv</i> <a href="https://example.com/a?b=1&amp;c=2">webb</a> '
            '<a href="mailto:info@ekby.example">e-post</a> <a href="tel:+4612345">telefon</a> '
            '<a href="/nyheter/">relativ</a></p>'
            "<ul><li>ett</li></ul><ol><li>två</li></ol><p>rad<br>brytning</p>"
        )
        assert self.rendered(client, make_item, html) == [expected] * 2

    def test_embeds_and_unknown_link_types_leave_only_text(self, client, make_item):
        html = (
            '<p>Före<embed embedtype="image" id="1" format="left" alt="x"/> '
            '<a linktype="nonsense" id="3">okänd</a> efter.</p>'
        )
        assert self.rendered(client, make_item, html) == ["<p>Före okänd efter.</p>"] * 2

    def test_a_video_address_must_be_a_web_address(self, client, make_item):
        addresses = {
            "javascript:alert(1)": "",
            "data:text/html;base64,PHNjcmlwdD4=": "",
            "https://video.example/1": "https://video.example/1",
        }
        for address, expected in addresses.items():
            body = json.dumps(
                [{"type": "video", "value": {"video": address, "title": "Film", "transcript": ""}}]
            )
            page = make_item("news", body=body)
            block = client.get(f"/api/public/v1/items/{page.pk}").json()["body"][0]
            assert block["value"]["url"] == expected, address
