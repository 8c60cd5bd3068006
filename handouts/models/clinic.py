"""clinic.yaml: one clinic's brand, contact details, emergency numbers and policies."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag, model_validator

from handouts.models.base import Email, HexColor, LangCode, Model, Phone, ShortText, Text, Website

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
    website: Website
    address: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = Field(
        description="Postal address, printed at the end of every handout.")
    hours: ShortText | None = Field(None, description='Office hours, e.g. "Mon-Fri 8am-5pm".')


class Emergency(Model):
    number: Phone = Field(description='Emergency services number, e.g. "911" or "999".')
    crisis_line: Phone = Field(description='Mental health crisis line, e.g. "988".')
    crisis_line_name: LocalShortText | None = Field(None, description=(
        'Name of the crisis line, as printed in each language, e.g. {en: "988 Suicide & Crisis Lifeline", '
        'es: "988 Línea de Prevención del Suicidio y Crisis"}.'))
    crisis_line_texts: bool = Field(False, description=(
        'true if the crisis line takes text messages as well as calls (988 does): the handouts then say '
        '"call or text" in each language.'))
    crisis_line_note: LocalShortText | None = Field(None, description=(
        'A sentence printed after the crisis line, e.g. how to reach it in Spanish: {es: "Para hablar en español, '
        'marque 2, o envíe AYUDA por mensaje de texto al 988."}.'))


class SignsChange(Model):
    """A clinic's change to the warning signs of content.yaml: add lines to them, or replace them."""

    add: list[LocalText] = Field(default_factory=list, description="Lines printed after the content's own.")
    replace: list[LocalText] | None = Field(None, min_length=1, description=(
        "Lines printed instead of the content's own (take them to your medical director: they are outside "
        "content review)."))


# A plain list means "add these lines" (a clinic file written before the content had warning signs keeps
# its meaning and its wording; nothing a clinic wrote is dropped).
def _signs_form(value: object) -> str:
    """Which form a clinic used, so that a mistake is reported for that form only."""
    return "change" if isinstance(value, dict | SignsChange) else "list"


Signs = Annotated[Annotated[list[LocalText], Tag("list")] | Annotated[SignsChange, Tag("change")],
                  Discriminator(_signs_form)]


class Policy(Model):
    """What varies between clinics. Handouts quote these; they never invent their own."""

    fasting_hours: int | None = Field(None, ge=0, le=24, description=(
        "No food for this many hours before an infusion. 0 or not set: the handouts print no fasting line."))
    clear_liquids_until_hours: int | None = Field(None, ge=0, le=24, description=(
        "Clear liquids allowed until this many hours before. 0 or not set: no such line."))
    alcohol_free_hours: int | None = Field(None, ge=0, le=168, description=(
        "No alcohol for this many hours before and after. 0 or not set: no alcohol line."))
    observation_minutes: int = Field(ge=5, le=240, description="Minutes of monitoring after an infusion.")
    no_driving: LocalShortText = Field(description='How long not to drive, e.g. "until the next morning".')
    ride_required: bool = Field(description="true if an adult must take the patient home.")
    # List lengths: what a checklist or the emergency callout can hold on one page, in large print too.
    medications: list[LocalText] = Field(default_factory=list, max_length=10,
                                         description="Short lines of medication guidance.")
    bring: list[LocalShortText] = Field(min_length=1, max_length=12, description="What to bring on infusion day.")
    call_clinic_if: Signs | None = Field(None, description=(
        "When to call the clinic. content.yaml has the reviewed list (warning_signs); a plain list or "
        "{add: [...]} adds lines to it, {replace: [...]} prints these lines instead."))
    call_emergency_if: Signs | None = Field(None, description=(
        "When to call emergency services; added to or replacing content.yaml's list like call_clinic_if."))
    # The drip time of the content's default (the usual 40 to 60 minutes); a clinic sets its own.
    infusion_minutes_from: int = Field(40, ge=1, le=240, description="Shortest usual drip time, in minutes.")
    infusion_minutes_to: int = Field(60, ge=1, le=240, description="Longest usual drip time, in minutes.")
    clear_liquids_examples: LocalShortText | None = Field(None, description=(
        'Clear liquids a patient may drink before the fasting cut-off, e.g. {en: "water, apple juice with no '
        'pulp, or black tea or coffee with no milk", es: "..."}. Not set: the handouts give no examples.'))


# Medicines regulators of the countries whose clinics print without naming one (the off-label text names it).
REGULATORS = {"US": "FDA", "GB": "MHRA"}


class Region(Model):
    """Where the clinic is: the country sets date formats and the regulator named in the off-label text."""

    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        "US", description='Two-letter country code, e.g. "US" or "GB". Dates print the way that country writes them.')
    regulator: ShortText = Field(description=(
        'The medicines regulator, as printed ("FDA", "MHRA"). Known for US and GB; required for other countries.'))

    @model_validator(mode="before")
    @classmethod
    def _regulator_of_country(cls, data: Any) -> Any:
        """A US or UK clinic need not write its regulator; any other must, so no handout names the wrong one."""
        if isinstance(data, dict) and "regulator" not in data:
            country = data.get("country", "US")
            if country in REGULATORS:
                return {**data, "regulator": REGULATORS[country]}
        return data


class Approval(Model):
    """The medical director's sign-off: these handouts, at this content version, with this clinic's values."""

    name: ShortText = Field(description="Who approved the handouts for this clinic (the medical director).")
    credentials: ShortText = Field(description='Their credentials, e.g. "MD, FRCPsych".')
    approved_on: Annotated[dt.date, Field(strict=False)] = Field(description="Date of the approval (YYYY-MM-DD).")
    content_version: ShortText = Field(description="The content.yaml version they approved, e.g. \"1.1\".")
    values_hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")] = Field(description=(
        "The hash of this clinic's values they approved (`handouts check` prints the current one). Any later "
        "change to clinic.yaml makes the handouts DRAFT until it is approved again."))
    sample: bool = Field(False, description="true for a made-up approval of a sample clinic; the handouts say so.")


class Clinic(Model):
    # 80 characters: two lines in the page footer and beside the logo, even without a space to wrap at.
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)] = Field(
        description="The clinic's name, as printed on every page.")
    sample: bool = Field(False, description="true for a made-up example clinic: every page says its values are examples.")
    paper: Literal["letter", "a4"] = Field(description="letter (US) or a4.")
    brand: Brand
    contact: Contact
    emergency: Emergency
    policy: Policy
    languages: list[LangCode] = Field(default_factory=lambda: ["en"], min_length=1)
    region: Region = Field(default_factory=lambda: Region(country="US", regulator="FDA"))
    approval: Approval | None = Field(None, description=(
        "The medical director's approval of the handouts with this clinic's values; without a current one "
        "every handout prints as DRAFT and `bundle` refuses it."))
