"""Tests that search: any string in any patient field gives a value or one clear message, and the message never
repeats what was typed (it may be a patient's name)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.models.patient import FIELDS, Patient, PatientInvalid, parse_patient

MARK = "Qzv"  # begins every generated value, so a message that repeats the value is easy to see
ANY_TEXT = st.one_of(st.text(max_size=400), st.text(alphabet="0123456789 :-/+()APMapm\t\r\n\x00\x1b", max_size=40))


@pytest.mark.parametrize("name", FIELDS)
@settings(max_examples=120, deadline=None)
@given(value=ANY_TEXT)
def test_any_string_gives_a_value_or_one_clear_message(name, value):
    typed = MARK + value
    for given_value in (value, typed):
        try:
            patient = parse_patient({name: given_value})
        except PatientInvalid as exc:
            assert list(exc.errors) == [name], exc.errors  # one message, for the field that was typed
            message = exc.errors[name]
            assert message and "\n" not in message and len(message) < 200
            assert MARK not in str(exc), "a message must never repeat the value"
        else:
            assert isinstance(patient, Patient)
            assert MARK not in repr(patient)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), ANY_TEXT, max_size=len(FIELDS)))
def test_any_set_of_fields_gives_a_patient_or_messages_for_those_fields_only(fields):
    try:
        parse_patient(fields)
    except PatientInvalid as exc:
        assert exc.errors and set(exc.errors) <= set(fields) | {"arrival"}  # arrival: after the appointment
