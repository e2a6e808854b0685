"""Every API surface reads items through the one audience filter (DESIGN.md §6.1).

A scan of cms/api's source: any query on an item model must go through
``public()``/``for_staff()`` (directly or via ``Surface.items``), or be one of the
few listed look-ups that decide nothing about visibility.
"""

import re
from pathlib import Path

import cms.api

ITEM_QUERY = re.compile(
    r"\b(ArticlePage|NewsPage|NoticePage|PressReleasePage|StaffBulletinPage|Page)\.objects\b"
)
FILTERED = re.compile(r"\.(public|for_staff)\(")

#: (file, code) → why the query decides nothing about who sees what.
ALLOWED = {
    ("documents.py", "ArticlePage.objects.filter(pk__in="): (
        "which referring pages are items; their visibility is asked of public() below"
    ),
    ("rendering.py", "ArticlePage.objects.filter(pk__in=page_ids)"): (
        "separates items from structural pages; items are resolved through Surface.items"
    ),
    ("sitemap.py", "Page.objects.live().public().type("): (
        "structural pages (home, public sections) only; items come from Surface.items"
    ),
    ("rendering.py", "Page.objects.live()"): (
        "structural pages (home, index) only: items are excluded, then .public()"
    ),
}


def offending_lines():
    root = Path(cms.api.__file__).parent
    for path in sorted(root.rglob("*.py")):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines, 1):
            if not ITEM_QUERY.search(line) or line.strip().startswith(("#", '"', "``")):
                continue
            statement = " ".join(lines[number - 1 : number + 3])
            if FILTERED.search(statement):
                continue
            if any(path.name == name and code in line for name, code in ALLOWED):
                continue
            yield f"{path.relative_to(root)}:{number}: {line.strip()}"


class TestAudienceDiscipline:
    def test_item_queries_go_through_the_audience_filter(self):
        assert list(offending_lines()) == []

    def test_the_scan_finds_a_bypass(self, tmp_path, monkeypatch):
        """The scan itself works: an unfiltered query is reported."""
        package = tmp_path / "api"
        package.mkdir()
        (package / "__init__.py").write_text("")
        (package / "leaky.py").write_text("rows = NewsPage.objects.live()\n")
        monkeypatch.setattr(cms.api, "__file__", str(package / "__init__.py"))
        assert list(offending_lines()) == ["leaky.py:1: rows = NewsPage.objects.live()"]
