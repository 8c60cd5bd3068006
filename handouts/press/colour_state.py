"""The colour state of a content stream, walked one way for press conversion (press/cmyk.py) and for preflight
(publish/prepress/colours.py): the colour space each side (fill, stroke) is in at every operator, saved by `q`
and restored by `Q`. A space is chosen with `cs`/`CS`; the operators that set a colour directly (`rg`, `k`, ...)
say their own space and are judged by their operator."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from handouts.press.graph import family

FILL = frozenset({"rg", "k", "g", "cs", "sc", "scn"})  # the fill side's operators; their capitals stroke


@dataclass(frozen=True)
class ColourOp:
    """One operator with the colour state it runs in. `space`: the family (press/graph.family) of its side's
    colour space, after the operator (so a `cs` carries the space it chose)."""

    instruction: Any
    operator: str
    operands: list
    side: str
    space: str


def colour_ops(instructions: Iterable[Any], resources: Any) -> Iterator[ColourOp]:
    space = {"fill": "gray", "stroke": "gray"}
    saved: list[dict[str, str]] = []
    for instruction in instructions:
        op = str(instruction.operator)
        operands = list(instruction.operands) if op != "INLINE IMAGE" else []
        side = "fill" if op in FILL else "stroke"
        if op == "q":
            saved.append(dict(space))
        elif op == "Q" and saved:
            space = saved.pop()
        elif op in ("cs", "CS") and operands:
            space[side] = family(operands[0], resources)
        yield ColourOp(instruction, op, operands, side, space[side])
