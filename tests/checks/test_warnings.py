"""The warnings of `handouts check` called directly on changed models (no file written, no PDF): fasting times at
the ASA guidance and one hour under it, drafts and unapproved clinics, and the order the checks run in."""
from __future__ import annotations

import dataclasses

import pytest

from handouts import api, checks
from handouts.checks import fasting, review_dates
from handouts.load.inputs import Inputs
from handouts.plan import review
from tests.helpers.project import key_position


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs(clinics=["example-clinic"])


def with_policy(inputs: Inputs, approved: bool = False, **policy: int) -> Inputs:
    """The clinic with changed policy values: unapproved, or approved as changed (its hash recomputed)."""
    clinic = inputs.clinics[0]
    model = clinic.model.model_copy(update={"policy": clinic.model.policy.model_copy(update=policy)})
    approval = model.approval.model_copy(update={"values_hash": review.values_hash(model)}) if approved else None
    model = model.model_copy(update={"approval": approval})
    return dataclasses.replace(inputs, clinics=[dataclasses.replace(clinic, model=model)])


def fields(problems) -> list[tuple[str, str]]:
    return [(p.field, p.severity) for p in problems]


def test_fasting_at_the_guidance_is_no_warning_and_an_hour_under_it_is(inputs):
    assert fasting.fasting_below_guidance(with_policy(inputs, fasting_hours=6, clear_liquids_until_hours=2)) == []
    found = fasting.fasting_below_guidance(with_policy(inputs, fasting_hours=5, clear_liquids_until_hours=1))
    assert fields(found) == [("policy.fasting_hours", "warning"), ("policy.clear_liquids_until_hours", "warning")]
    assert found[0].message == ("5 hours of fasting is less than the 6 hours after a light meal of the ASA "
                                "preoperative fasting guidance; have your medical director confirm it")
    assert found[1].message == ("clear liquids until 1 hour(s) before is less than the 2 hours of the ASA "
                                "preoperative fasting guidance; have your medical director confirm it")
    assert found[0].line > 0


def test_no_fasting_line_is_no_warning(inputs):
    assert fasting.fasting_below_guidance(with_policy(inputs, fasting_hours=0, clear_liquids_until_hours=0)) == []


def test_a_director_who_approved_the_short_fast_is_not_asked_again(inputs):
    assert fasting.fasting_below_guidance(with_policy(inputs, True, fasting_hours=4)) == []


def test_an_unapproved_clinic_is_a_warning_that_gives_the_hash_to_approve(inputs):
    assert review_dates.unapproved_clinics(inputs) == []
    [line] = review_dates.unapproved_clinics(with_policy(inputs))
    assert (line.field, line.severity) == ("", "warning")
    assert line.message.startswith("DRAFT: no medical director has approved these handouts for this clinic "
                                   f"(content version {inputs.content.model.version}, values hash ")
    assert line.message.endswith("); every page will be marked DRAFT and bundle refuses it")
    clinic = inputs.clinics[0]
    old = clinic.model.model_copy(update={"approval": clinic.model.approval.model_copy(update={"content_version": "0.9"})})
    [line] = review_dates.unapproved_clinics(dataclasses.replace(inputs, clinics=[dataclasses.replace(clinic, model=old)]))
    assert line.field == "approval" and "the clinic's approval is for content version 0.9" in line.message
    assert (line.line, line.col) == key_position(clinic.doc.path, "approval:")  # the key: its value is a block


def test_a_draft_handout_is_a_warning_at_its_review(inputs):
    assert review_dates.draft_handouts(inputs) == []
    content = inputs.content
    handouts = dict(content.model.handouts)
    record = handouts["aftercare"].review
    handouts["aftercare"] = handouts["aftercare"].model_copy(update={"review": record.model_copy(
        update={"next_review": None})})
    handouts["day-of-infusion"] = handouts["day-of-infusion"].model_copy(update={"review": None})
    changed = dataclasses.replace(content, model=content.model.model_copy(update={"handouts": handouts}))
    found = review_dates.draft_handouts(dataclasses.replace(inputs, content=changed))
    assert [(p.field, p.message, p.severity) for p in found] == [
        ("handouts.day-of-infusion", "DRAFT: this handout has not been reviewed; every page will be marked DRAFT",
         "warning"),
        ("handouts.aftercare.review.next_review",
         "DRAFT: this handout has no next review date; every page will be marked DRAFT", "warning")]
    path = content.doc.path
    assert [(p.line, p.col) for p in found] == [key_position(path, "day-of-infusion:"),
                                                   key_position(path, "next_review:", after="aftercare:")]


def test_check_lists_warnings_then_reports_in_order(inputs):
    unapproved = with_policy(inputs, fasting_hours=5)
    found = checks.warnings(unapproved)
    assert [p.field for p in found] == ["review.status", "", "policy.fasting_hours"]  # translation status first
    lines = checks.reports(unapproved)
    assert lines[:len(found)] == [str(p) for p in found]
    assert len(lines) > len(found)  # the reading-level table follows
    assert checks.reports(unapproved, found=[]) == lines[len(found):]
    assert checks.run_all(inputs) == []
