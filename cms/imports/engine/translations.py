"""Imported translation groups → wagtail-localize's records of a translation pair.

An import gives the pages of one source translation group the same ``translation_key``,
which is all Wagtail needs to call them translations of each other. wagtail-localize
knows a translation only through a ``TranslationSource`` (the frozen source content)
and a ``Translation`` per target locale; without them the admin does not show the pair
as linked and offers neither "Start synced translation" nor a sync.

The translations of the old site were written by people, independently of their
source: wagtail-localize's segment sync would replace that text with the source's
untranslated segments. So each ``Translation`` is created disabled, which is what
wagtail-localize records when an editor stops synchronising a translation to edit it
by hand ("Stop synced translation"): the target keeps its own editor and content, and
the editor may choose "Start synced translation" later.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from . import pages


def _source_of(group: list[Page]) -> Page:
    """The page translated from: the one in the content language, else the oldest."""
    for page in group:
        if page.locale.language_code == pages.default_language():
            return page
    return min(group, key=lambda page: page.pk)


def link_translations(translation_keys: Iterable) -> int:
    """Create or refresh the records of each group of two or more pages; new links made."""
    created = 0
    for key in sorted(set(translation_keys), key=str):
        group = list(Page.objects.filter(translation_key=key).select_related("locale").specific())
        if len(group) < 2:
            continue
        source_page = _source_of(group)
        # Brought up to date from the page as it is now (--update changes the source).
        source, _created = TranslationSource.update_or_create_from_instance(source_page)
        for page in group:
            if page.pk == source_page.pk:
                continue
            _translation, new = Translation.objects.get_or_create(
                source=source,
                target_locale_id=page.locale_id,
                defaults={"enabled": False},
            )
            created += new
    return created
