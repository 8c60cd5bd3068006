"""Renders that fail loudly: WeasyPrint's warnings and errors, unfinished drawing and overflowing boxes each
fail the PDF with one line naming the clinic file (real renders, real WeasyPrint)."""
from __future__ import annotations

import base64
import dataclasses
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from weasyprint import HTML

from handouts import api
from handouts.plan.jobs import plan
from handouts.typeset import guard, overflow, render_pdf

ROOT = Path(__file__).resolve().parents[2]
SELF_USE = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" '
            'height="120"><rect id="r" width="116" height="116" fill="#1F4E79"/><use id="u" xlink:href="#u"/></svg>')


@pytest.mark.parametrize("stream, why", [
    (b"q 1 0 0 1 0 0 cm Q q Q", None),
    (b"q q Q", "leaves 1 graphics state(s) saved"),
    (b"Q q", "restores more graphics states than it saved"),
    (b"BT <0051> Tj (q q q) Tj ET % q q\nq Q", None),  # q in strings and comments is text, not an operator
    (b"/q0 gs q /Q1 Do Q", None),
])
def test_save_restore_balance(stream, why):
    assert guard.unbalanced(stream) == why


def _pdf_with(page_stream: bytes, form_stream: bytes, pieces: int = 1) -> bytes:
    """A real one-page PDF whose page draws a form XObject; the page's content split in `pieces` streams."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    form = pikepdf.Stream(pdf, form_stream, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                          BBox=[0, 0, 10, 10])
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=pdf.make_indirect(form)))
    size = -(-len(page_stream) // pieces)
    chunks = [page_stream[i:i + size] for i in range(0, len(page_stream), size)]
    page.obj.Contents = pikepdf.Array([pdf.make_stream(chunk) for chunk in chunks])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("page_stream, form_stream, pieces, why", [
    (b"q /Fm0 Do Q", b"q 0 g Q", 1, None),
    (b"q /Fm0 Do Q", b"q 0 g Q", 3, None),  # a q that closes in the next piece of the page's content
    (b"q /Fm0 Do", b"q 0 g Q", 1, "page 1 was not drawn completely (its content leaves 1 graphics state(s) saved)"),
    (b"q /Fm0 Do Q", b"0 g Q", 1, "page 1 was not drawn completely (its content restores more graphics states"),
])
def test_check_streams_reads_pages_and_the_forms_they_draw(page_stream, form_stream, pieces, why):
    data = _pdf_with(page_stream, form_stream, pieces)
    if why is None:
        guard.check_streams(data, "clinic.yaml")
    else:
        with pytest.raises(guard.RenderProblem, match=re.escape(why)):
            guard.check_streams(data, "clinic.yaml")


def test_a_logo_that_fails_to_draw_fails_its_pdfs_and_names_the_clinic_file(project_copy, tmp_path):
    inputs = api.load_inputs(clinics=["example-clinic"])  # valid; the logo is then swapped for a broken one
    (project_copy / "clinics" / "example-clinic" / "logo.svg").write_text(SELF_USE, encoding="utf-8")
    result = api.build(inputs, tmp_path, handouts=["aftercare"], langs=["en"])
    assert [path for path, _ in result.failed] == ["example-clinic/aftercare-en-office.pdf"]
    message = result.failed[0][1]
    assert message.endswith("clinics/example-clinic/clinic.yaml: WeasyPrint could not draw everything: "
                            f"Failed to render SVG image {(project_copy / 'clinics/example-clinic/logo.svg').as_uri()}")
    assert "\n" not in message
    assert not list(tmp_path.rglob("*.pdf"))


def test_check_draws_the_logo_and_refuses_what_does_not_draw(project_copy, tmp_path):
    # The file checks pass (no self-reference visible: the failing SVG is embedded as base64 data);
    # only drawing it shows WeasyPrint cannot.
    inner = base64.b64encode(SELF_USE.encode()).decode()
    logo = project_copy / "clinics" / "example-clinic" / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" '
                    f'height="120"><image width="50" height="50" xlink:href="data:image/svg+xml;base64,{inner}"/></svg>',
                    encoding="utf-8")
    env = {**os.environ, "HANDOUTS_PROJECT": str(project_copy), "HANDOUTS_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # a logo that failed is not remembered as drawn: the second check draws it again
        result = subprocess.run([sys.executable, "-m", "handouts", "check", "--clinic", "example-clinic"],
                                cwd=project_copy, capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 1
        assert ("clinics/example-clinic/clinic.yaml:13:9: brand.logo: logo.svg: WeasyPrint could not draw everything: "
                "Failed to render SVG image data:image/svg+xml (embedded); simplify the logo or save it again"
                in result.stderr.splitlines()), result.stderr


@pytest.fixture(scope="module")
def aftercare_job():
    inputs = api.load_inputs(clinics=["example-clinic"])
    return plan(inputs.content, inputs.clinics, ["aftercare"], ["en"])[0]


def _with_name(job, name: str):
    """The job with a clinic name the model would refuse (model_copy does not validate): what if a
    limit were raised past what the layout holds?"""
    clinic = dataclasses.replace(job.clinic, model=job.clinic.model.model_copy(update={"name": name}))
    return dataclasses.replace(job, clinic=clinic)


def test_text_past_the_page_fails_the_pdf_naming_where(aftercare_job):
    with pytest.raises(guard.RenderProblem) as failed:
        render_pdf(_with_name(aftercare_job, "W" * 3000))
    assert failed.value.format_message() == (
        "clinics/example-clinic/clinic.yaml: page 1: the heading of page 1 (clinic name, logo, website, handout "
        "title) runs off the bottom of the page")


@pytest.mark.parametrize("html, why", [
    ('<div style="width: 50mm"><p id="b1" style="white-space: nowrap">' + "word " * 12 + "</p></div>",
     "page 1: the block b1 (content.yaml) is wider than its column and runs into what is next to it"),
    ('<p id="b2" style="white-space: nowrap">' + "word " * 200 + "</p>",
     "page 1: the block b2 (content.yaml) runs off the side of the page"),
    ('<p class="clinic-name" style="height: 400mm">x</p>', "page 1: the clinic name (name) runs off the bottom of the page"),
    ('<p id="b3">' + "word " * 12 + "</p>", None),
])
def test_the_overflow_detector(html, why):
    assert overflow.find(HTML(string=f"<html><body>{html}</body></html>").render()) == why


def test_the_longest_allowed_name_without_spaces_wraps_and_passes(aftercare_job):
    """On page 1 in the heading, on later pages in the top margin box beside the DRAFT mark (the changed name
    no longer matches the clinic's approval): both top boxes wrap with `break-word`, neither runs off the
    page or into the other."""
    data = render_pdf(_with_name(aftercare_job, "W" * 80))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert all(c["x0"] >= 0 and c["x1"] <= page.width and c["bottom"] <= page.height for c in page.chars)
        top = [w for w in pdf.pages[1].extract_words() if w["bottom"] < 18 * 72 / 25.4]
        header = [w for w in top if w["text"].startswith("WWW")]
        draft = [w for w in top if w["text"].startswith("DRAFT")]
        assert header and draft and max(w["x1"] for w in header) < min(w["x0"] for w in draft)


def test_a_file_weasyprint_cannot_fetch_is_one_render_problem_not_a_crash():
    """WeasyPrint raises FatalURLFetchingError, a BaseException, for a file it cannot read: it must reach a
    batch worker as the clinic file's one-line problem, which `except Exception` catches."""
    from handouts.render.html import render_parts
    from handouts.typeset import render_counted

    inputs = api.load_inputs(clinics=["example-clinic"])
    job = plan(inputs.content, inputs.clinics, ["aftercare"], ["en"], ["office"])[0]
    html, shared, id_text = render_parts(job)
    broken = shared + '@font-face { font-family: "Gone"; src: url("no-such-font.ttf"); }'
    with pytest.raises(guard.RenderProblem, match=r"^.*clinic\.yaml: a file it needs could not be read: .*no-such-font"):
        render_counted(job, (html, broken, id_text))


def test_the_longest_allowed_patient_details_without_spaces_wrap_inside_the_visit_box():
    """The theme wraps long words with `overflow-wrap: break-word` (cheap: min-content widths stay whole words);
    the visit table's values keep `anywhere`, or a table cell would grow past the page to hold one long word."""
    inputs = api.load_inputs(clinics=["example-clinic"])
    patient = {"patient_name": "W" * 80, "appointment": "2026-12-03 09:30", "arrival": "09:00",
               "provider": "M" * 80, "driver_name": "W" * 80, "driver_phone": "5" * 30}
    data = api.personalize(inputs, "example-clinic", ["day-of-infusion"], "en", patient)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert "W" * 20 in page.extract_text()
        assert all(c["x0"] >= 0 and c["x1"] <= page.width for c in page.chars)
