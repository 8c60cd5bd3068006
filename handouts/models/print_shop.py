"""The print shop's own bundle settings (e.g. `shop.yaml`), kept by the shop and passed to
`handouts bundle --settings`: their CMYK profile, its output condition, booklets and sheet size."""
from __future__ import annotations

from pydantic import Field

from handouts.models.base import Model, ShortText


class PrintShop(Model):
    icc: ShortText | None = Field(None, description="The shop's CMYK output profile (.icc), relative to this file.")
    output_condition: ShortText | None = Field(
        None, description="Registered output condition of that profile, e.g. FOGRA39 (default: read from the profile).")
    booklet: bool = Field(False, description="Also make each packet as a saddle-stitch booklet, 2-up.")
    sheet: ShortText | None = Field(
        None, description='Press sheet for booklets: a3, sra3, tabloid, 12x18, or e.g. "320x450mm" '
                          '(default: SRA3 for A4 pages, 12 x 18 in for Letter).')
