"""The emergency callout: part of the template, not of content.yaml, so no content edit or clinic setting
can remove it. Numbers come from clinic.yaml (required fields there); warning signs from content.yaml's
reviewed list with the clinic's additions (resolve/signs.py); the wording from the translation files' `ui:`
strings (English: load/translations.ENGLISH_UI).

Aftercare ends with the full callout (numbers and warning signs); every other handout ends with a compact
one (emergency number and crisis line), so a patient has the crisis line from the first handout on.
"""
from __future__ import annotations

from handouts.load import refs
from handouts.load import translations as translation
from handouts.resolve import signs
from handouts.resolve.document import Block
from handouts.resolve.phrases import phrase

# Handouts that always end with the full emergency callout; the others get the compact one.
HANDOUTS = frozenset({"aftercare"})


def crisis_sentence(job) -> str:
    """The crisis line sentence in the job's language, with clinic references still in braces."""
    emergency, ui = job.clinic.model.emergency, translation.ui(job)
    how = translation.word(ui, "crisis_call_or_text" if emergency.crisis_line_texts else "crisis_call")
    named = refs.value(job.clinic.model, "emergency.crisis_line_name", job.lang)
    sentence = translation.word(ui, "help_crisis" if named else "help_crisis_unnamed")
    sentence = (sentence.replace("{how}", how).replace("{name}", "{emergency.crisis_line_name}")
                .replace("{number}", "{emergency.crisis_line}"))
    # the clinic's note (its words, in braces like every clinic value, so text.to_html escapes it)
    note = refs.value(job.clinic.model, "emergency.crisis_line_note", job.lang)
    return f"{sentence} {{emergency.crisis_line_note}}" if note else sentence


def callout(job) -> Block:
    """The callout as a block: full on aftercare, compact elsewhere."""
    clinic = job.clinic.model
    ui = translation.ui(job)
    if job.handout not in HANDOUTS:
        call = translation.word(ui, "help_emergency").replace("{number}", "{emergency.number}")
        return Block("callout", "emergency-help", heading=2, attrs={"level": "help"},
                     title=phrase(translation.word(ui, "help_title"), clinic, job.lang),
                     text=phrase(f"{call} {crisis_sentence(job)}", clinic, job.lang), items=())
    return Block(
        "callout", "emergency-help", attrs={"level": "emergency"},
        heading=2,  # a section of its own, reached from the outline like the handout's main sections
        title=phrase(translation.word(ui, "emergency_title"), clinic, job.lang),
        text=phrase(f"{translation.word(ui, 'emergency_call')} {crisis_sentence(job)}", clinic, job.lang),
        items=tuple(signs.items(job, "call_emergency_if")),
    )
