"""Small abstract mixins that article page types are built from.

Each mixin owns one concern: content, ownership and audiences, the release plan, and
the review date. Page types combine them (see ``cms.pages.models.base.ArticlePage``).
They live with the page types rather than in core because ownership and audiences are
snippets (cms.snippets), which build on core.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField

from cms.core.blocks import ArticleBodyBlock
from cms.snippets.models import Audience
from cms.snippets.models.audiences import EXTERNAL_CODES, AudienceCode

#: Plain-text summary (ingress) limit; long enough for two sentences, short for lists.
SUMMARY_MAX_LENGTH = 300


class ArticleContentMixin(models.Model):
    """Summary (ingress), body and main image."""

    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text=_("One or two sentences that sum up the content. Plain text."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    main_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class AudienceMixin(models.Model):
    """The owning unit, the audiences (at least one) and the topics of an item.

    Page types may fix their audiences (``fixed_audience_codes``), insist on some
    (``mandatory_audience_codes``) or limit them (``allowed_audience_codes``).
    """

    owner_unit = models.ForeignKey(
        "snippets.Unit",
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit's manager approves the content."),
    )
    audiences = ParentalManyToManyField(
        "snippets.Audience",
        verbose_name=_("audiences"),
        related_name="+",
        blank=True,
    )
    topics = ParentalManyToManyField(
        "snippets.Topic", verbose_name=_("topics"), related_name="+", blank=True
    )

    #: Codes the item always has; set automatically, nothing else allowed.
    fixed_audience_codes: frozenset[str] = frozenset()
    #: Codes the item must always include; added automatically to an empty choice.
    mandatory_audience_codes: frozenset[str] = frozenset()
    #: Codes the item may have (empty: any).
    allowed_audience_codes: frozenset[str] = frozenset()

    class Meta:
        abstract = True

    def get_audience_codes(self) -> set[str]:
        """Codes of the item's audiences (in-memory values included)."""
        return {a.code for a in self.audiences.all()}

    @property
    def is_external(self) -> bool:
        """True when any audience is outside the organisation."""
        return bool(self.get_audience_codes() & EXTERNAL_CODES)

    @property
    def is_staff_only(self) -> bool:
        """True when staff are the only audience."""
        return self.get_audience_codes() == {AudienceCode.STAFF}

    def apply_fixed_audiences(self):
        """Give the item its fixed (or mandatory) audiences when it has none yet."""
        codes = self.fixed_audience_codes or self.mandatory_audience_codes
        if codes and not self.get_audience_codes():
            self.audiences.set(Audience.objects.filter(code__in=codes))

    #: Set by the admin form while it saves a draft (autosave, "save draft"): the
    #: audiences an editor is still choosing are kept as they are, incomplete or not;
    #: submitting and publishing validate them in full.
    draft_audience_rules_deferred = False

    def clean_audiences(self):
        """Validate audiences against the page type's rules; errors keyed by field."""
        codes = self.get_audience_codes()
        if self.fixed_audience_codes and codes and codes != set(self.fixed_audience_codes):
            raise ValidationError({"audiences": self.fixed_audience_message()})
        if self.allowed_audience_codes and not codes <= set(self.allowed_audience_codes):
            raise ValidationError({"audiences": self.fixed_audience_message()})
        if self.draft_audience_rules_deferred:
            return
        if not codes:
            raise ValidationError({"audiences": _("Choose at least one audience.")})
        if not codes >= set(self.mandatory_audience_codes):
            raise ValidationError({"audiences": self.fixed_audience_message()})

    def fixed_audience_message(self):
        """The error shown when the audiences break the page type's rules."""
        return _("The audiences do not fit this page type.")


class ReleasePlanMixin(models.Model):
    """When an item reaches staff (internal) and everyone else (external).

    The workflow fills these on publication; every channel reads them, so nothing
    reaches an external surface before ``external_release_at``.
    """

    internal_release_at = models.DateTimeField(
        _("internal publication"), null=True, blank=True, editable=False, db_index=True
    )
    external_release_at = models.DateTimeField(
        _("external publication"), null=True, blank=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True

    def is_released_internally(self, at: datetime.datetime | None = None) -> bool:
        """True once staff may see the item."""
        at = at or timezone.now()
        return self.internal_release_at is not None and self.internal_release_at <= at

    def is_released_externally(self, at: datetime.datetime | None = None) -> bool:
        """True once the public may see the item."""
        at = at or timezone.now()
        return self.external_release_at is not None and self.external_release_at <= at


class ReviewDateMixin(models.Model):
    """A date by which the content must be reviewed (the strategy's two-year cycle)."""

    review_date = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the default: two years after publication."),
    )

    #: Days from publication to review; page types may shorten or lengthen it.
    review_interval_days: int | None = None

    class Meta:
        abstract = True

    def get_review_interval(self) -> datetime.timedelta:
        """How long after publication the item must be reviewed."""
        days = self.review_interval_days or settings.ENKANAL_REVIEW_INTERVAL_DAYS
        return datetime.timedelta(days=days)

    def apply_default_review_date(self):
        """Set the review date from the publication date when the editor left it empty."""
        if self.review_date is None and self.live:
            published = self.first_published_at or timezone.now()
            self.review_date = timezone.localdate(published) + self.get_review_interval()
