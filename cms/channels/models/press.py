"""The local-press page, "Kommunen informerar": the municipality's page in the paper.

Once a week a communicator chooses public items for the municipality's space in the
local paper; the current notices of council meetings (kungörelser) are added by
themselves. The page is laid out as a print-ready PDF in the paper's format (or given
to the paper as plain HTML), with the logo, a standard footer and its production date.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ..forms import LocalPressPageForm
from ..selection import meeting_notices, press_candidates, printable_at


class PageSpace(models.TextChoices):
    """How much of the newspaper page the municipality has bought."""

    FULL = "full", _("Full page")
    HALF = "half", _("Half page (the lower half)")


def _millimetres(label, default, minimum, maximum, help_text=""):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=1,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal(minimum)), MaxValueValidator(Decimal(maximum))],
        help_text=help_text,
    )


class NewspaperFormat(models.Model):
    """A paper's page format and the municipality's space on it, as the paper specifies."""

    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. Ekby Tidning, tabloid"))
    newspaper = models.CharField(_("newspaper"), max_length=100, blank=True)
    page_width = _millimetres(_("page width (mm)"), "260", "50", "600")
    page_height = _millimetres(_("page height (mm)"), "370", "50", "900")
    space = models.CharField(
        _("space"), max_length=4, choices=PageSpace.choices, default=PageSpace.FULL
    )
    bleed = _millimetres(
        _("bleed (mm)"),
        "3",
        "0",
        "20",
        _("Colour areas run this far past the trimmed edge; 0 when the paper wants none."),
    )
    crop_marks = models.BooleanField(
        _("crop marks"), default=True, help_text=_("Marks where the page is trimmed.")
    )
    margin = _millimetres(_("margin (mm)"), "10", "3", "50")
    columns = models.PositiveSmallIntegerField(
        _("columns"), default=5, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("newspaper")]),
        FieldRowPanel([FieldPanel("page_width"), FieldPanel("page_height")]),
        FieldPanel("space"),
        FieldRowPanel([FieldPanel("bleed"), FieldPanel("crop_marks")]),
        FieldRowPanel([FieldPanel("margin"), FieldPanel("columns")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("newspaper format")
        verbose_name_plural = _("newspaper formats")

    def __str__(self):
        return f"{self.name} ({self.get_space_display().lower()}, {self.trim_label()})"

    def trim_size(self) -> tuple[Decimal, Decimal]:
        """Width and height in millimetres of the area laid out (before bleed)."""
        height = self.page_height / 2 if self.space == PageSpace.HALF else self.page_height
        return self.page_width, height

    def trim_label(self) -> str:
        """``260×370 mm``."""
        width, height = self.trim_size()
        return f"{width.normalize():f}×{height.normalize():f} mm"

    def clean(self):
        """The margins must leave room for the columns."""
        super().clean()
        width, _height = self.trim_size()
        if self.margin is not None and width is not None and self.margin * 4 >= width:
            raise ValidationError({"margin": _("The margins leave no room for the text.")})


def next_deadline(now: datetime.datetime | None = None) -> datetime.datetime:
    """Next Tuesday at noon, local time: the default print deadline."""
    local = timezone.localtime(now or timezone.now())
    days = (1 - local.weekday()) % 7
    deadline = (local + datetime.timedelta(days=days)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    if deadline <= local:
        deadline += datetime.timedelta(days=7)
    return deadline


def default_publication_date() -> datetime.date:
    """Thursday after the default deadline: the day the paper comes out."""
    return timezone.localdate(next_deadline()) + datetime.timedelta(days=2)


class LocalPressPage(ClusterableModel):
    """One week's "Kommunen informerar": chosen public items and the meeting notices."""

    title = models.CharField(_("heading"), max_length=100, default="Kommunen informerar")
    newspaper_format = models.ForeignKey(
        NewspaperFormat, verbose_name=_("format"), on_delete=models.PROTECT, related_name="+"
    )
    publication_date = models.DateField(
        _("publication date"),
        default=default_publication_date,
        help_text=_("The day the paper comes out."),
    )
    print_deadline = models.DateTimeField(
        _("print deadline"),
        default=next_deadline,
        help_text=_("Only items public by then can be chosen."),
    )
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    include_meeting_notices = models.BooleanField(
        _("include notices of meetings"),
        default=True,
        help_text=_("The current notices of council meetings, added by themselves."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    base_form_class = LocalPressPageForm
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("publication_date"), FieldPanel("print_deadline")]),
        FieldPanel("newspaper_format"),
        FieldPanel("intro"),
        InlinePanel(
            "entries",
            heading=_("Items"),
            label=_("Item"),
            help_text=_("Public items, the first one the largest."),
            min_num=1,
        ),
        MultiFieldPanel([FieldPanel("include_meeting_notices")], heading=_("Notices")),
    ]

    class Meta:
        ordering = ["-publication_date", "-pk"]
        verbose_name = _("local-press page")
        verbose_name_plural = _("local-press pages")

    def __str__(self):
        week = self.publication_date.isocalendar()[1]
        return f"{self.title}, {_('week')} {week} ({self.publication_date:%Y-%m-%d})"

    @property
    def week(self) -> int:
        """The ISO week the paper comes out in."""
        return self.publication_date.isocalendar()[1]

    def chosen_item_ids(self) -> list[int]:
        """The ids of the chosen items in their order."""
        return [entry.item_id for entry in self.entries.all() if entry.item_id]

    def entries_to_print(self) -> list:
        """``(entry, item)`` for the chosen items public by the deadline (or now, if
        earlier): an item withdrawn since it was chosen is left out."""
        ids = self.chosen_item_ids()
        queryset = press_candidates(printable_at(self.print_deadline)).filter(pk__in=ids)
        found = {page.pk: page for page in queryset.specific()}
        return [(e, found[e.item_id]) for e in self.entries.all() if e.item_id in found]

    def notices_to_print(self) -> list:
        """The current notices of meetings, unless the page leaves them out."""
        if not self.include_meeting_notices:
            return []
        return list(meeting_notices(self.print_deadline, self.publication_date))

    def waiting_item_ids(self) -> set[int]:
        """Chosen items that are public by the deadline but not yet now."""
        ids = self.chosen_item_ids()
        by_deadline = set(
            press_candidates(self.print_deadline).filter(pk__in=ids).values_list("pk", flat=True)
        )
        now = set(
            press_candidates(printable_at(self.print_deadline))
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        return by_deadline - now

    def clean(self):
        """The deadline falls before the paper comes out."""
        super().clean()
        if (
            self.print_deadline
            and self.publication_date
            and timezone.localdate(self.print_deadline) > self.publication_date
        ):
            raise ValidationError(
                {"print_deadline": _("The deadline must be before the publication date.")}
            )


class PressPageEntry(Orderable):
    """One public item on the local-press page, in layout order."""

    press_page = ParentalKey(LocalPressPage, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(
        "pages.ArticlePage", verbose_name=_("item"), on_delete=models.CASCADE, related_name="+"
    )
    full_text = models.BooleanField(
        _("full text"),
        default=False,
        help_text=_("Print the whole text; otherwise the summary and where to read more."),
    )

    panels = [FieldRowPanel([FieldPanel("item"), FieldPanel("full_text")])]

    class Meta(Orderable.Meta):
        verbose_name = _("item on the local-press page")
        verbose_name_plural = _("items on the local-press page")
