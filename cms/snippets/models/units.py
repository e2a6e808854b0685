"""The organisation as a tree of units: administration → operation → unit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class UnitLevel(models.TextChoices):
    """The three levels of the municipal organisation."""

    ADMINISTRATION = "administration", _("Administration")
    OPERATION = "operation", _("Service")
    UNIT = "unit", _("Unit")


_LEVEL_DEPTH = {UnitLevel.ADMINISTRATION: 0, UnitLevel.OPERATION: 1, UnitLevel.UNIT: 2}
#: Depth of the deepest chain walked; guards against cycles in bad data.
MAX_UNIT_DEPTH = 10


class UnitQuerySet(models.QuerySet):
    """Queries over units."""

    def managed_by(self, user):
        """Units where ``user`` is one of the managers (chefer)."""
        return self.filter(managers=user)

    def with_member(self, user):
        """Units ``user`` belongs to."""
        return self.filter(members=user)


class Unit(index.Indexed, models.Model):
    """A förvaltning, verksamhet or enhet. Its managers approve what it publishes."""

    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=UnitLevel.choices, default=UnitLevel.UNIT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    contact_email = models.EmailField(_("contact address (e-mail)"), blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("managers"),
        blank=True,
        related_name="managed_units",
        help_text=_("The managers approve what the unit publishes."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff"),
        blank=True,
        related_name="units",
        help_text=_("Staff who receive the unit's targeted staff bulletins."),
    )

    objects = UnitQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("level"),
                FieldPanel("parent"),
            ],
            heading=_("Unit"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("managers"),
        FieldPanel("members"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("level"),
        index.FilterField("parent_id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_in_parent"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Save, refusing a cycle from code too (the admin also checks levels in ``clean``)."""
        self._check_no_cycle()
        super().save(*args, **kwargs)

    def clean(self):
        """Keep the tree a tree, with levels that go down from administration to unit."""
        super().clean()
        self._check_children_below()
        if self.parent_id is None:
            return
        self._check_no_cycle()
        parent_depth = _LEVEL_DEPTH[UnitLevel(self.parent.level)]
        if _LEVEL_DEPTH[UnitLevel(self.level)] <= parent_depth:
            raise ValidationError(
                {"level": _("The level must be lower than the parent unit's level.")}
            )

    def _check_no_cycle(self):
        """A unit cannot sit below itself (the tree walks would never end)."""
        if (
            self.pk is not None
            and self.parent_id is not None
            and self.pk in {u.pk for u in self.parent.get_ancestors(True)}
        ):
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})

    def _check_children_below(self):
        """A unit whose level is raised or lowered must still sit above its children."""
        if self.pk is None:
            return
        depth = _LEVEL_DEPTH[UnitLevel(self.level)]
        child_levels = Unit.objects.filter(parent_id=self.pk).values_list("level", flat=True)
        if any(_LEVEL_DEPTH[UnitLevel(level)] <= depth for level in child_levels):
            raise ValidationError(
                {"level": _("The level must be higher than the level of the unit's sub-units.")}
            )

    def get_ancestors(self, include_self: bool = False) -> list["Unit"]:
        """Units from this one (optionally) up to its administration, nearest first."""
        chain: list[Unit] = [self] if include_self else []
        node = self.parent
        while node is not None and len(chain) < MAX_UNIT_DEPTH:
            chain.append(node)
            node = node.parent
        return chain

    def get_descendant_ids(self) -> set[int]:
        """Primary keys of every unit below this one."""
        found: set[int] = set()
        frontier = {self.pk}
        for _depth in range(MAX_UNIT_DEPTH):
            frontier = (
                set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
                - found
            )
            if not frontier:
                break
            found |= frontier
        return found

    def get_responsible_managers(self):
        """Managers of this unit, or of the nearest ancestor that has any."""
        for unit in self.get_ancestors(include_self=True):
            managers = list(unit.managers.filter(is_active=True))
            if managers:
                return managers
        return []

    @property
    def display_path(self) -> str:
        """ "Förvaltning › Verksamhet › Enhet", for choosers and listings."""
        return " › ".join(u.name for u in reversed(self.get_ancestors(include_self=True)))
