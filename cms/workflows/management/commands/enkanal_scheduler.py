"""Start the scheduler's sweep and the registered periodic tasks in the worker
(idempotent), or run due work once."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.core import periodic
from cms.workflows.scheduling import ensure_sweep, run_due


class Command(BaseCommand):
    help = _(
        "Köar schemaläggarens återkommande kontroll för db_worker (en gång räcker), "
        "eller kör det som är förfallet nu med --once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help=_("Kör förfallen publicering nu och avsluta.")
        )

    def handle(self, *args, once=False, **options):
        if once:
            result = run_due()
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in result.items()))
            return
        if ensure_sweep():
            self.stdout.write(_("Schemaläggaren är startad."))
        else:
            self.stdout.write(
                _("Schemaläggaren körde redan (eller köhanteraren saknar run_after).")
            )
        # The other apps' periodic work (retention, review reminders, ...).
        for path in periodic.start_all():
            self.stdout.write(_("Startade %s.") % path)
