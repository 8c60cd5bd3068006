"""Review and approval records read directly: each DRAFT reason, the version and date a footer prints, the hash
a director signs. No PDF rendered."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from types import SimpleNamespace

import pytest

from handouts import api
from handouts.plan import review
from handouts.plan.jobs import Job


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs(clinics=["example-clinic"])


def with_review(inputs, **changes):
    handout = inputs.content.model.handouts["aftercare"]
    return handout.model_copy(update={"review": handout.review.model_copy(update=changes)})


def test_a_review_without_a_next_date_is_a_draft(inputs):
    handout = with_review(inputs, next_review=None)
    assert review.review_reasons(handout, dt.date(2026, 12, 5)) == ["this handout has no next review date"]


def test_a_review_is_current_up_to_its_next_date_and_expired_the_day_after(inputs):
    handout = with_review(inputs, next_review=dt.date(2027, 1, 10))
    assert review.review_reasons(handout, dt.date(2027, 1, 10)) == []
    assert review.review_reasons(handout, dt.date(2027, 1, 11)) == ["its review expired on 2027-01-10"]


def test_without_a_record_there_is_no_review(inputs):
    handout = inputs.content.model.handouts["aftercare"].model_copy(update={"review": None})
    assert review.review_reasons(handout, dt.date(2026, 12, 5)) == ["this handout has not been reviewed"]


def test_the_sample_clinic_is_approved_for_this_content(inputs):
    clinic, content = inputs.clinics[0].model, inputs.content.model
    assert review.approval_reasons(clinic, content) == []
    assert re.fullmatch(r"[0-9a-f]{8}", review.values_hash(clinic))


def test_each_change_since_the_approval_is_a_reason(inputs):
    clinic, content = inputs.clinics[0].model, inputs.content.model
    old = clinic.model_copy(update={"approval": clinic.approval.model_copy(update={"content_version": "0.9"})})
    assert review.approval_reasons(old, content) == ["the clinic's approval is for content version 0.9"]
    moved = clinic.model_copy(update={"name": clinic.name + " East"})
    assert review.approval_reasons(moved, content) == ["the clinic's values changed after its approval"]
    assert review.values_hash(moved) != review.values_hash(clinic)
    none = clinic.model_copy(update={"approval": None})
    assert review.approval_reasons(none, content) == ["no medical director has approved these handouts for this clinic"]
    assert review.values_hash(none) == review.values_hash(clinic), "the approval is not part of what it signs"


def test_the_hash_is_of_the_values_as_written_in_utf_8(inputs):
    # The approved hash is written in clinic files: a director's sign-off must stay valid across versions, so
    # the hashed text is fixed: sorted keys, no spaces, accented letters as themselves (not \u escapes).
    clinic = inputs.clinics[0].model.model_copy(update={"name": "Clínica Ñandú"})
    values = clinic.model_dump(mode="json", exclude={"approval"})
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert '"name":"Clínica Ñandú"' in text
    assert review.values_hash(clinic) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def test_the_footer_version_and_date_come_from_the_handouts_record(inputs):
    job = Job(inputs.clinics[0], inputs.content, "aftercare")
    record = inputs.content.model.handouts["aftercare"].review
    assert review.version(job) == str(record.version)
    assert review.reviewed_on(job) == record.reviewed_on.isoformat()
    bare = inputs.content.model.model_copy(update={"handouts": {
        "aftercare": inputs.content.model.handouts["aftercare"].model_copy(update={"review": None})}})
    assert review.handout_version(bare, "aftercare") == str(bare.version)
    own = bare.model_copy(update={"handouts": {"aftercare": with_review(inputs, version="2.3")}})
    assert review.handout_version(own, "aftercare") == "2.3" != str(own.version)
    assert review.reviewed_on(SimpleNamespace(content=SimpleNamespace(model=bare), handout="aftercare")) == "not reviewed"
    undated = bare.model_copy(update={"handouts": {"aftercare": with_review(inputs, reviewed_on=None)}})
    assert review.reviewed_on(SimpleNamespace(content=SimpleNamespace(model=undated), handout="aftercare")) == (
        "not reviewed")
