"""The staff form: read a POSTed form into a selection and a Patient, or per-field messages.

Web field names are the Patient's, except that the appointment is two inputs (a date and a time),
which are friendlier with a keyboard and a screen reader than one combined input. Dates and times are plain
text fields (one Tab stop each, where the browser's date and time inputs take three or four) that accept
what staff type: "9:30", "9.30", "930", "9:30 pm".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from handouts.models.patient import LABELS, MAX_LENGTHS, PATIENT_FIELDS, Patient, PatientInvalid, parse_patient


def _inputs() -> list[tuple[str, str, str, str | None]]:
    """The form's inputs, in page order: (name, label, input type, hint), one per patient field, except
    the appointment: a date input and a time input."""
    out: list[tuple[str, str, str, str | None]] = []
    for spec in PATIENT_FIELDS:
        if spec.web_input == "datetime":
            out += [(f"{spec.name}_date", f"{spec.label} date", "text", "Like 2026-12-03"),
                    (f"{spec.name}_time", f"{spec.label} time", "text", "Like 9:30 or 14:00")]
        elif spec.web_input == "time":
            out.append((spec.name, spec.label, "text", f"{spec.hint}, like 9:15" if spec.hint else "Like 9:15"))
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
    date, time = values["appointment_date"].strip(), typed_time(values["appointment_time"])
    if bool(date) != bool(time):
        missing = "appointment_time" if date else "appointment_date"
        errors[missing] = "Give both the appointment date and its time, or neither."
    fields = {name: values[name] for name in LABELS if name != "appointment"}
    fields["arrival"] = typed_time(values["arrival"])
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


_TYPED_TIME = re.compile(r"^(\d{1,2})(?:[:.h ]?(\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)


def typed_time(text: str) -> str:
    """A time as staff type it ("9.30", "930", "9 am", "14h00") in the form the Patient model reads ("9:30",
    "9:00 AM"); anything else unchanged, for the model to refuse with its own message."""
    match = _TYPED_TIME.match(text.strip())
    if not match:
        return text.strip()
    hours, minutes, half = match.group(1), match.group(2) or "00", match.group(3)
    return f"{int(hours)}:{minutes}" + (f" {half.replace('.', '').upper()}" if half else "")


def _label(name: str) -> str:
    return {n: label for n, label, *_ in PATIENT_INPUTS}.get(name) or LABELS.get(name, name)


def _sentence(label: str, message: str, name: str) -> str:
    if name == "appointment":
        return "Write the appointment date like 2026-12-03 and the time like 09:30."
    text = f"{label} {message}"
    return text if text.endswith(".") else text + "."
