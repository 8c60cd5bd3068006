"""Press file names are never cut: a clinic folder name too long for them is an input error, not a
silently shortened name (`example-clinic_pre-consultat_en_v1.0.pdf` is what cutting gave)."""
from __future__ import annotations

from handouts.plan import names, review


def press_names_fit(inputs) -> list:
    problems = []
    content = inputs.content
    for clinic in inputs.clinics:
        longest = max(
            [names.press_name(clinic.slug, handout, lang, review.handout_version(content.model, handout))
             for handout in content.model.handouts for lang in clinic.model.languages]
            + [made(clinic.slug, lang, content.model.version) for lang in clinic.model.languages
               for made in (names.packet_name, names.booklet_name)],
            key=len)
        if len(longest) > names.MAX_NAME:
            room = len(clinic.slug) - (len(longest) - names.MAX_NAME)
            problems.append(clinic.doc.problem(
                ("name",), f"the clinic folder name {clinic.slug!r} makes press file names of {len(longest)} "
                f"characters ({longest}), more than {names.MAX_NAME}: rename the folder clinics/{clinic.slug} "
                f"to at most {room} characters", key=True))
    return problems

