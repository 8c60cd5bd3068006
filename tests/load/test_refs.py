"""References from content to clinic values, called directly: which fields may be quoted, and the hint a
wrong reference gets."""
from __future__ import annotations

from handouts import api
from handouts.load import refs


def test_every_clinic_field_has_its_kind():
    fields = refs.clinic_fields()
    assert (fields["name"], fields["contact.phone"], fields["paper"]) == ("text", "text", "text")  # paper: a Literal
    assert (fields["policy.fasting_hours"], fields["policy.bring"], fields["policy.ride_required"]) == (
        "number", "list", "bool")
    assert fields["emergency.crisis_line_name"] == "text"  # text, or text per language
    assert "brand" not in fields and "policy" not in fields  # groups are walked into, not quoted


def test_a_reference_in_text_must_be_quotable():
    assert refs.problems_in_text("Call {contact.phone} or {emergency.number}; fast {policy.fasting_hours} h.") == []
    assert refs.problems_in_text("{phone} {policy.bring} {contact.fax} {policy.ride_required}") == [
        "{phone} is not a clinic value; did you mean contact.phone?",
        "{policy.bring} is a list, which cannot be quoted in text",
        "{contact.fax} is not a clinic value; did you mean contact.email?",
        "{policy.ride_required} is a bool, which cannot be quoted in text"]


def test_a_wrong_reference_far_from_any_gets_its_groups_values_or_all():
    [bad] = refs.problems_in_text("{policy.zzzzzzzz}")
    assert bad.startswith("{policy.zzzzzzzz} is not a clinic value; use one of: policy.fasting_hours, ")
    assert "contact.phone" not in bad and "policy.bring" not in bad  # text and numbers of that group only
    [lost] = refs.problems_in_text("{zzz.qqq}")
    assert lost.startswith("{zzz.qqq} is not a clinic value; use one of: name, paper, brand.logo, ")


def test_items_from_and_when_name_a_list_and_a_yes_no_value():
    assert refs.problem_in_ref("policy.bring", "list") is None
    assert refs.problem_in_ref("policy.brig", "list") == "policy.brig is not a clinic list; did you mean policy.bring?"
    assert refs.problem_in_ref("contact.zzzz", "bool") == (
        "contact.zzzz is not a clinic bool; use one of: sample, emergency.crisis_line_texts, policy.ride_required, "
        "approval.sample")


def test_a_value_is_read_in_the_jobs_language():
    clinic = api.load_inputs(clinics=["example-clinic"]).clinics[0].model
    assert refs.value(clinic, "contact.phone") == clinic.contact.phone
    bring = refs.value(clinic, "policy.bring", "es")
    assert isinstance(bring, list) and bring and all(isinstance(item, str) for item in bring)
    assert bring != refs.value(clinic, "policy.bring", "en")
