"""Clinic text must print as typed: no invisible direction controls, no character the fonts lack.

A right-to-left override (U+202E) prints "evil" as "live"; a character no font of the brand's chain has
(an emoji, a CJK name while no CJK font is installed) prints as an empty box. Both are refused at their
line in clinic.yaml. The brand block (file names, colours, the font's name) is not printed as text.
"""
from __future__ import annotations

from handouts.errors import Problem
from handouts.fonts import faces
from handouts.load.inputs import Inputs
from handouts.models.patient import BIDI_CONTROLS

NOT_PRINTED = {"brand", "languages", "paper", "sample"}


def _strings(value, loc: tuple):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not (len(loc) == 0 and key in NOT_PRINTED):
                yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def clinic_text_prints_as_typed(inputs: Inputs) -> list[Problem]:
    problems: list[Problem] = []
    for clinic in inputs.clinics:
        for loc, text in _strings(clinic.doc.data, ()):
            hidden = [c for c in text if c in BIDI_CONTROLS]
            if hidden:
                problems.append(clinic.doc.problem(loc, f"contains an invisible text-direction character "
                                                        f"({faces.describe(hidden)}); delete it"))
                continue
            # Text given per language prints in that language's documents; other text prints in all of them.
            langs = [part for part in loc if part in clinic.model.languages] or clinic.model.languages
            try:
                missing = list(dict.fromkeys(c for lang in langs
                                             for c in faces.uncovered(text, clinic.model.brand.font, lang)))
            except faces.FontMissing:  # reported by references.brand_font_is_installed
                missing = []
            if missing:
                problems.append(clinic.doc.problem(loc, f"{faces.describe(missing)} cannot be printed with the "
                                                        f"clinic's font or its fallbacks; leave it out"))
    return problems
