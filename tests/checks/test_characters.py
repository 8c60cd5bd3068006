"""Clinic text that would not print as typed (checks/characters.py), on the sample clinic's loaded file with
one value changed in memory: what is walked, and one line per value."""
from __future__ import annotations

from handouts import api
from handouts.checks import characters


def test_only_the_top_level_brand_languages_paper_and_sample_are_skipped():
    walked = list(characters._strings({"brand": {"logo": "a"}, "paper": "letter",
                                       "contact": {"paper": "b", "brand": ["c"]}}, ()))
    assert walked == [(("contact", "paper"), "b"), (("contact", "brand", 0), "c")]


def test_a_value_with_a_direction_control_is_one_line_even_if_a_character_is_missing_too():
    inputs = api.load_inputs(clinics=["example-clinic"])
    inputs.clinics[0].doc.data["name"] = "Example\u202e Clinic \U0001F600"
    problems = characters.clinic_text_prints_as_typed(inputs)
    assert [(p.field, "direction" in p.message) for p in problems] == [("name", True)]
