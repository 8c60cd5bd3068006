"""Translations of content.yaml: loading `translations/<lang>.yaml`, source hashes, and the text of a
block in a job's language.

English (content.yaml's `language`) is the source; every other language comes from its translation
file, next to the content file. Which translations are missing, stale or unreviewed is decided here
and reported by checks/translations.py and review.py.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from handouts.errors import InvalidInput, Problem
from handouts.load.reader import Document, load_yaml
from handouts.load.validate import validate
from handouts.models.translation import TranslationFile, UiStrings

TEXT_FIELDS = ("text", "title", "label")
SIGNS_HANDOUT = "aftercare"  # the handout that prints content.yaml's warning signs

if TYPE_CHECKING:
    from handouts.load.content import LoadedContent


class JobView(Protocol):
    """What this module reads of a planned job (plan.jobs.Job): loading never imports planning."""

    @property
    def content(self) -> LoadedContent: ...
    @property
    def handout(self) -> str: ...
    @property
    def lang(self) -> str: ...

ENGLISH_UI = UiStrings(
    page="Page", of="of", version="Version", reviewed="Reviewed", phone="Phone", after_hours="After hours",
    sample_note="Sample clinic: its name, phone numbers and policies are examples only.",
    draft="DRAFT", not_for_patients="Not for patients.",
    translation_unreviewed="this translation has not been reviewed by a qualified translator",
    translation_stale="the English text changed after it was translated",
    review_missing="this handout has not been reviewed", review_no_next="this handout has no next review date",
    review_expired="its review expired on {date}",
    approval_missing="no medical director has approved these handouts for this clinic",
    approval_old_version="the clinic's approval is for content version {version}",
    approval_values_changed="the clinic's values changed after its approval",
    approved_by="Approved for {clinic} by {name}, {credentials}, on {date}.",
    approval_sample="This is a sample approval, not a real one.",
    content_reviewed_by="Content reviewed by {name}, {credentials}.",
    emergency_title="Get help right away", emergency_call="Call {emergency.number} now if you have any of these.",
    crisis_line="If you have thoughts of harming yourself, you can also call the crisis line at "
                "{emergency.crisis_line}.",
    crisis_line_named="If you have thoughts of harming yourself, you can also call {emergency.crisis_line_name} "
                      "at {emergency.crisis_line}.",
    visit_title="Your visit", visit_patient_name="Name", visit_appointment="Appointment",
    visit_arrival="Please arrive by", visit_provider="You will see", visit_driver_name="Your driver",
    visit_driver_phone="Driver's phone", visit_note="Note", visit_blank="blank line to write on",
    qr_alt="QR code: link to our website", logo_alt="{clinic} logo",
    help_title="Help at any time",
    help_emergency="If you are in danger now, or have a plan to harm yourself, call {number}.",
    help_crisis="If you have thoughts of harming yourself, {how} {name} at {number}.",
    help_crisis_unnamed="If you have thoughts of harming yourself, {how} the crisis line at {number}.",
    crisis_call="call", crisis_call_or_text="call or text",
    last_food="Last food by", clear_liquids="Clear liquids until", no_alcohol="No alcohol after",
    main_points="Main points", timeline_alt="Timeline of your visit", timeline_check_in="Check in",
    timeline_infusion="Infusion", timeline_infusion_time="{from} to {to} minutes", timeline_rest="Rest while staff watch you",
    minutes="{minutes} minutes", timeline_ride="Ride home with an adult", timeline_home="Go home")



def word(ui: UiStrings, key: str) -> str:
    """One of the words the templates print. `check` stops a build that prints a language lacking it,
    so the English is only a last resort for code paths that skip the checks."""
    value = getattr(ui, key)
    return str(value if value is not None else getattr(ENGLISH_UI, key))


# The words every language must give (the optional UiStrings fields included): `check` reports each one
# a translation lacks, like a missing block.
UI_KEYS = tuple(UiStrings.model_fields)


@dataclass(frozen=True)
class LoadedTranslation:
    doc: Document
    model: TranslationFile


def folder_for(content_path: Path) -> Path:
    """Translations live next to the content file they translate."""
    return Path(content_path).parent / "translations"


def load_all(content_path: Path) -> dict[str, LoadedTranslation]:
    """Every `translations/<lang>.yaml` next to the content file. Raises InvalidInput with every problem."""
    folder = folder_for(content_path)
    out: dict[str, LoadedTranslation] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            doc = load_yaml(path)
            model = validate(doc, TranslationFile)
        except InvalidInput as exc:
            problems += exc.problems
            continue
        if model.language == path.stem:
            out[model.language] = LoadedTranslation(doc=doc, model=model)
        else:
            problems.append(doc.problem(("language",), f"this file is {path.name}, so language must be "
                                                      f"{path.stem!r}, not {model.language!r}"))
    if problems:
        raise InvalidInput(problems)
    return out


# --- the English source of a block, and its hash -------------------------------------------------

def source_fields(block: Any) -> dict[str, Any]:
    """The translatable English text of a block: text/title/label and its own items (not clinic lists)."""
    fields = {name: getattr(block, name) for name in TEXT_FIELDS if getattr(block, name, None) is not None}
    items = getattr(block, "items", None)
    if items:
        fields["items"] = [i if isinstance(i, str) else {"q": i.q, "a": i.a} for i in items]
    return fields


def handout_fields(handout: Any) -> dict[str, Any]:
    return {name: getattr(handout, name) for name in ("title", "subtitle") if getattr(handout, name)}


def source_hash(fields: Mapping[str, Any]) -> str:
    """8 hex digits of sha256 over the fields as canonical JSON: any change of wording changes it."""
    data = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:8]


def translated_fields(entry: Any) -> dict[str, Any]:
    fields = {name: getattr(entry, name) for name in TEXT_FIELDS if getattr(entry, name, None) is not None}
    if entry.items is not None:
        fields["items"] = [i if isinstance(i, str) else {"q": i.q, "a": i.a} for i in entry.items]
    return fields


# --- what a job prints ---------------------------------------------------------------------------

def for_job(job: JobView) -> LoadedTranslation | None:
    """The translation a job uses; None when the job is in the content's own language."""
    if job.lang == job.content.model.language:
        return None
    return job.content.translations[job.lang]  # checks guarantee it exists for a planned job


def block_fields(job: JobView, block: Any) -> dict[str, Any]:
    """The block's text in the job's language (same shape as source_fields)."""
    translation = for_job(job)
    if translation is None:
        return source_fields(block)
    entry = translation.model.blocks.get(block.id)
    return translated_fields(entry) if entry else {}


def handout_text(job: JobView) -> dict[str, Any]:
    handout = job.content.model.handouts[job.handout]
    translation = for_job(job)
    if translation is None:
        return handout_fields(handout)
    entry = translation.model.handouts[job.handout]
    return {"title": entry.title, "subtitle": entry.subtitle}


def ui(job: JobView) -> UiStrings:
    translation = for_job(job)
    return translation.model.ui if translation else ENGLISH_UI


def stale_blocks(content: LoadedContent, translation: LoadedTranslation, handout: str | None = None) -> list[str]:
    """Ids (and `handouts.<slug>` keys) whose English changed since they were translated."""
    model = translation.model
    stale = []
    for slug, h in content.model.handouts.items():
        if handout and slug != handout:
            continue
        entry = model.handouts.get(slug)
        if entry and entry.source != source_hash(handout_fields(h)):
            stale.append(f"handouts.{slug}")
        for block in h.blocks:
            block_entry = model.blocks.get(block.id)
            if block_entry and block_entry.source != source_hash(source_fields(block)):
                stale.append(block.id)
    # The warning signs print on aftercare only; a stale one marks those PDFs.
    for sign_list in content.model.warning_signs.lists() if handout in (None, SIGNS_HANDOUT) else ():
        sign_entry = model.blocks.get(sign_list.id)
        if sign_entry and sign_entry.source != source_hash(source_fields(sign_list)):
            stale.append(sign_list.id)
    return stale


def draft_reasons(job: JobView) -> list[str]:
    """Why a translated PDF is a draft: an unreviewed translation, or English changed since translating."""
    translation = for_job(job)
    if translation is None:
        return []
    reasons = []
    if translation.model.review.status != "reviewed":
        reasons.append(translation.model.ui.translation_unreviewed)
    if stale_blocks(job.content, translation, job.handout):
        reasons.append(translation.model.ui.translation_stale)
    return reasons
