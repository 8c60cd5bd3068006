"""The staff page's parts without a browser: times as staff type them, a clinic colour kept readable, a
schedule read row by row, and the remembered choice that can hold only names from the project's lists."""
from __future__ import annotations

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from handouts import api
from handouts.web.drafts import Drafts
from handouts.web.form import typed_time
from handouts.web.look import MIN_CONTRAST, contrast_with_white, readable_on_white
from handouts.web.remember import read_last
from handouts.web.schedule_rows import TEMPLATE_CSV, check_schedule


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs(None)


@pytest.fixture(scope="module")
def drafts(inputs):
    return Drafts(inputs.content, {c.slug: c for c in inputs.clinics})


def check(inputs, drafts, text: str, lang: str | None = None):
    clinic = next(c for c in inputs.clinics if c.slug == "example-clinic")
    return check_schedule(text.encode(), "day.csv", clinic, ["day-of-infusion"], lang, drafts, max_rows=5)


@pytest.mark.parametrize("typed, read", [("9:30", "9:30"), ("09:30", "9:30"), ("9.30", "9:30"), ("930", "9:30"),
                                         ("1430", "14:30"), ("14h00", "14:00"), ("9", "9:00"),
                                         ("9 am", "9:00 AM"), ("9:30p.m.", "9:30 PM"), ("half nine", "half nine")])
def test_times_are_read_as_staff_type_them(typed, read):
    assert typed_time(typed) == read


@pytest.mark.parametrize("colour", ["#1F4E79", "#C8102E", "#FFD700", "#00A3E0", "#FFFFFF", "#777"])
def test_a_clinic_colour_is_kept_or_darkened_to_readable_on_white(colour):
    readable = readable_on_white(colour)
    assert contrast_with_white(readable) >= MIN_CONTRAST
    if contrast_with_white(colour) >= MIN_CONTRAST:
        assert readable == colour.lower()  # a readable colour is the clinic's own


def test_each_bad_row_is_named_by_row_and_line_and_the_others_are_ready(inputs, drafts):
    text = ("patient_name,appointment,arrival,note\n"
            "Ana Diaz,2026-12-03 09:30,09:00,\n"
            "\n"                                              # an empty line is no row
            'Ben Ode,2026-12-03 10:00,09:30,"two\nlines"\n'   # a row over two lines
            "Cy Obi,2026-12-03 25:99,soon,\n"
            "Dee Ray,2026-12-03 11:00,10:30\n")               # a cell short
    result = check(inputs, drafts, text)
    assert [(r.number, r.line) for r in result.ready] == [(1, 2), (2, 4)]
    assert [(p.number, p.line) for p in result.row_problems] == [(3, 6), (4, 7)]
    assert result.row_problems[0].text.startswith("Appointment is not a date and time")
    assert "Arrival time is not a time" in result.row_problems[0].text
    assert result.row_problems[1].text == "This row has 3 cells but the header has 4 columns."
    assert not any("Cy" in p.text or "Obi" in p.text for p in result.row_problems)


def test_appointment_ids_are_checked_across_rows(inputs, drafts):
    result = check(inputs, drafts, "appointment_id,patient_name\nA1,Ana\nA1,Ben\n,Cy\nB2,Dee\n")
    assert [r.number for r in result.ready] == [1, 4]
    assert [(p.number, p.text) for p in result.row_problems] == [
        (2, "Appointment id is already used on row 1 (line 2)."),
        (3, "Appointment id is missing: give an id on every row or on none.")]


def test_a_wrong_header_or_too_many_rows_refuses_the_whole_file(inputs, drafts):
    assert check(inputs, drafts, "name,when\nAna,today\n").file_problems[0].startswith("day.csv:1: the first line must name the columns")
    assert "6 patients; the page takes at most 5" in check(inputs, drafts, "patient_name\n" + "A\n" * 6).file_problems[0]
    assert check(inputs, drafts, "patient_name\n").file_problems == [
        "day.csv: no patients in the file (only the line naming the columns)."]


def test_rows_in_a_draft_language_are_set_apart(inputs, drafts):
    result = check(inputs, drafts, "patient_name,lang\nAna,en\nBen,es\nCy,\n", lang="es")
    assert [r.number for r in result.ready] == [1]
    assert [r.number for r in result.draft_rows] == [2, 3] and result.draft_langs == {2: "es", 3: "es"}


def test_the_template_is_a_schedule_with_one_ready_row(inputs, drafts):
    result = check(inputs, drafts, TEMPLATE_CSV)
    assert len(result.ready) == 1 and not result.row_problems and not result.file_problems


@pytest.mark.parametrize("cookie, expected", [
    ("harbour-health|aftercare,day-of-infusion|es", ("harbour-health", ["aftercare", "day-of-infusion"], "es")),
    ("harbour-health|day-of-infusion|xx", ("harbour-health", ["day-of-infusion"], "en")),
    ("harbour-health|Ana-Diaz|en", None),         # anything not in the lists is dropped
    ("Ana-Diaz|day-of-infusion|en", None),
    ("example-clinic|day-of-infusion|en", None),  # a clinic this user may not use
    ("", None),
])
def test_the_remembered_choice_holds_only_listed_names(inputs, cookie, expected):
    request = Request(EnvironBuilder(headers={"Cookie": f"handouts-last={cookie}"}).get_environ())
    last = read_last(request, {"harbour-health": ["en", "es"]}, list(inputs.content.model.handouts))
    assert (last and (last.clinic, last.handouts, last.lang)) == expected
