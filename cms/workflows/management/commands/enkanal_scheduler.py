"""Start the scheduler's sweep and the registered periodic tasks in the worker
(idempotent), or run due work once."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.core import periodic
from cms.workflows.scheduling import ensure_sweep, run_due


class Command(BaseCommand):
    help = _(
        "Queues the scheduler's recurring check for db_worker (once is enough), or runs what is "
        "due now with --once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help=_("Run due publishing now and exit.")
        )

    def handle(self, *args, once=False, **options):
        if once:
            result = run_due()
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in result.items()))
            return
        if ensure_sweep():
            self.stdout.write(_("The scheduler is started."))
        else:
            self.stdout.write(
                _("The scheduler was already running (or the queue lacks run_after).")
            )
        # The other apps' periodic work (retention, review reminders, ...).
        for path in periodic.start_all():
            self.stdout.write(_("Started %s.") % path)
