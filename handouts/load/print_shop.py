"""Read a print shop's bundle settings file (see models/print_shop.py) with file and line in every problem."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.errors import InvalidInput
from handouts.load.reader import load_yaml
from handouts.load.validate import validate
from handouts.models.print_shop import Order, PrintShop


@dataclass(frozen=True)
class ShopSettings:
    icc: Path | None = None
    output_condition: str | None = None
    booklet: bool = False
    sheet: str | None = None
    order: Order | None = None


def load(path: str | Path) -> ShopSettings:
    """The settings, with `icc` resolved against the file's folder; InvalidInput (file, line, field) if wrong."""
    doc = load_yaml(path, keep_problems=True)
    model = validate(doc, PrintShop)
    icc = None
    if model.icc:
        icc = (doc.path.parent / model.icc).resolve()
        if not icc.is_file():
            raise InvalidInput([doc.problem(("icc",), f"no such file: {icc} (a path relative to this file)")])
    return ShopSettings(icc=icc, output_condition=model.output_condition, booklet=model.booklet, sheet=model.sheet,
                        order=model.order)
