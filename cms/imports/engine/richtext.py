"""Old rich text → the body's blocks, with links rewritten to Enkanal objects.

The body's rich text allows only ``RICH_TEXT_FEATURES`` (no headings, no images):
headings become heading blocks, images image blocks (with their required alt text)
and everything else text blocks, cleaned by Wagtail's own rich-text whitelister, so
what is stored is exactly what an editor could have written.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from cms.core.blocks import RICH_TEXT_FEATURES

from .links import LinkResolver

#: Wrappers whose children are read as if they stood at the top level.
_CONTAINERS = {"html", "body", "div", "section", "article", "main", "figure", "header"}
_DROPPED = {"script", "style", "iframe", "object", "form", "noscript", "template"}
_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
_HEADING_MAX = 150
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


@dataclass
class BodyResult:
    """The blocks of a body and the old-site links that did not resolve (yet)."""

    blocks: list = field(default_factory=list)
    unresolved: list = field(default_factory=list)


def plain_text(html: str) -> str:
    """The text of ``html``, whitespace collapsed."""
    if not html:
        return ""
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    return _SPACE.sub(" ", text).strip()


def _has_text(cleaned: str) -> bool:
    """Whether HTML from Wagtail's whitelister (well-formed, no comments) has any text."""
    return bool(html_lib.unescape(_TAG.sub("", cleaned)).strip())


class BodyConverter:
    """Converts one record's ``body_html`` with a shared link resolver."""

    def __init__(self, resolver: LinkResolver):
        self.resolver = resolver
        self.converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)

    def convert(self, body_html: str, base_url: str = "", lead_text: str = "") -> BodyResult:
        """Blocks for ``body_html``; ``lead_text`` (a long summary) goes first, whole."""
        result = BodyResult()
        if lead_text:
            result.blocks.append(
                {"type": "paragraph", "value": f"<p>{html_lib.escape(lead_text)}</p>"}
            )
        soup = BeautifulSoup(body_html or "", "html.parser")
        for tag in soup.find_all(_DROPPED):
            tag.decompose()
        # Every link once, in the one parse of the body (not again per text block).
        for anchor in soup.find_all("a"):
            self._link(anchor, result, base_url)
        buffer: list[str] = []
        self._walk(soup.contents, buffer, result, base_url)
        self._flush(buffer, result, base_url)
        return result

    def _walk(self, nodes, buffer, result, base_url):
        for node in list(nodes):
            if isinstance(node, NavigableString):
                if type(node) is NavigableString:  # not a comment or doctype
                    buffer.append(html_lib.escape(str(node)))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name in _CONTAINERS:
                self._walk(node.contents, buffer, result, base_url)
                continue
            if name in _HEADINGS:
                self._flush(buffer, result, base_url)
                text = _SPACE.sub(" ", node.get_text(" ")).strip()
                if text:
                    result.blocks.append(
                        {
                            "type": "heading",
                            "value": {"text": text[:_HEADING_MAX], "level": _HEADINGS[name]},
                        }
                    )
                continue
            images = [node] if name == "img" else node.find_all("img")
            if images:
                for image in images:
                    image.extract()
                if name != "img":
                    buffer.append(str(node))
                self._flush(buffer, result, base_url)
                for image in images:
                    self._image(image, result, base_url)
                continue
            buffer.append(str(node))

    def _image(self, tag: Tag, result: BodyResult, base_url: str):
        src = tag.get("src") or ""
        alt = (tag.get("alt") or "").strip()
        target = self.resolver.resolve(src, base_url)
        if target is not None and target.kind == "image":
            result.blocks.append(
                {
                    "type": "image",
                    "value": {"image": target.id, "alt_text": alt[:255], "caption": ""},
                }
            )
            return
        if src and self.resolver.is_old_site(src, base_url):
            result.unresolved.append(self.resolver.absolute(src, base_url))
        elif src:
            # An image on another site cannot be an image block: keep it as a link.
            label = html_lib.escape(alt or src)
            result.blocks.append(
                {
                    "type": "paragraph",
                    "value": f'<p><a href="{html_lib.escape(src)}">{label}</a></p>',
                }
            )

    def _flush(self, buffer: list[str], result: BodyResult, base_url: str):
        if not buffer:
            return
        fragment = "".join(buffer)
        buffer.clear()
        if not fragment.strip():
            return
        cleaned = self.converter.to_database_format(fragment).strip()
        if _has_text(cleaned) or "linktype" in cleaned:
            if not cleaned.startswith(("<p", "<ul", "<ol")):
                cleaned = f"<p>{cleaned}</p>"
            result.blocks.append({"type": "paragraph", "value": cleaned})

    def _link(self, anchor: Tag, result: BodyResult, base_url: str):
        href = (anchor.get("href") or "").strip()
        if not href:
            anchor.unwrap()
            return
        target = self.resolver.resolve(href, base_url)
        if target is not None and target.kind in ("page", "document"):
            anchor.attrs = {"data-linktype": target.kind, "data-id": str(target.id)}
            return
        if self.resolver.is_old_site(href, base_url) and not href.startswith(("#", "mailto:")):
            absolute = self.resolver.absolute(href, base_url)
            if target is None:
                result.unresolved.append(absolute)
            anchor.attrs = {"href": absolute}
            return
        anchor.attrs = {"href": href}
