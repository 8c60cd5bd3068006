"""The medical director's sign-off: a clinic without a current approval prints DRAFT and bundle refuses it;
a current one prints the approver on the last page."""
from __future__ import annotations

import io
import re
import subprocess
import sys

import pypdf
import pytest

from handouts import api
from handouts.plan import review
from handouts.plan.jobs import Job
from handouts.publish.bundle import BundleRefused
from handouts.typeset import render_pdf
from tests.helpers.pdfs import squash


def _edit_clinic(project, slug: str, pattern: str, replacement: str) -> None:
    path = project / "clinics" / slug / "clinic.yaml"
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), flags=re.M)
    assert count, pattern
    path.write_text(text, encoding="utf-8")


def _no_approval(project) -> None:
    _edit_clinic(project, "harbour-health", r"^approval:\n(  .*\n)+", "")


def test_sample_clinics_carry_a_current_sample_approval():
    inputs = api.load_inputs()
    for clinic in inputs.clinics:
        assert clinic.model.approval is not None and clinic.model.approval.sample
        assert review.approval_reasons(clinic.model, inputs.content.model) == [], clinic.slug


@pytest.mark.parametrize(("change", "reason"), [
    (_no_approval, "no medical director has approved these handouts for this clinic"),
    (lambda p: _edit_clinic(p, "harbour-health", r'content_version: "1\.1"', 'content_version: "1.0"'),
     "the clinic's approval is for content version 1.0"),
    (lambda p: _edit_clinic(p, "harbour-health", r"observation_minutes: 45", "observation_minutes: 20"),
     "the clinic's values changed after its approval"),
])
def test_a_clinic_without_a_current_approval_is_a_draft(project_copy, change, reason):
    change(project_copy)
    inputs = api.load_inputs(project_copy / "content.yaml", ["harbour-health"])
    job = Job(inputs.clinics[0], inputs.content, "aftercare", "en")
    assert review.draft_reasons(job) == [reason]
    with pytest.raises(BundleRefused, match=re.escape(reason)):
        api.bundle(inputs, project_copy / "bundle", handouts=["aftercare"])


def test_check_prints_the_values_hash_to_approve(project_copy):
    _edit_clinic(project_copy, "harbour-health", r"observation_minutes: 45", "observation_minutes: 20")
    inputs = api.load_inputs(project_copy / "content.yaml", ["harbour-health"])
    now = review.values_hash(inputs.clinics[0].model)
    run = subprocess.run([sys.executable, "-m", "handouts", "check", "--clinic", "harbour-health"],
                         cwd=project_copy, capture_output=True, text=True)
    assert run.returncode == 0 and f"values hash {now}" in run.stdout + run.stderr


def test_unapproved_pdf_says_draft_and_names_no_approver(project_copy):
    _no_approval(project_copy)
    inputs = api.load_inputs(project_copy / "content.yaml", ["harbour-health"])
    data = render_pdf(Job(inputs.clinics[0], inputs.content, "aftercare", "en"))
    pages = [squash(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    assert all("DRAFT" in text for text in pages)
    assert "Approved for" not in pages[-1] and "Content reviewed by" in pages[-1]


def test_fasting_below_the_asa_guidance_is_a_warning_until_the_director_approves_it(project_copy):
    """harbour-health fasts 4 hours: with its (sample) approval current, that is the director's decision; once its
    values change, the approval no longer covers them and the warning names the guidance."""
    from handouts.checks import fasting

    assert fasting.fasting_below_guidance(api.load_inputs()) == []
    clinic = project_copy / "clinics" / "harbour-health" / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("clear_liquids_until_hours: 2", "clear_liquids_until_hours: 3"))
    inputs = api.load_inputs(project_copy / "content.yaml",
                             [str(project_copy / "clinics" / s) for s in ("example-clinic", "harbour-health")])
    lines = [str(p) for p in fasting.fasting_below_guidance(inputs)]
    assert len(lines) == 1 and "harbour-health" in lines[0] and "policy.fasting_hours" in lines[0]
    assert "ASA preoperative fasting guidance" in lines[0]
