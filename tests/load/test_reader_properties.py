"""Tests that search: any text given to the loader gives a model or problems with places, never a traceback.

Hypothesis generates the texts: arbitrary Unicode, YAML punctuation soup, and the catalogue's good clinic.yaml
with a random slice replaced. Every problem must name the file and a line and column inside it.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.errors import InvalidInput
from handouts.load.reader import load_yaml
from handouts.load.validate import collect
from handouts.models.clinic import Clinic
from handouts.models.content import Content

BASE = Path(__file__).resolve().parent.parent / "bad_inputs" / "base"
CLINIC_TEXT = (BASE / "clinic.yaml").read_text(encoding="utf-8")
CONTENT_TEXT = (BASE / "content.yaml").read_text(encoding="utf-8")
YAML_SOUP = st.text(alphabet=" \n\t:-[]{}&*!|>'\"#%@`,?~=<.0123456789abcxyzéع\u00a0\ufeff\x00\x07", max_size=300)
SEARCH = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw, base: str):
    """The base file with one random slice replaced by random text (most stays valid YAML around it)."""
    start = draw(st.integers(0, len(base)))
    end = draw(st.integers(start, min(len(base), start + 80)))
    return base[:start] + draw(st.one_of(YAML_SOUP, st.text(max_size=40))) + base[end:]


def load_any(text: str, model) -> None:
    """Load `text` as a file: it must validate, or fail with problems that point into the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.yaml"
        path.write_text(text, encoding="utf-8")
        started = time.monotonic()
        try:
            result, problems = collect(load_yaml(path, keep_problems=True), model)
        except InvalidInput as exc:
            result, problems = None, exc.problems
        assert time.monotonic() - started < 30, "loading one small file must stay fast (bounded even on a busy machine)"
    assert (result is None) == bool(problems), "a model, or problems: never both, never neither"
    lines = text.count("\n") + 2
    for problem in problems:
        assert problem.file.endswith("input.yaml"), problem
        assert 1 <= problem.line <= lines and problem.col >= 1, f"no place in the file: {problem}"
        assert problem.message and "\n" not in str(problem), problem


@SEARCH
@given(st.text(max_size=300))
def test_any_text_as_a_clinic_file(text):
    load_any(text, Clinic)


@SEARCH
@given(YAML_SOUP)
def test_yaml_punctuation_as_a_content_file(text):
    load_any(text, Content)


@SEARCH
@given(mutated(CLINIC_TEXT))
def test_a_clinic_file_with_a_random_slice_replaced(text):
    load_any(text, Clinic)


@SEARCH
@given(mutated(CONTENT_TEXT))
def test_a_content_file_with_a_random_slice_replaced(text):
    load_any(text, Content)


@pytest.mark.parametrize("text", [
    "a: " + "[" * 1500 + "]" * 1500 + "\n",          # nesting deeper than Python's recursion limit
    "a: " + "{a: " * 1500 + "1" + "}" * 1500 + "\n",
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(  # "billion laughs": 10**9 items through aliases
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)),
    "name: \x01\n",                                   # a control character PyYAML refuses outright
], ids=["deep-lists", "deep-maps", "billion-laughs", "control-character"])
def test_hostile_yaml_is_refused_in_bounded_time(text):
    load_any(text, Clinic)
