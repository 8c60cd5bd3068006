"""What a print shop's prepress checks in a delivery, on real bundles: booklet bleed on the sheet (rendered),
one program per font subset name across every file, drafts marked wherever a shop looks, honest output
conditions, black overprint, no annotations, one profile stream, the XJDF ticket."""
from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pikepdf
import pytest
from PIL import Image

from handouts import api
from handouts.errors import HandoutsError
from handouts.press import conditions, icc, pdfx
from handouts.publish import preflight, xjdf
from tests.helpers.readers import all_complaints

GS_ICC = "/usr/share/color/icc/ghostscript"
DPI = 150


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """Both sample clinics in English with booklets (the Spanish is an unreviewed draft)."""
    return api.bundle(api.load_inputs(), tmp_path_factory.mktemp("release") / "press", langs=["en"], booklet=True)


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    """One clinic in Spanish, a draft delivery allowed for proofing."""
    return api.bundle(api.load_inputs(clinics=["harbour-health"]), tmp_path_factory.mktemp("draft") / "press",
                      langs=["es"], booklet=True, allow_draft=True)


def files_of(result, kind=None):
    return [result.folder / r["file"] for r in result.records if kind is None or r["handout"].startswith(kind)]


def rendered(path, page: int = 1) -> Image.Image:
    out = path.parent / f"{path.stem}-render"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", "-png", str(path),
                    str(out)], check=True)
    return Image.open(f"{out}.png").convert("RGB")


def test_booklet_bands_reach_the_sheets_bleed(release):
    """The title band of the outer sheet's right page runs past the trim to the sheet's BleedBox."""
    for path in files_of(release, "booklet:"):
        with pikepdf.open(path) as pdf:
            trim, bleed, media = ([float(v) for v in pdf.pages[0].obj[k]] for k in ("/TrimBox", "/BleedBox", "/MediaBox"))
        image, scale = rendered(path), DPI / 72
        inside, in_bleed, beyond = (int(x * scale) for x in (trim[2] - 3, (trim[2] + bleed[2]) / 2, bleed[2] + 2))
        band = [y for y in range(image.height) if sum(image.getpixel((inside, y))) < 300]
        assert len(band) > 50, path.name  # the dark title band at the fore-edge
        middle = band[len(band) // 2]
        assert image.getpixel((in_bleed, middle)) == image.getpixel((inside, middle)), path.name
        assert image.getpixel((beyond, middle)) == (255, 255, 255)  # and stops at the bleed
        assert media[2] > bleed[2]


def test_preflight_refuses_placed_pages_that_stop_at_the_trim(release, tmp_path):
    path = files_of(release, "booklet:")[0]
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for _, form in page.Resources.XObject.items():
                form.BBox = pikepdf.Array([0, 0, 612, 792])  # what qpdf's page-as-form gives: the TrimBox
        pdf.save(tmp_path / "clipped.pdf")
    assert preflight.check(path).ok
    report = preflight.check(tmp_path / "clipped.pdf")
    assert not report.ok and any("stops at the trim" in line for line in report.errors)


def programs(paths) -> dict[str, set[str]]:
    """BaseFont (tag+name) -> sha256 of every embedded program it stands for, across all the files."""
    found: dict[str, set[str]] = {}
    for path in paths:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font" or "/BaseFont" not in obj:
                    continue
                descriptor = (obj.DescendantFonts[0] if "/DescendantFonts" in obj else obj).get("/FontDescriptor")
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if descriptor is not None and key in descriptor:
                        digest = hashlib.sha256(bytes(descriptor[key].read_bytes())).hexdigest()
                        found.setdefault(str(obj.BaseFont), set()).add(digest)
    return found


def test_no_subset_name_stands_for_two_programs_in_a_delivery(release, draft):
    found = programs(files_of(release) + files_of(draft))
    assert len(found) > 10  # the subsets of every handout, and the slug's font
    assert {name: len(digests) for name, digests in found.items() if len(digests) > 1} == {}


def test_a_draft_delivery_says_draft_wherever_a_shop_looks(draft):
    sheet = (draft.folder / "JOB-SHEET.txt").read_text()
    assert sheet.splitlines()[0].startswith("DRAFT - PROOF ONLY, NOT FOR PRODUCTION")
    rows = list(csv.DictReader(io.StringIO((draft.folder / "manifest.csv").read_text())))
    assert rows and {row["status"] for row in rows} == {"draft"}
    assert draft.zip_path.name == "press-DRAFT.zip" and zipfile.is_zipfile(draft.zip_path)
    for path in files_of(draft):
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
        pages = text.split("\f")[:-1]
        assert pages and all("DRAFT - PROOF ONLY" in page for page in pages), path.name


def test_a_release_says_nothing_of_drafts(release):
    assert not (release.folder / "JOB-SHEET.txt").read_text().startswith("DRAFT")
    assert {r["status"] for r in release.records} == {"release"} and release.zip_path.name == "press.zip"


def test_titles_are_in_the_deliverys_language(draft):
    singles = {}
    for path in files_of(draft):
        with pikepdf.open(path) as pdf:
            singles[path.name] = pdf.open_metadata()["dc:title"]
            assert str(pdf.docinfo["/Title"]) == singles[path.name]
            assert pdf.docinfo["/Producer"] == pdfx.producer() == pdf.open_metadata()["pdf:Producer"]
    joined = [title for name, title in singles.items() if "PACKET" in name or "BOOKLET" in name]
    parts = [title.split(" | ")[0] for name, title in singles.items() if "PACKET" not in name and "BOOKLET" not in name]
    assert len(joined) == 2 and all(all(part in title for part in parts) for title in joined)
    assert not any("Patient packet" in title for title in joined)


def test_booklet_rows_name_their_sheet(release):
    for record in release.records:
        if record["handout"].startswith("booklet:"):
            assert record["sheets"] == record["pages"] // 2 and record["sheet"].startswith(("SRA3", "12x18"))
        else:
            assert record["sheet"] == record["sheets"] == ""


def test_only_registered_characterizations_are_called_registered():
    assert conditions.registered("fogra 39") == "FOGRA39" and conditions.registered("GRACoL2013") == "GRACoL2013"
    assert conditions.registered("PS CMYK test") is None
    profile = icc.check(f"{GS_ICC}/ps_cmyk.icc")
    custom = profile.intent("PS CMYK test")
    assert custom["OutputConditionIdentifier"] == "Custom" and custom["OutputCondition"] == "PS CMYK test"
    assert "RegistryName" not in custom
    assert profile.intent("FOGRA39")["RegistryName"] == "http://www.color.org"


def test_a_condition_the_profile_does_not_describe_is_warned_about(tmp_path):
    """A registered name the profile's words do not back is a warning on the job sheet and stderr; a registered
    name when the profile is for another one (FOGRA39 or IFRA26 on SWOP) is refused before any render."""
    default = icc.check(f"{GS_ICC}/default_cmyk.icc")  # "Artifex CMYK SWOP Profile"
    assert default.mismatch("FOGRA39") and default.mismatch("IFRA26") and not default.mismatch(None)
    assert not default.mismatch("CGATS TR 001")  # SWOP, as the profile says
    inputs = api.load_inputs(clinics=["harbour-health"])
    for name in ("FOGRA39", "IFRA26"):
        with pytest.raises(HandoutsError, match=f"the CMYK profile is for Artifex CMYK SWOP Profile, not {name}"):
            api.bundle(inputs, tmp_path / "refused", handouts=["aftercare"], langs=["en"], output_condition=name)
    result = api.bundle(inputs, tmp_path / "press", handouts=["aftercare"], langs=["en"], output_condition="IFRA26",
                        icc_profile=f"{GS_ICC}/ps_cmyk.icc")  # "Artifex PS CMYK Profile" names no condition
    sheet = (result.folder / "JOB-SHEET.txt").read_text()
    assert "WARNING: IFRA26 is not what this profile describes" in sheet
    assert len(result.warnings) == 1 and "'IFRA26' is not what the profile describes" in result.warnings[0]
    custom = api.bundle(api.load_inputs(clinics=["harbour-health"]), tmp_path / "custom", handouts=["aftercare"],
                        langs=["en"], output_condition="PS CMYK test", icc_profile=f"{GS_ICC}/ps_cmyk.icc")
    sheet = (custom.folder / "JOB-SHEET.txt").read_text()
    assert 'custom condition "PS CMYK test"' in sheet and "registered at" not in sheet
    with pikepdf.open(custom.folder / custom.records[0]["file"]) as pdf:
        assert "/RegistryName" not in pdf.Root.OutputIntents[0]


def overprint_of_text(path) -> dict[bool, set]:
    """Is the fill 100 % K? -> the /op values in force when text is shown (page content streams)."""
    seen: dict[bool, set] = {True: set(), False: set()}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            states = page.Resources.get("/ExtGState", {})
            fill, op, stack = None, False, []
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "q":
                    stack.append((fill, op))
                elif name == "Q" and stack:
                    fill, op = stack.pop()
                elif name in ("scn", "k") and len(operands) == 4:
                    fill = [float(v) for v in operands]
                elif name in ("scn", "k"):
                    fill = None
                elif name == "gs":
                    state = states[str(operands[0])]
                    op = bool(state.get("/op", op))
                    assert "/op" not in state or int(state.OPM) == 1
                elif name in ("Tj", "TJ"):
                    seen[fill == [0, 0, 0, 1]].add(op)
    return seen


def test_black_text_overprints_and_other_text_knocks_out(release):
    path = files_of(release)[0]
    seen = overprint_of_text(path)
    assert seen[True] == {True} and seen[False] == {False}


def test_press_files_have_no_annotations_and_one_profile_stream(release):
    for path in files_of(release):
        with pikepdf.open(path) as pdf:
            assert all("/Annots" not in page.obj for page in pdf.pages), path.name
            profiles = {obj.objgen for obj in pdf.objects
                        if isinstance(obj, pikepdf.Stream) and obj.get("/N") == 4 and "/Type" not in obj}
            assert len(profiles) == 1, path.name


def test_the_xjdf_ticket_names_every_file_its_pages_and_finishing(release):
    root = ET.parse(release.folder / xjdf.TICKET).getroot()
    ns = {"x": xjdf.NAMESPACE}
    assert root.tag == f"{{{xjdf.NAMESPACE}}}XJDF" and root.get("Version") == "2.1" and root.get("Types") == "Product"
    assert root.find("x:AuditPool/x:AuditCreated/x:Header", ns).get("AgentName") == "handouts"
    products = {p.get("ID"): p for p in root.findall("x:ProductList/x:Product", ns)}
    runs = root.findall("x:ResourceSet[@Name='RunList']/x:Resource", ns)
    assert len(products) == len(runs) == len(release.records)
    for resource, record in zip(runs, release.records):
        product = products[resource.find("x:Part", ns).get("ProductPart")]
        run = resource.find("x:RunList", ns)
        assert run.find("x:FileSpec", ns).get("URL") == record["file"]
        assert run.get("Pages") == f"0 {record['pages'] - 1}"
        binding = product.find("x:Intent/x:BindingIntent", ns)
        if record["handout"].startswith("booklet:"):
            assert binding.get("BindingType") == "SaddleStitch" and product.get("ProductType") == "Booklet"
            assert product.find("x:Intent/x:FoldingIntent", ns).get("FoldCatalog") == "F4-1"
        elif record["handout"].startswith("packet:"):
            assert binding.get("BindingType") == "CornerStitch"
        else:
            assert binding is None and product.get("ProductType") == "Leaflet"
    with zipfile.ZipFile(release.zip_path) as archive:
        assert f"press/{xjdf.TICKET}" in archive.namelist()


def test_every_file_of_both_deliveries_opens_cleanly(release, draft):
    assert all_complaints(files_of(release) + files_of(draft)) == []


def test_the_shops_order_reaches_the_job_sheet_and_the_ticket(tmp_path):
    from handouts.publish import jobsheet

    settings = tmp_path / "shop.yaml"
    settings.write_text("order:\n  quantity: 250\n  stock: 100 gsm silk\n  deadline: 2026-12-01\n"
                        "  contact: Print desk, 01632 960 000\n")
    order = api.load_print_shop(settings).order
    lines = jobsheet.order_lines(order)
    assert lines[:4] == ["Quantity: 250 copies of each file", "Stock: 100 gsm silk", "Deadline: 2026-12-01",
                         "Contact: Print desk, 01632 960 000"]
    assert lines[4].startswith("Proof: Contract proof") and "signed off" in lines[4]
    record = {"file": "a.pdf", "handout": "aftercare", "trim": "a4", "pages": 3}
    product = ET.fromstring(xjdf.ticket("job", [record], {}, order)).find(f"{{{xjdf.NAMESPACE}}}ProductList")[0]
    assert product.get("Amount") == "250"
    settings.write_text("order:\n  quantity: none\n")
    with pytest.raises(Exception, match=r"shop.yaml:2:13: order.quantity"):
        api.load_print_shop(settings)
