"""The database backends' ranking: windows of matches checked against the audience filter.

The window sizes are shrunk so that a handful of items exercises what thousands do in
production: an estimated total, windows that grow when staff-only items crowd the best
scores, the reader's filters applied in the ranking query, and the subquery path.
"""

import pytest

from search.backends import database
from search.queries import SearchFilters, search_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_windows(monkeypatch):
    """Windows of a few matches instead of hundreds."""
    monkeypatch.setattr(database, "MIN_WINDOW", 4)
    monkeypatch.setattr(database, "WINDOW_FACTOR", 2)
    monkeypatch.setattr(database, "FETCH_ROWS", 3)
    monkeypatch.setattr(database, "LIST_LIMIT", 5)


def _library_items(make_item, count):
    """``count`` public news items about the library, scoring differently."""
    return [
        make_item(
            title=f"Biblioteket nummer {n}",
            summary="Biblioteket har öppet. " * (1 + n % 4),
        )
        for n in range(count)
    ]


def _pks(results):
    return [hit.page.pk for hit in results.hits]


class TestWindows:
    def test_first_page_is_the_best_and_the_total_an_estimate(
        self, make_item, small_windows, monkeypatch
    ):
        items = _library_items(make_item, 14)
        windowed = search_items("bibliotek", page_size=2)
        assert not windowed.total_exact
        assert 2 <= windowed.total <= len(items)
        assert windowed.has_next
        # The same first page as when every match is checked.
        monkeypatch.setattr(database, "MIN_WINDOW", 10_000)
        exhaustive = search_items("bibliotek", page_size=2)
        assert exhaustive.total_exact
        assert exhaustive.total == len(items)
        assert _pks(windowed) == _pks(exhaustive)

    def test_paging_through_windows_matches_the_full_ranking(
        self, make_item, small_windows, monkeypatch
    ):
        items = _library_items(make_item, 11)
        paged = []
        for page in range(1, 7):
            paged += _pks(search_items("bibliotek", page=page, page_size=2))
        monkeypatch.setattr(database, "MIN_WINDOW", 10_000)
        full = _pks(search_items("bibliotek", page_size=20))
        assert paged == full
        assert sorted(full) == sorted(item.pk for item in items)

    def test_last_page_has_an_exact_total(self, make_item, small_windows):
        _library_items(make_item, 9)
        last = search_items("bibliotek", page=5, page_size=2)
        assert last.total_exact
        assert last.total == 9
        assert len(last.hits) == 1
        assert not last.has_next

    def test_staff_only_items_crowding_the_best_scores_never_show(self, make_item, small_windows):
        for n in range(10):
            make_item(
                "bulletin",
                title=f"Biblioteket bibliotekets bibliotek {n}",
                summary="Biblioteket. " * 6,
                external=None,
            )
        public = [
            make_item(title=f"Öppettider {n}", summary="Gäller även biblioteket.") for n in range(3)
        ]
        results = search_items("bibliotek", page_size=2)
        assert set(_pks(results)) < {item.pk for item in public}
        everything = search_items("bibliotek", page_size=10)
        assert sorted(_pks(everything)) == sorted(item.pk for item in public)
        assert everything.total_exact
        assert everything.total == 3

    def test_selective_reader_filters(self, make_item, small_windows):
        for n in range(12):
            make_item(title=f"Parkering {n}", summary="Parkering parkering parkering.")
        press = make_item(
            "press", title="Pressinbjudan", summary="Om parkering.", audience_codes=("media",)
        )
        results = search_items(
            "parkering", filters=SearchFilters(types=("press_release",)), page_size=1
        )
        assert _pks(results) == [press.pk]
        assert results.total == 1
        assert results.total_exact

    def test_nothing_allowed(self, make_item, small_windows):
        _library_items(make_item, 6)
        results = search_items("bibliotek", filters=SearchFilters(unit=10**9))
        assert results.hits == []
        assert results.total == 0


class TestRankAllowed:
    """``rank_allowed`` over a plain list, without a database round trip per window."""

    class FakeCheck:
        narrowing = None

        def __init__(self, allowed):
            self.allowed_ids = set(allowed)
            self.asked = []

        def allowed(self, ids):
            self.asked.append(len(ids))
            return self.allowed_ids & set(ids)

    def test_windows_grow_with_the_share_allowed(self, monkeypatch):
        monkeypatch.setattr(database, "MIN_WINDOW", 10)
        monkeypatch.setattr(database, "WINDOW_FACTOR", 2)
        monkeypatch.setattr(database, "LIST_LIMIT", 10_000)
        matches = database.SortedMatches(
            {str(pk): float(pk) for pk in range(1, 1001)}, lower_is_better=False
        )
        # Only every 50th match is allowed: the first window finds none.
        check = self.FakeCheck(range(50, 1001, 50))
        monkeypatch.setattr(database, "AudienceCheck", lambda queryset: check)
        ranking = database.rank_allowed(object(), matches, need=3)
        assert [pk for pk, _ in ranking.hits][:3] == [1000, 950, 900]
        assert not ranking.exhaustive
        assert check.asked[0] == 10
        assert sum(check.asked) < 1000  # not every match was checked
        assert ranking.total == pytest.approx(20, rel=0.5)
