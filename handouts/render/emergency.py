"""The emergency callout: part of the template, not of content.yaml, so no content edit or clinic setting
can remove it. Numbers and the list of warning signs come from clinic.yaml (all required fields there); the
wording from the translation files' `ui:` strings (English: load/translations.ENGLISH_UI)."""
from __future__ import annotations

from markupsafe import escape

from handouts.load import refs
from handouts.load import translations as translation
from handouts.render import text
from handouts.render.locale import direction

# Handouts that always end with the emergency callout.
HANDOUTS = frozenset({"aftercare"})

def callout(job) -> dict | None:
    """The callout as a block view (same shape as render.html.blocks) or None for other handouts."""
    if job.handout not in HANDOUTS:
        return None
    clinic = job.clinic.model
    ui = translation.ui(job)  # the wording is in the translation files (ui.emergency_*, ui.crisis_line*)
    crisis = translation.word(ui, "crisis_line_named" if clinic.emergency.crisis_line_name else "crisis_line")
    rtl = direction(job.lang) == "rtl"
    signs = refs.value(clinic, "policy.call_emergency_if", job.lang)
    return {
        "type": "callout", "id": "emergency-help", "level": "emergency",
        "heading": 2,  # a section of its own, reached from the outline like the handout's main sections
        "title": text.to_html(translation.word(ui, "emergency_title"), clinic, job.lang, rtl),
        "text": text.to_html(f"{translation.word(ui, 'emergency_call')} {crisis}", clinic, job.lang, rtl),
        "items": [escape(item) for item in signs],  # clinic data: literal text, in the job's language
    }
