"""A handout's blocks in the job's language: text as phrases, clinic lists filled in, lines whose clinic
value is not set left out."""
from __future__ import annotations

from typing import Any

from handouts.load import refs
from handouts.load import translations as translation
from handouts.resolve import signs
from handouts.resolve.document import QA, Block, Phrase
from handouts.resolve.phrases import phrase, unset_number
from handouts.resolve.timeline import timeline

TEXT_FIELDS = ("text", "title", "label")


def blocks(job) -> list[Block]:
    clinic = job.clinic.model
    out = []
    section = 1  # the level of the heading the block stands under (h1: the handout's title)
    for block in job.content.model.handouts[job.handout].blocks:
        if block.when and not refs.value(clinic, block.when):
            continue
        if block.type == "heading":
            section = block.level
        words = translation.block_fields(job, block)  # the block's text in the job's language
        if any(unset_number(clinic, words.get(name)) for name in TEXT_FIELDS):
            continue  # a policy line whose value is 0 or not set ("Do not drink alcohol for 0 hours")
        # callout titles and questions are headings one level below, for jumping by heading
        out.append(_block(job, block, words, None if block.type == "heading" else min(section + 1, 6)))
    return out


def _block(job, block: Any, words: dict[str, Any], heading: int | None) -> Block:
    clinic, lang = job.clinic.model, job.lang
    texts: dict[str, Any] = {name: phrase(words[name], clinic, lang) for name in TEXT_FIELDS
                             if words.get(name) is not None}
    attrs = {name: getattr(block, name) for name in ("level", "lines") if hasattr(block, name)}
    items: tuple[Phrase | QA, ...] | None = None
    if block.type == "qa":
        items = tuple(QA(phrase(i["q"], clinic, lang), phrase(i["a"], clinic, lang)) for i in words.get("items", []))
    elif hasattr(block, "items"):
        items = tuple(_items(job, block, words))
    if block.type == "main_points":
        texts["title"] = translation.word(translation.ui(job), "main_points")
    return Block(block.type, block.id, heading=heading, items=items, attrs=attrs,
                 timeline=timeline(job) if block.type == "timeline" else None, **texts)


def _items(job, block: Any, words: dict[str, Any]) -> list[Phrase]:
    clinic, lang = job.clinic.model, job.lang
    items = [phrase(i, clinic, lang) for i in words.get("items", []) if not unset_number(clinic, i)]
    items_from = getattr(block, "items_from", None)
    if items_from and items_from.removeprefix("policy.") in signs.LISTS:
        items += signs.items(job, items_from.removeprefix("policy."))
    elif items_from:
        items += [Phrase.of_clinic(str(i)) for i in refs.value(clinic, items_from, lang)]  # clinic data: literal
    return items
