"""Fixtures for the print channels: an organisation, released items, PDF readers."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from cms.core.factories import ImageFactory
from tests.api.conftest import FACTORIES, PARENTS, released, staff_reader, trusted_publishing  # noqa: F401
from tests.workflows.conftest import org  # noqa: F401 (the shared fixture)

REPO = Path(__file__).resolve().parents[2]
#: PNG renders of each kind of print, for a person to look at (pdftoppm).
RENDERS = REPO / "var" / "renders"

MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture
def make_item(site_tree):
    """A released item: ``make_item("bulletin")``, ``make_item("news", audience_codes=…)``."""

    def make(kind="news", /, internal=None, external=None, release=True, **kwargs):
        with trusted_publishing():
            page = FACTORIES[kind](parent=site_tree[PARENTS[kind]], **kwargs)
        if release:
            released(page, internal=internal, external=external)
        return page

    return make


@pytest.fixture
def photo(db):
    """A large photo (2400×1600 px), so that prints can show it at 300 dpi."""
    return ImageFactory(
        title="Solrosen", alt_text="En röd förskola", credit="Foto: Ekby kommun",
        file__width=2400, file__height=1600, file__color="#a83028",
    )  # fmt: skip


def read_pdf(content: bytes) -> PdfReader:
    """The PDF ``content``, read back (pypdf)."""
    assert content.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(content))


def text_of(content: bytes) -> str:
    """All text of the PDF, with whitespace (and soft hyphens) normalised."""
    reader = read_pdf(content)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    text = text.replace("\u00ad", "").replace("‐\n", "").replace("-\n", "")
    return " ".join(text.split())


def page_size_mm(page) -> tuple[float, float]:
    """Width and height in millimetres of a page's media box."""
    box = page.mediabox
    return round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)


def box_mm(box) -> tuple[float, float]:
    return round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)


def fonts(content: bytes) -> list[tuple[str, bool]]:
    """``(name, embedded)`` of every font on every page (resources, recursively)."""
    reader = read_pdf(content)
    found = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = (
                (target.get("/FontDescriptor") or {}).get_object()
                if target.get("/FontDescriptor")
                else {}
            )
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded or font.get("/Subtype") == "/Type3"
    return sorted(found.items())


def image_ppi(content: bytes) -> list[float]:
    """The resolution (pixels per inch) each image is placed at (``pdfimages -list``)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        result = subprocess.run(  # noqa: S603
            ["pdfimages", "-list", file.name],  # noqa: S607
            capture_output=True,
            check=True,
        )
    rows = result.stdout.decode().splitlines()[2:]
    return [float(re.split(r"\s+", row.strip())[12]) for row in rows if row.strip()]


def render_png(content: bytes, name: str, pages: int = 1) -> list[Path]:
    """The first ``pages`` pages as PNG under var/renders/ (``name-1.png`` …)."""
    RENDERS.mkdir(parents=True, exist_ok=True)
    for old in RENDERS.glob(f"{name}-*.png"):
        old.unlink()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(pages), file.name,  # noqa: S607
             str(RENDERS / name)],
            check=True,
        )  # fmt: skip
    return sorted(RENDERS.glob(f"{name}-*.png"))
