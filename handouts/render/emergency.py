"""The emergency callout: part of the template, not of content.yaml, so no content edit or clinic setting
can remove it. Numbers come from clinic.yaml (required fields there); warning signs from content.yaml's
reviewed list with the clinic's additions (render/signs.py).

Aftercare ends with the full callout (numbers and warning signs); every other handout ends with a compact
one (emergency number and crisis line), so a patient has the crisis line from the first handout on.
"""
from __future__ import annotations

from handouts.load import refs
from handouts.load import translations as translation
from handouts.render import signs, text
from handouts.render.locale import direction

# Handouts that always end with the full emergency callout; the others get the compact one.
HANDOUTS = frozenset({"aftercare"})

# Wording per language; a language without its own wording uses English (the numbers stay the clinic's).
WORDING = {
    "en": {
        "title": "Get help right away",
        "text": "Call {emergency.number} now if you have any of these.",
    },
    "es": {
        "title": "Busque ayuda de inmediato",
        "text": "Llame al {emergency.number} ahora si tiene alguno de estos problemas.",
    },
}


def crisis_sentence(job) -> str:
    """The crisis line sentence in the job's language, with clinic references still in braces."""
    emergency, ui = job.clinic.model.emergency, translation.ui(job)
    how = ui.crisis_call_or_text if emergency.crisis_line_texts else ui.crisis_call
    named = refs.value(job.clinic.model, "emergency.crisis_line_name", job.lang)
    sentence = ui.help_crisis if named else ui.help_crisis_unnamed
    return (sentence.replace("{how}", how).replace("{name}", "{emergency.crisis_line_name}")
            .replace("{number}", "{emergency.crisis_line}"))


def callout(job) -> dict:
    """The callout as a block view (same shape as render.html.blocks): full on aftercare, compact elsewhere."""
    clinic = job.clinic.model
    rtl = direction(job.lang) == "rtl"
    if job.handout not in HANDOUTS:
        ui = translation.ui(job)
        sentence = f"{ui.help_emergency.replace('{number}', '{emergency.number}')} {crisis_sentence(job)}"
        return {"type": "callout", "id": "emergency-help", "level": "help",
                "title": text.to_html(ui.help_title, clinic, job.lang, rtl),
                "text": text.to_html(sentence, clinic, job.lang, rtl), "items": []}
    words = WORDING.get(job.lang.split("-")[0], WORDING["en"])
    return {
        "type": "callout", "id": "emergency-help", "level": "emergency",
        "title": text.to_html(words["title"], clinic, job.lang, rtl),
        "text": text.to_html(f"{words['text']} {crisis_sentence(job)}", clinic, job.lang, rtl),
        "items": signs.items(job, "call_emergency_if", rtl),
    }
