"""Print benchmark: time to render a 12-page INblick edition and a local-press page.

    uv run --frozen python bench/print.py                 # 5 rounds each
    uv run --frozen python bench/print.py --rounds 9 --pages 12

Runs on a scratch SQLite database (``var/bench/print.sqlite3``, recreated): the demo
content, then as many extra staff bulletins (with an image and five paragraphs each) as
an edition needs to reach ``--pages`` pages, and a tabloid press page with the demo's
public items and meeting notice. Each document is rendered once to warm up (image
renditions are made then), then ``--rounds`` times; prints the medians, the minimum and
the maximum, the pages and the sizes. Writes the last PDFs to var/bench/.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "var" / "bench" / "print.sqlite3"

PARAGRAPH = (
    "Arbetet med den nya organisationen fortsätter under hösten. Alla enheter har fått "
    "möjlighet att lämna synpunkter, och förvaltningen sammanställer nu svaren. Målet är "
    "tydligare ansvar, kortare beslutsvägar och bättre stöd till medarbetarna i deras "
    "vardag. Under november hålls informationsmöten på varje arbetsplats, och den som "
    "har frågor kan alltid vända sig till sin chef eller till HR-avdelningen."
)


def setup() -> None:
    """A fresh scratch database with the demo content."""
    sys.path.insert(0, str(ROOT))
    SCRATCH.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SCRATCH}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("ENKANAL_DEMO_PASSWORD", "bench-only")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", verbosity=0)


def add_bulletins(count: int, start: int) -> list:
    """``count`` published, released staff bulletins with an image and five paragraphs."""
    from django.utils import timezone

    from cms.core.models import EnkanalImage
    from cms.pages.models import ArticlePage, StaffBulletinIndexPage, StaffBulletinPage
    from cms.snippets.models import Audience, Unit
    from cms.workflows.guard import system_publish

    parent = StaffBulletinIndexPage.objects.first()
    image = EnkanalImage.objects.first()
    unit = Unit.objects.get(name="HR-avdelningen")
    staff = list(Audience.objects.filter(code="staff"))
    pages = []
    with system_publish("benchmark data"):
        for number in range(start, start + count):
            page = StaffBulletinPage(
                title=f"Ny organisation, del {number}",
                slug=f"ny-organisation-del-{number}",
                summary="Så blir den nya organisationen, och det här betyder den för dig.",
                owner_unit=unit,
                audiences=staff,
                main_image=image,
                body=[
                    {"type": "paragraph", "value": f"<p>{PARAGRAPH}</p>", "id": str(uuid.uuid4())}
                    for _ in range(5)
                ],
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
            pages.append(page)
    now = timezone.now()
    ArticlePage.objects.filter(pk__in=[p.pk for p in pages]).update(internal_release_at=now)
    return pages


def twelve_page_edition(pages: int):
    """An edition of the demo's items plus bulletins until it has ``pages`` pages."""
    from cms.channels.models import Edition, EditionEntry
    from cms.channels.printing import edition_pdf
    from cms.workflows.guard import system_publish

    edition = Edition.objects.get()
    items = [entry.item for entry in edition.entries.all()]
    added = 0
    while True:
        count = len(edition_pdf_reader(edition_pdf(edition).content).pages)
        if count >= pages:
            return edition, count
        new = add_bulletins(2, added + 1)
        added += 2
        items += new
        edition.entries = [EditionEntry(item=item) for item in items]
        with system_publish("benchmark data"):
            edition.save_revision().publish()
        edition = Edition.objects.get(pk=edition.pk)


def edition_pdf_reader(content: bytes):
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(content))


def timed(render, rounds: int) -> tuple[list[float], bytes]:
    """Seconds per render over ``rounds`` renders, after one warm-up; the last PDF."""
    content = render().content
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        content = render().content
        times.append(time.perf_counter() - started)
    return times, content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=12)
    args = parser.parse_args()
    setup()
    from cms.channels.models import LocalPressPage
    from cms.channels.printing import edition_pdf, press_pdf

    edition, _count = twelve_page_edition(args.pages)
    press_page = LocalPressPage.objects.get()
    rows = []
    for name, render in (
        (f"INblick edition ({len(edition.chosen_item_ids())} items)", lambda: edition_pdf(edition)),
        (
            f"Local-press page ({press_page.newspaper_format.trim_label()})",
            lambda: press_pdf(press_page),
        ),
    ):
        times, content = timed(render, args.rounds)
        pages = len(edition_pdf_reader(content).pages)
        out = SCRATCH.parent / ("edition.pdf" if name.startswith("INblick") else "press.pdf")
        out.write_bytes(content)
        rows.append((name, pages, len(content), times))
    print(f"{'document':<40} {'pages':>5} {'size':>9} {'median':>8} {'min':>7} {'max':>7}")
    for name, pages, size, times in rows:
        print(
            f"{name:<40} {pages:>5} {size / 1024:>7.0f}kB {statistics.median(times):>7.2f}s "
            f"{min(times):>6.2f}s {max(times):>6.2f}s"
        )
    print(f"({args.rounds} rounds after one warm-up; SQLite; {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
