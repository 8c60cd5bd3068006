"""Brand colours against the backgrounds they are used on (WCAG 2 contrast ratio).

Text needs 4.5:1 (the clinic name, headings and step numbers in the primary colour on white, and white text on
the primary title band: the same pair). Graphics and large text need 3:1 (the accent rules on white and the
callout edges on their tinted backgrounds). A failing colour is reported at its line with the nearest shade,
same hue and saturation, that passes.
"""
from __future__ import annotations

import colorsys

TEXT, GRAPHICS = 4.5, 3.0
# field -> [(background hex, minimum ratio, what it is used for)]; backgrounds as in templates/theme.css.j2.
USES = {
    "primary_color": [("#ffffff", TEXT, "text (headings and clinic name on white, white title on the band)"),
                      ("#f3f5f8", GRAPHICS, "graphics (the edge of info callouts)")],
    "accent_color": [("#ffffff", GRAPHICS, "graphics (the rules under the title band and headings)"),
                     ("#fbf5ef", GRAPHICS, "graphics (the edge of warning callouts)")],
}


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(c * 255):02X}" for c in rgb)


def luminance(hex_colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def nearest_passing(colour: str, needs: list[tuple[str, float]]) -> str | None:
    """The shade with the smallest change of HSL lightness that meets every (background, minimum)."""
    h, l, s = colorsys.rgb_to_hls(*_rgb(colour))
    for step in range(1, 101):
        for lightness in (l - step / 100, l + step / 100):  # darker first: the backgrounds here are light
            if 0 <= lightness <= 1:
                candidate = _hex(colorsys.hls_to_rgb(h, lightness, s))
                if all(ratio(candidate, bg) >= minimum for bg, minimum in needs):
                    return candidate
    return None


def brand_colours_have_contrast(inputs) -> list:
    problems = []
    for clinic in inputs.clinics:
        brand = clinic.model.brand
        for field, uses in USES.items():
            colour = getattr(brand, field)
            failing = [(bg, minimum, what) for bg, minimum, what in uses if ratio(colour, bg) < minimum]
            if not failing:
                continue
            bg, minimum, what = failing[0]
            suggestion = nearest_passing(colour, [(b, m) for b, m, _ in uses])
            hint = f'; the nearest shade that passes is "{suggestion}"' if suggestion else ""
            problems.append(clinic.doc.problem(("brand", field),
                f"{colour} has a contrast of {ratio(colour, bg):.2f}:1 against {bg}, too low for {what}: "
                f"WCAG asks for at least {minimum:g}:1{hint}"))
    return problems
