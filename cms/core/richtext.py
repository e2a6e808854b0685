"""Rich text for a surface: Wagtail's link rewriting, then nh3's allow-list.

Stored rich text holds ``<a linktype="page" id="…">`` and ``<a linktype="document" …>``
entities. Wagtail's ``LinkRewriter`` turns them into links the surface may show (the
frontend path of a page, the CMS's URL of a document) in one query per type, and
anything else the editor, an import or a hand-edited database put there goes through
nh3: only the tags, attributes and URL schemes below survive, so the frontends (and the
printed channels) may insert the HTML as it is. The delivery API and print use it alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from html import unescape

import nh3
from bs4 import BeautifulSoup
from django.utils.html import escape
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

#: What the body's rich text features produce (``RICH_TEXT_FEATURES``), and nothing else.
TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li"}
ATTRIBUTES = {"a": {"href"}}
#: Relative URLs pass too (nh3's default): no ``javascript:``, ``data:`` or ``vbscript:``.
URL_SCHEMES = {"http", "https", "mailto", "tel"}

#: Marks a link to a document the surface may not show, until its text is judged.
_HIDDEN = "data-hidden-document"

PageLinks = Callable[[set[int]], dict[int, str]]
Documents = Callable[[set[int]], dict[int, object]]


def clean(html: str, *, keep_marks: bool = False) -> str:
    """``html`` with only the allow-listed tags, attributes and URL schemes."""
    attributes = {"a": {"href", _HIDDEN}} if keep_marks else ATTRIBUTES
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        # No rel is added: none of these links opens a new window.
        link_rel=None,
        strip_comments=True,
    )


class RichTextRenderer:
    """Turns stored rich text into clean HTML for one surface.

    ``page_links`` gives the frontend URLs of the pages (among some ids) the surface may
    link to; ``documents`` the documents (by id) that exist; ``document_url`` the URL of
    one the surface may show, or ``None`` when it may not.
    """

    def __init__(self, page_links: PageLinks, documents: Documents, document_url):
        self.page_links = page_links
        self.documents = documents
        self.document_url = document_url
        #: The hidden documents met so far, by the id their links are marked with.
        self.hidden: dict[str, object] = {}
        self.rewriter = MultiRuleRewriter(
            [
                LinkRewriter(bulk_rules={"page": self.page_anchors, "document": self.doc_anchors}),
                # No embeds in body text: Wagtail drops an embed without a rule.
                EmbedRewriter(),
            ]
        )

    def __call__(self, html: str) -> str:
        if not html:
            return ""
        html = clean(self.rewriter(html), keep_marks=True)
        # Parsing a tree is the slow part: only links without a target need it. Without
        # them, the first cleaning (which only keeps the mark besides) is the last.
        if "<a>" in html or _HIDDEN in html:
            html = clean(self.tidy(html))
        return html

    def page_anchors(self, attrs_list: list[dict]) -> list[str]:
        """Opening tags for page links; a page the surface may not show gets no href."""
        links = self.page_links({pk for pk in map(_id, attrs_list) if pk is not None})
        return [_anchor(links.get(_id(attrs))) for attrs in attrs_list]

    def doc_anchors(self, attrs_list: list[dict]) -> list[str]:
        """Opening tags for document links; a hidden document's link is marked for ``tidy``."""
        documents = self.documents({pk for pk in map(_id, attrs_list) if pk is not None})
        tags = []
        for attrs in attrs_list:
            document = documents.get(_id(attrs))
            if document is None:
                tags.append("<a>")
                continue
            url = self.document_url(document)
            if url is None:
                self.hidden[str(document.pk)] = document
                tags.append(f'<a {_HIDDEN}="{document.pk}">')
            else:
                tags.append(_anchor(url))
        return tags

    def tidy(self, html: str) -> str:
        """Links without a target become their text; hidden documents' links lose it too."""
        soup = BeautifulSoup(html, "html.parser")
        for anchor in soup.find_all("a"):
            if anchor.has_attr(_HIDDEN):
                # Whatever the mark says, the link goes; only a named document's text too.
                if names_document(anchor.get_text(), self.hidden.get(anchor[_HIDDEN])):
                    anchor.decompose()
                    continue
                anchor.unwrap()
            elif not anchor.get("href"):
                anchor.unwrap()
        return str(soup)


def names_document(text: str, document) -> bool:
    """Whether the text of a link names ``document`` (its title or file name).

    Rich text editors fill a document link with the document's title when no text is
    selected, so the text of such a link gives a hidden document away.
    """
    if document is None:
        return False
    plain = " ".join(unescape(text).split()).casefold()
    names = {document.title, os.path.basename(document.file.name or "")}
    return any(name and " ".join(name.split()).casefold() in plain for name in names)


def _anchor(href: str | None) -> str:
    return f'<a href="{escape(href)}">' if href else "<a>"


def _id(attrs: dict) -> int | None:
    try:
        return int(attrs.get("id"))
    except (TypeError, ValueError):
        return None
