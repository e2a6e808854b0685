"""Remove personal data from feedback: past the retention period, or on request."""

from django.core.management.base import BaseCommand, CommandError

from cms.dialogue.models import Feedback


class Command(BaseCommand):
    help = (
        "Erase name, e-mail and text of feedback older than ENKANAL_FEEDBACK_RETENTION_DAYS, "
        "or of every case from one address (--email) on request."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="Erase every case sent from this address.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the cases without erasing."
        )

    def handle(self, *args, email=None, dry_run=False, **options):
        if email is not None:
            email = email.strip()
            if "@" not in email:
                raise CommandError("--email needs an e-mail address.")
            cases = Feedback.objects.filter(email__iexact=email, erased_at__isnull=True)
        else:
            cases = Feedback.objects.due_for_erasure()
        count = cases.count() if dry_run else cases.erase()
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(f"{verb} personal data of {count} case(s).")
