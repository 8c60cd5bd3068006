"""The emergency callout: part of the template, not of content.yaml, so no content edit or clinic setting
can remove it. Numbers and the list of warning signs come from clinic.yaml (all required fields there)."""
from __future__ import annotations

from markupsafe import escape

from handouts.load import refs
from handouts.render import text
from handouts.render.locale import direction

# Handouts that always end with the emergency callout.
HANDOUTS = frozenset({"aftercare"})

# Wording per language; a language without its own wording uses English (the numbers stay the clinic's).
WORDING = {
    "en": {
        "title": "Get help right away",
        "text": "Call {emergency.number} now if you have any of these.",
        "crisis": "If you have thoughts of harming yourself, you can also call the crisis line at "
                  "{emergency.crisis_line}.",
        "crisis_named": "If you have thoughts of harming yourself, you can also call "
                        "{emergency.crisis_line_name} at {emergency.crisis_line}.",
    },
    "es": {
        "title": "Busque ayuda de inmediato",
        "text": "Llame al {emergency.number} ahora si tiene alguno de estos problemas.",
        "crisis": "Si piensa en hacerse daño, también puede llamar a la línea de crisis al "
                  "{emergency.crisis_line}.",
        "crisis_named": "Si piensa en hacerse daño, también puede llamar a {emergency.crisis_line_name} "
                        "al {emergency.crisis_line}.",
    },
}


def callout(job) -> dict | None:
    """The callout as a block view (same shape as render.html.blocks) or None for other handouts."""
    if job.handout not in HANDOUTS:
        return None
    clinic = job.clinic.model
    words = WORDING.get(job.lang.split("-")[0], WORDING["en"])
    crisis = words["crisis_named"] if clinic.emergency.crisis_line_name else words["crisis"]
    rtl = direction(job.lang) == "rtl"
    signs = refs.value(clinic, "policy.call_emergency_if", job.lang)
    return {
        "type": "callout", "id": "emergency-help", "level": "emergency",
        "title": text.to_html(words["title"], clinic, job.lang, rtl),
        "text": text.to_html(f"{words['text']} {crisis}", clinic, job.lang, rtl),
        "items": [escape(item) for item in signs],  # clinic data: literal text, in the job's language
    }
