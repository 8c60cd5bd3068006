"""Every handout in Spanish for both sample clinics: Spanish facts, clinic values in Spanish, /Lang es, DRAFT."""
from __future__ import annotations

import subprocess
import sys

import pikepdf
import pytest

from tests.helpers.pdfs import extracted_text, squash
from tests.helpers.project import ROOT

CLINICS = ("example-clinic", "harbour-health")
KEY_FACTS = {
    "pre-consultation": ["no es la primera opción", "esketamina", "glutamato", "red neuronal por defecto",
                         "6 a 8 sesiones", "2 a 4 semanas", "TEPT", "TOC", "bipolar", "Mis notas y preguntas"],
    "day-of-infusion": ["40 a 60 minutos", "IV", "fuera de su cuerpo", "disociación", "Qué traer"],
    "aftercare": ["náuseas", "mareo", "vejiga", "Busque ayuda de inmediato", "sesiones de mantenimiento"],
}
CLINIC_VALUES = {
    "example-clinic": {"day-of-infusion": ["(555) 010-0142", "6 horas", "30 minutos", "hasta el día siguiente, después de dormir toda la noche",
                                           "Su identificación con foto", "presión arterial"],
                       "aftercare": ["911", "988", "(555) 010-0199", "Siente dolor al orinar"]},
    "harbour-health": {"day-of-infusion": ["01632 960 418", "4 horas", "45 minutos", "durante 24 horas, y hasta después de dormir toda la noche",
                                           "La carta de su cita"],
                       "aftercare": ["999", "116 123", "01632 960 977", "Siente dolor al orinar", "señales de manía"]},
}


def spanish(sample_build, clinic, handout):
    result, _ = sample_build
    entry = next(e for e in result.entries if (e.clinic, e.handout, e.lang) == (clinic, handout, "es"))
    assert entry.path == f"{clinic}/{handout}-es-office.pdf"
    return result.out_dir / entry.path


@pytest.mark.parametrize("clinic", CLINICS)
@pytest.mark.parametrize("handout", sorted(KEY_FACTS))
def test_spanish_handout_has_every_fact_and_clinic_value(sample_build, clinic, handout):
    path = spanish(sample_build, clinic, handout)
    text = squash(extracted_text(path))
    for fact in KEY_FACTS[handout] + CLINIC_VALUES[clinic].get(handout, []):
        assert fact in text, fact
    # The page furniture is Spanish too: no English UI words, a Spanish release date.
    assert "Página 1 de" in text and "Teléfono" in text and "Versión 1.1 Revisado 4 dic 2026" in text
    for english in ("Page 1", "Phone", "After hours", "Sample clinic", "Version"):
        assert english not in text, english
    # Machine-written and unreviewed: every Spanish PDF says it is a draft.
    assert "BORRADOR" in text and "No es para pacientes" in text
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "es"


def test_english_pdfs_have_no_draft_mark(sample_build):
    result, _ = sample_build
    for entry in result.entries:
        if entry.lang == "en":
            text = extracted_text(result.out_dir / entry.path)
            assert "DRAFT" not in text and "BORRADOR" not in text


def test_spanish_renders_without_warnings(sample_build):
    _, records = sample_build
    assert not [r.getMessage() for r in records]


def test_build_lang_selects_and_names_outputs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "handouts", "build", "--clinic", "example-clinic", "--handout",
                             "aftercare", "--lang", "es", "--out", str(tmp_path)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "example-clinic").glob("*.pdf")] == ["aftercare-es-office.pdf"]
    assert '"lang": "es"' in (tmp_path / "manifest.json").read_text()
    bad = subprocess.run([sys.executable, "-m", "handouts", "build", "--lang", "fr", "--out", str(tmp_path / "x")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1 and "prints language 'fr'" in bad.stderr and not (tmp_path / "x").exists()
