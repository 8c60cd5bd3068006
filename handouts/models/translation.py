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
