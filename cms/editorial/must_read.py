"""Who has and has not confirmed a must-read bulletin (Läs och bekräfta), per unit.

The readers a bulletin asks to confirm are exactly those the intranet shows it to
(``staff_recipients``, the set-based twin of the one audience filter), so the report
and the reminder e-mail count the same people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cms.core import roles
from cms.dialogue.models import user_has_role


@dataclass
class UnitRow:
    """One unit's readers: confirmed (with the time) and not yet confirmed."""

    unit: object | None
    confirmed: list[tuple[object, object]] = field(default_factory=list)
    missing: list[object] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.confirmed) + len(self.missing)


def user_can_see_report(user, page) -> bool:
    """The bulletin's managers (of its owner unit), communicators and the director."""
    if not (user and user.is_active):
        return False
    if user.is_superuser or user_has_role(user, (roles.COMMUNICATOR, roles.DIRECTOR)):
        return True
    managers = page.owner_unit.get_responsible_managers() if page.owner_unit_id else []
    return any(manager.pk == user.pk for manager in managers)


def confirmation_report(page) -> list[UnitRow]:
    """Per unit (by name; readers without a unit last), who confirmed and who has not.

    A reader in two units is counted in both.
    """
    from cms.pages.querysets import staff_recipients

    readers = list(
        staff_recipients(page)
        .prefetch_related("units", "managed_units")
        .order_by("last_name", "first_name", "username")
    )
    confirmed = dict(page.confirmations.values_list("user_id", "confirmed_at"))
    rows: dict[int | None, UnitRow] = {}
    for reader in readers:
        units = {unit.pk: unit for unit in [*reader.units.all(), *reader.managed_units.all()]}
        for unit in units.values() or [None]:
            row = rows.setdefault(unit.pk if unit else None, UnitRow(unit))
            if reader.pk in confirmed:
                row.confirmed.append((reader, confirmed[reader.pk]))
            else:
                row.missing.append(reader)
    return sorted(
        rows.values(), key=lambda row: (row.unit is None, row.unit.name if row.unit else "")
    )


def totals(rows: list[UnitRow]) -> tuple[int, int]:
    """``(confirmed, readers)`` over every unit, each reader counted once."""
    confirmed = {reader.pk for row in rows for reader, _at in row.confirmed}
    missing = {reader.pk for row in rows for reader in row.missing}
    return len(confirmed), len(confirmed | missing)
