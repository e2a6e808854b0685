"""The identity's colour tokens: WCAG contrast, and the settings refusing weak pairs."""

import pytest
from django.core.exceptions import ValidationError

from cms.core.colours import contrast_ratio, relative_luminance
from cms.core.models import MunicipalitySettings


class TestContrastRatio:
    def test_black_on_white_is_21(self):
        assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)

    def test_order_does_not_matter(self):
        assert contrast_ratio("#005a8c", "#ffffff") == contrast_ratio("#ffffff", "#005a8c")

    def test_known_pair(self):
        # #767676 on white is the lightest grey that passes AA (4.54:1).
        assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
        assert relative_luminance("#ffffff") == pytest.approx(1)


@pytest.mark.django_db
class TestMunicipalitySettingsColours:
    def test_defaults_pass(self):
        MunicipalitySettings.load().full_clean()

    def test_low_contrast_text_on_primary_is_refused_with_both_colours_named(self):
        settings = MunicipalitySettings.load()
        settings.colour_primary = "#7fb2d6"
        with pytest.raises(ValidationError) as raised:
            settings.full_clean()
        errors = raised.value.message_dict
        assert "colour_on_primary" in errors
        message = " ".join(errors["colour_on_primary"])
        assert "#7fb2d6" in message and "#ffffff" in message and "4.5:1" in message

    def test_malformed_colour_is_refused(self):
        settings = MunicipalitySettings.load()
        settings.colour_text = "blue"
        with pytest.raises(ValidationError) as raised:
            settings.full_clean()
        assert "colour_text" in raised.value.message_dict
