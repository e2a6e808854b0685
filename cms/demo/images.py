"""Demo images drawn locally with Pillow: no downloads, and alt text from the start.

Each illustration is a small scene of flat shapes (a preschool, a road being dug up, a
library, a lakeside plan, a meeting, a school, a gym), drawn in its own palette and
seeded by its name, so the demo's pages do not repeat one picture.
"""

from __future__ import annotations

import random
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.models import Collection

from cms.core.models import EnkanalImage

SIZE = (1200, 675)


def _sky(draw, width, horizon, top, bottom):
    for y in range(horizon):
        mix = y / max(horizon, 1)
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _tree(draw, x, ground, size, leaf):
    draw.rectangle([x - size // 10, ground - size, x + size // 10, ground], fill=(110, 80, 50))
    draw.ellipse([x - size // 2, ground - size * 2, x + size // 2, ground - size // 2], fill=leaf)


def _house(draw, left, top, right, bottom, wall, roof, window=(250, 250, 235)):
    draw.rectangle([left, top, right, bottom], fill=wall)
    draw.polygon([(left - 30, top), ((left + right) // 2, top - 110), (right + 30, top)], fill=roof)
    step = max((right - left) // 5, 60)
    for x in range(left + 40, right - 60, step):
        draw.rectangle([x, top + 40, x + 50, top + 95], fill=window)


def _preschool(draw, rng, width, height):
    horizon = height * 2 // 3
    _sky(draw, width, horizon, (150, 200, 240), (225, 240, 250))
    draw.rectangle([0, horizon, width, height], fill=(112, 170, 80))
    draw.ellipse([960, 60, 1100, 200], fill=(255, 214, 70))
    _house(draw, 250, 300, 950, horizon + 20, (168, 48, 40), (70, 60, 60))
    for x in (120, 1080):
        _tree(draw, x, horizon + 30, 140, (60, 130, 60))


def _playground(draw, rng, width, height):
    horizon = height // 2
    _sky(draw, width, horizon, (120, 180, 230), (210, 235, 250))
    draw.rectangle([0, horizon, width, height], fill=(140, 190, 90))
    draw.rectangle([0, height - 160, width, height], fill=(230, 205, 150))  # sandpit
    draw.line([(300, horizon + 40), (240, height - 120)], fill=(200, 60, 50), width=14)
    draw.line([(300, horizon + 40), (360, height - 120)], fill=(200, 60, 50), width=14)
    draw.line([(520, horizon + 40), (460, height - 120)], fill=(200, 60, 50), width=14)
    draw.line([(520, horizon + 40), (580, height - 120)], fill=(200, 60, 50), width=14)
    draw.line([(290, horizon + 40), (530, horizon + 40)], fill=(80, 80, 80), width=12)
    for x in (360, 450):
        draw.line([(x, horizon + 40), (x, horizon + 190)], fill=(60, 60, 60), width=4)
        draw.rectangle([x - 30, horizon + 190, x + 30, horizon + 205], fill=(40, 90, 160))
    slide = [(760, height - 120), (900, horizon + 30), (940, horizon + 30), (980, height - 120)]
    draw.polygon(slide, fill=(250, 190, 40))
    for _ in range(6):
        x = rng.randint(620, 1150)
        draw.ellipse([x, height - 120, x + 50, height - 70], fill=(rng.randint(120, 255), 90, 160))


def _roadwork(draw, rng, width, height):
    horizon = height // 2
    _sky(draw, width, horizon, (170, 185, 200), (225, 230, 235))
    for i in range(6):
        left = i * 210
        draw.rectangle([left, horizon - rng.randint(120, 260), left + 180, horizon],
                       fill=(rng.randint(150, 200), rng.randint(140, 180), 150))  # fmt: skip
    draw.rectangle([0, horizon, width, height], fill=(90, 90, 95))
    draw.rectangle([380, horizon + 80, 820, height - 60], fill=(120, 85, 55))  # the trench
    for x in range(0, width, 160):
        draw.rectangle([x, horizon + 40, x + 80, horizon + 52], fill=(240, 240, 240))
    for x in (300, 900):
        draw.polygon([(x, height - 40), (x + 40, horizon + 120), (x + 80, height - 40)],
                     fill=(245, 120, 30))  # fmt: skip
        draw.rectangle([x + 18, horizon + 200, x + 62, horizon + 220], fill=(255, 255, 255))
    draw.rectangle([560, horizon + 20, 740, horizon + 70], fill=(250, 200, 30))
    draw.line([(600, horizon + 70), (560, horizon + 160)], fill=(60, 60, 60), width=10)


def _library(draw, rng, width, height):
    draw.rectangle([0, 0, width, height], fill=(245, 236, 220))
    for shelf in range(4):
        top = 60 + shelf * 150
        draw.rectangle([60, top + 120, width - 60, top + 132], fill=(120, 80, 50))
        x = 80
        while x < width - 120:
            w = rng.randint(22, 48)
            h = rng.randint(70, 118)
            colour = rng.choice([(170, 50, 50), (40, 90, 150), (60, 130, 80), (210, 160, 40),
                                 (110, 60, 130), (30, 30, 60)])  # fmt: skip
            draw.rectangle([x, top + 120 - h, x + w, top + 120], fill=colour)
            x += w + rng.randint(2, 8)
    draw.ellipse([900, 470, 1080, 650], fill=(255, 230, 150))  # a reading lamp's light


def _lakeside(draw, rng, width, height):
    horizon = height // 2
    _sky(draw, width, horizon, (250, 200, 150), (250, 235, 210))
    draw.ellipse([140, 90, 300, 250], fill=(255, 180, 80))
    draw.polygon([(0, horizon), (300, horizon - 90), (650, horizon - 30), (1000, horizon - 120),
                  (width, horizon - 40), (width, horizon)], fill=(80, 120, 90))  # fmt: skip
    draw.rectangle([0, horizon, width, height], fill=(70, 130, 180))
    for y in range(horizon + 30, height, 45):
        draw.line(
            [(rng.randint(0, 400), y), (rng.randint(600, 1200), y)], fill=(150, 190, 220), width=3
        )
    for i in range(5):
        left = 620 + i * 100
        wall = rng.choice([(230, 230, 220), (200, 90, 70), (240, 210, 120)])
        _house(draw, left, horizon - 190, left + 70, horizon - 40, wall, (60, 60, 70))


def _meeting(draw, rng, width, height):
    draw.rectangle([0, 0, width, height], fill=(225, 232, 240))
    draw.ellipse([200, 330, 1000, 600], fill=(140, 100, 70))  # the table
    colours = [(40, 90, 150), (200, 80, 60), (60, 130, 80), (210, 160, 40), (110, 60, 130)]
    for i, x in enumerate(range(240, 1000, 150)):
        colour = colours[i % len(colours)]
        draw.ellipse([x, 180, x + 90, 270], fill=(240, 200, 170))
        draw.rounded_rectangle([x - 20, 270, x + 110, 420], radius=40, fill=colour)
    draw.rectangle([480, 40, 720, 150], fill=(255, 255, 255))
    for y in (70, 95, 120):
        draw.line([(500, y), (700, y)], fill=(150, 160, 170), width=6)


def _school(draw, rng, width, height):
    horizon = height * 3 // 4
    _sky(draw, width, horizon, (110, 170, 230), (200, 225, 245))
    draw.rectangle([0, horizon, width, height], fill=(100, 160, 80))
    draw.rectangle([150, 200, 1050, horizon], fill=(230, 220, 200))
    draw.rectangle([150, 170, 1050, 210], fill=(80, 80, 90))
    for row in range(3):
        for col in range(9):
            x, y = 190 + col * 95, 240 + row * 85
            draw.rectangle([x, y, x + 60, y + 55], fill=(120, 180, 220))
    draw.rectangle([560, horizon - 120, 640, horizon], fill=(60, 90, 140))
    draw.line([(600, 170), (600, 80)], fill=(70, 70, 70), width=6)
    draw.polygon([(600, 80), (680, 100), (600, 120)], fill=(250, 200, 30))


def _gym(draw, rng, width, height):
    draw.rectangle([0, 0, width, height], fill=(240, 226, 200))
    draw.rectangle([0, height - 150, width, height], fill=(200, 150, 90))
    for x in (250, 600, 950):
        draw.ellipse([x - 45, 170, x + 45, 260], fill=(230, 190, 160))
        draw.line([(x, 260), (x, 420)], fill=(40, 90, 150), width=36)
        draw.line([(x, 300), (x - 110, 220)], fill=(40, 90, 150), width=22)
        draw.line([(x, 300), (x + 110, 220)], fill=(40, 90, 150), width=22)
        draw.line([(x, 420), (x - 70, height - 160)], fill=(30, 30, 40), width=26)
        draw.line([(x, 420), (x + 70, height - 160)], fill=(30, 30, 40), width=26)
    draw.rectangle([80, 90, 1120, 110], fill=(90, 90, 90))


SCENES = {
    "preschool": _preschool,
    "playground": _playground,
    "roadwork": _roadwork,
    "library": _library,
    "lakeside": _lakeside,
    "meeting": _meeting,
    "school": _school,
    "gym": _gym,
}


def draw_scene(scene: str, seed: str = "") -> BytesIO:
    """The illustration ``scene`` (see ``SCENES``) as JPEG bytes; ``seed`` varies details."""
    image = Image.new("RGB", SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    SCENES[scene](draw, random.Random(f"{scene}:{seed}"), *SIZE)  # noqa: S311 – not for security
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=82)
    buffer.seek(0)
    return buffer


#: The demo municipality's logo: a shield and the name, as SVG (sharp at any size). The
#: name is fitted to its length, whatever font the browser draws it in.
LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="320" height="96" viewBox="0 0 320 96">
<path d="M8 8h64v40c0 22-14 36-32 42C22 84 8 70 8 48z" fill="#ffffff"/>
<path d="M16 16h48v32c0 16-10 27-24 32-14-5-24-16-24-32z" fill="#005a8c"/>
<path d="M24 52c6-14 26-14 32 0" stroke="#ffd166" stroke-width="6" fill="none"/>
<circle cx="40" cy="34" r="7" fill="#ffd166"/>
<text x="86" y="60" font-family="system-ui, Arial, sans-serif" font-size="34"
 font-weight="700" fill="#ffffff" textLength="222"
 lengthAdjust="spacingAndGlyphs">Ekby kommun</text>
</svg>
"""


def ensure_image(spec: dict) -> tuple[EnkanalImage, bool]:
    """The image titled ``spec["title"]``, drawn and saved if missing; (image, created)."""
    image = EnkanalImage.objects.filter(title=spec["title"]).first()
    if image is not None:
        return image, False
    image = EnkanalImage(
        title=spec["title"],
        alt_text=spec["alt_text"],
        credit=spec.get("credit", ""),
        collection=Collection.get_first_root_node(),
    )
    if spec.get("svg"):
        image.file = ImageFile(ContentFile(spec["svg"].encode()), name=spec["filename"])
    else:
        drawing = draw_scene(spec.get("scene", "preschool"), spec["title"])
        image.file = ImageFile(drawing, name=spec["filename"])
    image._set_image_file_metadata()
    image.save()
    return image, True
