"""Start the e-mail outbox's safety-net sweep in the worker (starting it again is harmless)."""

from django.core.management.base import BaseCommand

from cms.mail.tasks import ensure_mail_sweep, run_outbox


class Command(BaseCommand):
    help = "Köar e-postkanalens återkommande svep (eller kör det en gång med --now)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Kör svepet här och nu.")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(str(run_outbox()))
            return
        queued = ensure_mail_sweep()
        self.stdout.write("Svepet är köat." if queued else "Svepet var redan köat.")
