"""Press file names and the variants table, as other stages read them: called directly, no PDF rendered."""
from __future__ import annotations

import dataclasses

import pytest

from handouts.plan import names, variants
from handouts.plan.variants import VARIANTS


def test_press_names_carry_clinic_document_id_and_version():
    assert names.doc_id("pre-consultation", "en") == "KT-PC-EN"
    assert names.doc_id("day-of-infusion", "es") == "KT-DOI-ES"
    assert names.press_name("St. Mary's / East", "aftercare", "es", "1.2 beta") == "St.-Mary-s-East_KT-A-ES_v1.2-beta.pdf"
    assert names.packet_name("harbour health", "en", "3") == "harbour-health_KT-PACKET-EN_v3.pdf"
    assert names.booklet_name("harbour", "es", "3") == "harbour_KT-BOOKLET-ES_v3.pdf"


def test_a_press_name_may_be_as_long_as_job_tickets_show():
    assert names.MAX_NAME == 48


def test_office_and_large_print_are_tagged_pdf_ua_with_an_identifier():
    for name in ("office", "large-print"):
        assert VARIANTS[name].pdf_options == {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": True}
        assert not VARIANTS[name].cmyk and VARIANTS[name].bleed_for("a4") == 0.0


def test_print_is_pdf_x4_in_cmyk_with_the_bleed_of_its_paper():
    press = variants.get("print")
    assert press.pdf_options == {"pdf_variant": "pdf/x-4", "pdf_identifier": True}
    assert press.cmyk is True and press.marks == "crop"
    assert (press.bleed_for("a4"), press.bleed_for("letter"), press.bleed_for("a5")) == (3.0, 3.175, 0.0)


def test_only_the_web_and_epub_variants_are_made_from_the_web_page():
    assert [name for name in variants.names() if variants.get(name).is_web] == ["web", "epub"]
    assert variants.names() == ("office", "large-print", "print", "web", "epub")
    assert variants.Variant("x", "", "").cmyk is False


def test_a_variant_is_a_fixed_row():
    with pytest.raises(dataclasses.FrozenInstanceError):
        VARIANTS["office"].cmyk = True  # type: ignore[misc]
