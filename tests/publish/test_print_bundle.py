"""The print-shop bundle: real PDF/X-4 files inspected with pikepdf, packets, manifests, zip, preflight."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile

import pikepdf
import pypdf
import pytest

from handouts.plan import names
from tests.helpers.pdfs import squash
from tests.helpers.readers import all_complaints

BLEED_PT = {"a4": 8.504, "letter": 9.0}  # 3 mm; 0.125 in


@pytest.fixture(scope="session")
def bundle(tmp_path_factory):
    from handouts import api

    folder = tmp_path_factory.mktemp("bundle") / "press"
    return api.bundle(api.load_inputs(), folder, langs=["en"])  # the Spanish is an unreviewed draft


def pdfs(bundle):
    return [bundle.folder / r["file"] for r in bundle.records]


def content_operators(pdf):
    """Every operator of every page, including nested form XObjects (logo, marks)."""
    ops, seen = [], set()

    def walk(owner, resources):
        for _, operator in pikepdf.parse_content_stream(owner):
            ops.append(str(operator))
        for _, xobject in resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                walk(xobject, xobject.get("/Resources", resources))

    for page in pdf.pages:
        walk(page, page.obj.get("/Resources", pikepdf.Dictionary()))
    return ops


def test_pdfx4_in_xmp_and_cmyk_output_intent(bundle):
    for path in pdfs(bundle):
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            assert meta.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4", path.name
            intent = pdf.Root.OutputIntents[0]
            assert intent.S == "/GTS_PDFX"
            assert int(intent.DestOutputProfile.N) == 4
            assert "CMYK" in str(intent.OutputConditionIdentifier)


@pytest.mark.parametrize("field", ["trim", "bleed"])
def test_trim_inside_bleed_by_exactly_the_bleed(bundle, field):
    for record in bundle.records:
        with pikepdf.open(bundle.folder / record["file"]) as pdf:
            for page in pdf.pages:
                trim = [float(v) for v in page.obj.TrimBox]
                bleed = [float(v) for v in page.obj.BleedBox]
                margins = (trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
                assert margins == pytest.approx([BLEED_PT[record["trim"]]] * 4, abs=0.01), record["file"]
                size = (trim[2] - trim[0], trim[3] - trim[1])
                assert size == pytest.approx((612, 792) if record["trim"] == "letter" else (595.28, 841.89), abs=0.1)


def test_every_font_embedded(bundle):
    for path in pdfs(bundle):
        with pikepdf.open(path) as pdf:
            fonts = [f for p in pdf.pages for _, f in p.resources.get("/Font", {}).items()]
            assert fonts
            for font in fonts:
                descriptor = font.get("/DescendantFonts", [font])[0].get("/FontDescriptor")
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")


def test_no_rgb_operators_in_print_files_but_in_office_files(bundle, sample_build):
    for path in pdfs(bundle):
        with pikepdf.open(path) as pdf:
            ops = content_operators(pdf)
            assert not {"rg", "RG"} & set(ops), path.name
            assert "scn" in ops or "k" in ops  # colour is set, in CMYK
    office = sample_build[0].out_dir / sample_build[0].entries[0].path
    with pikepdf.open(office) as pdf:  # the check can fail: office PDFs are RGB
        assert {"rg", "RG"} & set(content_operators(pdf))


def test_manifest_json_and_csv_match_the_files(bundle):
    data = json.loads((bundle.folder / "manifest.json").read_text())["outputs"]
    rows = list(csv.DictReader(io.StringIO((bundle.folder / "manifest.csv").read_text())))
    assert len(data) == len(rows) == 8  # 2 clinics x 3 handouts + 2 packets
    for item, row in zip(data, rows):
        blob = (bundle.folder / item["file"]).read_bytes()
        assert item["sha256"] == row["sha256"] == hashlib.sha256(blob).hexdigest()
        assert item["bytes"] == len(blob) and item["pages"] == len(pypdf.PdfReader(io.BytesIO(blob)).pages)
        assert item["standard"] == "PDF/X-4" and item["variant"] == "print" and item["version"] == "1.1"
        assert re.fullmatch(r"[a-z0-9-]+_KT-[A-Z]+-EN_v1\.1\.pdf", item["file"]), item["file"]
        assert item["file"].startswith(item["clinic"] + "_") and len(item["file"]) <= names.MAX_NAME
    assert "cache_key" not in data[0]


def test_packet_starts_each_handout_on_a_right_hand_page(bundle):
    for clinic in ("example-clinic", "harbour-health"):
        parts = [r for r in bundle.records if r["clinic"] == clinic and not r["handout"].startswith("packet")]
        packet = next(r for r in bundle.records if r["clinic"] == clinic and r["handout"].startswith("packet"))
        reader = pypdf.PdfReader(bundle.folder / packet["file"])
        assert len(reader.pages) % 2 == 0
        start = 1
        for part in parts:
            assert start % 2 == 1
            first_page = squash(reader.pages[start - 1].extract_text())
            title = squash(pypdf.PdfReader(bundle.folder / part["file"]).pages[0].extract_text())[:60]
            assert first_page.startswith(title)
            start += part["pages"] + part["pages"] % 2
        assert start - 1 == len(reader.pages)
        with pikepdf.open(bundle.folder / packet["file"]) as pdf:
            assert "/TrimBox" in pdf.pages[3].obj and pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"


def test_zip_holds_the_folder_with_fixed_dates(bundle):
    with zipfile.ZipFile(bundle.zip_path) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        expected = {f"press/{r['file']}" for r in bundle.records} | {"press/manifest.json", "press/manifest.csv",
                                                                     "press/JOB-SHEET.txt", "press/JOB.xjdf"}
        assert set(names) == expected
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for name in names:
            assert archive.read(name) == (bundle.folder / name.split("/", 1)[1]).read_bytes()
    sheet = (bundle.folder / "JOB-SHEET.txt").read_text()
    assert "PDF/X-4" in sheet and "right-hand" in sheet and "A4" in sheet


def test_second_bundle_is_byte_identical(bundle, tmp_path):
    from handouts import api

    again = api.bundle(api.load_inputs(), tmp_path / "press", langs=["en"], force=True)
    assert len(again.outcome.rendered) == 6
    for record in bundle.records:
        assert (tmp_path / "press" / record["file"]).read_bytes() == (bundle.folder / record["file"]).read_bytes()
    assert again.zip_path.read_bytes() == bundle.zip_path.read_bytes()


def test_preflight_command(bundle, sample_build):
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "handouts", "preflight", *map(str, pdfs(bundle)[:2])],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "PDF/X-4" in ok.stdout and "OK" in ok.stdout
    office = sample_build[0].out_dir / sample_build[0].entries[0].path
    bad = subprocess.run([sys.executable, "-m", "handouts", "preflight", str(office)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "not PDF/X" in bad.stdout and "RGB colour operator" in bad.stdout and "Traceback" not in bad.stderr


def test_bundle_refuses_drafts(monkeypatch, tmp_path):
    from handouts import api
    from handouts.plan import review
    from handouts.publish.bundle import BundleRefused

    monkeypatch.setattr(review, "draft_reasons", lambda job: ["content review overdue"])
    with pytest.raises(BundleRefused, match="content review overdue"):
        api.bundle(api.load_inputs(clinics=["harbour-health"]), tmp_path / "b", handouts=["aftercare"])
    assert not (tmp_path / "b").exists()


def test_file_names_carry_the_footer_document_id_whole(bundle):
    """`<clinic>_<document id>_v<version>.pdf`, the id being the one the footer prints; never cut."""
    name = names.press_name("north-west-regional-ketamine-service", "day-of-infusion", "en", "12.3")
    assert name == "north-west-regional-ketamine-service_KT-DOI-EN_v12.3.pdf"
    for record in bundle.records:
        if record["handout"].startswith("packet"):
            assert record["file"] == f"{record['clinic']}_KT-PACKET-EN_v1.1.pdf"
            continue
        doc_id = record["file"].split("_")[1]
        footer = squash(pypdf.PdfReader(bundle.folder / record["file"]).pages[0].extract_text())
        assert f"{doc_id} · Version {record['version']}" in footer, (doc_id, footer[-200:])


def test_every_page_of_every_file_opens_cleanly_in_three_readers(bundle):
    """Ghostscript, MuPDF and Poppler render every page of every file with nothing on stderr; the packets
    included (their blank pages were empty Flate streams that Ghostscript and MuPDF called damaged)."""
    assert all_complaints(pdfs(bundle)) == []


def test_packets_are_pdf_16_with_the_pdfx_version_in_info_and_xmp(bundle):
    for path in pdfs(bundle):
        assert path.read_bytes()[:8] == b"%PDF-1.6", path.name
        with pikepdf.open(path) as pdf:
            assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4" == pdf.open_metadata()["pdfxid:GTS_PDFXVersion"]
            assert pdf.docinfo["/Trapped"] == pikepdf.Name("/False")
            for font in (f for page in pdf.pages for _, f in page.resources.Font.items()):
                assert not str(font.BaseFont).endswith(","), font.BaseFont  # Pango's "Source Sans 3," comma


def test_job_sheet_names_the_profiles_condition_marks_bleed_and_pages(bundle):
    sheet = (bundle.folder / "JOB-SHEET.txt").read_text()
    assert '"Artifex CMYK SWOP Profile"' in sheet and "Paper: coated" in sheet and "uncoated" not in sheet
    assert "crop marks in registration colour" in sheet and "outside the bleed" in sheet
    for record in bundle.records:
        row = next(line for line in sheet.splitlines() if line.startswith(record["file"] + " "))
        assert row.split()[-1] == str(record["pages"])
        assert f"{record['bleed_mm']:.1f}mm" in row
        assert ("Letter 8.5 x 11 in" if record["trim"] == "letter" else "A4 210 x 297 mm") in row
