"""``manage.py load_demo_content``: the demo municipality Ekby kommun."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo.loader import load_demo_content

#: Singular forms of the report's kinds, for counts of one.
SINGULAR = {
    "enheter": "enhet",
    "ämnen": "ämne",
    "sidor": "sida",
    "översättningar": "översättning",
    "personer": "person",
    "inställningar": "inställning",
    "bilder": "bild",
    "artiklar": "artikel",
}


class Command(BaseCommand):
    """Create Ekby kommun's site, units, users, topics, people and items; idempotent."""

    help = (
        "Skapar demoinnehåll för Ekby kommun (sajt, enheter, användare per roll, ämnen, "
        "personer och artiklar av alla typer). Kan köras flera gånger: bara det som saknas "
        "skapas. Lösenord: ENKANAL_DEMO_PASSWORD eller ett slumpat. / Loads demo content; "
        "idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Ge även befintliga demoanvändare lösenordet. / Reset existing users' passwords.",
        )

    def handle(self, *args, reset_passwords=False, **options):
        # One transaction: a failure half-way leaves the database as it was.
        with transaction.atomic():
            report = load_demo_content(reset_passwords=reset_passwords)
        if report.created:
            summary = ", ".join(
                f"{n} {SINGULAR.get(kind, kind) if n == 1 else kind}"
                for kind, n in report.created.items()
            )
            self.stdout.write(self.style.SUCCESS(f"Skapat: {summary}."))
        else:
            self.stdout.write("Demoinnehållet finns redan; inget nytt skapat.")
        width = max(len(username) for username, _role, _pw in report.passwords)
        self.stdout.write(f"{'Användare'.ljust(width)}  {'Roll'.ljust(14)}  Lösenord")
        for username, role, password in report.passwords:
            self.stdout.write(f"{username.ljust(width)}  {role.ljust(14)}  {password}")
