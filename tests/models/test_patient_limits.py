"""Patient fields at their limits: every limit is tried exactly at the limit (accepted) and one past it (refused)."""
from __future__ import annotations

import datetime as dt

import pytest

from handouts.models.patient import MAX_LENGTHS, PatientInvalid, parse_patient

SINGLE_LINE_TEXT = [name for name in MAX_LENGTHS if name not in ("note", "driver_phone")]


def refusal(fields: dict) -> dict[str, str]:
    with pytest.raises(PatientInvalid) as caught:
        parse_patient(fields)
    return caught.value.errors


def at_length(name: str, length: int) -> str:
    return "5" * length if name == "driver_phone" else "x" * length


@pytest.mark.parametrize("name", sorted(MAX_LENGTHS))
def test_a_field_exactly_at_its_maximum_length_is_accepted(name):
    limit = MAX_LENGTHS[name]
    patient = parse_patient({name: at_length(name, limit)})
    assert len(getattr(patient, name)) == limit


@pytest.mark.parametrize("name", sorted(MAX_LENGTHS))
def test_a_field_one_past_its_maximum_length_is_refused(name):
    limit = MAX_LENGTHS[name]
    errors = refusal({name: at_length(name, limit + 1)})
    if name == "driver_phone":  # the phone pattern allows 30 characters too: either message is one plain line
        assert set(errors) == {name}
    else:
        assert errors == {name: f"is too long ({limit + 1} characters; at most {limit})"}


def test_the_limits_are_the_documented_ones():
    assert MAX_LENGTHS == {"patient_name": 80, "provider": 80, "driver_name": 80, "driver_phone": 30, "note": 300}


@pytest.mark.parametrize("name", [*SINGLE_LINE_TEXT, "driver_phone"])
@pytest.mark.parametrize("char", ["\n", "\t", "\r"], ids=["newline", "tab", "return"])
def test_single_line_fields_refuse_newlines_and_tabs(name, char):
    value = f"555{char}0100" if name == "driver_phone" else f"Ana{char}Diaz"
    assert refusal({name: value}) == {name: "contains a control character; type it again by hand"}


@pytest.mark.parametrize("char", ["\n", "\t", "\r\n"], ids=["newline", "tab", "crlf"])
def test_the_note_keeps_line_breaks_and_tabs_as_spaces(char):
    assert parse_patient({"note": f"Bring{char}water"}).note == "Bring water"


@pytest.mark.parametrize("field, value", [("appointment", "2026-12-03\n09:30"), ("arrival", "09:15\t")])
def test_dates_and_times_refuse_control_characters(field, value):
    assert refusal({field: value}) == {field: "contains a control character; type it again by hand"}


def test_arrival_exactly_at_the_appointment_time_is_accepted():
    patient = parse_patient({"appointment": "2026-12-03 09:30", "arrival": "09:30"})
    assert patient.arrival == dt.time(9, 30)


def test_arrival_one_minute_after_the_appointment_is_refused():
    errors = refusal({"appointment": "2026-12-03 09:30", "arrival": "09:31"})
    assert errors == {"arrival": "is after the appointment time; the patient should arrive before it"}


def test_a_phone_needs_three_digits():
    assert parse_patient({"driver_phone": "911"}).driver_phone == "911"
    assert set(refusal({"driver_phone": "91"})) == {"driver_phone"}
    assert set(refusal({"driver_phone": "(9) 1-"})) == {"driver_phone"}  # long enough, but only two digits
