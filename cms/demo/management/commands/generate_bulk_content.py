"""``manage.py generate_bulk_content``: many varied items, inserted in bulk."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cms.demo.bulk import insert_items, plan_items
from cms.demo.loader import LoadReport, ensure_structure
from cms.snippets.models import Person, Unit

#: How the summary names each kind.
KIND_LABELS = {
    "news": "nyheter",
    "notices": "anslag",
    "press": "pressmeddelanden",
    "bulletins": "personalblad",
}


class Command(BaseCommand):
    """Generate ``--items`` news items, notices, press releases and staff bulletins."""

    help = (
        "Skapar många varierade artiklar (mest nyheter, även anslag, pressmeddelanden och "
        "personalblad) med bulkinsättning, för prestandatester. Saknas demostrukturen skapas "
        "sajten, enheterna och ämnena först (kör gärna load_demo_content innan). Inga "
        "revisioner och inget sökindex skrivs: kör `manage.py update_index` efteråt för att "
        "bygga sökindexet. / Bulk-generates items; run `manage.py update_index` afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, required=True, help="Antal artiklar.")
        parser.add_argument(
            "--seed", type=int, default=None, help="Slumpfrö; samma frö ger samma innehåll."
        )

    def handle(self, *args, items, seed=None, **options):
        if items < 1:
            raise CommandError("--items måste vara minst 1.")
        started = time.perf_counter()
        if seed is None:
            seed = int(time.time())
        # One transaction: an interrupted run leaves no half-inserted pages behind.
        with transaction.atomic():
            parents = self._parents()
            plan = plan_items(
                items,
                seed,
                timezone.now().replace(microsecond=0),
                Unit.objects.values_list("name", flat=True),
                Person.objects.media_contacts().count(),
            )
            counts = insert_items(plan, parents)
        elapsed = time.perf_counter() - started
        kinds = ", ".join(f"{counts[kind]} {label}" for kind, label in KIND_LABELS.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Skapade {items} artiklar ({kinds}) på {elapsed:.1f} s "
                f"({items / elapsed:.0f} artiklar/s), frö {seed}."
            )
        )

    def _parents(self):
        """The Swedish index pages; whatever of the demo structure is missing is created."""
        report = LoadReport()
        _units, _topics, _home, index_pages = ensure_structure(report)
        if report.created:
            summary = ", ".join(f"{n} {kind}" for kind, n in report.created.items())
            self.stdout.write(f"Demostrukturen saknades; skapat: {summary}.")
        return index_pages
