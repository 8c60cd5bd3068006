"""Patient fields: strict plain-language validation, privacy of the Job, and the "Your visit" box in real PDFs."""
from __future__ import annotations

import datetime as dt

import pytest

from handouts import api
from handouts.load import translations
from handouts.models.patient import Patient, PatientInvalid, parse_patient
from handouts.plan.jobs import Job
from handouts.publish import batch
from handouts.resolve import visit
from handouts.typeset import render_pdf
from tests.helpers.pdfs import extracted_text, squash
from tests.helpers.project import ROOT


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs()


def test_fields_are_parsed_from_plain_text():
    patient = parse_patient({"patient_name": "  Ana   Diaz ", "appointment": "2026-12-03 09:30", "arrival": "9:15 am",
                             "driver_phone": "(555) 010-0199", "note": "", "provider": None})
    assert patient.patient_name == "Ana Diaz"
    assert patient.appointment == dt.datetime(2026, 12, 3, 9, 30)
    assert patient.arrival == dt.time(9, 15)
    assert patient.note is None and patient.provider is None  # empty means "not given": a write-in line


@pytest.mark.parametrize("fields, field, message", [
    ({"appointment": "2026-12-03"}, "appointment", "needs a time as well as a date"),
    ({"appointment": "next Tuesday"}, "appointment", "write it like 2026-12-03 09:30"),
    ({"arrival": "25:00"}, "arrival", "is not a time"),
    ({"appointment": "2026-12-03 09:30", "arrival": "10:00"}, "arrival", "after the appointment time"),
    ({"patient_name": "x" * 81}, "patient_name", "is too long (81 characters; at most 80)"),
    ({"note": "y" * 301}, "note", "at most 300"),
    ({"driver_phone": "call me"}, "driver_phone", "is not a phone number"),
    ({"provider": "Dr\x07 Who"}, "provider", "control character"),
    ({"patient_name": 42}, "patient_name", "must be text"),
    ({"colour": "red"}, "colour", "unknown field"),
])
def test_bad_fields_get_one_plain_message_each(fields, field, message):
    with pytest.raises(PatientInvalid) as caught:
        parse_patient(fields, where="day.csv:4")
    assert message in caught.value.errors[field]
    assert f"day.csv:4: {field}: " in caught.value.format_message()


def test_error_messages_never_repeat_the_value():
    with pytest.raises(PatientInvalid) as caught:
        parse_patient({"patient_name": "Zebulon Quartermaine" * 5, "appointment": "Zebulon day"})
    assert "Zebulon" not in caught.value.format_message()


def test_patient_is_not_part_of_key_path_equality_or_repr(inputs):
    patient = parse_patient({"patient_name": "Ana Diaz", "appointment": "2026-12-03 09:30"})
    clinic = inputs.clinics[0]
    blank = Job(clinic, inputs.content, "day-of-infusion")
    personal = Job(clinic, inputs.content, "day-of-infusion", patient=patient)
    assert personal.key == blank.key and personal.output_path == blank.output_path
    assert personal == blank
    assert "Ana" not in repr(personal) and "Ana" not in repr(patient) and "Ana" not in str(patient)
    with pytest.raises(ValueError, match="never goes into the manifest"):
        batch.record_for(personal, str(personal.output_path), render_pdf(blank), ("", ""))


def test_visit_box_prints_values_escaped_and_write_in_lines(inputs):
    patient = parse_patient({"patient_name": "Ana <b>Diaz</b> & Co", "appointment": "2026-12-03 09:30",
                             "arrival": "09:00", "provider": "Dr. Rivera"})
    job = Job(inputs.clinics[0], inputs.content, "day-of-infusion", patient=patient)
    text = squash(extracted_text(render_pdf(job)))
    assert "Your visit" in text
    assert "Name: Ana <b>Diaz</b> & Co" in text  # escaped: printed literally, not as markup
    assert "Thursday, December 3, 2026, 9:30 AM" in text  # Babel, English
    assert "Please arrive by: 9:00 AM" in text
    assert "You will see: Dr. Rivera" in text
    # Fields not given are labelled write-in lines.
    assert "Your driver:" in text and "Driver's phone:" in text


def test_blank_handouts_carry_the_box_with_write_in_lines_only_where_configured(sample_build):
    result, _ = sample_build
    by_handout = {e.handout: result.out_dir / e.path for e in result.entries
                  if e.clinic == "example-clinic" and e.lang == "en"}
    infusion = squash(extracted_text(by_handout["day-of-infusion"]))
    assert ("Your visit Name: Appointment: Please arrive by: You will see: Your driver: Driver's phone: "
            "Last food by: Clear liquids until: No alcohol after: Note:") in infusion
    consult = squash(extracted_text(by_handout["pre-consultation"]))
    assert "Your visit" in consult and "Your driver:" not in consult
    assert "Your visit" not in extracted_text(by_handout["aftercare"])


def test_dates_follow_the_jobs_language():
    when = dt.datetime(2026, 12, 3, 9, 30)
    assert visit.format_value("appointment", when, "es") == "jueves, 3 de diciembre de 2026, 9:30"
    assert visit.format_value("appointment", when, "en") == "Thursday, December 3, 2026, 9:30\u202fAM"
    assert visit.format_value("arrival", dt.time(14, 5), "es") == "14:05"
    assert translations.load_all(ROOT / "content.yaml")["es"].model.ui.visit_title == "Su visita"


def test_patient_model_is_strict():
    with pytest.raises(PatientInvalid):
        parse_patient({"appointment": 20261203})
    assert Patient().given() == {}


def test_one_table_of_patient_fields_drives_the_model_the_cli_and_the_form():
    from handouts.cli.personal import personalize
    from handouts.models.patient import PATIENT_FIELDS, Patient
    from handouts.web.form import PATIENT_INPUTS

    names = [spec.name for spec in PATIENT_FIELDS]
    assert list(Patient.model_fields) == names
    assert [Patient.model_fields[n].description for n in names] == [spec.help for spec in PATIENT_FIELDS]
    options = [p.name for p in personalize.params if p.opts[0].startswith("--") and p.name in names]
    assert options == names
    web = [name for name, *_ in PATIENT_INPUTS]
    assert web == [part for n in names for part in ((f"{n}_date", f"{n}_time") if n == "appointment" else (n,))]
