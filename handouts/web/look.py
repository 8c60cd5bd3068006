"""The clinic's own look on the staff page: its logo, name and colour in the header.

The page's Content-Security-Policy allows no inline styles and images from data: URIs only, so the logo is
embedded as a data: URI and the colour comes in a small stylesheet served by the app (clinic_css).
A clinic colour too light to read on white (or to carry white button text) is darkened until it reaches
WCAG's 4.5:1, so a clinic's brand can never make the page fail contrast.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass

from handouts.load.clinics import LoadedClinic

MIN_CONTRAST = 4.5
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
MAX_LOGO_BYTES = 256 * 1024  # a header logo; a bigger file is left out rather than slowing every page


@dataclass(frozen=True)
class ClinicLook:
    name: str
    logo: str | None       # data: URI, or None when the file is missing, too big or of another type
    logo_alt: str
    colour: str            # #rrggbb, readable on white and under white text
    tint: str              # a very light wash of the colour, for the header band


def look_of(clinic: LoadedClinic) -> ClinicLook:
    brand = clinic.model.brand
    colour = readable_on_white(brand.primary_color)
    return ClinicLook(name=clinic.model.name, logo=_logo_uri(clinic), logo_alt=brand.logo_alt or clinic.model.name,
                      colour=colour, tint=_mix_with_white(colour, 0.92))


def clinic_css(look: ClinicLook) -> str:
    return f":root {{ --brand: {look.colour}; --brand-tint: {look.tint}; }}\n"


def _logo_uri(clinic: LoadedClinic) -> str | None:
    path = clinic.logo_path
    kind = LOGO_TYPES.get(path.suffix.lower())
    try:
        if kind is None or path.stat().st_size > MAX_LOGO_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def _channels(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def readable_on_white(colour: str) -> str:
    """The colour itself when it reaches MIN_CONTRAST against white, else the nearest darker shade that does."""
    rgb = _channels(colour)
    shade = _hex(rgb)
    for step in range(100):
        if contrast_with_white(shade) >= MIN_CONTRAST:
            return shade
        shade = _hex(tuple(c * (1 - (step + 1) / 100) for c in rgb))  # type: ignore[arg-type]
    return "#000000"


def _mix_with_white(colour: str, white: float) -> str:
    return _hex(tuple(c * (1 - white) + 255 * white for c in _channels(colour)))  # type: ignore[arg-type]
