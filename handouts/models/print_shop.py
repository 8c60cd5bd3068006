"""The print shop's own bundle settings (e.g. `shop.yaml`), kept by the shop and passed to
`handouts bundle --settings`: their CMYK profile, its output condition, booklets and sheet size, and the
order the job sheet and the XJDF ticket carry (quantity, stock, deadline, contact, proof)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from handouts.models.base import Model, ShortText

# Printable ASCII only: the name is written into the PDF's OutputIntent and the job sheet, where a newline or
# an escape character would forge lines or drive a terminal.
OUTPUT_CONDITION = r"^[ -~]+$"
OutputCondition = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200,
                                                   pattern=OUTPUT_CONDITION)]

DEFAULT_PROOF = ("Contract proof of every file against the output profile named above, signed off by the "
                 "clinic before the run.")


class Order(Model):
    """What the shop needs on the job sheet beside the files."""

    quantity: int | None = Field(None, ge=1, le=1_000_000, description="Copies of each file (each packet, booklet).")
    stock: ShortText | None = Field(None, description='Paper, e.g. "100 gsm coated silk".')
    deadline: dt.date | None = Field(None, description="Date the printed copies are needed.")
    contact: ShortText | None = Field(None, description="Who answers the shop's questions (name, phone or email).")
    proof: ShortText = Field(DEFAULT_PROOF, description="Proof and sign-off instructions.")


class PrintShop(Model):
    icc: ShortText | None = Field(None, description="The shop's CMYK output profile (.icc), relative to this file.")
    output_condition: OutputCondition | None = Field(
        None, description="Registered output condition of that profile, e.g. FOGRA39 (default: read from the profile).")
    booklet: bool = Field(False, description="Also make each packet as a saddle-stitch booklet, 2-up.")
    sheet: ShortText | None = Field(
        None, description='Press sheet for booklets: a3, sra3, tabloid, 12x18, or e.g. "320x450mm" '
                          '(default: SRA3 for A4 pages, 12 x 18 in for Letter).')
    order: Order | None = Field(None, description="Quantity, stock, deadline, contact and proof instructions.")
