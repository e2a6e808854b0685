"""Demo subscribers (Ekby kommun): residents, an English speaker, a weekly reader, a journalist."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cms.mail.consent import current_version
from cms.mail.models import ConsentAction, ConsentRecord, Frequency, Subscriber

DEMO_SUBSCRIBERS = [
    # e-mail, language, frequency, media (no topics chosen: every topic)
    ("anna.invanare@example.org", "sv", Frequency.IMMEDIATE, False),
    ("erik.veckobrev@example.org", "sv", Frequency.WEEKLY, False),
    ("jane.resident@example.org", "en", Frequency.IMMEDIATE, False),
    ("reporter@ekbytidning.example", "sv", Frequency.IMMEDIATE, True),
]


class Command(BaseCommand):
    """Create the confirmed demo subscribers, each with its consent record; idempotent."""

    help = "Skapar bekräftade demoprenumeranter (invånare, veckobrev, engelska, journalist)."

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now()
        for email, language, frequency, media in DEMO_SUBSCRIBERS:
            subscriber, created = Subscriber.objects.get_or_create(
                email=email,
                defaults={
                    "language": language,
                    "frequency": frequency,
                    "is_media": media,
                    "confirmed_at": now,
                },
            )
            if created:
                ConsentRecord.objects.create(
                    subscriber=subscriber,
                    action=ConsentAction.CONFIRMED,
                    text_version=current_version(),
                    agreed_to={"language": language, "frequency": frequency, "media": media},
                )
        self.stdout.write(f"{len(DEMO_SUBSCRIBERS)} demoprenumeranter finns.")
