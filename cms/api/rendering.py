"""Turning items into API data: rich text, blocks, images, documents, links.

Everything that can point somewhere – a page link in rich text, a document in a
block, an image – is checked against the surface: a link to an item the reader may
not see becomes plain text, an internal document on the public surface disappears.
"""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

from cms.core.richtext import RichTextRenderer
from cms.pages.models import ArticlePage
from cms.pages.paths import frontend_path

from . import conf
from .documents import document_visible_to, public_images
from .images import image_location, public_image_url, signed_image_url
from .surfaces import Surface, reader_of, type_code_for_content_type


class Renderer:
    """Renders items for one request on one surface; caches lookups per request."""

    def __init__(self, surface: Surface, request, reader=None):
        self.surface = surface
        self.request = request
        #: Whose images are signed (default: the intranet's reader; previews: the editor).
        self.reader = reader or reader_of(request)

    # Links and addresses

    def absolute(self, path: str) -> str:
        """An absolute URL on the CMS itself (images, documents)."""
        return self.request.build_absolute_uri(path)

    @cached_property
    def _language_codes(self) -> dict[int, str]:
        from wagtail.models import Locale

        return dict(Locale.objects.values_list("pk", "language_code"))

    def language(self, page) -> str:
        """The language code of ``page`` (no query when ``locale`` is selected)."""
        if "locale" in getattr(page, "_state", None).fields_cache:
            return page.locale.language_code
        return self._language_codes[page.locale_id]

    def page_path(self, page) -> str:
        return frontend_path(page.url_path, self.language(page))

    def page_links(self, page_ids) -> dict[int, str]:
        """Frontend URLs of the pages among ``page_ids`` this surface may link to."""
        page_ids = set(page_ids)
        if not page_ids:
            return {}
        rows = list(
            self.surface.items(self.request)
            .filter(pk__in=page_ids)
            .values_list("pk", "url_path", "locale__language_code")
        )
        articles = set(ArticlePage.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
        # Home and index pages are structure, not content: linkable when live and public.
        # A page with audiences of its own that is not an item (an INblick edition) is
        # neither: it has no address on either site's item routes.
        rows += (
            Page.objects.live()
            .public()
            .filter(pk__in=page_ids - articles, depth__gte=2)
            .exclude(content_type_id__in=audience_page_type_ids())
            .values_list("pk", "url_path", "locale__language_code")
        )
        return {
            pk: self.surface.absolute_url(frontend_path(url_path, language))
            for pk, url_path, language in rows
        }

    def document_allowed(self, document) -> bool:
        """Internal documents never reach the public surface."""
        return not (self.surface.is_public and document.is_internal)

    # Rich text

    @cached_property
    def _rich_text(self) -> RichTextRenderer:
        return RichTextRenderer(
            page_links=self.page_links,
            documents=get_document_model().objects.in_bulk,
            document_url=lambda d: self.absolute(d.url) if self.document_allowed(d) else None,
        )

    def rich_text(self, html: str) -> str:
        """Clean HTML with internal links resolved to the surface's frontend."""
        return self._rich_text(html)

    # Images, documents, people

    def image(self, image, alt: str | None = None) -> dict | None:
        """An image with alt text and its named renditions (signed, generated on demand)."""
        if image is None:
            return None
        renditions = {}
        for name, spec in conf.get("ENKANAL_API_IMAGE_RENDITIONS").items():
            # The size Wagtail will give the rendition, computed without making it (the
            # file is made on the first request), so pages can reserve its space.
            width, height = rendition_size(image, spec)
            renditions[name] = {
                "url": self.absolute(self.image_url(image, spec)),
                "filter_spec": spec,
                "width": width,
                "height": height,
            }
        return {
            "id": image.pk,
            "alt": alt or image.alt_text,
            "credit": image.credit,
            "width": image.width,
            "height": image.height,
            "renditions": renditions,
        }

    def image_url(self, image, spec: str) -> str:
        """CDN-cacheable when public items use the image, else signed for the reader."""
        if (self.surface.is_public and self.reader is None) or self._image_is_public(image.pk):
            return public_image_url(image, spec)
        return signed_image_url(image, spec, self.reader)

    def _image_is_public(self, image_id: int) -> bool:
        known = self.__dict__.setdefault("_public_images", {})
        if image_id not in known:
            known[image_id] = public_images().filter(pk=image_id).exists()
        return known[image_id]

    def file_location(self, link: str) -> str | None:
        """Where a redirect to ``link`` – a document's or an image's address on the CMS –
        sends this reader, or None when the file is gone or hidden from them.

        Imported files keep their old addresses this way (a Plone file's or image's
        URL): a document is checked as its download is, an image as its renditions.
        """
        parts = urlsplit(link or "")
        if parts.scheme or parts.netloc:
            return None  # only the CMS's own paths
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        reader = None if self.surface.is_public else self.reader
        if match.url_name == "wagtaildocs_serve":
            document = get_document_model().objects.filter(pk=int(match.args[0])).first()
            if document is None or not self.document_allowed(document):
                return None
            if not document_visible_to(document, reader):
                return None
            return self.absolute(document.url)
        if match.url_name == "api_image":
            image = get_image_model().objects.filter(pk=match.kwargs["image_id"]).first()
            location = image and image_location(image, reader, public_only=reader is None)
            return self.absolute(location) if location else None
        return None

    def document(self, document) -> dict | None:
        if document is None or not self.document_allowed(document):
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "url": self.absolute(document.url),
            "file_extension": document.file_extension,
            "file_size": document.file_size,
            "created_at": timezone.localtime(document.created_at),
        }

    @staticmethod
    def person(person) -> dict | None:
        if person is None:
            return None
        unit = person.unit
        return {
            "id": person.pk,
            "name": person.name,
            "job_title": person.job_title,
            "phone": person.phone,
            "email": person.email,
            "unit": {"id": unit.pk, "name": unit.name} if unit else None,
        }

    # Blocks

    def blocks(self, stream) -> list[dict]:
        """The body as typed blocks: each block's own API representation for this surface."""
        return stream.stream_block.get_api_representation(stream, {"renderer": self})

    # Items

    def summary(self, page) -> dict:
        """The listing representation of an item (``ItemSummary``)."""
        path = self.page_path(page)
        unit = page.owner_unit
        return {
            "id": page.pk,
            "type": type_code_for_content_type(page.content_type_id),
            "title": page.title,
            "summary": page.summary,
            "locale": self.language(page),
            "path": path,
            "url": self.surface.absolute_url(path),
            "released_at": self.surface.released_at(page),
            "updated_at": timezone.localtime(page.last_published_at)
            if page.last_published_at
            else None,
            "owner_unit": {"id": unit.pk, "name": unit.name},
            "audiences": [a.code for a in page.audiences.all()],
            "topics": [
                {"slug": t.slug, "name": t.label(self.language(page))} for t in page.topics.all()
            ],
            "image": self.image(page.main_image),
        }

    def detail(self, page) -> dict:
        """The full representation of an item (``ItemDetail``); ``page`` is specific."""
        from cms.pages.models import NoticePage, PressReleasePage, StaffBulletinPage

        data = self.summary(page)
        data.update(
            seo_title=page.seo_title,
            search_description=page.search_description,
            body=self.blocks(page.body),
            translations=self.translations(page),
            open_graph=self.open_graph(page, data),
        )
        if isinstance(page, NoticePage):
            data["notice"] = self.notice_fields(page)
        elif isinstance(page, PressReleasePage):
            data["press"] = self.press_fields(page)
        elif isinstance(page, StaffBulletinPage):
            data["bulletin"] = {
                "target_units": [{"id": u.pk, "name": u.name} for u in page.target_units.all()],
                "must_read": page.must_read,
                "confirmed_at": self.confirmed_at(page) if page.must_read else None,
            }
        return data

    def confirmed_at(self, page):
        """When the reader confirmed reading the must-read bulletin ``page``, or None."""
        if self.reader is None or not getattr(self.reader, "pk", None):
            return None
        value = (
            page.confirmations.filter(user_id=self.reader.pk)
            .values_list("confirmed_at", flat=True)
            .first()
        )
        return timezone.localtime(value) if value else None

    def translations(self, page) -> list[dict]:
        """The same item in the other locales this surface may show."""
        others = (
            self.surface.items(self.request)
            .filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return [
            {
                "locale": other.locale.language_code,
                "title": other.title,
                "path": self.page_path(other),
                "url": self.surface.absolute_url(self.page_path(other)),
            }
            for other in others
        ]

    def open_graph(self, page, data: dict) -> dict:
        image = data["image"]
        return {
            "title": page.seo_title or page.title,
            "description": page.search_description or page.summary,
            "url": data["url"],
            "type": "article",
            "locale": {"sv": "sv_SE", "en": "en_GB"}.get(data["locale"], data["locale"]),
            "image": image["renditions"]["social"]["url"]
            if image and "social" in image["renditions"]
            else None,
            "image_alt": image["alt"] if image else None,
        }

    @staticmethod
    def local(value):
        return timezone.localtime(value) if value else None

    def notice_fields(self, page) -> dict:
        return {
            "kind": page.notice_kind,
            "kind_label": str(page.get_notice_kind_display()),
            "issuing_body": page.issuing_body,
            "meeting_date": self.local(page.meeting_date),
            "meeting_location": page.meeting_location,
            "adjustment_date": page.adjustment_date,
            "minutes_location": page.minutes_location,
            "posting_date": page.posting_date,
            "earliest_removal_date": page.earliest_removal_date,
            "is_current": page.is_current,
        }

    @cached_property
    def municipality(self):
        from cms.core.models import MunicipalitySettings

        return MunicipalitySettings.load()

    def about_text(self, language: str) -> str:
        """The standard "about the municipality" text in ``language`` (Swedish fallback)."""
        settings = self.municipality
        if language == "en" and settings.about_municipality_en:
            return settings.about_municipality_en
        return settings.about_municipality

    #: The logo's rendition: 96 px high, twice the header's height for sharp screens.
    LOGO_SPEC = "height-96"

    def identity(self, language: str) -> dict:
        """The municipality's identity and contact details (``SiteIdentity``)."""
        settings = self.municipality
        logo = None
        if settings.logo is not None and settings.logo.width and settings.logo.height:
            width, height = rendition_size(settings.logo, self.LOGO_SPEC)
            logo = {
                "url": self.absolute(self.image_url(settings.logo, self.LOGO_SPEC)),
                "width": width,
                "height": height,
                "alt": settings.logo_alt_text(),
            }
        english = language == "en"
        return {
            "locale": language,
            "name": settings.municipality_name,
            "logo": logo,
            "colours": settings.colours(),
            "contact": {
                "visiting_address": settings.visiting_address,
                "postal_address": settings.postal_address,
                "phone": settings.phone,
                "email": settings.email,
                "organisation_number": settings.organisation_number,
                "press_email": settings.press_email,
                "press_phone": settings.press_phone,
            },
            "opening_hours": [
                {
                    "days": (row.value["days_en"] if english else "") or row.value["days"],
                    "hours": row.value["hours"],
                }
                for row in settings.opening_hours
            ],
            "social_links": [
                {
                    "service": link.value["service"],
                    "url": link.value["url"],
                    "label": link.value["label"] or social_service_name(link.value["service"]),
                }
                for link in settings.social_links
            ],
            "about": self.about_text(language),
        }

    def press_fields(self, page) -> dict:
        """Works on prefetched ``attachments__document`` and ``media_contacts`` too."""
        attachments = []
        for attachment in page.attachments.all():
            document = self.document(attachment.document)
            if document is not None:
                title = attachment.title or attachment.document.title
                attachments.append({"title": title, "document": document})
        return {
            "kind": page.kind,
            "kind_label": str(page.get_kind_display()),
            "event_start": self.local(page.event_start),
            "event_end": self.local(page.event_end),
            "event_location": page.event_location,
            "media_contacts": [
                self.person(p) for p in page.media_contacts.all() if p.show_to_press
            ],
            "attachments": attachments,
            "about": self.about_text(self.language(page)),
        }


def audience_page_type_ids() -> list[int]:
    """Content types of the page models with an owner unit and audiences (no structure)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    from cms.pages.models.mixins import AudienceMixin

    return [
        ContentType.objects.get_for_model(model).pk
        for model in get_page_models()
        if issubclass(model, AudienceMixin)
    ]


def social_service_name(code: str) -> str:
    """The name of a social media service by its code (``linkedin`` → ``LinkedIn``)."""
    from cms.core.models.settings import SOCIAL_SERVICES

    return str(dict(SOCIAL_SERVICES).get(code, code))


def rendition_size(image, spec: str) -> tuple[int, int]:
    """The width and height of ``image``'s rendition for ``spec``, without making it."""
    if not (image.width and image.height):
        return 0, 0  # an image whose size was never read has no rendition size either
    width, height = Filter(spec).get_transform(image).size
    return round(width), round(height)
