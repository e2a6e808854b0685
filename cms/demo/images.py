"""Demo images drawn locally with Pillow: no downloads, and alt text from the start."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.models import Collection

from cms.core.models import EnkanalImage

SIZE = (1200, 675)


def draw_preschool() -> BytesIO:
    """A simple drawing of a low red preschool building under a sun, as JPEG bytes."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, (190, 224, 245))
    draw = ImageDraw.Draw(image)
    horizon = height * 2 // 3
    for y in range(horizon):
        # A sky that lightens towards the horizon.
        shade = 190 + y * 50 // horizon
        draw.line([(0, y), (width, y)], fill=(shade, min(255, shade + 30), 245))
    draw.rectangle([0, horizon, width, height], fill=(112, 170, 80))
    draw.ellipse([960, 60, 1100, 200], fill=(255, 214, 70))
    left, top, right, bottom = 250, 300, 950, 470
    draw.rectangle([left, top, right, bottom], fill=(168, 48, 40))
    draw.polygon(
        [(left - 30, top), ((left + right) // 2, 190), (right + 30, top)], fill=(70, 60, 60)
    )
    for x in (left + 60, left + 190, right - 250, right - 120):
        draw.rectangle([x, top + 40, x + 70, top + 100], fill=(250, 250, 235))
    door = (left + right) // 2 - 30
    draw.rectangle([door, top + 70, door + 60, bottom], fill=(245, 235, 210))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return buffer


def ensure_image(spec: dict) -> tuple[EnkanalImage, bool]:
    """The image titled ``spec["title"]``, drawn and saved if missing; (image, created)."""
    image = EnkanalImage.objects.filter(title=spec["title"]).first()
    if image is not None:
        return image, False
    image = EnkanalImage(
        title=spec["title"],
        alt_text=spec["alt_text"],
        credit=spec["credit"],
        collection=Collection.get_first_root_node(),
    )
    image.file = ImageFile(draw_preschool(), name=spec["filename"])
    image._set_image_file_metadata()
    image.save()
    return image, True
