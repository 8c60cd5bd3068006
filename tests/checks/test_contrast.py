"""Brand colours are checked against their backgrounds; a failing one is named at its line with a passing shade."""
from __future__ import annotations

import re

import pytest

from handouts import api
from handouts.checks import contrast
from handouts.errors import InvalidInput


def test_wcag_ratio():
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast.ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast.ratio("#1F4E79", "#ffffff") > 4.5


@pytest.mark.parametrize("field,colour", [("primary_color", "#4A90E2"), ("accent_color", "#F4A6B0")])
def test_failing_brand_colour_is_rejected_with_a_nearest_passing_shade(project_copy, field, colour):
    path = project_copy / "clinics" / "example-clinic" / "clinic.yaml"
    lines = path.read_text().splitlines(keepends=True)
    number = next(i for i, l in enumerate(lines) if l.strip().startswith(f"{field}:"))
    lines[number] = re.sub(r'"#[0-9A-Fa-f]{6}"', f'"{colour}"', lines[number])
    path.write_text("".join(lines))
    with pytest.raises(InvalidInput) as caught:
        api.load_inputs()
    [problem] = caught.value.problems
    assert problem.line == number + 1 and problem.field == f"brand.{field}"
    assert colour in problem.message and "WCAG" in problem.message
    suggested = re.search(r'nearest shade that passes is "(#[0-9A-F]{6})"', problem.message).group(1)
    for background, minimum, _ in contrast.USES[field]:
        assert contrast.ratio(suggested, background) >= minimum
    # Nearest: a small step from the original, not just black.
    assert contrast.ratio(suggested, "#ffffff") < contrast.ratio("#000000", "#ffffff") / 2


def test_sample_brand_colours_pass():
    assert list(contrast.brand_colours_have_contrast(api.load_inputs())) == []


def test_the_nearest_passing_shade_is_exact_and_none_when_no_shade_passes():
    needs = lambda field: [(background, minimum) for background, minimum, _ in contrast.USES[field]]
    assert contrast.nearest_passing("#4A90E2", needs("primary_color")) == "#2275D7"
    assert contrast.nearest_passing("#F4A6B0", needs("accent_color")) == "#EB5D70"
    assert contrast.nearest_passing("#FFFFFF", needs("primary_color")) == "#757575"
    assert contrast.nearest_passing("#777777", needs("primary_color")) == "#747474"  # one step darker is enough
    assert contrast.nearest_passing("#FFFF00", [("#000000", 25.0)]) is None  # 21:1 is the most there is
    assert contrast._hex((1.0, 0.5, 0.0)) == "#FF8000"


def test_dark_channels_are_on_the_linear_part_of_the_srgb_curve():
    # 10/255 is under the 0.04045 knee: divided by 12.92; 11/255 is over it: the power curve.
    assert contrast.luminance("#0A0A0A") == pytest.approx(10 / 255 / 12.92)
    assert contrast.luminance("#0B0B0B") == pytest.approx(((11 / 255 + 0.055) / 1.055) ** 2.4)


def test_black_itself_can_be_the_nearest_shade_and_a_ratio_at_the_minimum_passes():
    # pure red has HSL lightness 0.5: fifty steps darker is exactly 0, black; black on white is exactly 21:1
    assert contrast.nearest_passing("#FF0000", [("#ffffff", 21.0)]) == "#000000"


def test_a_lighter_shade_is_found_against_a_dark_background_up_to_white_itself():
    # pure red has HSL lightness exactly 0.5: fifty steps lighter is exactly 1, white, the only shade with 21:1
    assert contrast.nearest_passing("#FF0000", [("#000000", 21.0)]) == "#FFFFFF"
    assert contrast.nearest_passing("#333333", [("#000000", 4.5)]) == "#757575"


def _clinic_with_primary(colour: str):
    from types import SimpleNamespace

    brand = SimpleNamespace(primary_color=colour)
    doc = SimpleNamespace(problem=lambda field, message: (field, message))
    return SimpleNamespace(clinics=[SimpleNamespace(model=SimpleNamespace(brand=brand), doc=doc)])


def test_a_brand_colour_exactly_at_the_minimum_passes_and_one_shade_under_it_fails(monkeypatch):
    monkeypatch.setattr(contrast, "USES", {"primary_color": [("#ffffff", 21.0, "text")]})
    assert contrast.brand_colours_have_contrast(_clinic_with_primary("#000000")) == []
    [(field, message)] = contrast.brand_colours_have_contrast(_clinic_with_primary("#010101"))
    assert field == ("brand", "primary_color")
    assert message == ('#010101 has a contrast of 20.87:1 against #ffffff, too low for text: WCAG asks for at '
                       'least 21:1')  # no step of 1 % lightness lands on black
