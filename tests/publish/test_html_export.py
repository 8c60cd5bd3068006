"""`handouts build --html-only`: the HTML handouts renders, which the plain `weasyprint` command turns into
the same pages and text as `handouts build`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdf

from tests.helpers.pdfs import extracted_text, squash

ROOT = Path(__file__).resolve().parents[2]
WEASYPRINT = Path(sys.executable).parent / "weasyprint"


def handouts(*args):
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, cwd=ROOT)


def test_exported_html_is_render_html_with_a_relative_logo(tmp_path):
    from handouts import api
    from handouts.plan.jobs import plan
    from handouts.render.html import render_html

    result = handouts("build", "--html-only", "--clinic", "example-clinic", "--variant", "office", "--variant", "print",
                      "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "12 HTML file(s)" in result.stderr and "weasyprint --pdf-variant pdf/ua-1 --pdf-tags" in result.stderr
    inputs = api.load_inputs(clinics=["example-clinic"])
    jobs = plan(inputs.content, inputs.clinics, variants=["office", "print"])
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html")) == \
        sorted(str(job.output_path.with_suffix(".html")) for job in jobs)
    job = jobs[0]
    exported = (tmp_path / job.output_path.with_suffix(".html")).read_text(encoding="utf-8")
    logo = job.clinic.logo_path
    assert exported == render_html(job).replace(f'src="{logo.as_uri()}"', f'src="{logo.name}"')
    assert (tmp_path / "example-clinic" / logo.name).read_bytes() == logo.read_bytes()
    assert (ROOT / "clinics").as_uri() not in exported  # nothing points back into the clinic folder...
    assert "fontpkg_" in exported  # ...the fonts stay where their packages installed them
    # no PDF, manifest, cache or leftover temp file
    assert {p.suffix for p in tmp_path.rglob("*") if p.is_file()} == {".html", logo.suffix}


def test_plain_weasyprint_on_exported_html_matches_handouts_pdf(tmp_path, sample_build):
    from handouts.publish.html_export import weasyprint_args

    exported = tmp_path / "html"
    assert handouts("build", "--html-only", "--clinic", "harbour-health", "--handout", "aftercare", "--lang", "es",
                    "--out", str(exported)).returncode == 0
    html = exported / "harbour-health" / "aftercare-es-office.html"
    moved = tmp_path / "elsewhere"  # the folder travels: the logo comes along
    html.parent.rename(moved)
    out = tmp_path / "plain.pdf"
    run = subprocess.run([str(WEASYPRINT), *weasyprint_args("office"), str(moved / html.name), str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    ours = sample_build[0].out_dir / "harbour-health" / "aftercare-es-office.pdf"
    assert len(pypdf.PdfReader(out).pages) == len(pypdf.PdfReader(ours).pages)
    assert squash(extracted_text(out)) == squash(extracted_text(ours))
    assert "Failed to load" not in run.stderr  # WeasyPrint's warning when the logo (or a font) is not found
