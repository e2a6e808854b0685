"""Page behaviour the workflow adds to article pages (no fields, no migrations)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _


class AudienceWorkflowMixin:
    """Chooses the workflow from the item's audiences and type (``cms.workflows.routing``).

    Wagtail's default looks up the page tree; an item's route depends on who it is
    for instead, so a staff news item and a resident news item in the same news
    section go through different workflows.
    """

    def get_workflow(self):
        """The workflow for this item's audiences and type."""
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        from cms.workflows.routing import workflow_for

        return workflow_for(self)

    @property
    def has_workflow(self):
        """True when a workflow applies (Wagtail asks this before offering "submit")."""
        return self.get_workflow() is not None

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        """Save a revision with the page row locked, so autosave never races a submit.

        Autosave overwrites the revision it made last. Wagtail checks that this is
        still the latest against the page as loaded when the request began, and the
        edit view writes that stale page back before saving; a submit running at the
        same moment could have saved (and sent to moderation) a newer revision since.
        Locking the row and asking the revisions themselves which is the latest makes
        a late autosave fail as out of date instead of superseding the submitted one.
        """
        if self.pk is None:
            return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)
        from wagtail.models import Page, Revision

        with transaction.atomic():
            list(Page.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
            latest = Revision.objects.for_instance(self).order_by("-pk").first()
            if overwrite_revision is not None and (
                latest is None or latest.pk != overwrite_revision.pk
            ):
                raise PermissionDenied(_("Saving will overwrite a newer version."))
            self.latest_revision = latest
            return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)
