"""translations/<lang>.yaml: one language's translation of content.yaml, keyed by the English block ids.

Each entry stores `source`, a short hash of the English text it was made from, so a changed English
block shows up as a stale translation. The file also says who translated it and whether a qualified
human reviewed it; an unreviewed translation prints with a DRAFT mark.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

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
