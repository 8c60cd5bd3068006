"""clinic.yaml: one clinic's brand, contact details, emergency numbers and policies."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from handouts.models.base import Email, HexColor, LangCode, Model, Phone, ShortText, Text

# Clinic-authored text a patient reads: one string for a clinic that prints one language, or one
# string per language, e.g. {en: "until the next morning", es: "hasta la mañana siguiente"}.
LocalShortText = ShortText | dict[LangCode, ShortText]
LocalText = Text | dict[LangCode, Text]


def localize(value: Any, lang: str) -> Any:
    """The text of a LocalText (or of each item of a list of them) in `lang`; None if not given."""
    if isinstance(value, list):
        return [localize(v, lang) for v in value]
    if isinstance(value, dict):
        return value.get(lang)
    return value


class Brand(Model):
    logo: ShortText = Field(description="Logo file (SVG or PNG), relative to this clinic's folder.")
    logo_alt: ShortText | None = Field(None, description="Alt text for the logo; defaults to the clinic name.")
    primary_color: HexColor = Field(description="Header band and headings. Must read well on white.")
    accent_color: HexColor = Field(description="Rules and callout edges.")
    font: ShortText = Field("Atkinson Hyperlegible", description="A font family installed from a fontpkg-* package.")


class Contact(Model):
    phone: Phone = Field(description='Main phone number, in quotes: "(555) 010-0100".')
    after_hours_phone: Phone | None = Field(None, description="Number to call outside office hours.")
    email: Email | None = None
    website: ShortText = Field(pattern=r"^https://", description="The clinic's website (https://...).")
    address: Text
    hours: ShortText | None = Field(None, description='Office hours, e.g. "Mon-Fri 8am-5pm".')


class Emergency(Model):
    number: Phone = Field(description='Emergency services number, e.g. "911" or "999".')
    crisis_line: Phone = Field(description='Mental health crisis line, e.g. "988".')
    crisis_line_name: ShortText | None = Field(None, description='Name of the crisis line, e.g. "988 Lifeline".')


class Policy(Model):
    """What varies between clinics. Handouts quote these; they never invent their own."""

    fasting_hours: int = Field(ge=0, le=24, description="No food for this many hours before an infusion.")
    clear_liquids_until_hours: int = Field(ge=0, le=24, description="Clear liquids allowed until this many hours before.")
    alcohol_free_hours: int = Field(ge=0, le=168, description="No alcohol for this many hours before and after.")
    observation_minutes: int = Field(ge=5, le=240, description="Minutes of monitoring after an infusion.")
    no_driving: LocalShortText = Field(description='How long not to drive, e.g. "until the next morning".')
    ride_required: bool = Field(description="true if an adult must take the patient home.")
    medications: list[LocalText] = Field(default_factory=list, description="Short lines of medication guidance.")
    bring: list[LocalShortText] = Field(min_length=1, description="What to bring on infusion day.")
    call_clinic_if: list[LocalText] = Field(min_length=1, description="When to call the clinic.")
    call_emergency_if: list[LocalText] = Field(min_length=1, description="When to call emergency services.")


class Clinic(Model):
    name: ShortText
    sample: bool = Field(False, description="true for a made-up example clinic: every page says its values are examples.")
    paper: Literal["letter", "a4"] = Field(description="letter (US) or a4.")
    brand: Brand
    contact: Contact
    emergency: Emergency
    policy: Policy
    languages: list[LangCode] = Field(default_factory=lambda: ["en"], min_length=1)
