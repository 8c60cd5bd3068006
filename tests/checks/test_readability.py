"""Reading level: scored on the rendered patient text, limits from content.yaml, shipped content within them."""
from __future__ import annotations

import re

import pytest

from handouts import api
from handouts.checks import readability
from handouts.errors import InvalidInput
from handouts.plan.jobs import Job, plan


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs()


def test_every_shipped_handout_meets_fk_6_and_smog_8(inputs):
    jobs = plan(inputs.content, inputs.clinics)
    english = [job for job in jobs if job.lang == "en"]
    assert len(english) == 6
    for job in jobs:
        scores = readability.scores(job)
        if job.lang == "en":
            assert scores["fk_grade"] <= 6, (job.key, scores)
            assert scores["smog"] <= 8, (job.key, scores)
        else:
            assert scores["fernandez_huerta"] >= inputs.content.model.readability.min_fernandez_huerta, (job.key, scores)
        assert readability.failures(job, scores) == []
    limits = inputs.content.model.readability
    assert (limits.max_fk_grade, limits.max_smog) == (6, 8)


def test_scored_text_is_what_the_patient_reads(inputs):
    clinic = next(c for c in inputs.clinics if c.slug == "example-clinic")
    text = readability.patient_text(Job(clinic, inputs.content, "day-of-infusion"))
    assert "{" not in text and "<" not in text and "&amp;" not in text
    assert "Do not eat for 6 hours before your visit." in text          # clinic value filled in
    assert "Your photo ID." in text                                     # clinic list item: one sentence each
    assert "What to bring" not in text                                  # headings are left out
    assert "My questions for the care team" not in text                 # write-in labels are left out
    after = readability.patient_text(Job(clinic, inputs.content, "aftercare"))
    assert "Call 911 now" in after                                      # the template's emergency callout counts


def test_language_picks_the_formula(inputs):
    clinic = inputs.clinics[0]
    assert set(readability.scores(Job(clinic, inputs.content, "aftercare", "es"))) == {"fernandez_huerta"}
    assert readability.scores(Job(clinic, inputs.content, "aftercare", "vi")) == {}


def test_too_hard_handout_fails_check_at_its_line(project_copy):
    path = project_copy / "content.yaml"
    text = path.read_text()
    path.write_text(text.replace("  max_smog: 8", "  max_smog: 7"))
    with pytest.raises(InvalidInput) as caught:
        api.load_inputs()
    messages = [str(p) for p in caught.value.problems]
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l == "  pre-consultation:")
    assert any(re.match(rf".*content.yaml:{line}:\d+: handouts.pre-consultation: SMOG 7\.\d is above the maximum "
                        rf"of 7 .*example-clinic", m) for m in messages), messages
    assert not any("aftercare" in m for m in messages)


def test_check_prints_the_score_table_and_manifest_carries_scores(sample_build):
    from click.testing import CliRunner

    from handouts.cli import cli

    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    rows = [l.split() for l in result.output.splitlines() if l.startswith("  example-clinic")]
    assert {r[1] for r in rows} == {"pre-consultation", "day-of-infusion", "aftercare"}
    english = [r for r in rows if r[2] == "en"]
    assert len(english) == 3 and all(float(r[3]) <= 6 and float(r[4]) <= 8 for r in english)
    assert all(float(r[5]) >= 60 for r in rows if r[2] == "es")
    build, _ = sample_build
    for entry in build.entries:
        if entry.lang != "en":
            assert set(entry.reading_level) == {"fernandez_huerta"}
            continue
        assert set(entry.reading_level) == {"fk_grade", "smog"}
        assert 1 < entry.reading_level["fk_grade"] <= 6


@pytest.mark.parametrize(("item", "sentence"), [
    ("Rest at home", "Rest at home."),  # a list item is scored as a sentence of its own
    ("Rest at home.", "Rest at home."),  # not as two ("..")
    ("Can I drive?", "Can I drive?"),
    ("Bring:", "Bring:"),
    ("", ""),
])
def test_a_list_item_ends_as_one_sentence(item, sentence):
    assert readability._sentence(item) == sentence
