"""Reading-level limits at the boundary, and regional language codes (en-US, es-MX) scored like their language."""
from __future__ import annotations

import dataclasses

import pytest

from handouts import api
from handouts.checks import readability
from handouts.plan.jobs import Job


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs()


def regional_job(inputs, lang: str) -> Job:
    """A job in a regional code: English content written as en-US, or the Spanish translation filed as es-MX."""
    content = inputs.content
    if lang.startswith("en"):
        content = dataclasses.replace(content, model=content.model.model_copy(update={"language": lang}))
    else:
        content = dataclasses.replace(content, translations={**content.translations, lang: content.translations["es"]})
    return Job(inputs.clinics[0], content, "aftercare", lang)


@pytest.mark.parametrize("lang, names", [("en-US", {"fk_grade", "smog"}), ("es-MX", {"fernandez_huerta"})])
def test_a_regional_code_is_scored_with_its_languages_formula(inputs, lang, names):
    job = regional_job(inputs, lang)
    scores = readability.scores(job)
    assert set(scores) == names and all(value > 0 for value in scores.values())
    too_hard = {name: 99.0 if name != "fernandez_huerta" else 1.0 for name in names}
    assert len(readability.failures(job, too_hard)) == len(names)  # and its limits are applied


def test_scores_exactly_at_the_limits_pass(inputs):
    limits = inputs.content.model.readability
    english, spanish = regional_job(inputs, "en-US"), regional_job(inputs, "es-MX")
    assert readability.failures(english, {"fk_grade": limits.max_fk_grade, "smog": limits.max_smog}) == []
    assert readability.failures(spanish, {"fernandez_huerta": limits.min_fernandez_huerta}) == []


def test_scores_just_past_the_limits_fail_with_one_line_each(inputs):
    limits = inputs.content.model.readability
    english, spanish = regional_job(inputs, "en"), regional_job(inputs, "es-MX")
    over = {"fk_grade": limits.max_fk_grade + 0.1, "smog": limits.max_smog + 0.1}
    assert readability.failures(english, over) == [
        "FK grade 6.1 is above the maximum of 6 (readability.max_fk_grade)",
        "SMOG 8.1 is above the maximum of 8 (readability.max_smog)"]
    under = {"fernandez_huerta": limits.min_fernandez_huerta - 0.1}
    assert readability.failures(spanish, under) == [
        "Fernandez-Huerta 59.9 is below the minimum of 60 (readability.min_fernandez_huerta)"]


def test_one_score_past_its_limit_fails_alone(inputs):
    english = regional_job(inputs, "en")
    assert readability.failures(english, {"fk_grade": 6.0, "smog": 8.1}) == [
        "SMOG 8.1 is above the maximum of 8 (readability.max_smog)"]


def test_scores_are_kept_to_one_decimal_as_the_table_and_the_manifest_show_them(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))  # scored here, not read back from the disk cache
    text = "Bring a friend who can drive you home. Do not eat for six hours before your visit."
    raw = readability._scorer("en").flesch_kincaid_grade(text)
    assert round(raw, 1) != round(raw, 2)  # the score has a second decimal to lose
    scores = dict(readability._score_text.__wrapped__("en", text))
    assert scores["fk_grade"] == round(raw, 1)
