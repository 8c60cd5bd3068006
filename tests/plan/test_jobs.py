"""Planning jobs from selectors, splitting them into shards, and what a job says about itself: called directly,
no PDF rendered."""
from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

import pytest

from handouts import api
from handouts.errors import NotFound
from handouts.plan.jobs import Job, parse_shard, plan, regional_locale, select_shard
from handouts.plan.variants import DEFAULT_CMYK_PROFILE


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs()


def keys(jobs: list[Job]) -> list[str]:
    return [job.key for job in jobs]


def test_no_selectors_plan_every_handout_in_every_language_of_each_clinic_in_the_office_variant(inputs):
    jobs = plan(inputs.content, inputs.clinics)
    handouts = list(inputs.content.model.handouts)
    expected = [f"{c.slug}/{h}/{lang}/office" for c in inputs.clinics for h in handouts for lang in c.model.languages]
    assert keys(jobs) == expected


def test_selectors_narrow_the_plan_in_a_stable_order(inputs):
    jobs = plan(inputs.content, inputs.clinics[:1], handouts=["aftercare"], langs=["es"],
                variants=["print", "web"], marks="none")
    slug = inputs.clinics[0].slug
    assert keys(jobs) == [f"{slug}/aftercare/es/print", f"{slug}/aftercare/es/web"]
    assert {job.marks for job in jobs} == {"none"}


def test_a_language_one_clinic_does_not_print_is_planned_only_for_those_that_do(inputs):
    only_english = dataclasses.replace(inputs.clinics[1], model=inputs.clinics[1].model.model_copy(
        update={"languages": ["en"]}))
    jobs = plan(inputs.content, [inputs.clinics[0], only_english], handouts=["aftercare"], langs=["es"])
    assert keys(jobs) == [f"{inputs.clinics[0].slug}/aftercare/es/office"]


@pytest.mark.parametrize(("selector", "message"), [
    ({"handouts": ["aftercare", "nope"]}, "no handout called 'nope' (known handouts: pre-consultation, "),
    ({"variants": ["office", "glossy"]}, "no variant called 'glossy' (known variants: office, large-print, "),
    ({"marks": "stars"}, "no marks setting called 'stars' (known: crop, none)"),
    ({"langs": ["en", "fr"]}, "no selected clinic prints language 'fr' (they print: en, es; "),
])
def test_an_unknown_selector_is_not_found_and_named(inputs, selector, message):
    with pytest.raises(NotFound) as caught:
        plan(inputs.content, inputs.clinics, **selector)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(("text", "shard"), [("1/1", (1, 1)), ("1/4", (1, 4)), ("4/4", (4, 4))])
def test_a_shard_from_one_to_n_is_accepted(text, shard):
    assert parse_shard(text) == shard


@pytest.mark.parametrize("text", ["0/4", "5/4", "2", "a/b", "1/2/3", "2/1"])
def test_a_shard_outside_one_to_n_is_refused(text):
    with pytest.raises(NotFound, match=f"--shard {text}: expected K/N with 1 <= K <= N"):
        parse_shard(text)


def test_the_shards_split_the_jobs_into_disjoint_parts_that_cover_them_all(inputs):
    jobs = plan(inputs.content, inputs.clinics, variants=["office", "print"])
    parts = [plan(inputs.content, inputs.clinics, variants=["office", "print"], shard=(k, 3)) for k in (1, 2, 3)]
    assert sorted(keys([job for part in parts for job in part])) == sorted(keys(jobs))
    assert all(parts), "each of three parts of 24 jobs has some"
    assert select_shard(jobs, 1, 1) == jobs


def test_a_job_belongs_to_the_part_its_key_hashes_to_on_every_machine(inputs):
    # sha256 of the key, as an integer, modulo N: a fixed split that a change of hash or base would move.
    job = plan(inputs.content, inputs.clinics[:1], handouts=["aftercare"], langs=["en"])[0]
    assert job.key == "example-clinic/aftercare/en/office"
    assert [k for k in (1, 2, 3, 4, 5) if select_shard([job], k, 5)] == [4]


def test_a_job_names_its_key_output_path_and_locale(inputs):
    us, gb = inputs.clinics
    job = Job(gb, inputs.content, "aftercare", "es", "web")
    assert job.key == f"{gb.slug}/aftercare/es/web"
    assert job.output_path == PurePosixPath(gb.slug, "aftercare-es-web.html")
    assert Job(gb, inputs.content, "aftercare").output_path == PurePosixPath(gb.slug, "aftercare-en-office.pdf")
    assert Job(gb, inputs.content, "aftercare").locale == "en-GB"
    assert Job(us, inputs.content, "aftercare").locale == "en-US"
    assert regional_locale("es", "XX") == "es"


def test_a_press_job_uses_its_own_profile_or_the_default(inputs, tmp_path):
    job = Job(inputs.clinics[0], inputs.content, "aftercare", variant="print")
    assert job.cmyk_profile == DEFAULT_CMYK_PROFILE.resolve()
    own = tmp_path / "fogra39.icc"
    assert dataclasses.replace(job, icc_profile=own).cmyk_profile == own.resolve()


def test_the_patient_is_not_part_of_a_jobs_identity(inputs):
    fields = {f.name: f for f in dataclasses.fields(Job)}
    assert fields["patient"].compare is False and fields["patient"].repr is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        Job(inputs.clinics[0], inputs.content, "aftercare").lang = "es"  # type: ignore[misc]
