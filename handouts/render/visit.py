"""The "Your visit" box: one patient's details, or labelled write-in lines where a detail is not given.

Which fields a handout shows is set in content.yaml (`visit_box:`). Values are plain text for the
autoescaping template (patient text is escaped like all text); dates and times are formatted by Babel
for the job's language.
"""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

from handouts.load import translations as translation
from handouts.render import clock
from handouts.render.locale import babel_locale


def format_value(name: str, value, lang: str) -> str:
    locale = babel_locale(lang)
    if isinstance(value, dt.datetime):  # "Thursday, December 3, 2026, 9:30 AM"
        return f"{format_date(value.date(), format='full', locale=locale)}, {format_time(value, format='short', locale=locale)}"
    if isinstance(value, dt.time):
        return format_time(value, format="short", locale=locale)
    return str(value)


def visit_box(job) -> dict | None:
    """The box as the template sees it, or None when the handout has no visit box."""
    fields = job.content.model.handouts[job.handout].visit_box
    if not fields:
        return None
    ui = translation.ui(job)  # labels come from the translation files (ui.visit_*)
    given = job.patient.given() if job.patient is not None else {}
    rows = [clock_row(job, name, given.get("appointment")) if name in clock.POLICY else
            {"name": name, "label": translation.word(ui, f"visit_{name}"),
             "value": format_value(name, given[name], job.locale) if name in given else None}
            for name in fields if name not in clock.POLICY or clock.hours(job.clinic.model, name)]
    return {"title": translation.word(ui, "visit_title"), "blank": translation.word(ui, "visit_blank"), "rows": rows}


def clock_row(job, name: str, appointment: dt.datetime | None) -> dict:
    """A clock time worked out for the patient, or a write-in line when there is no appointment."""
    label = translation.word(translation.ui(job), name)
    if appointment is None:
        return {"name": name, "label": label, "value": None}
    when = clock.time_before(appointment, clock.hours(job.clinic.model, name))
    return {"name": name, "label": label, "value": clock.format_clock(when, appointment, babel_locale(job.locale))}
