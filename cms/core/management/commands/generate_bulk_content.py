"""``manage.py generate_bulk_content``: many varied items, inserted in bulk."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Locale

from cms.core.demo.bulk import insert_items, plan_items
from cms.core.demo.loader import ensure_structure
from cms.pages import models as page_models
from cms.snippets.models import Person, Unit


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
        parents = self._parents()
        if seed is None:
            seed = int(time.time())
        plan = plan_items(
            items,
            seed,
            timezone.now().replace(microsecond=0),
            Unit.objects.values_list("name", flat=True),
            Person.objects.media_contacts().count(),
        )
        counts = insert_items(plan, parents)
        elapsed = time.perf_counter() - started
        kinds = ", ".join(
            f"{counts[kind]} {kind}" for kind in ("news", "notices", "press", "bulletins")
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Skapade {items} artiklar ({kinds}) på {elapsed:.1f} s "
                f"({items / elapsed:.0f} artiklar/s), frö {seed}."
            )
        )

    def _parents(self):
        """The Swedish index pages, creating the minimal structure when it is missing."""
        home = page_models.HomePage.objects.filter(
            locale=Locale.objects.filter(language_code="sv").first(), depth=2
        ).first()
        if home is None or not page_models.NewsIndexPage.objects.child_of(home).exists():
            self.stdout.write("Demostrukturen saknas; skapar sajt, enheter och ämnen.")
            _units, _topics, home, index_pages = ensure_structure()
            return index_pages
        return {
            "news": page_models.NewsIndexPage.objects.child_of(home).get(),
            "notices": page_models.NoticeBoardPage.objects.child_of(home).get(),
            "press": page_models.PressRoomPage.objects.child_of(home).get(),
            "bulletins": page_models.StaffBulletinIndexPage.objects.child_of(home).get(),
        }
