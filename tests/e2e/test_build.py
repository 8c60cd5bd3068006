"""The walking skeleton end to end: real PDFs from the sample content and clinics, inspected with pikepdf/pypdf."""
from __future__ import annotations

import hashlib
import json

import pikepdf
import pytest

from tests.helpers.pdfs import extracted_text, squash

LETTER = (612.0, 792.0)
A4 = (595.28, 841.89)
PAPER = {"example-clinic": LETTER, "harbour-health": A4}

KEY_FACTS = {
    "pre-consultation": ["not a first", "esketamine", "glutamate", "default mode network", "6 to 8", "2 to 4 weeks",
                         "PTSD", "OCD", "bipolar"],
    "day-of-infusion": ["40 to 60 minutes", "IV", "outside their body", "dissociation"],
    "aftercare": ["nausea", "dizz", "bladder", "911"],
}


def entries(sample_build, lang="en"):
    result, _ = sample_build
    return result.out_dir, {(e.clinic, e.handout): e for e in result.entries if e.lang == lang}


def test_every_clinic_gets_every_handout(sample_build):
    out, by_key = entries(sample_build)
    assert set(by_key) == {(c, h) for c in PAPER for h in KEY_FACTS}
    assert set(entries(sample_build, "es")[1]) == set(by_key)  # both sample clinics print en and es
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["outputs"]) == 12
    assert {item["lang"] for item in manifest["outputs"]} == {"en", "es"}
    for item in manifest["outputs"]:
        data = (out / item["path"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest()
        assert item["bytes"] == len(data)
        assert set(item) == {"clinic", "handout", "lang", "variant", "path", "pages", "bytes", "sha256",
                             "reading_level"}


@pytest.mark.parametrize("clinic", sorted(PAPER))
def test_page_size_follows_clinic_paper(sample_build, clinic):
    out, by_key = entries(sample_build)
    for handout in KEY_FACTS:
        with pikepdf.open(out / by_key[(clinic, handout)].path) as pdf:
            for page in pdf.pages:
                box = [float(v) for v in page.mediabox]
                assert (round(box[2] - box[0], 1), round(box[3] - box[1], 1)) == pytest.approx(PAPER[clinic], abs=0.2)
            assert by_key[(clinic, handout)].pages == len(pdf.pages) >= 1


@pytest.mark.parametrize("handout", sorted(KEY_FACTS))
def test_key_facts_and_clinic_values_in_text(sample_build, handout):
    out, by_key = entries(sample_build)
    text = squash(extracted_text(out / by_key[("example-clinic", handout)].path))
    for fact in KEY_FACTS[handout]:
        assert fact in text, fact
    assert "Example Ketamine Clinic" in text
    assert "(555) 010-0142" in text


def test_policy_numbers_come_from_each_clinic(sample_build):
    out, by_key = entries(sample_build)
    us = squash(extracted_text(out / by_key[("example-clinic", "day-of-infusion")].path))
    uk = squash(extracted_text(out / by_key[("harbour-health", "day-of-infusion")].path))
    assert "6 hours" in us and "30 minutes" in us
    assert "4 hours" in uk and "45 minutes" in uk
    uk_after = squash(extracted_text(out / by_key[("harbour-health", "aftercare")].path))
    assert "999" in uk_after and "116 123" in uk_after and "911" not in uk_after


def test_fonts_embedded_and_no_missing_glyphs(sample_build):
    out, by_key = entries(sample_build)
    _result, records = sample_build
    assert not [r.getMessage() for r in records], "WeasyPrint warned while rendering"
    for entry in by_key.values():
        with pikepdf.open(out / entry.path) as pdf:
            for page in pdf.pages:
                for _, font in page.resources.get("/Font", {}).items():
                    descendant = font.get("/DescendantFonts", [font])[0]
                    descriptor = descendant.get("/FontDescriptor")
                    assert descriptor is not None
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")


def test_brand_fonts_differ_per_clinic(sample_build):
    out, by_key = entries(sample_build)

    def fonts(clinic):
        with pikepdf.open(out / by_key[(clinic, "aftercare")].path) as pdf:
            return {str(f.get("/BaseFont")) for p in pdf.pages for _, f in p.resources.get("/Font", {}).items()}

    assert any("Atkinson" in f for f in fonts("example-clinic"))
    assert any("Source-Sans-3" in f for f in fonts("harbour-health"))


def test_tagged_with_title_and_language(sample_build):
    out, by_key = entries(sample_build)
    for entry in by_key.values():
        with pikepdf.open(out / entry.path) as pdf:
            assert "/StructTreeRoot" in pdf.Root
            assert str(pdf.Root.Lang) == "en"
            assert pdf.Root.MarkInfo.Marked
            assert "Ketamine" in str(pdf.docinfo["/Title"]) or str(pdf.docinfo["/Title"])
            assert str(pdf.Root.ViewerPreferences.get("/DisplayDocTitle", True))


def test_two_builds_are_byte_identical(sample_build, tmp_path):
    from handouts import api

    out, _by_key = entries(sample_build)
    again = api.build(api.load_inputs(clinics=["example-clinic"]), tmp_path)
    for entry in again.entries:
        assert (tmp_path / entry.path).read_bytes() == (out / entry.path).read_bytes(), entry.path
