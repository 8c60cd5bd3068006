"""Each clinic's logo, drawn once by WeasyPrint as a build would draw it.

The file checks (load/clinics.py) bound its size and shape; only drawing it shows whether WeasyPrint can:
an SVG whose references fail, or an embedded `data:` image it cannot read, is logged by WeasyPrint and left
out of the page. Any warning or error while drawing the logo alone is a problem at `brand.logo`.
A logo that drew cleanly is remembered by its bytes (and WeasyPrint's version) in the user's cache folder,
so an unchanged logo is drawn once, not at every `check` and `build`.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
from importlib import metadata

from handouts import files, settings
from handouts.errors import Problem
from handouts.load.inputs import Inputs
from handouts.typeset import guard

FILE = "logos-drawn.json"
SECONDS = 30  # a clean logo draws in well under a second
KEEP = 500  # remembered logos; a few kilobytes


def _key(data: bytes) -> str:
    return hashlib.sha256(metadata.version("weasyprint").encode() + b"\0" + data).hexdigest()


def _known() -> list[str]:
    try:
        value = json.loads((settings.cache_dir() / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [key for key in value if isinstance(key, str)] if isinstance(value, list) else []


def _remember(keys: list[str]) -> None:
    with contextlib.suppress(OSError):  # read-only home, full disk: the logo is drawn again next time
        files.write_text(settings.cache_dir() / FILE, json.dumps(keys[-KEEP:]))


def logos_draw_cleanly(inputs: Inputs) -> list[Problem]:
    problems: list[Problem] = []
    known = _known()
    drawn = []
    for clinic in inputs.clinics:
        key = _key(clinic.logo_path.read_bytes())
        if key in known or key in drawn:
            continue
        # WeasyPrint takes 0.8 s to import: only when a logo is new or changed.
        from handouts.typeset import draw_logo

        try:
            draw_logo(clinic.logo_path, clinic.folder, SECONDS)
        except guard.RenderProblem as exc:
            problems.append(clinic.doc.problem(("brand", "logo"), f"{clinic.model.brand.logo}: {exc.cause}; "
                                                                 f"simplify the logo or save it again"))
            continue
        drawn.append(key)
    if drawn:
        _remember(known + drawn)
    return problems
