"""Patient fields as callers give them: typed blanks are no value, an API caller may pass datetime and time
objects (or None) where the form and the CSV give text; the model and its field table cannot be changed once
made; the print shop's output condition is trimmed and may be one character."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pydantic import ValidationError

from handouts.models.patient import PATIENT_FIELDS, parse_patient
from handouts.models.print_shop import PrintShop


@pytest.mark.parametrize("field", ["appointment", "arrival"])
def test_spaces_typed_in_a_date_or_time_field_are_no_value(field):
    assert parse_patient({field: "   "}).given() == {}


def test_none_given_for_the_dates_is_no_value():
    assert parse_patient({"appointment": None, "arrival": None}).given() == {}


def test_an_api_caller_may_pass_datetime_and_time_objects():
    patient = parse_patient({"appointment": dt.datetime(2026, 12, 3, 9, 30), "arrival": dt.time(9, 0)})
    assert patient.appointment == dt.datetime(2026, 12, 3, 9, 30) and patient.arrival == dt.time(9, 0)


def test_a_patient_and_the_field_table_cannot_be_changed_once_made():
    patient = parse_patient({"patient_name": "Ana"})
    with pytest.raises(ValidationError):
        patient.patient_name = "Someone else"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        PATIENT_FIELDS[0].max_length = 10_000  # type: ignore[misc]


def test_the_output_condition_is_trimmed_and_may_be_one_character():
    assert PrintShop.model_validate({"output_condition": "  FOGRA39  "}).output_condition == "FOGRA39"
    assert PrintShop.model_validate({"output_condition": "X"}).output_condition == "X"
    with pytest.raises(ValidationError):
        PrintShop.model_validate({"output_condition": "   "})
