"""Safety facts a medical director needs, read back from the built PDFs: crisis numbers on every handout,
the disclosure checklist, warning signs from the content (clinic may add or replace), no clock arithmetic."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pikepdf
import pytest

from handouts import api
from handouts.plan.jobs import Job
from handouts.render import timeline
from handouts.resolve.timeline import timeline as resolve_timeline
from handouts.typeset import render_pdf
from tests.helpers.pdfs import extracted_text, squash
from tests.helpers.project import ROOT

PLAIN = ROOT / "tests" / "fixtures" / "published-schema" / "clinics" / "plain-clinic"
# Clinic -> emergency number, crisis line, crisis line name per language, the crisis line's verb per language.
NUMBERS = {
    "example-clinic": ("911", "988", {"en": "988 Suicide & Crisis Lifeline",
                                      "es": "la Línea 988"},
                       {"en": "call or text", "es": "llame o envíe un mensaje de texto a"}),
    "harbour-health": ("999", "116 123", {"en": "Samaritans", "es": "Samaritans"}, {"en": "call", "es": "llame a"}),
}
DISCLOSURE = {
    "en": ["Tell your provider", "psychosis or hallucinations", "mania, or have bipolar disorder",
           "Drink alcohol or use drugs, now or in the past. This includes cannabis and ketamine.",
           "pregnant or breastfeeding, or plan to get pregnant", "high blood pressure", "heart disease",
           "stroke", "aneurysm", "medicines or supplements of any kind",
           "rise in blood pressure and heart rate for a short time", "Ketamine can be misused",
           "only given at the clinic", "off-label use", "Your provider will explain"],
    "es": ["psicosis o alucinaciones", "manía, o tiene trastorno bipolar", "Toma alcohol o usa drogas",
           "Esto incluye el cannabis y la ketamina", "embarazada o dando el pecho", "presión arterial alta",
           "enfermedad del corazón", "derrame cerebral", "aneurisma", "medicamentos o suplementos",
           "presión arterial y el pulso más altos", "se puede usar mal", "solo se da en la clínica",
           "uso fuera de indicación", "Sentir náuseas", "bajo el cuidado de un médico", "Un tratamiento habitual"],
}


def built_text(sample_build, entry) -> str:
    result, _ = sample_build
    return squash(extracted_text(result.out_dir / entry.path))


def test_every_handout_shows_the_emergency_number_and_the_crisis_line(sample_build):
    result, _ = sample_build
    assert len(result.entries) == 12
    for entry in result.entries:
        text = built_text(sample_build, entry)
        number, crisis, names, verbs = NUMBERS[entry.clinic]
        name, verb = names[entry.lang], verbs[entry.lang]
        assert f"{verb} {name}" in text and f"{crisis}" in text and number in text, entry.path
        if entry.handout == "aftercare":
            continue  # the full callout: tests/render/test_emergency.py
        title = {"en": "Help at any time", "es": "Ayuda a cualquier hora"}[entry.lang]
        call = {"en": f"If you are in danger now, or have a plan to harm yourself, call {number}.", "es": f"Si está en peligro ahora, o tiene un plan para hacerse daño, llame al {number}."}[entry.lang]
        assert title in text and call in text, entry.path


def test_crisis_line_that_takes_texts_says_call_or_text(sample_build):
    result, _ = sample_build
    texts = {(e.clinic, e.handout, e.lang): built_text(sample_build, e) for e in result.entries}
    assert "call or text 988 Suicide & Crisis Lifeline at 988" in texts["example-clinic", "aftercare", "en"]
    assert "call Samaritans at 116 123" in texts["harbour-health", "aftercare", "en"]
    assert "call or text" not in texts["harbour-health", "pre-consultation", "en"]
    assert "la Línea 988" in texts["example-clinic", "day-of-infusion", "es"]
    assert "Suicide & Crisis Lifeline" not in texts["example-clinic", "day-of-infusion", "es"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pre_consultation_holds_every_disclosure_item(sample_build, lang):
    result, _ = sample_build
    for entry in result.entries:
        if entry.handout == "pre-consultation" and entry.lang == lang:
            text = built_text(sample_build, entry)
            missing = [item for item in DISCLOSURE[lang] if item not in text]
            assert not missing, (entry.path, missing)


def test_each_handout_has_main_points_and_day_of_infusion_a_timeline(sample_build):
    result, _ = sample_build
    for entry in result.entries:
        text = built_text(sample_build, entry)
        assert {"en": "Main points", "es": "Lo más importante"}[entry.lang] in text, entry.path
        if entry.handout != "day-of-infusion":
            continue
        minutes = {"example-clinic": "30", "harbour-health": "45"}[entry.clinic]
        steps = {"en": ["1. Check in", "2. Infusion 40 to 60 minutes", f"3. Rest while staff watch you {minutes} "
                        "minutes", "4. Ride home with an adult"],
                 "es": ["1. Registro al llegar", "2. Infusión 40 a 60 minutos", f"{minutes} minutos"]}[entry.lang]
        assert all(step in text for step in steps), (entry.path, steps)
        with pikepdf.open(result.out_dir / entry.path) as pdf:
            alts = [str(node.get("/Alt")) for node in _struct(pdf.Root.StructTreeRoot) if node.get("/S") == "/Figure"]
        timeline = [alt for alt in alts if alt.startswith(("Timeline of your visit:", "Línea de tiempo de su visita:"))]
        assert len(timeline) == 1 and f"{minutes} " in timeline[0], alts


def _struct(node):
    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _struct(kid)
    elif isinstance(node, pikepdf.Dictionary):
        yield node
        if "/K" in node:
            yield from _struct(node.K)


# The shared reader tools of the workspace (pdf.js needs node); not part of the repository, so a clone without
# them skips the tests that use them.
TOOLS = ROOT.parent / "shared" / "tools"
needs_tools = pytest.mark.skipif(not (TOOLS / "pdfjs-tree.sh").exists() or not shutil.which("node"),
                                 reason="the shared reader tools (../shared/tools, node) are not here")


@needs_tools
def test_timeline_is_read_by_firefox_as_a_figure_with_alt_text(sample_build):
    result, _ = sample_build
    entry = next(e for e in result.entries if (e.clinic, e.handout, e.lang) == ("example-clinic", "day-of-infusion",
                                                                                "en"))
    out = subprocess.run([str(TOOLS / "pdfjs-tree.sh"), str(result.out_dir / entry.path)], capture_output=True,
                         text=True, timeout=300)
    tree = json.loads(out.stdout.splitlines()[0])
    assert tree["figures_no_alt"] == 0 and tree["figures_alt"] >= 3  # logo, QR code, timeline
    assert "H2: Your visit at a glance" in tree["outline"] and "H2: Main points" in tree["outline"]


@needs_tools
def test_new_boxes_open_cleanly_in_ghostscript_mupdf_and_poppler(sample_build):
    result, _ = sample_build
    paths = [str(result.out_dir / e.path) for e in result.entries if e.clinic == "example-clinic"]
    out = subprocess.run([str(TOOLS / "readers.sh"), *paths], capture_output=True, text=True, timeout=600)
    assert len(paths) == 6 and out.stdout == "" and out.stderr == ""


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """The published-schema clinic in a project copy that tests may change."""
    root = tmp_path_factory.mktemp("plain")
    shutil.copy(ROOT / "content.yaml", root / "content.yaml")
    shutil.copytree(ROOT / "translations", root / "translations")
    shutil.copytree(PLAIN, root / "plain-clinic")
    return root


def render(root, handout, patient=None, **policy) -> str:
    clinic_file = root / "plain-clinic" / "clinic.yaml"
    original = clinic_file.read_text()
    changed = original
    for name, value in policy.items():
        changed = "\n".join(f"  {name}: {value}" if line.startswith(f"  {name}:") else line
                            for line in changed.splitlines())
    clinic_file.write_text(changed)
    try:
        inputs = api.load_inputs(root / "content.yaml", [str(clinic_file)])
    finally:
        clinic_file.write_text(original)
    if patient:
        data = api.personalize(inputs, "plain-clinic", [handout], patient=patient)
    else:
        data = render_pdf(Job(inputs.clinics[0], inputs.content, handout))
    return squash(extracted_text(data).replace("\u202f", " "))  # Babel puts a narrow space before AM


def test_a_clinic_written_to_the_published_schema_builds_with_the_contents_warning_signs(plain):
    text = render(plain, "aftercare")
    assert "Call Plain Schema Clinic at (555) 010-0150 if you have any of these" in text
    assert "These can be signs of mania" in text  # content.yaml's call-clinic list
    assert "Get help right away" in text and "You have chest pain or trouble breathing" in text
    assert "Call 911 now" in text and "call 988 Suicide & Crisis Lifeline at 988" in text


def test_fasting_hours_0_prints_no_fasting_line(plain):
    text = render(plain, "day-of-infusion", fasting_hours=0)
    assert "Do not eat" not in text and "Last food by" not in text and "0 hours" not in text
    assert "Clear liquids until:" in text and "until 2 hours before" in text  # the other lines stay
    unset = render(plain, "day-of-infusion", alcohol_free_hours="null")
    assert "alcohol for" not in unset and "No alcohol after" not in unset and "Do not eat for 6 hours" in unset
    assert "alcohol for" not in render(plain, "aftercare", alcohol_free_hours=0)


def test_personalized_day_of_infusion_prints_clock_times(plain):
    patient = {"appointment": "2026-12-03 09:30"}
    text = render(plain, "day-of-infusion", patient=patient)
    assert "Last food by: 3:30 AM" in text and "Clear liquids until: 7:30 AM" in text
    assert "No alcohol after: Wed, Dec 2, 9:30 AM" in text  # the day before: with its date
    blank = render(plain, "day-of-infusion")
    assert "Last food by:" in blank and "3:30" not in blank  # a write-in line for staff


CHANGED_SIGNS = """\
  call_clinic_if:
    add:
      - "You miss a dose of your usual medicine."
  call_emergency_if:
    replace:
      - "You cannot wake up fully."
"""


def test_clinic_may_add_to_or_replace_the_warning_signs(plain):
    clinic_file = plain / "plain-clinic" / "clinic.yaml"
    original = clinic_file.read_text()
    try:
        clinic_file.write_text(original.replace("  bring:\n", CHANGED_SIGNS + "  bring:\n"))
        text = render(plain, "aftercare")
    finally:
        clinic_file.write_text(original)
    assert "These can be signs of mania" in text and "You miss a dose of your usual medicine" in text
    assert text.index("signs of mania") < text.index("You miss a dose")  # added after the content's own
    assert "You cannot wake up fully" in text and "chest pain" not in text  # replaced


def test_a_translation_that_loses_the_emergency_number_is_refused(project_copy):
    es = project_copy / "translations" / "es.yaml"
    text = es.read_text(encoding="utf-8")
    es.write_text(text.replace('help_emergency: "Si está en peligro ahora, o tiene un plan para hacerse daño, llame al {number}."',
                               'help_emergency: "En una emergencia, llame."'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "handouts", "check"], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "HANDOUTS_PROJECT": str(project_copy)})
    line = text[:text.index("  help_emergency:")].count("\n") + 1
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"es.yaml:{line}:19: ui.help_emergency: must contain {{number}} once each" in result.stderr


def test_timeline_runs_right_to_left_in_arabic():
    """The boxes follow the reading direction: step 1 (the tick) is the rightmost box in Arabic."""
    fixture = ROOT / "tests" / "fixtures" / "scripts"
    inputs = api.load_inputs(fixture / "content.yaml", [str(fixture / "clinics" / "script-clinic")])
    offsets = {}
    for lang, rtl in (("en", False), ("ar", True)):
        art = str(timeline.svg(resolve_timeline(Job(inputs.clinics[0], inputs.content, "aftercare", lang)), rtl))
        offsets[lang] = [float(x) for x in re.findall(r'<g transform="translate\(([0-9.]+) ', art)]
    assert offsets["en"] == sorted(offsets["en"]) and offsets["ar"] == sorted(offsets["ar"], reverse=True)
    assert "الجدول الزمني لزيارتك" in resolve_timeline(Job(inputs.clinics[0], inputs.content, "aftercare", "ar")).alt
