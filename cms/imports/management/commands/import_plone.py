"""``manage.py import_plone URL``: a Plone site over plone.restapi into Enkanal."""

import json
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.imports.plone.client import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_TIMEOUT,
    PloneClient,
    PloneError,
    PloneItemError,
)
from cms.imports.plone.config import RulesError, load_rules
from cms.imports.plone.mapping import Mapper, inside

#: The report kind of items the rules leave out.
SKIPPED_KIND = "plone_skipped"


def plone_records(client, rules, *, path=None, batch_size=DEFAULT_BATCH_SIZE, report=None):
    """Yield the records of the Plone site behind ``client``; report what is left out.

    ``report`` has ``warn(kind, source, message)`` and ``fail(source, message)`` (the
    engine's ``ImportReport``); objects Plone cannot serve are failures, items the rules
    leave out are warnings. Both are reported as they happen, so an interrupted run's
    report still lists them.
    """
    mapper = Mapper(rules, client.site_url)
    reported = 0

    def drain():
        nonlocal reported
        for skip in mapper.skipped[reported:]:
            if report is not None:
                report.warn(SKIPPED_KIND, skip.url, skip.reason)
        reported = len(mapper.skipped)

    for item in client.search(path=path, batch_size=batch_size):
        if isinstance(item, PloneItemError):
            if report is not None:
                report.fail(item.url, str(item))
            continue
        try:
            record = mapper.map(item)
        except (TypeError, ValueError, AttributeError) as error:
            # A malformed object: reported with its URL, the walk goes on.
            if report is not None:
                report.fail(
                    str(item.get("@id", "")) if isinstance(item, dict) else "",
                    _("The object could not be read: %(error)s") % {"error": error},
                )
            continue
        drain()
        if record is not None:
            yield record
    for record in mapper.finish():
        if not path or inside(mapper.site_path(record["source"]["url"]), path):
            yield record
    drain()


class _FileReport:
    """The report of a ``--to-file`` run: records written and items left out."""

    def __init__(self):
        self.by_type = Counter()
        self.warnings = []
        self.errors = []

    def warn(self, kind, source, message):
        self.warnings.append({"kind": kind, "source": source, "message": str(message)})

    def fail(self, source, message):
        self.errors.append({"source": source, "message": str(message)})

    def to_dict(self, records):
        return {
            "records": records,
            "by_type": dict(self.by_type),
            "warnings": self.warnings,
            "errors": self.errors,
        }


class Command(BaseCommand):
    """Import a Plone 5.2/6 site (plone.restapi ≥ 8) with the mapping rules of a TOML file."""

    help = _(
        "Imports a Plone site through plone.restapi. Login from the environment: "
        "ENKANAL_PLONE_USER and ENKANAL_PLONE_PASSWORD (basic auth, or a JWT with --jwt) or "
        "ENKANAL_PLONE_TOKEN. With --to-file a JSONL file is written to review and load with "
        "import_items."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help=_("The Plone site's address, e.g. https://gamla.ekby.se"))
        parser.add_argument("--path", help=_("Only content under this path, e.g. /nyheter"))
        parser.add_argument("--config", help=_("Rules file (TOML); default: the built-in rules"))
        parser.add_argument("--unit", help=_("The unit that owns what no rule gives a unit"))
        parser.add_argument("--dry-run", action="store_true", help=_("Dry run: saves nothing"))
        parser.add_argument("--update", action="store_true", help=_("Update changed records"))
        parser.add_argument(
            "--to-file", help=_("Write the records as JSONL instead of importing them")
        )
        parser.add_argument("--report", help=_("Write the report as JSON here"))
        parser.add_argument(
            "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help=_("Objects per request")
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=DEFAULT_TIMEOUT[1],
            help=_("Seconds to wait for each answer from Plone (%(default)s)"),
        )
        parser.add_argument("--no-progress", action="store_true", help=_("No progress bar"))
        parser.add_argument(
            "--jwt", action="store_true", help=_("Log in with @login and use a JWT")
        )

    def handle(self, *args, **options):
        if not 1 <= options["batch_size"] <= 1000:
            raise CommandError(_("--batch-size must be between 1 and 1000."))
        if options["timeout"] <= 0:
            raise CommandError(_("--timeout must be greater than 0."))
        try:
            rules = load_rules(options["config"])
            client = PloneClient.from_env(
                options["url"],
                jwt=options["jwt"],
                timeout=(DEFAULT_TIMEOUT[0], options["timeout"]),
            )
            client.check_site()
            total = client.count(path=options["path"])
        except (RulesError, PloneError) as error:
            raise CommandError(str(error)) from None
        if options["to_file"]:
            return self._to_file(client, rules, total, options)
        return self._import(client, rules, total, options)

    def _records(self, client, rules, options, report):
        return plone_records(
            client, rules, path=options["path"], batch_size=options["batch_size"], report=report
        )

    def _to_file(self, client, rules, total, options):
        from cms.imports.jsonl import write_records

        report = _FileReport()

        def counted(records):
            for record in records:
                report.by_type[record["type"]] += 1
                yield record

        try:
            written = write_records(
                options["to_file"], counted(self._records(client, rules, options, report))
            )
        except PloneError as error:
            raise CommandError(str(error)) from None
        if options["report"]:
            Path(options["report"]).write_text(
                json.dumps(report.to_dict(written), ensure_ascii=False, indent=2),
                encoding="utf-8",
            )
        for line in report.errors:
            self.stderr.write(f"{line['source']}: {line['message']}")
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)s records (of %(total)s objects) to %(path)s, %(skipped)s skipped.")
                % {
                    "count": written,
                    "total": total,
                    "path": options["to_file"],
                    "skipped": len(report.warnings),
                }
            )
        )

    def _import(self, client, rules, total, options):
        from cms.imports.engine import ImportAborted, Importer, ImportOptions

        importer = Importer(
            ImportOptions(
                dry_run=options["dry_run"],
                update=options["update"],
                default_unit=options["unit"],
                source_system="plone",
                progress=not options["no_progress"],
                report_path=Path(options["report"]) if options["report"] else None,
                total=total,
            ),
            fetch=client.fetch,
        )
        try:
            report = importer.run(self._records(client, rules, options, importer.report))
        except (ImportAborted, PloneError) as error:
            raise CommandError(str(error)) from None
        summary = report.to_dict()
        self.stdout.write(json.dumps(summary["counts"], ensure_ascii=False))
        if summary["errors"]:
            for line in summary["errors"][:20]:
                self.stderr.write(f"{line['source']}: {line['message']}")
        self.stdout.write(
            self.style.SUCCESS(
                _("%(records)s records in %(seconds)s s (%(rate)s/s).")
                % {
                    "records": summary["records"],
                    "seconds": summary["seconds"],
                    "rate": summary["items_per_second"],
                }
            )
        )
