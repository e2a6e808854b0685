"""The import layers in ``.importlinter`` hold: a new import the wrong way fails here."""

import pathlib

from importlinter.cli import lint_imports

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept(capsys):
    """``lint-imports`` keeps every contract (frontend, search, snippets, pages, core)."""
    exit_code = lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True)
    report = capsys.readouterr().out
    assert exit_code == 0, report
    assert "0 broken" in report
