"""PDF/UA-1 proven by a validator (page-validation), plus the things a screen reader needs: alt text, title, language."""
from __future__ import annotations

import page
import pikepdf
import pytest


def outputs(build):
    return [build.out_dir / entry.path for entry in build.entries]


def assert_pdf_ua(path):
    report = page.validate_pdf(str(path), profile="ua1")
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert report.is_compliant and failures == [], f"{path.name}: {failures}"


def test_every_office_pdf_passes_pdf_ua1(sample_build):
    result, _ = sample_build
    paths = outputs(result)
    assert len(paths) == 12 and all(p.name.endswith("-office.pdf") for p in paths)
    for path in paths:
        assert_pdf_ua(path)


def test_every_large_print_pdf_passes_pdf_ua1(large_print_build):
    paths = outputs(large_print_build)
    assert len(paths) == 12 and all(p.name.endswith("-large-print.pdf") for p in paths)
    for path in paths:
        assert_pdf_ua(path)


def test_validator_is_not_a_rubber_stamp(sample_build, tmp_path):
    """The same file with its language and tagging removed must fail: the check above can fail."""
    result, _ = sample_build
    broken = tmp_path / "untagged.pdf"
    with pikepdf.open(outputs(result)[0]) as pdf:
        del pdf.Root.Lang
        del pdf.Root.MarkInfo
        pdf.save(broken)
    assert not page.validate_pdf(str(broken), profile="ua1").is_compliant


def _figures(node, found):
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _figures(kid, found)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        if "/K" in node:
            _figures(node.K, found)
    return found


@pytest.mark.parametrize("variant_build", ["sample_build", "large_print_build"])
def test_title_language_and_alt_text(request, variant_build):
    build = request.getfixturevalue(variant_build)
    build = build[0] if isinstance(build, tuple) else build
    for entry in build.entries:
        with pikepdf.open(build.out_dir / entry.path) as pdf:
            assert str(pdf.Root.Lang) == entry.lang
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert "|" in str(pdf.docinfo.Title) and str(pdf.docinfo.Title).strip() != "|"
            alts = _figures(pdf.Root.StructTreeRoot.K, [])
            website = {"example-clinic": "https://example-clinic.example",
                       "harbour-health": "https://harbour-health.example"}[entry.clinic]
            assert any(a.endswith(" logo") for a in alts), alts  # the clinics' own logo_alt
            qr = {"en": "QR code: link to our website", "es": "Código QR: enlace a nuestro sitio web"}
            assert f"{qr[entry.lang]}: {website}" in alts, alts
            assert all(alts), alts  # no figure without alt text
