"""Black overprint: 100 % K text and rules print on top of what lies under them instead of knocking it out.

A knocked-out black line over a tinted box leaves a hairline of paper (a halo) wherever the plates are
slightly out of register; overprinted, the black simply lands on the tint. The overprint is set in the
graphics state of the object itself (/OP, /op with /OPM 1, an ExtGState selected with `gs` right before
the object is painted), so a RIP that honours object overprint does it without any setting of its own.
Only text and path painting in pure K overprints; images, shadings and forms are always painted with
overprint off (with OPM 1 the zero components of a CMYK image would not knock out).
"""
from __future__ import annotations

from typing import Any

import pikepdf

from handouts.press.graph import family, walk

TEXT = {"Tj", "TJ", "'", '"'}
FILL = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE = {"S", "s", "B", "B*", "b", "b*"}
OTHER = {"Do", "sh", "INLINE IMAGE"}
STATES = {(False, False): "/PressKO", (True, False): "/PressOPfill", (False, True): "/PressOPstroke",
          (True, True): "/PressOPboth"}  # (fill overprints, stroke overprints) -> ExtGState name


def black(pdf: pikepdf.Pdf) -> None:
    """Overprint on for 100 % K text and rules in every page and form XObject content stream, in place."""
    seen: set = set()  # a form drawn on several pages is rewritten once
    for node in walk(pdf):
        is_form = isinstance(node.obj, pikepdf.Stream) and node.obj.get("/Subtype") == "/Form"
        if node.kind != "content" or node.resources is None or not (is_form or node.where == "page content"):
            continue
        if is_form and node.obj.objgen in seen:
            continue
        seen.add(node.obj.objgen)
        _stream(pdf, node.obj, node.resources, page=not is_form)


def _is_black(space: str, values: list[Any]) -> bool:
    return space == "cmyk" and len(values) == 4 and [float(v) for v in values] == [0, 0, 0, 1]


def _stream(pdf: pikepdf.Pdf, owner, resources, page: bool) -> None:
    instructions = pikepdf.parse_content_stream(pikepdf.Page(owner) if page else owner)
    out: list = []
    colour: dict[str, tuple[str, list[Any]]] = {"fill": ("gray", []), "stroke": ("gray", [])}
    state, stack, changed = (False, False), [], False
    for instruction in instructions:
        op = str(instruction.operator)
        operands = list(instruction.operands) if op != "INLINE IMAGE" else []
        if op == "q":
            stack.append((dict(colour), state))
        elif op == "Q" and stack:
            colour, state = stack.pop()
        elif op in ("k", "K"):
            colour["fill" if op == "k" else "stroke"] = ("cmyk", operands)
        elif op in ("cs", "CS") and operands:
            colour["fill" if op == "cs" else "stroke"] = (family(operands[0], resources), [])
        elif op in ("sc", "scn", "SC", "SCN", "g", "G", "rg", "RG"):
            side = "fill" if op.islower() else "stroke"
            space = {"g": "gray", "rg": "rgb"}.get(op.lower(), colour[side][0])
            colour[side] = (space, operands)
        wanted = _wanted(op, colour, state)
        if wanted != state:
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Name(STATES[wanted])], pikepdf.Operator("gs")))
            state, changed = wanted, True
        out.append(instruction)
    if not changed:
        return
    states = resources.get("/ExtGState")
    if states is None:
        resources.ExtGState = states = pikepdf.Dictionary()
    for (fill, stroke), name in STATES.items():
        states[name] = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=fill, OP=stroke, OPM=1)
    data = pikepdf.unparse_content_stream(out)
    if page:
        owner.Contents = pdf.make_stream(data)
    else:
        owner.write(data)


def _wanted(op: str, colour: dict, state: tuple[bool, bool]) -> tuple[bool, bool]:
    """The overprint state the painting operator `op` should run with (the current one for other operators)."""
    fill_black, stroke_black = (_is_black(*colour["fill"]), _is_black(*colour["stroke"]))
    if op in TEXT:
        return (fill_black, False)  # text is filled (render mode 0: all WeasyPrint writes)
    if op in FILL or op in STROKE:
        return (op in FILL and fill_black, op in STROKE and stroke_black)
    if op in OTHER:
        return (False, False)
    return state
