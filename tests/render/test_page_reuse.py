"""A patient's handout from reused pages (typeset/reuse.py) is the whole render: same bytes, so the same
text, tags, page count, PDF/UA-1 and readers; a visit box too long for page 1 falls back to the whole
render. Real WeasyPrint renders throughout."""
from __future__ import annotations

import io

import page
import pikepdf
import pypdf
import pytest

from handouts import api
from handouts.models.patient import parse_patient
from handouts.plan.personal import find_clinic, personal_jobs
from handouts.render.html import render_parts
from handouts.typeset import render_document, render_merged, render_personal, reuse, shared_sheet
from tests.helpers.readers import complaints


def _patient(name: str) -> dict:
    return {"patient_name": name, "appointment": "2026-12-03 09:30", "arrival": "09:00", "provider": "Dr. Rivera",
            "driver_name": "Sam Driver", "driver_phone": "(555) 010-0199"}


@pytest.fixture(scope="module")
def day_jobs():
    inputs = api.load_inputs(clinics=["example-clinic"])
    clinic = find_clinic(inputs.clinics, "example-clinic")
    return [personal_jobs(inputs.content, clinic, ["day-of-infusion"], "en", parse_patient(_patient(name)))[0]
            for name in ("Avery Example", "Jordan Q. Sample-Longername")]


def _lay_out(job, html):
    _, shared, _ = render_parts(job)
    return render_document(job, html, (shared_sheet(job, shared), shared_sheet(job, reuse.PATIENT_PAGE)))


@pytest.mark.parametrize("row", [0, 1])
def test_reused_pages_give_the_whole_render_byte_for_byte(day_jobs, row, tmp_path):
    reuse.forget()
    render_personal(day_jobs[1 - row])  # the other patient first: the pages after page 1 are kept from it
    html = render_parts(day_jobs[row])[0]
    assert reuse.reused_document(day_jobs[row], html, _lay_out) is not None  # the reuse path is taken
    reused = render_personal(day_jobs[row])
    whole = render_personal(day_jobs[row], reuse_pages=False)
    assert reused == whole
    pages = pypdf.PdfReader(io.BytesIO(reused)).pages
    assert len(pages) >= 3 and _patient("x")["driver_name"] in pages[0].extract_text()
    assert all("Avery" not in p.extract_text() and "Jordan" not in p.extract_text() for p in pages[1:])
    path = tmp_path / "reused.pdf"
    path.write_bytes(reused)
    report = page.validate_pdf(str(path), profile="ua1")
    assert report.is_compliant, [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert complaints(path) == []


def test_a_visit_box_too_long_for_page_one_falls_back_to_the_whole_render(day_jobs):
    job = day_jobs[0]
    html = render_parts(job)[0]
    stuffed = html.replace("</table>", "<tr><th>Extra:</th><td>line</td></tr>" * 40 + "</table>", 1)
    assert stuffed != html
    assert reuse.reused_document(job, html, _lay_out) is not None
    assert reuse.reused_document(job, stuffed, _lay_out) is None  # the box ran onto page 2: no reuse
    whole = _lay_out(job, stuffed)
    assert len(whole.pages) > len(_lay_out(job, html).pages)  # ...where the whole render has more pages


def test_the_visit_box_ends_page_one_of_a_personal_handout(day_jobs):
    first = pypdf.PdfReader(io.BytesIO(render_personal(day_jobs[0], reuse_pages=False))).pages[0].extract_text()
    assert "Avery Example" in first and "Main points" not in first


def test_a_merged_schedule_lays_out_page_one_per_row_and_gives_the_whole_renders_bytes(day_jobs, monkeypatch):
    reuse.forget()
    laid_out = []  # per layout: whether it was of the patient-free handout
    reused_document = reuse.reused_document

    def counted(job, html, lay_out):
        return reused_document(job, html, lambda each, text: laid_out.append(each.patient is None) or
                               lay_out(each, text))
    monkeypatch.setattr(reuse, "reused_document", counted)
    rows = day_jobs * 2  # the same handout for four rows: its pages after page 1 written four times
    reused = render_merged(rows, pad_to_even=True)
    assert laid_out.count(False) == len(rows) and laid_out.count(True) == 1  # N first pages, the rest once
    monkeypatch.setattr(reuse, "reused_document", lambda *args: None)
    assert reused == render_merged(rows, pad_to_even=True)  # every row laid out whole: the same file
    with pikepdf.open(io.BytesIO(reused)) as pdf:
        links = [a for p in pdf.pages for a in p.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert len(links) >= len(rows) and all("/StructParent" in a for a in links)
        assert len({a.objgen for a in links}) == len(links)  # each row's links are its own, each tagged
