"""Every surface reads items through the one audience filter (DESIGN.md §6.1).

A scan of the source of every package (``cms/`` and ``search/``): any query on an item
model (or on Wagtail's ``Page``) must go through ``ArticlePage.objects.public()`` /
``for_staff()`` (or its ``released_to_staff()`` and ``for_all_staff()`` parts), or be
one of the listed look-ups whose reason says why it decides nothing about who sees
what. Wagtail's own ``Page.objects.live().public()`` is not the audience filter: it
knows nothing of audiences, release times or expiry, so a query on ``Page`` never
counts as filtered.
"""

import re
from pathlib import Path

import cms
import search

ITEM_MODELS = r"(ArticlePage|NewsPage|NoticePage|PressReleasePage|StaffBulletinPage)"
ITEM_QUERY = re.compile(rf"\b({ITEM_MODELS}|Page)\.objects\b")
#: The filter's methods, on an item model's queryset (never on ``Page``).
FILTERED = re.compile(
    rf"\b{ITEM_MODELS}\.objects\b[^;]*?\.(public|for_staff|for_all_staff|released_to_staff)\("
)

#: The filter itself, and what sits above every package (demo data, imports, migrations).
EXEMPT = (
    "cms/pages/querysets.py",
    "cms/demo/",
    "cms/imports/",
    "/migrations/",
)

#: (file, code) → why the query decides nothing about who sees what.
ALLOWED = {
    ("cms/core/importing.py", "Page.objects.filter(pk=page.pk).filter(released_by_import())"): (
        "whether one page's publication was imported (e-mail and digests skip it)"
    ),
    ("cms/pages/models/base.py", "Page.objects.select_for_update()"): (
        "locks the page being saved, to compare its latest revision (autosave)"
    ),
    ("cms/workflows/wagtail_hooks.py", "page = Page.objects.get(pk=page.pk).specific"): (
        "the page just edited in the admin, fresh from the database, to route its workflow"
    ),
    ("cms/api/rendering.py", "ArticlePage.objects.filter(pk__in=page_ids)"): (
        "separates items from structural pages; items are resolved through Surface.items"
    ),
    ("cms/api/endpoints/sitemap.py", "Page.objects.live().public().type("): (
        "structural pages (home, public sections) only; items come from Surface.items"
    ),
    ("cms/api/rendering.py", "Page.objects.live()"): (
        "structural pages (home, index) only: items are excluded, then .public()"
    ),
    ("cms/mail/messages.py", "translations = ArticlePage.objects.filter("): (
        "the translations of one item, narrowed by public()/released_to_staff() next line"
    ),
    ("cms/mail/dispatching.py", "ArticlePage.objects.filter(pk=dispatch.page_id)"): (
        "the dispatch's own item; whether it may go out is asked of public() below"
    ),
    ("cms/editorial/review.py", "ArticlePage.objects.live().filter(review_date__lte="): (
        "review reminders to the item's own editors in the admin, not a surface"
    ),
    ("cms/editorial/views.py", "get_object_or_404(StaffBulletinPage.objects.select_related("): (
        "the bulletin whose must-read report its managers open in the admin, not a surface"
    ),
    ("cms/workflows/notices.py", "NoticePage.objects.filter(pk=instance.pk)"): (
        "the stored state of a notice being saved (posting date), not a surface"
    ),
    ("cms/workflows/release.py", "ArticlePage.objects.filter(pk=page.pk)"): (
        "writes the release plan of the item being published"
    ),
    ("cms/workflows/guard.py", "Page.objects.filter(pk=instance.pk)"): (
        "the stored state of a page being saved, to guard its publication"
    ),
    ("cms/workflows/scheduling.py", "Page.objects.live().filter(expire_at__lte=now)"): (
        "the worker unpublishing expired pages"
    ),
    ("cms/workflows/scheduling.py", "ArticlePage.objects.filter(pk=event.page_id)"): (
        "the item a scheduled event belongs to (worker)"
    ),
    ("cms/workflows/scheduling.py", "NoticePage.objects.live().filter(earliest_removal"): (
        "the worker archiving notices past their removal date"
    ),
    ("cms/workflows/scheduling.py", "NoticePage.objects.filter(pk=event.page_id)"): (
        "the notice a scheduled event belongs to (worker)"
    ),
    ("cms/workflows/overview.py", "ArticlePage.objects"): (
        "the editorial overview in the admin, shown to editors only"
    ),
    ("cms/core/roles.py", "Page.objects.filter(depth=1)"): (
        "the tree's root, to give the roles their page permissions"
    ),
    ("cms/pages/models/notices.py", "NoticePage.objects.filter(pk=self.pk)"): (
        "the stored posting date of the notice itself"
    ),
    ("search/queries.py", "ArticlePage.objects.filter(id__in=queryset.values("): (
        "wraps the audience queryset it is given (a primary-key subquery of it)"
    ),
    ("search/queries.py", "pool = ArticlePage.objects.live()"): (
        "ranking pool of the index; only ids the audience queryset allows are kept"
    ),
    ("search/queries.py", "narrowing = apply_filters(ArticlePage.objects.all()"): (
        "the reader's filters alone; always intersected with the audience queryset"
    ),
    ("search/queries.py", "backend.autocomplete(text, ArticlePage.objects.live())"): (
        "ranking pool of the index; only ids the audience queryset allows are kept"
    ),
}


def package_roots():
    """The packages scanned, as ``(root, label)``: ``cms`` and ``search``."""
    return [Path(cms.__file__).parent, Path(search.__file__).parent]


def statement(lines, index):
    """The line at ``index`` with its continuation lines (while a bracket is open)."""
    text = lines[index].strip()
    while text.count("(") > text.count(")") and index + 1 < len(lines):
        index += 1
        text += " " + lines[index].strip()
    return text


def offending_lines(roots=None):
    """``path:line: code`` of every item query that bypasses the audience filter."""
    for root in roots or package_roots():
        for path in sorted(root.rglob("*.py")):
            name = f"{root.name}/{path.relative_to(root).as_posix()}"
            if any(part in name for part in EXEMPT):
                continue
            lines = path.read_text().splitlines()
            for number, line in enumerate(lines, 1):
                if not ITEM_QUERY.search(line) or line.strip().startswith(("#", '"', "``")):
                    continue
                if FILTERED.search(statement(lines, number - 1)):
                    continue
                if any(name == file and code in line for file, code in ALLOWED):
                    continue
                yield f"{name}:{number}: {line.strip()}"


class TestAudienceDiscipline:
    def test_item_queries_go_through_the_audience_filter(self):
        assert list(offending_lines()) == []

    def test_every_allowed_lookup_still_exists(self):
        """A listed exception whose code is gone is removed, not left to excuse another."""
        sources = {}
        for root in package_roots():
            for path in root.rglob("*.py"):
                sources[f"{root.name}/{path.relative_to(root).as_posix()}"] = path.read_text()
        stale = [(f, c) for f, c in ALLOWED if c not in sources.get(f, "")]
        assert stale == []

    def test_the_scan_finds_a_bypass(self, tmp_path):
        """The scan itself works: an unfiltered query is reported, in any package."""
        package = tmp_path / "search"
        package.mkdir()
        (package / "leaky.py").write_text(
            "rows = NewsPage.objects.live()\n"
            "fine = NewsPage.objects.public()\n"
            "page = Page.objects.live().public().filter(pk=1)\n"
        )
        assert list(offending_lines([package])) == [
            "search/leaky.py:1: rows = NewsPage.objects.live()",
            "search/leaky.py:3: page = Page.objects.live().public().filter(pk=1)",
        ]
