"""No project template stands in for one of Wagtail's: a copy breaks silently on upgrade.

A project template at the same path as a Wagtail template replaces it for the whole
admin. That is allowed only when the project's template extends Wagtail's own one
(``{% extends "<the same path>" %}``, which Django resolves to the next loader's copy)
and so changes named blocks only: Wagtail's markup around them still comes from
Wagtail. A copy – or any template that does not extend the one it shadows – fails.
Wagtail's documented overrides of branding templates (``wagtailadmin/base.html``,
``wagtailadmin/admin_base.html``, ``wagtailadmin/login.html``) are extensions too.
"""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

_EXTENDS = re.compile(r"""^\s*(?:\{%\s*load\b[^%]*%\}\s*)*\{%\s*extends\s+["']([^"']+)["']\s*%\}""")


def template_paths(directories) -> dict[str, Path]:
    """Every template under ``directories``, by its path relative to its directory."""
    found = {}
    for directory in directories:
        for file in Path(directory).rglob("*"):
            if file.is_file():
                found.setdefault(file.relative_to(directory).as_posix(), file)
    return found


def app_template_dirs(names) -> list[Path]:
    dirs = []
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in names and (Path(config.path) / "templates").is_dir():
            dirs.append(Path(config.path) / "templates")
    return dirs


def project_template_dirs() -> list[Path]:
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    return [d for d in dirs if d.is_dir()] + app_template_dirs({"cms", "search"})


def wagtail_template_dirs() -> list[Path]:
    names = {config.name.split(".")[0] for config in apps.get_app_configs()}
    return app_template_dirs({name for name in names if name.startswith("wagtail")})


def extends_itself(relative: str, file: Path) -> bool:
    """Whether the template's first tag (after ``{% load %}``) extends its own path."""
    text = re.sub(r"\{#.*?#\}", "", file.read_text(encoding="utf-8"))
    match = _EXTENDS.match(text)
    return bool(match) and match.group(1) == relative


class TestNoCopiedWagtailTemplates:
    def test_wagtail_templates_are_found(self):
        wagtail = template_paths(wagtail_template_dirs())
        assert "wagtailadmin/shared/side_panels/includes/status/usage.html" in wagtail
        assert "wagtailadmin/base.html" in wagtail

    def test_project_templates_shadow_no_wagtail_template(self):
        wagtail = template_paths(wagtail_template_dirs())
        project = template_paths(project_template_dirs())
        assert project, "no project templates found"
        shadowing = {
            relative: file
            for relative, file in project.items()
            if relative in wagtail and not extends_itself(relative, file)
        }
        assert not shadowing, (
            "Project templates replace Wagtail's (extend the template and override its "
            f"blocks, or use a panel or hook of our own): {sorted(map(str, shadowing.values()))}"
        )

    def test_a_copy_is_caught(self, tmp_path):
        relative = "wagtailadmin/shared/side_panels/includes/status/usage.html"
        copy = tmp_path / "usage.html"
        copy.write_text((template_paths(wagtail_template_dirs())[relative]).read_text())
        assert not extends_itself(relative, copy)
        extension = tmp_path / "checks.html"
        extension.write_text(
            '{% extends "wagtailadmin/shared/side_panels/checks.html" %}\n{% load i18n %}'
        )
        assert extends_itself("wagtailadmin/shared/side_panels/checks.html", extension)
