"""The options of an import run and the report it produces."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

#: Outcomes counted per record.
OUTCOMES = ("imported", "updated", "unchanged", "skipped", "failed", "conflicts")
#: Report lines kept per warning kind; the counts stay exact beyond it.
MAX_LINES_PER_KIND = 1000


@dataclass
class ImportOptions:
    """How a run behaves (the command's options)."""

    dry_run: bool = False
    update: bool = False
    #: Name or short name of the unit that owns items that name none.
    default_unit: str | None = None
    #: ``source.system`` of records that do not name one.
    source_system: str = "jsonl"
    progress: bool = True
    report_path: Path | None = None
    #: Where ``file.path`` of document and image records is relative to.
    base_dir: Path | None = None
    #: Expected number of records, for the progress bar's ETA (None: unknown).
    total: int | None = None


@dataclass
class ImportReport:
    """Counts and report lines of one run; ``to_dict()`` is what the JSON file holds."""

    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    #: Records by type and outcome, e.g. ``{"news": {"imported": 3}}``.
    by_type: dict = field(default_factory=lambda: defaultdict(Counter))
    #: kind → list of ``{"source": url, "message": text}``.
    warnings: dict = field(default_factory=lambda: defaultdict(list))
    warning_counts: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    #: Set when the whole run stopped (no home page, unknown unit, …).
    aborted: str = ""
    seconds: float = 0.0
    records: int = 0

    def count(self, outcome: str, record_type: str = "", n: int = 1):
        """Count ``n`` records of ``record_type`` with ``outcome``."""
        self.counts[outcome] += n
        if record_type:
            self.by_type[record_type][outcome] += n

    def warn(self, kind: str, source: str, message: str):
        """Add a report line of ``kind`` about the record from ``source``."""
        self.warning_counts[kind] += 1
        lines = self.warnings[kind]
        if len(lines) < MAX_LINES_PER_KIND:
            lines.append({"source": source, "message": str(message)})

    def fail(self, source: str, message: str, line: int | None = None):
        """Report a record that could not be imported."""
        self.counts["failed"] += 1
        if len(self.errors) < MAX_LINES_PER_KIND:
            entry = {"source": source, "message": str(message)}
            if line is not None:
                entry["line"] = line
            self.errors.append(entry)

    @property
    def items_per_second(self) -> float:
        """Records handled per second over the whole run."""
        return self.records / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        """The report as plain JSON-able data."""
        return {
            "dry_run": self.dry_run,
            "aborted": self.aborted,
            "records": self.records,
            "seconds": round(self.seconds, 3),
            "items_per_second": round(self.items_per_second, 1),
            "counts": {name: self.counts.get(name, 0) for name in self._count_names()},
            "by_type": {kind: dict(counts) for kind, counts in sorted(self.by_type.items())},
            "warnings": {
                kind: {"count": self.warning_counts[kind], "items": lines}
                for kind, lines in sorted(self.warnings.items())
            },
            "errors": self.errors,
        }

    def _count_names(self):
        extra = sorted(set(self.counts) - set(OUTCOMES) - {"drafts", "redirects"})
        return [*OUTCOMES, "drafts", "redirects", *extra]

    def write(self, path: Path):
        """Write the report as JSON to ``path``."""
        Path(path).write_text(
            json.dumps(self.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
