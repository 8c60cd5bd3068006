"""content.yaml: the reviewed source of truth, as typed blocks with stable ids.

Text may quote clinic values with `{contact.phone}`-style references (checked against the
clinic model) and mark a few words strong with `**...**`. Nothing else is interpreted.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from handouts.models.base import BlockId, Model, ShortText, Slug, Text

ClinicRef = Annotated[str, StringConstraints(pattern=r"^[a-z_]+(\.[a-z_]+)*$"),
                      Field(description="A clinic value, e.g. policy.bring or policy.ride_required.")]


class BlockBase(Model):
    id: BlockId
    when: ClinicRef | None = Field(None, description=(
        "Show the block only when this clinic value is true (a yes/no value) or set (a text value)."))


class Heading(BlockBase):
    type: Literal["heading"]
    text: ShortText
    level: Literal[2, 3] = 2


class Paragraph(BlockBase):
    type: Literal["paragraph"]
    text: Text


class Bullets(BlockBase):
    type: Literal["bullets"]
    items: list[Text] = Field(default_factory=list)
    items_from: ClinicRef | None = Field(None, description="Take the items from a clinic list, e.g. policy.medications.")


class Steps(BlockBase):
    type: Literal["steps"]
    items: list[Text] = Field(min_length=1)


class Callout(BlockBase):
    type: Literal["callout"]
    level: Literal["info", "warning", "emergency"]
    title: ShortText
    text: Text | None = None
    items: list[Text] = Field(default_factory=list)
    items_from: ClinicRef | None = None


class Checklist(BlockBase):
    type: Literal["checklist"]
    items: list[Text] = Field(default_factory=list)
    items_from: ClinicRef | None = None


class QA(Model):
    q: Text
    a: Text


class QuestionsAnswers(BlockBase):
    type: Literal["qa"]
    items: list[QA] = Field(min_length=1)


class WriteIn(BlockBase):
    type: Literal["write_in"]
    label: ShortText
    lines: int = Field(3, ge=1, le=30)


class MainPoints(BlockBase):
    """A short summary box (its heading, "Main points", is page furniture from the translation's ui)."""

    type: Literal["main_points"]
    items: list[Text] = Field(min_length=1, max_length=6)


class Timeline(BlockBase):
    """The visit as a picture: check in, infusion, rest while staff watch (the clinic's minutes), going home.
    Drawn as tagged vector art; its labels and alt text come from the translation's ui."""

    type: Literal["timeline"]


Block = Annotated[Heading | Paragraph | Bullets | Steps | Callout | Checklist | QuestionsAnswers | WriteIn
                  | MainPoints | Timeline,
                  Field(discriminator="type")]


class SignList(Model):
    """A reviewed list of warning signs; translations key on its id like on a block's."""

    id: BlockId
    items: list[Text] = Field(min_length=1)


class WarningSigns(Model):
    """The warning signs every clinic prints (aftercare). A clinic may add lines or replace a list
    (policy.call_clinic_if / policy.call_emergency_if in clinic.yaml)."""

    call_clinic_if: SignList | None = Field(None, description="When to call the clinic.")
    call_emergency_if: SignList | None = Field(None, description="When to call emergency services.")

    def lists(self) -> list[SignList]:
        return [s for s in (self.call_clinic_if, self.call_emergency_if) if s is not None]


Date = Annotated[dt.date, Field(strict=False)]


class Review(Model):
    """Who reviewed this handout's text and when. Missing dates, or a next_review in the past, make it a DRAFT."""

    version: ShortText = Field(description='Version of this handout\'s text, e.g. "1.0". Printed on every page.')
    reviewed_by: ShortText | None = Field(None, description="The named clinician who reviewed it (reviewer of record).")
    credentials: ShortText | None = Field(None, description='The reviewer\'s credentials, e.g. "MD".')
    reviewed_on: Date | None = Field(None, description="Date of the last clinical review (YYYY-MM-DD).")
    next_review: Date | None = Field(None, description="Review again by this date (YYYY-MM-DD).")


class Readability(Model):
    """Reading-level limits every handout must meet (checked by `handouts check` and `build`)."""

    max_fk_grade: float = Field(6, description="Highest Flesch-Kincaid grade (English).")
    max_smog: float = Field(8, description="Highest SMOG grade (English).")
    min_fernandez_huerta: float = Field(
        60, description="Lowest Fernandez-Huerta ease (Spanish; higher is easier, 60-70 is plain language).")
VisitField = Literal["patient_name", "appointment", "arrival", "provider", "driver_name", "driver_phone", "note",
                     "last_food", "clear_liquids", "no_alcohol"]


class Handout(Model):
    title: ShortText
    subtitle: ShortText | None = None
    review: Review | None = Field(None, description="Clinical review record; without it the handout is a DRAFT.")
    blocks: list[Block] = Field(min_length=1)
    visit_box: list[VisitField] = Field(default_factory=list, description=(
        'Fields of the "Your visit" box under the title, in order (patient_name, appointment, arrival, provider, '
        "driver_name, driver_phone, note, and the clock times last_food, clear_liquids, no_alcohol, worked out from "
        "the appointment and the clinic's policy). Filled in for one patient, or write-in lines on blank handouts."))


class Content(Model):
    version: ShortText = Field(description='Content version, e.g. "1.0". Printed on every page.')
    released: Date = Field(
        description="Release date of this version (YYYY-MM-DD); also the PDFs' creation date, so builds are reproducible.")
    language: Literal["en"] = "en"
    readability: Readability = Field(default_factory=Readability)
    handouts: dict[Slug, Handout] = Field(min_length=1)
    warning_signs: WarningSigns = Field(default_factory=WarningSigns, description=(
        "Reviewed warning signs (when to call the clinic, when to call emergency services), printed on aftercare."))
