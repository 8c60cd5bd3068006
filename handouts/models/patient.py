"""One patient's visit details, printed in the "Your visit" box of a personalized handout.

Protected health information: a Patient lives only in memory (see docs/privacy.md).
Every field is optional: a field not given prints as a labelled write-in line instead.
The same field names are the CLI options' names, the schedule CSV's columns and the web form's fields.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from handouts.errors import HandoutsError


@dataclass(frozen=True)
class PatientField:
    """One patient detail: the one place its name, label, help, length limit and web input are defined.
    The Patient model, the CLI's options, the schedule CSV's columns and the web form all follow this table."""

    name: str
    label: str                     # what staff see: the web form, and every error message
    help: str                      # the CLI option's help and the model's description
    max_length: int | None = None  # characters; short enough to fit the box (the note: a few lines)
    web_input: str = "text"        # the form's input type; "datetime" is a date input and a time input
    hint: str | None = None        # shown under the web form's label


PATIENT_FIELDS = (
    PatientField("patient_name", "Patient name", "The patient's name as printed.", 80),
    PatientField("appointment", "Appointment", 'Appointment date and time: "2026-12-03 09:30".', None, "datetime"),
    PatientField("arrival", "Arrival time", 'Arrive by: "09:15".', None, "time", "When the patient should arrive"),
    PatientField("provider", "Provider", "Who the patient will see.", 80, "text", "Who the patient will see"),
    PatientField("driver_name", "Driver's name", "Who drives the patient home.", 80, "text",
                 "Who takes the patient home"),
    PatientField("driver_phone", "Driver's phone", "The driver's phone number.", 30, "tel"),
    PatientField("note", "Note for the patient", "A short note (at most 300 characters).", 300, "textarea",
                 "At most 300 characters"),
)
FIELDS = tuple(f.name for f in PATIENT_FIELDS)
LABELS = {f.name: f.label for f in PATIENT_FIELDS}
MAX_LENGTHS = {f.name: f.max_length for f in PATIENT_FIELDS if f.max_length}
_HELP = {f.name: f.help for f in PATIENT_FIELDS}

_PHONE = re.compile(r"^\+?[0-9 ()./-]{3,30}$")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %I:%M%p")
APPOINTMENT_YEARS = range(1900, 3000)  # a typo like 0001 or 9999 is refused, not an overflow
_TIME_FORMATS = ("%H:%M", "%I:%M %p", "%I:%M%p")


# Invisible characters that reverse the order in which the rest of a line is shown ("evil" printed as "live").
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _error(message: str) -> PydanticCustomError:
    return PydanticCustomError("patient_field", message)


def _refuse_hidden(value: str) -> None:
    if any(c in BIDI_CONTROLS for c in value):
        raise _error("contains an invisible text-direction character (often pasted from elsewhere); type it again by hand")


def _clean_text(value: Any, name: str, multiline: bool = False) -> str | None:
    """Strip, refuse control characters, and collapse spaces; empty means "not given"."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _error("must be text")
    if any(unicodedata.category(c) == "Cc" and not (multiline and c in "\r\n\t") for c in value):
        raise _error("contains a control character; type it again by hand")
    _refuse_hidden(value)
    text = " ".join(value.split())
    if not text:
        return None
    limit = MAX_LENGTHS[name]
    if len(text) > limit:
        raise _error(f"is too long ({len(text)} characters; at most {limit})")
    return text


def _given(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _parse_clock_text(value: Any, formats: tuple[str, ...]) -> dt.datetime | None:
    """Parse typed date/time text with the first matching format; None when empty or no format matches."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _error("must be text")
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise _error("contains a control character; type it again by hand")
    _refuse_hidden(value)
    text = " ".join(value.split()).upper()
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


class Patient(BaseModel):
    """Strict: unknown fields are errors; dates and times are parsed from plain text with clear messages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    patient_name: str | None = Field(None, description=_HELP["patient_name"])
    appointment: dt.datetime | None = Field(None, description=_HELP["appointment"])
    arrival: dt.time | None = Field(None, description=_HELP["arrival"])
    provider: str | None = Field(None, description=_HELP["provider"])
    driver_name: str | None = Field(None, description=_HELP["driver_name"])
    driver_phone: str | None = Field(None, description=_HELP["driver_phone"])
    note: str | None = Field(None, description=_HELP["note"])

    @field_validator("patient_name", "provider", "driver_name", "note", mode="before")
    @classmethod
    def _text(cls, value: Any, info: ValidationInfo) -> str | None:
        name = str(info.field_name)
        return _clean_text(value, name, multiline=name == "note")

    @field_validator("driver_phone", mode="before")
    @classmethod
    def _phone(cls, value: Any) -> str | None:
        phone = _clean_text(value, "driver_phone")
        if phone is not None and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3):
            raise _error("is not a phone number; use digits, spaces, + ( ) - only, like (555) 010-0199")
        return phone

    @field_validator("appointment", mode="before")
    @classmethod
    def _appointment(cls, value: Any) -> dt.datetime | None:
        parsed = value if isinstance(value, dt.datetime) else _parse_clock_text(value, _DATETIME_FORMATS)
        if parsed is not None and parsed.year not in APPOINTMENT_YEARS:  # date arithmetic past year 1 overflows
            raise _error(f"is not a date of this era; use a year from {APPOINTMENT_YEARS.start} to "
                         f"{APPOINTMENT_YEARS.stop - 1}")
        if parsed is None and value is not None and _looks_like_date_only(str(value)):
            raise _error("needs a time as well as a date, like 2026-12-03 09:30")
        if parsed is None and _given(value):
            raise _error("is not a date and time; write it like 2026-12-03 09:30")
        return parsed

    @field_validator("arrival", mode="before")
    @classmethod
    def _arrival(cls, value: Any) -> dt.time | None:
        if isinstance(value, dt.time):
            return value
        parsed = _parse_clock_text(value, _TIME_FORMATS)
        if parsed is None and _given(value):
            raise _error("is not a time; write it like 09:15 (or 9:15 AM)")
        return parsed.time() if parsed else None

    @model_validator(mode="after")
    def _arrive_before_appointment(self) -> Patient:
        if self.appointment and self.arrival and self.arrival > self.appointment.time():
            raise PydanticCustomError(
                "patient_arrival_late", "is after the appointment time; the patient should arrive before it")
        return self

    def given(self) -> dict[str, Any]:
        """The fields that were filled in."""
        return {name: value for name, value in self.model_dump().items() if value is not None}

    def __repr__(self) -> str:  # never print patient details by accident (logs, tracebacks, reprs of a Job)
        return f"Patient(<{len(self.given())} field(s) given>)"

    __str__ = __repr__


def _looks_like_date_only(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


class PatientInvalid(HandoutsError):
    """Bad patient fields: `errors` maps a field name to one plain-language message."""

    def __init__(self, errors: dict[str, str], where: str = ""):
        self.errors = errors
        self.where = where
        prefix = f"{where}: " if where else ""
        super().__init__("\n".join(f"{prefix}{name}: {message}" for name, message in errors.items()))


def parse_patient(fields: dict[str, Any], where: str = "") -> Patient:
    """Validate patient fields (text from the CLI, a CSV row or the web form); every problem at once.

    Error messages never repeat the rejected value for free-text fields (it may be a patient's name)."""
    try:
        return Patient.model_validate(fields)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors(include_url=False, include_input=False):
            name = str(err["loc"][0]) if err["loc"] else "arrival"
            if err["type"] == "extra_forbidden":
                message = f"unknown field; use one of: {', '.join(FIELDS)}"
            elif err["type"] in ("patient_field", "patient_arrival_late"):
                message = err["msg"]
            else:
                message = "is not valid"
            errors.setdefault(name, message)
        raise PatientInvalid(errors, where) from None
