"""The resolved handout: what one Job prints, with every decision taken and nothing left to look up.

Every string is in the job's language, every clinic value is filled in, every fallback is chosen and every
date is written for the job's locale. Renderers (render/: the PDF's HTML; later the web page) only format it:
they escape, mark up and lay out, and never go back to the project's files, the clinic's model or the
translations for a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STRONG = re.compile(r"\*\*(.+?)\*\*")  # **words** a sentence stresses


class Value(str):
    """A clinic value inside a phrase: data from clinic.yaml, printed as text (never markup) and, in a
    right-to-left sentence, kept in its own direction."""


@dataclass(frozen=True)
class Phrase:
    """A sentence of content with its clinic values filled in: `parts` alternate the content's own text
    (which may stress **words**) and Values. A literal phrase is clinic data as a whole (a line of a clinic's
    own list): printed as it is, with no stress marks read."""

    parts: tuple[str, ...]
    literal: bool = False

    def plain(self) -> str:
        """The words a patient reads, without marks."""
        text = "".join(self.parts)
        return text if self.literal else STRONG.sub(r"\1", text)

    @classmethod
    def of_clinic(cls, text: str) -> Phrase:
        return cls((Value(text),), literal=True)


@dataclass(frozen=True)
class QA:
    q: Phrase
    a: Phrase


@dataclass(frozen=True)
class Step:
    """One step of the visit timeline: its label and its time (empty when it has none)."""

    label: str
    time: str


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]
    alt: str  # the picture in words
    color: str  # the clinic's primary colour, which fills the boxes


@dataclass(frozen=True)
class Block:
    """One block as printed. `heading` is the level of the heading the block's own title or questions take."""

    type: str
    id: str
    heading: int | None = None
    text: Phrase | None = None
    title: Phrase | str | None = None
    label: Phrase | None = None
    items: tuple[Phrase | QA, ...] | None = None
    attrs: dict[str, Any] = field(default_factory=dict)  # level (heading or callout), lines (write-in)
    timeline: Timeline | None = None


@dataclass(frozen=True)
class VisitRow:
    name: str
    label: str
    value: str | None  # None: a line to write on


@dataclass(frozen=True)
class Visit:
    title: str
    blank: str  # what the line to write on is, for a screen reader
    rows: tuple[VisitRow, ...]


@dataclass(frozen=True)
class Handout:
    """One job's handout, resolved. `clinic` is the clinic's validated model (its values are data)."""

    key: str  # clinic/handout/lang/variant: names the job in messages, never the patient
    name: str  # the handout's name in content.yaml
    lang: str
    dir: str  # "ltr" or "rtl"
    variant: Any  # plan.variants.Variant
    variant_name: str
    cmyk_profile: Path
    clinic: Any  # models.clinic.Clinic
    logo_path: Path
    logo_alt: str
    ui: Any  # models.translation.UiStrings in the job's language
    title: str
    subtitle: str | None
    doc_id: str
    version: str
    review_date: str  # written for the locale; "-" when never reviewed
    released: str  # ISO date of the content release
    draft_reasons: tuple[str, ...]
    blocks: tuple[Block, ...]
    emergency: Block
    visit: Visit | None
    handout_model: Any  # models.content.Handout with its title and subtitle in the job's language
    timeline_alt: str  # the timeline in words: fonts are chosen for it on every handout of the set
    sign_off: tuple[str, ...]  # the content's reviewer of record and the clinic's approval, when they hold
