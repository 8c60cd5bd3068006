"""The staff form: read a POSTed form into a selection and a Patient, or per-field messages.

Web field names are the Patient's, except that the appointment is two inputs (a date and a time),
which are friendlier with a keyboard and a screen reader than one combined input.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from handouts.models.patient import LABELS, MAX_LENGTHS, PATIENT_FIELDS, Patient, PatientInvalid, parse_patient


def _inputs() -> list[tuple[str, str, str, str | None]]:
    """The form's inputs, in page order: (name, label, input type, hint), one per patient field, except
    the appointment: a date input and a time input."""
    out: list[tuple[str, str, str, str | None]] = []
    for spec in PATIENT_FIELDS:
        if spec.web_input == "datetime":
            out += [(f"{spec.name}_date", f"{spec.label} date", "date", None),
                    (f"{spec.name}_time", f"{spec.label} time", "time", None)]
        else:
            out.append((spec.name, spec.label, spec.web_input, spec.hint))
    return out


PATIENT_INPUTS = _inputs()
INPUT_MAX = {**MAX_LENGTHS, "appointment_date": 10, "appointment_time": 8, "arrival": 8}


@dataclass
class FormResult:
    clinic: str = ""
    handouts: list[str] = field(default_factory=list)
    lang: str = ""
    patient: Patient | None = None
    values: dict[str, str] = field(default_factory=dict)   # echoed back into the form, never stored
    errors: dict[str, str] = field(default_factory=dict)   # input name -> message


def read(form, clinics: dict, handout_names: list[str]) -> FormResult:
    """clinics: slug -> languages. Every problem is reported at once, one message per input."""
    result = FormResult()
    result.clinic = form.get("clinic", "")
    result.handouts = form.getlist("handouts")
    result.lang = form.get("lang", "")
    values = {name: form.get(name, "") for name, *_ in PATIENT_INPUTS}
    result.values = values
    errors = result.errors
    if result.clinic not in clinics:
        errors["clinic"] = "Choose a clinic from the list."
    if not result.handouts:
        errors["handouts"] = "Choose at least one handout."
    elif any(h not in handout_names for h in result.handouts):
        errors["handouts"] = "Choose handouts from the list."
    if result.clinic in clinics and result.lang not in clinics[result.clinic]:
        errors["lang"] = f"This clinic has handouts in: {', '.join(clinics[result.clinic])}. Choose one of them."
    for name, value in values.items():
        if len(value) > INPUT_MAX[name] * 2:  # far too long: say so without parsing it
            errors[name] = f"{_label(name)} is too long (at most {INPUT_MAX[name]} characters)."
    date, time = values["appointment_date"].strip(), values["appointment_time"].strip()
    if bool(date) != bool(time):
        missing = "appointment_time" if date else "appointment_date"
        errors[missing] = "Give both the appointment date and its time, or neither."
    fields = {name: values[name] for name in LABELS if name != "appointment"}
    fields["appointment"] = f"{date} {time}" if date and time else ""
    try:
        result.patient = parse_patient(fields)
    except PatientInvalid as exc:
        for name, message in exc.errors.items():
            target = "appointment_date" if name == "appointment" else name
            if name == "appointment" and "time" in message and "date" not in message:
                target = "appointment_time"
            errors.setdefault(target, _sentence(_label(name), message, name))
    if errors:
        result.patient = None
    return result


def _label(name: str) -> str:
    return {n: label for n, label, *_ in PATIENT_INPUTS}.get(name) or LABELS.get(name, name)


def _sentence(label: str, message: str, name: str) -> str:
    if name == "appointment":
        return "Write the appointment date like 2026-12-03 and the time like 09:30."
    text = f"{label} {message}"
    return text if text.endswith(".") else text + "."
