"""The import layers in ``.importlinter`` hold: a new import the wrong way fails here."""

import configparser
import pathlib

from importlinter.cli import lint_imports

ROOT = pathlib.Path(__file__).resolve().parents[2]


def contracts():
    """The contract sections of ``.importlinter``, by name."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return {
        name: config[name]
        for name in config.sections()
        if name.startswith("importlinter:contract:")
    }


def test_import_contracts_are_kept(capsys):
    """``lint-imports`` keeps every contract (frontend, core, snippets, pages, search, layers)."""
    exit_code = lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True)
    report = capsys.readouterr().out
    assert exit_code == 0, report
    assert "0 broken" in report


def test_no_import_is_excused():
    """Every contract holds as written: no ignored imports, no indirect imports allowed."""
    for name, section in contracts().items():
        with_excuses = {"ignore_imports", "allow_indirect_imports"} & set(section)
        assert not with_excuses, f"{name}: {sorted(with_excuses)}"


def test_core_imports_no_other_project_package():
    """Core's contract forbids every other package of the project, new ones included."""
    forbidden = set(
        contracts()["importlinter:contract:core-at-the-bottom"]["forbidden_modules"].split()
    )
    packages = {
        f"cms.{path.name}"
        for path in (ROOT / "cms").iterdir()
        if (path / "__init__.py").exists() and path.name not in {"core", "locale"}
    }
    assert packages | {"search", "frontend"} <= forbidden


def test_pages_and_workflows_form_no_cycle():
    """A layers contract puts the workflows above the pages, so pages never import them."""
    layers = contracts()["importlinter:contract:pages-workflows-acyclic"]
    assert layers["type"] == "layers"
    assert layers["layers"].split() == ["cms.workflows", "cms.pages"]
