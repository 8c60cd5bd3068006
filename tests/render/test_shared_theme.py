"""The theme stylesheet is parsed once per clinic x language x variant (render_counted) and gives the very bytes
of a document that carries its whole theme (render_pdf), in any job order; page counts come from the layout."""
from __future__ import annotations

import hashlib
import io

import pypdf
import pytest

from handouts import api, typeset
from handouts.plan.jobs import plan
from handouts.render import html
from handouts.typeset import session

# One of each: PDF/UA office (Latin brand font), PDF/X print (CMYK profile, DocumentID), large print in Spanish
# with a variable brand font.
PICKS = [("example-clinic", "aftercare", "en", "office"), ("harbour-health", "day-of-infusion", "en", "print"),
         ("harbour-health", "pre-consultation", "es", "large-print")]


@pytest.fixture(scope="module")
def jobs():
    inputs = api.load_inputs()
    every = plan(inputs.content, inputs.clinics, variants=["office", "print", "large-print"])
    return [next(j for j in every if (j.clinic.slug, j.handout, j.lang, j.variant) == pick) for pick in PICKS]


@pytest.fixture(scope="module")
def whole(jobs):
    return [typeset.render_pdf(job) for job in jobs]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0, 2, 0]], ids=["forward", "backward-with-reuse"])
def test_shared_theme_gives_the_same_bytes_in_any_order(jobs, whole, order):
    session._SHEETS.clear()
    for index in order:
        data, pages = typeset.render_counted(jobs[index])
        assert digest(data) == digest(whole[index]), jobs[index].key
        assert pages == len(pypdf.PdfReader(io.BytesIO(data)).pages) > 0
    assert session.parsed_sheets() == len(set(order))  # one parsed sheet per clinic x language x variant


def test_the_document_keeps_only_its_own_texts_and_profile(jobs):
    office, press = html.render_parts(jobs[0]), html.render_parts(jobs[1])
    assert "@font-face" in office[1] and "@font-face" not in office[0]
    assert "content:" not in office[1].split("@page :first")[0].split("html {")[0]  # no margin-box text shared
    assert "@color-profile" in press[0] and "@color-profile" not in press[1]
    assert press[2] == html.render_html(jobs[1])  # PDF/X: the document id still comes from the whole HTML
