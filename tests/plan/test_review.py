"""Review records: every page carries document id, version and review date; expired or missing -> DRAFT."""
from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest

from handouts import api
from handouts.plan import review
from handouts.plan.jobs import Job
from handouts.typeset import render_pdf
from tests.helpers.pdfs import squash


def pages_text(data: bytes) -> list[str]:
    return [squash(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_every_page_prints_doc_id_version_and_review_date(sample_build):
    result, _ = sample_build
    for entry in result.entries:
        if entry.lang != "en":
            continue  # Spanish footers are checked in test_spanish.py; its unreviewed translation is a DRAFT
        pages = pages_text((result.out_dir / entry.path).read_bytes())
        for text in pages:
            assert "Version 1.1" in text and ("Reviewed Dec 4, 2026" in text or "Reviewed 4 Dec 2026" in text), entry.path
            assert "KT-" in text and "DRAFT" not in text


@pytest.mark.parametrize("variant", ["office", "large-print"])
def test_expired_review_puts_draft_on_every_page(monkeypatch, variant):
    monkeypatch.setenv("HANDOUTS_TODAY", "2027-12-05")  # the day after the sample's next_review
    inputs = api.load_inputs(clinics=["example-clinic"])
    job = Job(inputs.clinics[0], inputs.content, "aftercare", "en", variant)
    assert review.draft_reasons(job) == ["its review expired on 2027-12-04"]
    pages = pages_text(render_pdf(job))
    assert len(pages) >= 2
    for text in pages:
        assert "DRAFT: Not for patients" in text
    assert "its review expired on 2027-12-04" in pages[0]


def test_review_due_today_is_still_current(monkeypatch):
    monkeypatch.setenv("HANDOUTS_TODAY", "2027-12-04")
    inputs = api.load_inputs(clinics=["example-clinic"])
    assert review.draft_reasons(Job(inputs.clinics[0], inputs.content, "aftercare")) == []


def test_unreviewed_handout_is_a_draft_and_check_warns(project_copy):
    path = project_copy / "content.yaml"
    text = path.read_text()
    path.write_text(text.replace("      reviewed_on: 2026-12-04\n", "", 1))
    inputs = api.load_inputs()
    handout = inputs.content.model.handouts["pre-consultation"]
    assert review.review_reasons(handout, dt.date(2027, 1, 1)) == ["this handout has not been reviewed"]
    from click.testing import CliRunner

    from handouts.cli import cli

    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0  # a warning, not a failure
    warnings = [l for l in result.output.splitlines() if l.startswith("warning:") and "content.yaml:" in l]
    assert len(warnings) == 1 and "pre-consultation" in warnings[0] and "not been reviewed" in warnings[0]


def test_bad_today_is_a_user_error(monkeypatch):
    from handouts.errors import HandoutsError

    monkeypatch.setenv("HANDOUTS_TODAY", "next tuesday")
    with pytest.raises(HandoutsError, match="HANDOUTS_TODAY"):
        review.today()
