"""The "Your visit" box: one patient's details, or labelled write-in lines where a detail is not given.

Which fields a handout shows is set in content.yaml (`visit_box:`). Values are plain text for the
autoescaping template (patient text is escaped like all text); dates and times are formatted by Babel
for the job's language.
"""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

from handouts.load import translations as translation
from handouts.resolve import clock
from handouts.resolve.document import Visit, VisitRow
from handouts.resolve.locale import babel_locale


def format_value(name: str, value, lang: str) -> str:
    locale = babel_locale(lang)
    if isinstance(value, dt.datetime):  # "Thursday, December 3, 2026, 9:30 AM"
        return f"{format_date(value.date(), format='full', locale=locale)}, {format_time(value, format='short', locale=locale)}"
    if isinstance(value, dt.time):
        return format_time(value, format="short", locale=locale)
    return str(value)


def visit_box(job) -> Visit | None:
    """The box, or None when the handout has no visit box."""
    fields = job.content.model.handouts[job.handout].visit_box
    if not fields:
        return None
    ui = translation.ui(job)  # labels come from the translation files (ui.visit_*)
    given = job.patient.given() if job.patient is not None else {}
    rows = [clock_row(job, name, given.get("appointment")) if name in clock.POLICY else
            VisitRow(name, translation.word(ui, f"visit_{name}"),
                     format_value(name, given[name], job.locale) if name in given else None)
            for name in fields if name not in clock.POLICY or clock.hours(job.clinic.model, name)]
    return Visit(translation.word(ui, "visit_title"), translation.word(ui, "visit_blank"), tuple(rows))


def clock_row(job, name: str, appointment: dt.datetime | None) -> VisitRow:
    """A clock time worked out for the patient, or a write-in line when there is no appointment."""
    label = translation.word(translation.ui(job), name)
    if appointment is None:
        return VisitRow(name, label, None)
    when = clock.time_before(appointment, clock.hours(job.clinic.model, name))
    return VisitRow(name, label, clock.format_clock(when, appointment, babel_locale(job.locale)))
