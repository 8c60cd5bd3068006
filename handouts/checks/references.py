"""Content quotes clinic values; every quoted value must be filled in, and the brand font installed."""
from __future__ import annotations

from handouts.fonts import faces
from handouts.load import content as content_mod
from handouts.load import refs


def _quoted_refs(content) -> set[str]:
    return {ref for _, text in content_mod.texts(content.doc.data) for ref in refs.REF.findall(text)}


def _guarded_refs(content) -> set[str]:
    """Values that are the `when:` of a block: that block prints only when the clinic sets the value, so a
    clinic may leave it out (e.g. policy.clear_liquids_examples)."""
    return {block.when for handout in content.model.handouts.values() for block in handout.blocks if block.when}


def quoted_values_are_filled(inputs) -> list:
    used = sorted(_quoted_refs(inputs.content) - _guarded_refs(inputs.content))
    problems = []
    for clinic in inputs.clinics:
        for ref in used:
            # A number not set is fine: the lines quoting it are left out (render.html.unset_number).
            if refs.clinic_fields().get(ref) not in (None, "number") and refs.value(clinic.model, ref) is None:
                problems.append(clinic.doc.problem(tuple(ref.split(".")),
                                                   "the handouts quote this value, so it must be filled in"))
    return problems


def brand_font_is_installed(inputs) -> list:
    problems = []
    for clinic in inputs.clinics:
        try:
            faces.family(clinic.model.brand.font)
        except faces.FontMissing as exc:
            problems.append(clinic.doc.problem(("brand", "font"), str(exc)))
    return problems
