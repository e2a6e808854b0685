"""Colour tokens of the municipality's identity, and the WCAG 2.1 contrast between them."""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: WCAG 2.1 AA for normal text (1.4.3).
AA_TEXT_CONTRAST = 4.5

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
hex_colour_validator = RegexValidator(
    HEX_COLOUR, _("Enter a colour as # and six hexadecimal digits, e.g. #005a8c.")
)


def _channel(value: int) -> float:
    # sRGB to linear light, as WCAG 2.1 defines relative luminance.
    value = value / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance (0–1) of ``#rrggbb``."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1–21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
