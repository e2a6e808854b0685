"""Reading and writing import records as JSON Lines (one record per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.utils.translation import gettext as _


class RecordError:
    """A line that is not a record; the run reports it and goes on."""

    def __init__(self, message: str):
        self.message = message

    def __repr__(self):
        return f"RecordError({self.message!r})"

    def __str__(self):
        return self.message


def read_records(path: str | Path) -> Iterator[tuple[int, dict | RecordError]]:
    """``(line number, record or RecordError)`` for every non-blank line of ``path``.

    Streams the file, so memory does not grow with its length.
    """
    # Read as bytes and decode line by line: one line that is not UTF-8 is that
    # line's error, not the end of the run.
    with open(path, "rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield (
                    line_no,
                    RecordError(_("Line %(line)d is not UTF-8.") % {"line": line_no}),
                )
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield (
                    line_no,
                    RecordError(
                        _("Line %(line)d is not valid JSON: %(error)s")
                        % {"line": line_no, "error": error.msg}
                    ),
                )
                continue
            if not isinstance(record, dict):
                yield (
                    line_no,
                    RecordError(_("Line %(line)d is not a JSON object.") % {"line": line_no}),
                )
                continue
            yield line_no, record


def write_records(path: str | Path, records: Iterable[dict]) -> int:
    """Write ``records`` to ``path`` one per line (UTF-8); returns how many."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
            handle.write("\n")
            count += 1
    return count
