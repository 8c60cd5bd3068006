"""translations/<lang>.yaml: one language's translation of content.yaml, keyed by the English block ids.

Each entry stores `source`, a short hash of the English text it was made from, so a changed English
block shows up as a stale translation. The file also says who translated it and whether a qualified
human reviewed it; an unreviewed translation prints with a DRAFT mark.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from handouts.models.base import BlockId, LangCode, Model, ShortText, Slug, Text

SourceHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$"),
                       Field(description="Hash of the English text this was translated from "
                                         "(`handouts translations status` prints the current one).")]


class Review(Model):
    status: Literal["unreviewed", "reviewed"] = Field(
        description="reviewed only after a qualified human translator checked every block against the English.")
    reviewer: ShortText | None = None
    date: Annotated[dt.date, Field(strict=False)] | None = None

    @model_validator(mode="after")
    def reviewed_names_who_and_when(self) -> Review:
        if self.status == "reviewed" and not (self.reviewer and self.date):
            raise ValueError("a reviewed translation needs reviewer and date")
        return self


# ui strings whose {placeholders} the renderer fills in with clinic values; every other ui string has none.
PLACEHOLDERS = {"help_emergency": ("{number}",), "help_crisis": ("{how}", "{name}", "{number}"),
                "help_crisis_unnamed": ("{how}", "{number}"), "minutes": ("{minutes}",)}


class UiStrings(Model):
    """The words the templates print around the content (header, footer, notes)."""

    page: ShortText = Field(description='"Page" in "Page 1 of 3".')
    of: ShortText = Field(description='"of" in "Page 1 of 3".')
    version: ShortText
    reviewed: ShortText = Field(description='"Reviewed" before the review date in the footer.')
    phone: ShortText
    after_hours: ShortText
    sample_note: ShortText = Field(description="Printed on sample clinics' handouts.")
    draft: ShortText = Field(description='The word "DRAFT".')
    not_for_patients: ShortText
    translation_unreviewed: ShortText = Field(description="DRAFT reason: the translation is not reviewed.")
    translation_stale: ShortText = Field(description="DRAFT reason: the English changed after translation.")
    # Safety furniture: the compact help box, the crisis line's verb, clock times, main points, the timeline.
    help_title: ShortText = Field(description='Title of the short help box, e.g. "Help at any time".')
    help_emergency: ShortText = Field(description='e.g. "In an emergency, call {number}." ({number} is the clinic\'s).')
    help_crisis: ShortText = Field(description='e.g. "If you have thoughts of harming yourself, {how} {name} at '
                                               '{number}." ({how} is crisis_call or crisis_call_or_text).')
    help_crisis_unnamed: ShortText = Field(description='As help_crisis for a crisis line without a name, e.g. '
                                                       '"... {how} the crisis line at {number}."')
    crisis_call: ShortText = Field(description='The verb for a crisis line that takes calls, e.g. "call".')
    crisis_call_or_text: ShortText = Field(description='The verb for one that takes texts too, e.g. "call or text".')
    last_food: ShortText = Field(description='Visit box label before a clock time, e.g. "Last food by".')
    clear_liquids: ShortText = Field(description='e.g. "Clear liquids until".')
    no_alcohol: ShortText = Field(description='e.g. "No alcohol after".')
    main_points: ShortText = Field(description='Heading of the summary box, e.g. "Main points".')
    timeline_alt: ShortText = Field(description='Start of the visit timeline\'s alt text, e.g. "Timeline of your '
                                                'visit" (the steps follow).')
    timeline_check_in: ShortText
    timeline_infusion: ShortText
    timeline_infusion_time: ShortText = Field(description='e.g. "40 to 60 minutes".')
    timeline_rest: ShortText = Field(description='e.g. "Rest, staff watch you".')
    minutes: ShortText = Field(description='e.g. "{minutes} minutes".')
    timeline_ride: ShortText = Field(description='Last step when a ride is required, e.g. "Ride home".')
    timeline_home: ShortText = Field(description='Last step otherwise, e.g. "Go home".')

    @field_validator("*")
    @classmethod
    def _placeholders_as_in_english(cls, value: str, info: ValidationInfo) -> str:
        """A lost {number} would print a help box without the emergency number; an unknown one cannot be filled."""
        want = PLACEHOLDERS.get(info.field_name or "", ())
        found = re.findall(r"\{[^{}]*\}", value)
        if sorted(found) != sorted(want):
            message = (f"must contain {', '.join(want)} once each, as in English (the clinic's value goes there)"
                       if want else "must not contain {...}: nothing is filled in here")
            raise PydanticCustomError("ui_placeholder", message)
        return value


class QATranslation(Model):
    q: Text
    a: Text


class BlockTranslation(Model):
    source: SourceHash
    text: Text | None = None
    title: ShortText | None = None
    label: ShortText | None = None
    items: list[Text | QATranslation] | None = None


class HandoutTranslation(Model):
    source: SourceHash
    title: ShortText
    subtitle: ShortText | None = None


class TranslationFile(Model):
    language: LangCode
    language_name: ShortText = Field(description='The language in its own words, e.g. "Español".')
    translator: ShortText = Field(description="Who (or what) made the translation.")
    review: Review
    ui: UiStrings
    handouts: dict[Slug, HandoutTranslation] = Field(default_factory=dict)
    blocks: dict[BlockId, BlockTranslation] = Field(default_factory=dict)
