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


# The safety words' {placeholders}, filled in with clinic values; the other safety words have none.
PLACEHOLDERS = {"help_emergency": ("{number}",), "help_crisis": ("{how}", "{name}", "{number}"),
                "help_crisis_unnamed": ("{how}", "{number}"), "minutes": ("{minutes}",),
                "timeline_infusion_time": ("{from}", "{to}")}
SAFETY_WORDS = ("help_title", "help_emergency", "help_crisis", "help_crisis_unnamed", "crisis_call",
                "crisis_call_or_text", "last_food", "clear_liquids", "no_alcohol", "main_points", "timeline_alt",
                "timeline_check_in", "timeline_infusion", "timeline_infusion_time", "timeline_rest", "minutes",
                "timeline_ride", "timeline_home")


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
    # Optional in the file format so that a missing one is reported like a missing block (by `check` and
    # `translations status`, at the file's `ui:` line) instead of failing to load the whole file.
    review_missing: ShortText | None = Field(None, description='DRAFT reason: "this handout has not been reviewed".')
    review_no_next: ShortText | None = Field(None, description="DRAFT reason: the review has no next review date.")
    review_expired: ShortText | None = Field(
        None, description='DRAFT reason, with {date}: "its review expired on {date}".')
    approval_missing: ShortText | None = Field(None, description="DRAFT reason: no medical director approved.")
    approval_old_version: ShortText | None = Field(
        None, description="DRAFT reason, with {version}: the approval is for an older content version.")
    approval_values_changed: ShortText | None = Field(
        None, description="DRAFT reason: the clinic's values changed after the approval.")
    approved_by: ShortText | None = Field(None, description=(
        'Last page: "Approved for {clinic} by {name}, {credentials}, on {date}."'))
    approval_sample: ShortText | None = Field(None, description="Last page, sample clinics: the approval is a sample.")
    content_reviewed_by: ShortText | None = Field(None, description='"Content reviewed by {name}, {credentials}."')
    emergency_title: ShortText | None = Field(None, description="Title of the emergency callout.")
    emergency_call: Text | None = Field(
        None, description='"Call {emergency.number} now if you have any of these." (keep {emergency.number}).')
    crisis_line: Text | None = Field(None, description="The crisis-line sentence, with {emergency.crisis_line}.")
    crisis_line_named: Text | None = Field(
        None, description="The same with the line's name: {emergency.crisis_line_name} and {emergency.crisis_line}.")
    visit_title: ShortText | None = Field(None, description='"Your visit": title of the visit box.')
    visit_patient_name: ShortText | None = None
    visit_appointment: ShortText | None = None
    visit_arrival: ShortText | None = Field(None, description='"Please arrive by".')
    visit_provider: ShortText | None = Field(None, description='"You will see" (the provider).')
    visit_driver_name: ShortText | None = None
    visit_driver_phone: ShortText | None = None
    visit_note: ShortText | None = None
    visit_blank: ShortText | None = Field(None, description="Alt text of a blank line to write on.")
    qr_alt: ShortText | None = Field(None, description='"QR code: link to our website" (the address follows).')
    logo_alt: ShortText | None = Field(None, description='"{clinic} logo" (alt text of the logo).')
    # Safety furniture: the compact help box, the crisis line's verb, clock times, main points, the timeline.
    help_title: ShortText | None = Field(None, description='Title of the short help box, e.g. "Help at any time".')
    help_emergency: ShortText | None = Field(None, description='e.g. "In an emergency, call {number}." ({number} is the clinic\'s).')
    help_crisis: ShortText | None = Field(None, description='e.g. "If you have thoughts of harming yourself, {how} {name} at '
                                               '{number}." ({how} is crisis_call or crisis_call_or_text).')
    help_crisis_unnamed: ShortText | None = Field(None, description='As help_crisis for a crisis line without a name, e.g. '
                                                       '"... {how} the crisis line at {number}."')
    crisis_call: ShortText | None = Field(None, description='The verb for a crisis line that takes calls, e.g. "call".')
    crisis_call_or_text: ShortText | None = Field(None, description='The verb for one that takes texts too, e.g. "call or text".')
    last_food: ShortText | None = Field(None, description='Visit box label before a clock time, e.g. "Last food by".')
    clear_liquids: ShortText | None = Field(None, description='e.g. "Clear liquids until".')
    no_alcohol: ShortText | None = Field(None, description='e.g. "No alcohol after".')
    main_points: ShortText | None = Field(None, description='Heading of the summary box, e.g. "Main points".')
    timeline_alt: ShortText | None = Field(None, description='Start of the visit timeline\'s alt text, e.g. "Timeline of your '
                                                'visit" (the steps follow).')
    timeline_check_in: ShortText | None = None
    timeline_infusion: ShortText | None = None
    timeline_infusion_time: ShortText | None = Field(None, description=(
        'e.g. "{from} to {to} minutes" (the clinic\'s policy.infusion_minutes_from and _to).'))
    timeline_rest: ShortText | None = Field(None, description='e.g. "Rest, staff watch you".')
    minutes: ShortText | None = Field(None, description='e.g. "{minutes} minutes".')
    timeline_ride: ShortText | None = Field(None, description='Last step when a ride is required, e.g. "Ride home".')
    timeline_home: ShortText | None = Field(None, description='Last step otherwise, e.g. "Go home".')

    @field_validator(*SAFETY_WORDS)
    @classmethod
    def _placeholders_as_in_english(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A lost {number} would print a help box without the emergency number; an unknown one cannot be filled."""
        if value is None:
            return None
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
