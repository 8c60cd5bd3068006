"""A vector QR code to the clinic's website, as an SVG data: URI for an <img> (which carries the alt text)."""
from __future__ import annotations

from functools import lru_cache

import segno

QUIET_ZONE = 4  # modules of white border around the code, as the QR standard asks


@lru_cache(maxsize=64)
def svg_uri(url: str) -> str:
    # Error level M survives a smudge or a fold; the SVG has no fixed size, CSS sets its width.
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=1, border=QUIET_ZONE, omitsize=True, light="#fff")
