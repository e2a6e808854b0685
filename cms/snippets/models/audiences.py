"""The strategy's audiences: a fixed vocabulary with translatable labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class AudienceCode(models.TextChoices):
    """Fixed codes; rows are created by a data migration and never by editors."""

    RESIDENTS = "residents", _("Residents")
    STAFF = "staff", _("Staff")
    MEDIA = "media", _("Media")
    PARTNERS = "partners", _("Partners")
    AUTHORITIES = "authorities", _("Authorities")
    PROSPECTIVE_RESIDENTS = "prospective_residents", _("Prospective residents")
    VISITORS = "visitors", _("Visitors")


#: The strategy's "omvärld": everyone outside the organisation except residents.
OUTSIDE_WORLD_CODES = frozenset(
    {
        AudienceCode.MEDIA,
        AudienceCode.PARTNERS,
        AudienceCode.AUTHORITIES,
        AudienceCode.PROSPECTIVE_RESIDENTS,
        AudienceCode.VISITORS,
    }
)
#: Every audience that makes an item external (published outside the organisation).
EXTERNAL_CODES = OUTSIDE_WORLD_CODES | {AudienceCode.RESIDENTS}


class AudienceQuerySet(models.QuerySet):
    """Queries over the fixed audiences."""

    def external(self):
        """Audiences outside the organisation (residents and the outside world)."""
        return self.filter(code__in=EXTERNAL_CODES)

    def staff(self):
        """The staff audience only."""
        return self.filter(code=AudienceCode.STAFF)


class Audience(index.Indexed, models.Model):
    """One of the strategy's audiences. The label follows the user's language."""

    code = models.CharField(
        _("code"), max_length=32, unique=True, choices=AudienceCode.choices, editable=False
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)

    objects = AudienceQuerySet.as_manager()

    search_fields = [index.SearchField("code"), index.FilterField("code")]

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        """The translated label of this audience's code."""
        return AudienceCode(self.code).label

    @property
    def is_outside_world(self) -> bool:
        """True for media, partners, authorities, prospective residents and visitors."""
        return self.code in OUTSIDE_WORLD_CODES

    @property
    def is_external(self) -> bool:
        """True for every audience outside the organisation (residents included)."""
        return self.code in EXTERNAL_CODES

    @property
    def group_label(self):
        """The strategy's grouping: residents, staff or the outside world."""
        if self.is_outside_world:
            return _("Outside world")
        return self.label
