"""Fixtures of the editorial tests: the dialogue tests' people, and items due for review."""

import datetime

import pytest

from tests.dialogue import conftest as dialogue

# The dialogue tests' units, people and commit helper; pytest finds fixtures by name.
clear_cache = dialogue.clear_cache
make_user = dialogue.make_user
people = dialogue.people
committed = dialogue.committed

#: A Monday: review reminders are weekly.
TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def due_pages(site_tree, people):
    """Items of two units whose review is overdue, soon due and later due (from TODAY)."""
    from tests.pages.factories import NewsPageFactory

    def page(unit, days, title):
        return NewsPageFactory(
            parent=site_tree["news"],
            owner_unit=unit,
            title=title,
            review_date=TODAY + datetime.timedelta(days=days),
        )

    return {
        "overdue": page(people["school"], -3, "Gammal skolnyhet"),
        "soon": page(people["school"], 10, "Snart skolnyhet"),
        "later": page(people["school"], 200, "Senare skolnyhet"),
        "care_overdue": page(people["care"], -1, "Gammal omsorgsnyhet"),
    }
