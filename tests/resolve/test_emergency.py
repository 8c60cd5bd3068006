"""The aftercare handout always carries the clinic's emergency and crisis numbers; content cannot remove them."""
from __future__ import annotations

import re

import yaml

from handouts import api
from handouts.plan.jobs import Job
from handouts.typeset import render_pdf
from tests.helpers.pdfs import extracted_text, squash

NUMBERS = {"example-clinic": ("911", "988", "call or text 988 Suicide & Crisis Lifeline"),
           "harbour-health": ("999", "116 123", "call Samaritans")}


def test_aftercare_shows_each_clinics_emergency_and_crisis_numbers(sample_build):
    result, _ = sample_build
    for entry in result.entries:
        if entry.lang != "en":
            continue  # the Spanish callout is checked in test_spanish_emergency_callout
        text = squash(extracted_text(result.out_dir / entry.path))
        number, crisis, name = NUMBERS[entry.clinic]
        if entry.handout == "aftercare":
            assert "Get help right away" in text
            assert f"Call {number} now" in text and f"{name} at {crisis}" in text
            assert "chest pain" in text  # the clinic's own warning signs
        else:
            assert "Get help right away" not in text and f"If you are in danger now, or have a plan to harm yourself, call {number}." in text


def test_spanish_emergency_callout(sample_build):
    result, _ = sample_build
    spanish = [e for e in result.entries if e.lang == "es" and e.handout == "aftercare"]
    assert len(spanish) == 2
    for entry in spanish:
        text = squash(extracted_text(result.out_dir / entry.path))
        number, crisis, _ = NUMBERS[entry.clinic]
        assert number in text and crisis in text and "Get help right away" not in text


def test_content_cannot_remove_the_emergency_callout(project_copy):
    path = project_copy / "content.yaml"
    data = yaml.safe_load(path.read_text())
    text = path.read_text()
    # Keep only the first block of aftercare: every callout, heading and list of it is gone.
    start = text.index("  aftercare:")
    blocks_at = text.index("    blocks:", start)
    first_end = text.index("\n      - id:", text.index("      - id:", blocks_at) + 1)
    path.write_text(text[:first_end] + "\n")
    inputs = api.load_inputs()
    assert len(inputs.content.model.handouts["aftercare"].blocks) == 1 < len(data["handouts"]["aftercare"]["blocks"])
    clinic_file = project_copy / "clinics" / "harbour-health" / "clinic.yaml"
    clinic_file.write_text(clinic_file.read_text().replace('crisis_line_name: "Samaritans"', "")
                           .replace('number: "999"', 'number: "112"'))
    inputs = api.load_inputs()
    for clinic in inputs.clinics:
        text = squash(extracted_text(render_pdf(Job(clinic, inputs.content, "aftercare"))))
        assert "Get help right away" in text
        if clinic.slug == "harbour-health":
            assert "Call 112 now" in text and "call the crisis line at 116 123" in text
        else:
            assert "Call 911 now" in text and "988 Suicide & Crisis Lifeline at 988" in text
        assert re.search(r"Call .* at .* if you have any of these", text) is None  # the removed clinic callout


def test_emergency_callout_is_not_in_content_yaml():
    """It must come from the template: content.yaml has no emergency callout to edit away."""
    inputs = api.load_inputs()
    for handout in inputs.content.model.handouts.values():
        assert not any(getattr(b, "level", None) == "emergency" for b in handout.blocks)
