"""Every check runs and every problem is listed at once, except that the checks which put each handout together
(reading levels) wait while a clinic value or a translation is missing: they would fail on the gap itself."""
from __future__ import annotations

import pytest

from handouts import api
from handouts.errors import InvalidInput


def fields(project_copy, *, colour: bool = False, translation: bool = False) -> list[str]:
    content = project_copy / "content.yaml"
    content.write_text(content.read_text().replace("  max_smog: 8", "  max_smog: 7"))  # pre-consultation too hard
    if colour:
        clinic = project_copy / "clinics" / "example-clinic" / "clinic.yaml"
        text = clinic.read_text()
        start = text.index("primary_color:")
        clinic.write_text(text[:start] + 'primary_color: "#BBBBBB"' + text[text.index("\n", start):])
    if translation:
        es = project_copy / "translations" / "es.yaml"
        es.write_text(es.read_text().replace('  emergency_title: "Busque ayuda de inmediato"\n', ""))
    with pytest.raises(InvalidInput) as caught:
        api.load_inputs(clinics=["example-clinic"])
    return sorted({problem.field for problem in caught.value.problems})


def test_a_colour_problem_and_a_reading_level_problem_are_listed_together(project_copy):
    assert fields(project_copy, colour=True) == ["brand.primary_color", "handouts.pre-consultation"]


def test_reading_levels_wait_while_a_translation_has_a_gap(project_copy):
    assert fields(project_copy) == ["handouts.pre-consultation"]
    assert fields(project_copy, translation=True) == ["ui"]
