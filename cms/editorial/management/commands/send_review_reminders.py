"""Send each unit's editors and managers the content they must review (run weekly)."""

from django.core.management.base import BaseCommand

from cms.editorial.tasks import send_review_reminders


class Command(BaseCommand):
    help = "E-mail each unit the content whose review date is passed or soon due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead."
        )
        parser.add_argument(
            "--force", action="store_true", help="Send even to units reminded this week."
        )

    def handle(self, *args, enqueue=False, force=False, **options):
        if enqueue:
            result = send_review_reminders.enqueue(force=force)
            self.stdout.write(f"Queued: {result.id}")
            return
        sent = send_review_reminders.call(force=force)
        self.stdout.write(f"Reminders sent: {sent}")
