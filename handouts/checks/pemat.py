"""PEMAT-P (AHRQ's Patient Education Materials Assessment Tool, printable materials) for each handout.

The items that can be decided from content.yaml are scored here; the others need a person and are printed
as a reviewer checklist. A score is the share of decided, applicable items that are met. Reads only.
"""
from __future__ import annotations

import re

from handouts.load import refs

# PEMAT-P items no program can decide, by number: a reviewer marks each agree or disagree per handout.
REVIEWER_ITEMS = {
    1: "The material makes its purpose completely evident.",
    2: "The material does not include information or content that distracts from its purpose.",
    3: "The material uses common, everyday language.",
    4: "Medical terms are used only to familiarize the audience with the terms; when used, they are defined.",
    5: "The material uses the active voice.",
    6: "Numbers appearing in the material are clear and easy to understand.",
    9: "The material presents information in a logical sequence.",
}
VISUAL_ITEMS = {  # apply only to a handout with a visual aid
    16: "The material's visual aids reinforce rather than distract from the content.",
    17: "The material's visual aids have clear titles or captions.",
    18: "The material uses illustrations and photographs that are clear and uncluttered.",
    25: "The material explains how to use the charts, graphs, tables, or diagrams to take actions.",
}
ACTION_VERBS = re.compile(r"^(\*\*)?(Ask|Bring|Call|Do not|Follow|Keep|Plan|Take|Tell|Leave|Know)\b")
HOURS_BEFORE = {"policy.fasting_hours": "last_food", "policy.clear_liquids_until_hours": "clear_liquids",
                "policy.alcohol_free_hours": "no_alcohol"}
MAX_SECTION_BLOCKS = 5  # blocks under one heading before a reader needs a new chunk


def _texts(handout) -> list[str]:
    out = []
    for block in handout.blocks:
        out += [getattr(block, n) for n in ("text", "title", "label") if getattr(block, n, None)]
        for item in getattr(block, "items", None) or []:
            out += [item] if isinstance(item, str) else [item.q, item.a]
    return out


def _types(handout) -> set[str]:
    return {block.type for block in handout.blocks}


def _sections(handout) -> list[int]:
    sizes, size = [], 0
    for block in handout.blocks:
        if block.type == "heading":
            sizes.append(size)
            size = 0
        elif block.type not in ("main_points", "write_in"):
            size += 1
    return [*sizes, size]


def _clock_arithmetic(handout) -> list[str]:
    """Rules that count hours back from the visit without a clock time (or write-in line) for them."""
    return [ref for text in _texts(handout) if " before" in text for ref in refs.REF.findall(text)
            if ref in HOURS_BEFORE and HOURS_BEFORE[ref] not in handout.visit_box]


def understandability(handout) -> dict[int, tuple[bool, str]]:
    """Item number -> (met, why) for the decidable understandability items."""
    types, texts = _types(handout), _texts(handout)
    headings = [b.text for b in handout.blocks if b.type == "heading"]
    long_section = max(_sections(handout))
    arithmetic = _clock_arithmetic(handout)
    return {
        7: (not arithmetic, "no clock arithmetic" if not arithmetic else
            f"counts hours back from the visit without a clock time: {', '.join(arithmetic)}"),
        8: (long_section <= MAX_SECTION_BLOCKS, f"longest section has {long_section} blocks "
                                                f"(at most {MAX_SECTION_BLOCKS})"),
        10: (len(headings) >= 3 and all(len(h.split()) <= 8 for h in headings),
             f"{len(headings)} headings of at most 8 words"),
        11: ("main_points" in types, "a main points box" if "main_points" in types else "no summary"),
        12: ((bool(types & {"bullets", "steps", "checklist"}) and "callout" in types) or any("**" in t for t in texts),
             "lists and boxes"),
        15: ("timeline" in types, "a timeline picture" if "timeline" in types else "no visual aid"),
    }


def actionability(handout) -> dict[int, tuple[bool, str]]:
    types, texts = _types(handout), _texts(handout)
    actions = [t for t in texts if ACTION_VERBS.match(t)]
    addressed = sum(bool(re.search(r"\b(you|your)\b", t, re.I)) for t in texts)
    third_person = [t for t in texts if re.search(r"\b(the patient|patients should)\b", t, re.I)]
    items = {
        20: (bool(actions), f"{len(actions)} sentences start with an action"),
        21: (addressed > 0 and not third_person, f"{addressed} texts say you or your, "
                                                 f"{len(third_person)} say the patient"),
        22: (bool(types & {"steps", "checklist"}), "actions as numbered steps or a checklist"),
        23: (bool(types & {"checklist", "write_in"}), "a checklist or lines to write on"),
        26: ("timeline" in types, "a timeline picture" if "timeline" in types else "no visual aid"),
    }
    if _clock_arithmetic(handout):  # 24 applies only when the reader must calculate
        items[24] = (False, "no help with the calculation it asks for")
    return items


def _percent(items: dict) -> str:
    met = sum(ok for ok, _ in items.values())
    return f"{round(100 * met / len(items))}% ({met}/{len(items)})"


def scores(handout) -> tuple[int, int]:
    """Understandability and actionability of the decidable items, in per cent."""
    understand, act = understandability(handout), actionability(handout)
    return (round(100 * sum(ok for ok, _ in understand.values()) / len(understand)),
            round(100 * sum(ok for ok, _ in act.values()) / len(act)))


def report(inputs) -> list[str]:
    """The `check --pemat` lines: scores per handout, what is not met, then the reviewer checklist."""
    handouts = inputs.content.model.handouts
    width = max(len(slug) for slug in handouts)
    lines = ["PEMAT-P, items decided from the content (a reviewer scores the rest, below):",
             f"  {'handout'.ljust(width)}  understandability  actionability"]
    missing = []
    for slug, handout in handouts.items():
        u, a = understandability(handout), actionability(handout)
        lines.append(f"  {slug.ljust(width)}  {_percent(u).ljust(17)}  {_percent(a)}")
        missing += [f"  {slug}: item {n} not met: {why}" for n, (ok, why) in sorted({**u, **a}.items()) if not ok]
    lines += missing
    lines.append("Reviewer checklist (PEMAT-P items a person decides; agree or disagree for each handout):")
    lines += [f"  [ ] {n}. {text}" for n, text in REVIEWER_ITEMS.items()]
    with_visual = [slug for slug, h in handouts.items() if "timeline" in _types(h)]
    if with_visual:
        lines += [f"  [ ] {n}. {text} ({', '.join(with_visual)})" for n, text in VISUAL_ITEMS.items()]
    return lines
