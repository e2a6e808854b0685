"""The import engine: records → Enkanal content (``Importer``), with its options and report."""

from .importer import ImportAborted, Importer, fingerprint
from .report import ImportOptions, ImportReport

__all__ = ["ImportAborted", "ImportOptions", "ImportReport", "Importer", "fingerprint"]
