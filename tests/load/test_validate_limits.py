"""validate() called directly, one problem per mistake, and the reader's control-character guard at its edges."""
from __future__ import annotations

from pathlib import Path

import pytest

from handouts.errors import InvalidInput
from handouts.load.reader import load_yaml
from handouts.load.validate import collect, validate
from handouts.models.clinic import Clinic

BASE_CLINIC = Path(__file__).resolve().parents[1] / "bad_inputs" / "base" / "clinic.yaml"


def clinic_file(tmp_path: Path, old: str = "", new: str = "") -> Path:
    text = BASE_CLINIC.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "clinic.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def messages(problems) -> list[str]:
    return [f"{p.line}:{p.col}: {p.field}: {p.message}" for p in problems]


def test_validate_returns_the_model_of_a_good_file(tmp_path):
    clinic = validate(load_yaml(clinic_file(tmp_path), keep_problems=True), Clinic)
    assert isinstance(clinic, Clinic) and clinic.languages == ["en"]


def test_validate_raises_on_a_file_the_model_refuses(tmp_path):
    doc = load_yaml(clinic_file(tmp_path, "languages: [en]", "languages: []"), keep_problems=True)
    with pytest.raises(InvalidInput) as caught:
        validate(doc, Clinic)
    assert [p.field for p in caught.value.problems] == ["languages"]


def test_validate_raises_on_a_problem_only_the_reader_saw(tmp_path):
    doc = load_yaml(clinic_file(tmp_path, "paper: letter", "paper: letter\npaper: letter"), keep_problems=True)
    with pytest.raises(InvalidInput) as caught:
        validate(doc, Clinic)
    assert [p.field for p in caught.value.problems] == ["paper"]


def test_validate_raises_on_a_file_that_is_a_list(tmp_path):
    path = tmp_path / "clinic.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        validate(load_yaml(path, keep_problems=True), Clinic)
    assert messages(caught.value.problems) == [
        "1:1: : the file must be a set of 'key: value' lines, not a list"]


def test_a_number_with_a_leading_zero_is_one_problem_not_two(tmp_path):
    path = clinic_file(tmp_path, 'after_hours_phone: "(555) 010-0199"', "after_hours_phone: 0123")
    model, problems = collect(load_yaml(path, keep_problems=True), Clinic)
    assert model is None
    assert len(problems) == 1 and problems[0].field == "contact.after_hours_phone"
    assert "leading zero" in problems[0].message


CONTROL = [*(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"), "\x7f",
           *(chr(c) for c in range(0x80, 0xa0) if c != 0x85), "\ufffe", "\uffff"]


@pytest.mark.parametrize("char", CONTROL, ids=[f"U+{ord(c):04X}" for c in CONTROL])
def test_every_control_character_is_named_at_its_place(tmp_path, char):
    path = clinic_file(tmp_path, "paper: letter", f"paper: let{char}ter")
    with pytest.raises(InvalidInput) as caught:
        load_yaml(path)
    line = BASE_CLINIC.read_text(encoding="utf-8").splitlines().index("paper: letter") + 1
    assert messages(caught.value.problems) == [
        f"{line}:11: : the control character U+{ord(char):04X} is not allowed; delete it"]


@pytest.mark.parametrize("char", ["~", "\xa0"], ids=["U+007E", "U+00A0"])
def test_the_characters_next_to_the_control_ranges_are_text(tmp_path, char):
    path = clinic_file(tmp_path, 'name: "Catalogue', f'name: "Cata{char}logue')
    assert validate(load_yaml(path, keep_problems=True), Clinic).name.startswith(f"Cata{char}logue")


def test_at_most_ten_control_characters_are_listed(tmp_path):
    path = tmp_path / "clinic.yaml"
    path.write_text("".join(f"k{n}: a\x01\n" for n in range(11)), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_yaml(path)
    assert [p.line for p in caught.value.problems] == list(range(1, 11))
    path.write_text("".join(f"k{n}: a\x01\n" for n in range(10)), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_yaml(path)
    assert len(caught.value.problems) == 10


def test_a_value_a_union_refuses_is_one_problem(tmp_path):
    """A list item is text or a per-language group: a too-long text is named once, as text."""
    path = clinic_file(tmp_path, '- "Your photo ID"', f'- "{"x" * 201}"')
    _, problems = collect(load_yaml(path, keep_problems=True), Clinic)
    assert [(p.field, p.message) for p in problems] == [
        ("policy.bring[0]", "is too long (201 characters; at most 200)")]


def test_a_misspelt_field_inside_an_optional_group_gets_a_suggestion(tmp_path):
    """`approval:` is optional (Approval | None): its own fields are still offered for a misspelt one."""
    path = clinic_file(tmp_path, "languages: [en]", "languages: [en]\napproval:\n  nmae: \"Dr. A\"\n")
    problems = collect(load_yaml(path, keep_problems=True), Clinic)[1]
    assert any(p.field == "approval.nmae" and p.message == "unknown field 'nmae'; did you mean 'name'?"
               for p in problems), messages(problems)
