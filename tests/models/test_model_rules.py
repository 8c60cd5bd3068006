"""The small rules inside the models, called directly: clinic text per language, the regulator a country
implies, the warning-sign lists, reviewed translations and the placeholders of safety words."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from handouts import api
from handouts.models.clinic import Approval, Clinic, Contact, Region, localize
from handouts.models.content import Paragraph, SignList, WarningSigns, WriteIn
from handouts.models.content import Review as ContentReview
from handouts.models.patient import PatientInvalid, parse_patient
from handouts.models.translation import Review, UiStrings


def test_clinic_text_is_picked_per_language_in_lists_too():
    assert localize("Bring ID", "es") == "Bring ID"
    assert localize({"en": "Bring ID", "es": "Traiga su ID"}, "es") == "Traiga su ID"
    assert localize({"en": "Bring ID"}, "es") is None
    assert localize(["Water", {"en": "ID", "es": "DNI"}], "es") == ["Water", "DNI"]


def test_a_us_or_uk_clinic_gets_its_regulator_and_any_other_must_name_one():
    assert Region().regulator == "FDA"
    assert Region(country="GB").regulator == "MHRA"
    assert Region(country="GB", regulator="EMA").regulator == "EMA"
    assert Region(country="NZ", regulator="Medsafe").regulator == "Medsafe"
    with pytest.raises(ValidationError, match="regulator"):
        Region(country="NZ")


def test_warning_signs_lists_only_the_lists_given():
    clinic = SignList(id="call-clinic", items=["Fever"])
    emergency = SignList(id="call-911", items=["Chest pain"])
    assert WarningSigns().lists() == []
    assert WarningSigns(call_emergency_if=emergency).lists() == [emergency]
    assert WarningSigns(call_clinic_if=clinic, call_emergency_if=emergency).lists() == [clinic, emergency]


def test_a_reviewed_translation_names_who_and_when():
    assert Review(status="unreviewed").status == "unreviewed"
    assert Review(status="reviewed", reviewer="A. Ruiz", date="2026-12-01").reviewer == "A. Ruiz"
    for partial in ({"reviewer": "A. Ruiz"}, {"date": "2026-12-01"}, {}):
        with pytest.raises(ValidationError, match="a reviewed translation needs reviewer and date"):
            Review(status="reviewed", **partial)


def ui(**words: str) -> UiStrings:
    base = {name: "x" for name, field in UiStrings.model_fields.items() if field.is_required()}
    return UiStrings(**{**base, **words})


def test_safety_words_keep_exactly_the_placeholders_of_the_english():
    assert ui(help_emergency="Llame al {number}").help_emergency == "Llame al {number}"
    assert ui(help_emergency=None).help_emergency is None
    with pytest.raises(ValidationError, match=r"must contain \{number\} once each, as in English"):
        ui(help_emergency="Llame al número")
    with pytest.raises(ValidationError, match=r"must contain \{from\}, \{to\} once each"):
        ui(timeline_infusion_time="{from} a {from} minutos")
    assert ui(timeline_infusion_time="{to} - {from}").timeline_infusion_time == "{to} - {from}"
    with pytest.raises(ValidationError, match=r"must not contain \{\.\.\.\}: nothing is filled in here"):
        ui(help_title="Ayuda {number}")


def test_text_is_stripped_as_written_and_a_model_is_strict_and_frozen():
    contact = Contact(phone="  (555) 010-0100 ", email=" care@example.org ", website=" https://example.org ",
                      address="  1 Main St  ", hours=" Mon-Fri ")
    assert (contact.phone, contact.email, contact.website, contact.address, contact.hours) == (
        "(555) 010-0100", "care@example.org", "https://example.org", "1 Main St", "Mon-Fri")
    assert Paragraph(id="p", type="paragraph", text="  A line.  ").text == "A line."
    with pytest.raises(ValidationError):
        WriteIn(id="w", type="write_in", label="Notes", lines="3")  # strict: "3" is text, not a number
    with pytest.raises(ValidationError):
        contact.hours = "24/7"  # type: ignore[misc]


def test_a_date_quoted_in_yaml_is_still_read_as_a_date():
    assert ContentReview(version="1.0", reviewed_on="2026-12-01").reviewed_on == dt.date(2026, 12, 1)
    approval = Approval(name="Dr A", credentials="MD", approved_on="2026-12-04", content_version="1.1",
                        values_hash="0123abcd")
    assert approval.approved_on == dt.date(2026, 12, 4)


def test_the_clinic_name_is_stripped():
    data = api.load_inputs(clinics=["example-clinic"]).clinics[0].model.model_dump()
    assert Clinic.model_validate({**data, "name": "  Example Clinic  "}).name == "Example Clinic"


@pytest.mark.parametrize(("when", "ok"), [("1900-01-01 09:00", True), ("1899-12-31 09:00", False),
                                          ("2999-12-31 09:00", True), ("3000-01-01 09:00", False)])
def test_an_appointment_year_from_1900_to_2999_is_accepted(when, ok):
    if ok:
        assert parse_patient({"appointment": when}).appointment.strftime("%Y-%m-%d %H:%M") == when
    else:
        with pytest.raises(PatientInvalid, match="use a year from 1900 to 2999"):
            parse_patient({"appointment": when})


@pytest.mark.parametrize("field", ["patient_name", "note", "appointment", "arrival"])
def test_a_hidden_text_direction_character_is_refused_in_any_patient_field(field):
    with pytest.raises(PatientInvalid) as caught:
        parse_patient({field: "09:30\u202e"})
    assert caught.value.errors == {field: "contains an invisible text-direction character (often pasted from "
                                          "elsewhere); type it again by hand"}
