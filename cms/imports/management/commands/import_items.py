"""``manage.py import_items FILE``: import records from JSONL or a collective.exportimport file."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.imports.engine import ImportAborted, Importer, ImportOptions
from cms.imports.jsonl import read_records

#: Report lines printed per kind (all of them are in the JSON report).
PRINTED_LINES = 5
#: The report kind of objects in an export that are left out (as ``import_plone``'s).
SKIPPED_KIND = "plone_skipped"


def file_format(path: Path) -> str:
    """``"jsonl"`` for one record per line, ``"exportimport"`` for one JSON document.

    collective.exportimport's ``export_content`` writes a JSON list (or an object with
    ``items``); a JSONL file starts with a complete record on its first line.
    """
    # Only the format is guessed here; bytes that are not UTF-8 are reported later.
    with open(path, encoding="utf-8", errors="replace") as handle:
        first_line = ""
        for line in handle:
            if line.strip():
                first_line = line.strip()
                break
    if first_line.startswith("["):
        return "exportimport"
    try:
        first = json.loads(first_line)
    except json.JSONDecodeError:
        return "exportimport" if first_line.startswith("{") else "jsonl"
    if isinstance(first, list) or (isinstance(first, dict) and "items" in first):
        return "exportimport"
    return "jsonl"


def first_system(path: Path) -> str | None:
    """``source.system`` of the file's first record (the run's source system)."""
    for _line, record in itertools.islice(read_records(path), 1):
        if isinstance(record, dict) and isinstance(record.get("source"), dict):
            return record["source"].get("system") or None
    return None


def count_lines(path: Path) -> int:
    """Non-blank lines of ``path`` (for the progress bar's ETA)."""
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def reporting_skips(records, skipped: list, report):
    """``records``, adding each object the export leaves out to ``report`` as it happens."""
    reported = 0

    def drain():
        nonlocal reported
        for skip in skipped[reported:]:
            report.warn(SKIPPED_KIND, skip.url, skip.reason)
        reported = len(skipped)

    for record in records:
        drain()
        yield record
    drain()


class Command(BaseCommand):
    """Import news, notices, press releases, bulletins, documents, images and redirects."""

    help = _(
        "Imports content from a JSONL file (the schema enkanal.import/1, see "
        "cms/imports/schema.py) or from collective.exportimport's JSON export."
    )

    def add_arguments(self, parser):
        """FILE and the run's options."""
        parser.add_argument("file", type=Path, help=_("JSONL file or exportimport JSON."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check and report, save nothing.")
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help=_("Update records changed in the source (not those changed in Enkanal)."),
        )
        parser.add_argument(
            "--unit", help=_("Owner unit (name or short name) for records without owner_unit.")
        )
        parser.add_argument("--report", type=Path, help=_("Write the report as JSON to this file."))
        parser.add_argument("--no-progress", action="store_true", help=_("Show no progress bar."))
        parser.add_argument(
            "--translations",
            type=Path,
            help=_("collective.exportimport's export_translations file (translation groups)."),
        )
        parser.add_argument(
            "--blob-dir",
            type=Path,
            help=_("Plone's blob storage that the export's blob_path starts from."),
        )
        parser.add_argument(
            "--system",
            help=_("Source system for records that give none (default: the first record's)."),
        )

    def handle(self, *args, **options):
        """Run the import and print its report."""
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path})
        try:
            kind = file_format(path)
        except OSError as error:
            raise CommandError(
                _("%(path)s cannot be read: %(error)s")
                % {"path": path, "error": error.strerror or error}
            ) from None
        progress = not options["no_progress"]
        skipped = None
        whole_file_errors: tuple = ()
        if kind == "exportimport":
            # Written for collective.exportimport's format; imported only when needed.
            from cms.imports.plone.exportimport import ExportError, iter_records

            whole_file_errors = (ExportError,)
            skipped = []
            records = iter_records(
                path,
                translations=options["translations"],
                blob_dir=options["blob_dir"],
                skipped=skipped,
            )
            system = options["system"] or "plone"
            total = None
        else:
            records = read_records(path)
            system = options["system"] or first_system(path) or "jsonl"
            total = count_lines(path) if progress else None
        importer = Importer(
            ImportOptions(
                dry_run=options["dry_run"],
                update=options["update"],
                default_unit=options["unit"],
                source_system=system,
                progress=progress,
                report_path=options["report"],
                base_dir=path.resolve().parent,
                total=total,
            )
        )
        if skipped is not None:
            records = reporting_skips(records, skipped, importer.report)
        try:
            report = importer.run(records)
        except ImportAborted as error:
            raise CommandError(str(error)) from error
        except whole_file_errors as error:
            # The file as a whole cannot be read (not JSON, not an export, unreadable):
            # it is read before the first record, so nothing was imported.
            importer.report.aborted = str(error)
            if options["report"]:
                importer.report.write(options["report"])
            raise CommandError(str(error)) from None
        self.print_report(report)

    def print_report(self, report):
        """The counts, the warnings by kind and the first errors."""
        data = report.to_dict()
        title = _("Dry run – nothing was saved") if report.dry_run else _("Import done")
        self.stdout.write(self.style.SUCCESS(title))
        self.stdout.write(
            _("%(records)d records in %(seconds).1f s (%(rate).1f records/s)")
            % {
                "records": data["records"],
                "seconds": data["seconds"],
                "rate": data["items_per_second"],
            }
        )
        for name, value in data["counts"].items():
            self.stdout.write(f"  {name}: {value}")
        for kind, warnings in data["warnings"].items():
            self.stdout.write(self.style.WARNING(f"{kind}: {warnings['count']}"))
            for line in warnings["items"][:PRINTED_LINES]:
                self.stdout.write(f"  {line['source']}: {line['message']}")
        if data["errors"]:
            self.stdout.write(self.style.ERROR(_("Errors: %(n)d") % {"n": len(data["errors"])}))
            for line in data["errors"][:PRINTED_LINES]:
                where = f" (rad {line['line']})" if "line" in line else ""
                self.stdout.write(f"  {line['source']}{where}: {line['message']}")
