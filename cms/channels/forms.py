"""Admin forms of the print channels: the item choosers offer only what may be printed.

Each row of an edition or a local-press page chooses one item from a list the one
audience filter makes (``cms.channels.selection``), and the form refuses anything
else: a hand-made POST, an item withdrawn while the form was open, an item not public
by a deadline moved earlier.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.core.forms import EnkanalPageForm

#: How far back the choosers reach: an edition is monthly, the press page weekly.
EDITION_WINDOW = datetime.timedelta(days=120)
PRESS_WINDOW = datetime.timedelta(days=60)


def item_label(item) -> str:
    """``Title · type · release date`` for a chooser's option."""
    released = item.external_release_at or item.internal_release_at
    parts = [item.title, str(item.specific_class._meta.verbose_name)]
    if released:
        parts.append(date_format(timezone.localtime(released), "j M Y"))
    return " · ".join(parts)


class ItemChoiceField(forms.ModelChoiceField):
    """An item, labelled with its type and release date."""

    def label_from_instance(self, obj):
        return item_label(obj)


def restrict_rows(formset, queryset) -> None:
    """Make every row of ``formset`` (the empty template row too) choose from ``queryset``."""
    base = formset.form

    class RestrictedRow(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields["item"]
            self.fields["item"] = ItemChoiceField(
                queryset=queryset,
                label=field.label,
                required=field.required,
                help_text=field.help_text,
            )

    RestrictedRow.__name__ = base.__name__
    formset.form = RestrictedRow


def chosen_rows(formset) -> list:
    """The items of the rows that stay (not deleted), in the order they were submitted."""
    items = []
    for row in formset.forms:
        data = getattr(row, "cleaned_data", None) or {}
        if data.get("item") is not None and not data.get("DELETE"):
            items.append(data["item"])
    return items


class ChosenItemsFormMixin:
    """Choosers limited to ``candidates()`` and a check of the submitted rows."""

    relation_name = "entries"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get(self.relation_name)
        if formset is not None:
            current = [pk for pk in self._current_item_ids() if pk]
            restrict_rows(formset, self.chooser_queryset(current))

    def _current_item_ids(self) -> list[int]:
        if self.instance.pk is None:
            return []
        return list(getattr(self.instance, self.relation_name).values_list("item_id", flat=True))

    def candidates(self):
        """What may be chosen, judged on the submitted values (the audience filter)."""
        raise NotImplementedError

    def chooser_queryset(self, current_ids):
        """What the choosers list: recent candidates and those chosen already."""
        raise NotImplementedError

    def refusal_message(self, titles: str) -> str:
        """Why the items ``titles`` cannot be chosen."""
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get(self.relation_name)
        if formset is None or not formset.is_valid():
            return cleaned
        items = chosen_rows(formset)
        allowed = set(
            self.candidates().filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True)
        )
        refused = [item for item in items if item.pk not in allowed]
        if refused:
            raise ValidationError(
                self.refusal_message(", ".join(f"”{item.title}”" for item in refused))
            )
        return cleaned


class EditionForm(ChosenItemsFormMixin, EnkanalPageForm):
    """An INblick edition: the choosers list items released to all staff."""

    def chooser_queryset(self, current_ids):
        from .selection import edition_candidates

        since = timezone.now() - EDITION_WINDOW
        return (
            edition_candidates(language=self.instance.language)
            .filter(Q(internal_release_at__gte=since) | Q(pk__in=current_ids))
            .order_by("-internal_release_at", "-pk")
        )

    def candidates(self):
        from .selection import edition_candidates

        go_live_at = self.cleaned_data.get("go_live_at")
        now = timezone.now()
        at = go_live_at if go_live_at and go_live_at > now else now
        return edition_candidates(at, self.instance.language)

    def refusal_message(self, titles):
        return _("Only items released to all staff can be in an edition; not so: %(items)s.") % {
            "items": titles
        }

    def _post_clean(self):
        # The rows are checked in clean(), as submitted; the page's own check of its
        # stored entries is for publishing a revision (they are not assigned yet).
        self.instance.entries_checked_by_form = True
        try:
            super()._post_clean()
        finally:
            self.instance.entries_checked_by_form = False


class LocalPressPageForm(ChosenItemsFormMixin, WagtailAdminModelForm):
    """The local-press page: the choosers list items public by the print deadline."""

    def submitted_deadline(self):
        """The deadline as submitted when it can be read, else the page's own."""
        if self.is_bound and "print_deadline" in self.fields:
            try:
                value = self.fields["print_deadline"].clean(self.data.get("print_deadline"))
            except ValidationError:
                value = None
            if value:
                return value
        return self.instance.print_deadline

    def chooser_queryset(self, current_ids):
        from .selection import press_candidates

        deadline = self.submitted_deadline()
        return (
            press_candidates(deadline)
            .filter(Q(external_release_at__gte=deadline - PRESS_WINDOW) | Q(pk__in=current_ids))
            .order_by("-external_release_at", "-pk")
        )

    def candidates(self):
        from .selection import press_candidates

        deadline = self.cleaned_data.get("print_deadline") or self.submitted_deadline()
        return press_candidates(deadline)

    def refusal_message(self, titles):
        return _(
            "Only items released to the public by the print deadline can be chosen; not so: "
            "%(items)s."
        ) % {"items": titles}
