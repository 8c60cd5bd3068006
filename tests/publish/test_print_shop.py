"""The print shop's own settings, in real bundles inspected with pikepdf: no font subset name stands for two
programs in a file that joins renders (a RIP caches fonts by name); the shop's CMYK profile separates the colours
and is the output intent, byte for byte, named on the job sheet; a profile that cannot serve is refused in one
line before any render."""
from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from handouts import api
from handouts.fonts.subset_tags import tag_for
from handouts.load import print_shop
from handouts.plan.jobs import plan
from handouts.press import color, crop_marks, icc
from handouts.publish.booklet import saddle_order
from handouts.publish.bundle import build_packet
from handouts.typeset import render_merged
from tests.helpers.pdfs import squash
from tests.helpers.readers import all_complaints

ROOT = Path(__file__).resolve().parents[2]
GS_ICC = Path("/usr/share/color/icc/ghostscript")  # Debian's libgs-common
SHOP_ICC = GS_ICC / "ps_cmyk.icc"  # a valid CMYK printer profile that LittleCMS cannot write back once used
BRAND_GREEN = (11, 93, 75)  # harbour-health's primary colour, #0B5D4B


@pytest.fixture(scope="module")
def shop_bundle(tmp_path_factory):
    """Both sample clinics in English (the Spanish is an unreviewed draft), for the shop's profile."""
    folder = tmp_path_factory.mktemp("shop") / "press"
    return api.bundle(api.load_inputs(), folder, langs=["en"], icc_profile=SHOP_ICC)


def programs_by_name(source) -> dict[str, set[str]]:
    """BaseFont -> sha256 of each embedded font program that name stands for."""
    names: dict[str, set[str]] = {}
    with pikepdf.open(source) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font" or "/BaseFont" not in obj:
                continue
            descendant = obj.DescendantFonts[0] if "/DescendantFonts" in obj else obj
            descriptor = descendant.get("/FontDescriptor")
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if descriptor is not None and key in descriptor:
                    digest = hashlib.sha256(bytes(descriptor[key].read_bytes())).hexdigest()
                    names.setdefault(str(obj.BaseFont), set()).add(digest)
    return names


def clashes(source) -> dict[str, int]:
    return {name: len(found) for name, found in programs_by_name(source).items() if len(found) > 1}


def test_packets_name_each_program_once(shop_bundle):
    packets = [r for r in shop_bundle.records if r["handout"].startswith("packet:")]
    assert len(packets) == 2
    for record in packets:
        names = programs_by_name(shop_bundle.folder / record["file"])
        assert clashes(shop_bundle.folder / record["file"]) == {}, record["file"]
        # regular and bold of each of the 3 handouts (6 programs, 6 names), and the slug's own font
        assert len(names) == 7


def test_the_check_finds_the_clash_of_a_plain_join(shop_bundle):
    """The same handouts joined page by page: their subsets are named after their programs, so the join has no
    clash; given one tag each as WeasyPrint writes them (after the font file), each name stands for 3 programs."""
    parts = [shop_bundle.folder / r["file"] for r in shop_bundle.records
             if r["clinic"] == "harbour-health" and ":" not in r["handout"]]
    joined, sources = pikepdf.new(), [pikepdf.open(p) for p in parts]
    for src in sources:
        joined.pages.extend(src.pages)
    buffer = io.BytesIO()
    joined.save(buffer)
    assert clashes(io.BytesIO(buffer.getvalue())) == {}
    text_fonts = ("/Type0", "/CIDFontType2", "/CIDFontType0")  # the slug's own font is a simple TrueType font
    for obj in joined.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and obj.get("/Subtype") in text_fonts:
            obj.BaseFont = pikepdf.Name("/WJKLAQ+" + str(obj.BaseFont).split("+", 1)[1])
    buffer = io.BytesIO()
    joined.save(buffer)
    assert sorted(clashes(io.BytesIO(buffer.getvalue())).values()) == [3, 3]


def test_identical_programs_are_stored_once(shop_bundle):
    single = next(shop_bundle.folder / r["file"] for r in shop_bundle.records if ":" not in r["handout"])
    twice = build_packet([single, single], "twice.pdf", 0, marks="none")
    with pikepdf.open(io.BytesIO(twice)) as pdf:
        programs = {obj.objgen for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and "/Length1" in obj}
    assert len(programs) == 2  # regular and bold, not four
    assert clashes(io.BytesIO(twice)) == {} and len(programs_by_name(io.BytesIO(twice))) == 2


def test_a_merged_personal_file_shares_one_program_per_name():
    inputs = api.load_inputs(clinics=["example-clinic"])
    jobs = plan(inputs.content, inputs.clinics, ["day-of-infusion", "aftercare"], ["en"])
    data = render_merged(jobs, pad_to_even=True)
    names = programs_by_name(io.BytesIO(data))
    assert len(names) == 2 and clashes(io.BytesIO(data)) == {}


def test_tags_are_six_capitals_from_the_program():
    assert tag_for(b"one") == tag_for(b"one") != tag_for(b"two")
    assert len(tag_for(b"one")) == 6 and tag_for(b"one").isupper() and tag_for(b"one", 1) != tag_for(b"one")


def test_the_shops_profile_is_the_output_intent_byte_for_byte(shop_bundle):
    assert len(shop_bundle.records) == 8
    for record in shop_bundle.records:
        with pikepdf.open(shop_bundle.folder / record["file"]) as pdf:
            intent = pdf.Root.OutputIntents[0]
            assert bytes(intent.DestOutputProfile.read_bytes()) == SHOP_ICC.read_bytes(), record["file"]
            assert str(intent.OutputConditionIdentifier) == "Artifex PS CMYK Profile"
            assert str(intent.Info) == "Artifex PS CMYK Profile"
            assert "/RegistryName" not in intent  # the profile names no registered condition: none is claimed
    sheet = (shop_bundle.folder / "JOB-SHEET.txt").read_text()
    assert 'ps_cmyk.icc ("Artifex PS CMYK Profile")' in sheet and "generic" not in sheet


def test_colours_are_separated_through_the_shops_profile(shop_bundle):
    theirs = color.rgb_to_cmyk(BRAND_GREEN, str(SHOP_ICC))
    assert theirs != color.rgb_to_cmyk(BRAND_GREEN, str(GS_ICC / "default_cmyk.icc"))
    packet = next(r for r in shop_bundle.records if r["handout"].startswith("packet:") and r["clinic"] == "harbour-health")
    with pikepdf.open(shop_bundle.folder / packet["file"]) as pdf:
        colours = {tuple(round(float(v), 3) for v in operands)
                   for operands, op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op) in ("k", "K", "scn", "SCN")}
    assert tuple(theirs) in colours


def test_the_default_profile_is_named_honestly(tmp_path):
    result = api.bundle(api.load_inputs(clinics=["harbour-health"]), tmp_path / "press", handouts=["aftercare"],
                        langs=["en"])
    sheet = (result.folder / "JOB-SHEET.txt").read_text()
    assert "default_cmyk.icc" in sheet and "no registered printing condition" in sheet and "--icc" in sheet


def test_an_output_condition_given_is_registered(tmp_path):
    result = api.bundle(api.load_inputs(clinics=["harbour-health"]), tmp_path / "press", handouts=["aftercare"],
                        langs=["en"], icc_profile=SHOP_ICC, output_condition="FOGRA39")
    with pikepdf.open(result.folder / result.records[0]["file"]) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert str(intent.OutputCondition) == "Artifex PS CMYK Profile"
        assert bytes(intent.DestOutputProfile.read_bytes()) == SHOP_ICC.read_bytes()
    assert "output intent: FOGRA39 (registered at http://www.color.org)" in (result.folder / "JOB-SHEET.txt").read_text()


def with_target(tmp_path, name: str) -> Path:
    """ps_cmyk.icc with a `targ` (characterization target) tag naming a registered condition."""
    data = SHOP_ICC.read_bytes()
    count = int.from_bytes(data[128:132], "big")
    table_end = 132 + 12 * count
    shifted = b"".join(data[132 + 12 * i:136 + 12 * i] +
                       (int.from_bytes(data[136 + 12 * i:140 + 12 * i], "big") + 12).to_bytes(4, "big") +
                       data[140 + 12 * i:144 + 12 * i] for i in range(count))
    body = data[table_end:]
    text = b"text\0\0\0\0" + name.encode() + b"\0"
    offset = table_end + 12 + len(body)
    entry = b"targ" + offset.to_bytes(4, "big") + len(text).to_bytes(4, "big")
    out = bytearray(data[:128] + (count + 1).to_bytes(4, "big") + shifted + entry + body + text)
    out[:4] = len(out).to_bytes(4, "big")
    path = tmp_path / "targ.icc"
    path.write_bytes(bytes(out))
    return path


def test_a_registered_condition_is_read_from_the_profile(tmp_path):
    profile = icc.check(with_target(tmp_path, "FOGRA39"))
    assert profile.target == "FOGRA39" and profile.description == "Artifex PS CMYK Profile"
    assert profile.intent() == {"OutputConditionIdentifier": "FOGRA39", "RegistryName": "http://www.color.org",
                                "Info": "Artifex PS CMYK Profile", "OutputCondition": "Artifex PS CMYK Profile"}
    assert profile.intent("FOGRA51")["OutputConditionIdentifier"] == "FOGRA51"
    assert icc.check(SHOP_ICC).target is None


def run(*args):
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, cwd=ROOT)


def display_cmyk(tmp_path) -> Path:
    data = bytearray(SHOP_ICC.read_bytes())
    data[12:16] = b"mntr"  # a CMYK profile whose header says it describes a display
    (tmp_path / "display-cmyk.icc").write_bytes(bytes(data))
    return tmp_path / "display-cmyk.icc"


def text_file(tmp_path) -> Path:
    (tmp_path / "notes.icc").write_text("not a profile at all\n" * 20)
    return tmp_path / "notes.icc"


def cut_short(tmp_path) -> Path:
    (tmp_path / "cut.icc").write_bytes(SHOP_ICC.read_bytes()[:3000])
    return tmp_path / "cut.icc"


@pytest.mark.parametrize("make, expected", [
    (lambda tmp: GS_ICC / "srgb.icc", "not a CMYK profile (its colour space is RGB"),
    (text_file, "not an ICC profile"),
    (display_cmyk, "not an output (printer) profile (it is a display profile"),
    (cut_short, "ICC profile is damaged"),
])
def test_a_bad_profile_is_one_line_before_any_render(tmp_path, make, expected):
    profile = make(tmp_path)
    result = run("bundle", "--lang", "en", "--icc", str(profile), "--out", str(tmp_path / "press"))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and profile.name in lines[0], result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "press").exists()


@pytest.fixture(scope="module")
def booklets(shop_bundle, tmp_path_factory):
    """The same bundle with booklets, in the same folder: nothing is rendered again."""
    result = api.bundle(api.load_inputs(), shop_bundle.folder, langs=["en"], icc_profile=SHOP_ICC, booklet=True)
    assert result.outcome.rendered == []
    return result


def of_kind(result, kind: str) -> list[dict]:
    return [r for r in result.records if r["handout"].startswith(kind + ":")]


def half_texts(path) -> list[tuple[str, str]]:
    """The text left and right of the spine (the middle of the TrimBox) on each sheet side."""
    with pikepdf.open(path) as pdf:
        trims = [[float(v) for v in page.obj.TrimBox] for page in pdf.pages]
    out = []
    with pdfplumber.open(path) as pdf:
        for page, (x0, y0, x1, y1) in zip(pdf.pages, trims):
            top, bottom, spine = page.height - y1, page.height - y0, (x0 + x1) / 2
            out.append(tuple(squash(page.crop(box).extract_text() or "")
                             for box in ((x0, top, spine, bottom), (spine, top, x1, bottom))))
    return out


def page_texts(path) -> list[str]:
    """Each page's text without the slug (file name, page number) that a packet carries beyond its bleed."""
    with pikepdf.open(path) as pdf:
        crop_marks.strip(pdf)
        buffer = io.BytesIO()
        pdf.save(buffer)
    with pdfplumber.open(buffer) as pdf:
        return [squash(page.extract_text() or "") for page in pdf.pages]


@pytest.mark.parametrize("clinic", ["example-clinic", "harbour-health"])
def test_a_booklet_is_its_packet_in_saddle_stitch_order(booklets, clinic):
    packet = next(r for r in of_kind(booklets, "packet") if r["clinic"] == clinic)
    booklet = next(r for r in of_kind(booklets, "booklet") if r["clinic"] == clinic)
    pages = page_texts(booklets.folder / packet["file"])
    pages += [""] * (-len(pages) % 4)  # padding to a multiple of 4
    n = len(pages)
    assert n == 16 and booklet["pages"] == n // 2  # 4 sheets, front and back
    expected = []
    for sheet in range(n // 4):  # outer sheet first; front (n, 1), back (2, n - 1), then (n - 2, 3), (4, n - 3) ...
        expected += [(n - 2 * sheet, 1 + 2 * sheet), (2 + 2 * sheet, n - 1 - 2 * sheet)]
    halves = half_texts(booklets.folder / booklet["file"])
    assert halves == [(pages[left - 1], pages[right - 1]) for left, right in expected]
    assert all(pages[:3])  # the halves compared hold text, not only blanks


def test_booklet_sheets_hold_the_spread_with_bleed_and_marks(booklets):
    assert len(of_kind(booklets, "booklet")) == 2
    for record in of_kind(booklets, "booklet"):
        single, sheet_width = (612.0, 18 * 72) if record["trim"] == "letter" else (595.28, 450 * 72 / 25.4)
        with pikepdf.open(booklets.folder / record["file"]) as pdf:
            assert pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
            assert bytes(pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes()) == SHOP_ICC.read_bytes()
            for page in pdf.pages:
                media, trim, bleed = ([float(v) for v in page.obj[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox"))
                assert trim[2] - trim[0] == pytest.approx(2 * single, abs=0.1)
                assert media[2] - media[0] == pytest.approx(sheet_width, abs=0.1)
                margins = (trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
                assert min(margins) > 8.4 and media[0] < bleed[0] - 12 and media[1] < bleed[1] - 12
                ops = [str(op) for _, op in pikepdf.parse_content_stream(page)]
                assert "S" in ops and "d" in ops  # crop marks, and dashed fold marks
        assert clashes(booklets.folder / record["file"]) == {}
    sheet = (booklets.folder / "JOB-SHEET.txt").read_text()
    assert "saddle stitch" in sheet and "Fold each sheet in half" in sheet and "SRA3 (450 x 320 mm)" in sheet
    assert all(r.ok for r in booklets.reports)  # preflight passed every file, booklets included


def test_booklets_open_cleanly_in_ghostscript_mupdf_and_poppler(booklets):
    files = [booklets.folder / r["file"] for r in of_kind(booklets, "booklet")]
    assert files and all_complaints(files) == []


def test_saddle_order_pads_to_a_multiple_of_four():
    assert saddle_order(4) == [(4, 1), (2, 3)]
    assert saddle_order(6) == [(8, 1), (2, 7), (6, 3), (4, 5)]


@pytest.mark.parametrize("args, expected", [
    (["--sheet", "a3"], "sheet a3 (420 x 297 mm) is too small"),
    (["--sheet", "huge"], "unknown sheet size 'huge'"),
])
def test_a_sheet_that_cannot_serve_is_refused_before_any_render(tmp_path, args, expected):
    result = run("bundle", "--lang", "en", "--booklet", *args, "--out", str(tmp_path / "press"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert not (tmp_path / "press").exists()


def test_the_shop_keeps_its_settings_in_a_file(booklets, tmp_path):
    settings = tmp_path / "shop" / "bundle.yaml"
    settings.parent.mkdir()
    relative = Path(*[".."] * (len(settings.parent.parts) - 1), *SHOP_ICC.parts[1:])  # icc is relative to the file
    settings.write_text(f"icc: {relative}\noutput_condition: FOGRA39\nbooklet: true\nsheet: 320x450mm\n")
    assert api.load_print_shop(settings) == print_shop.ShopSettings(SHOP_ICC, "FOGRA39", True, "320x450mm")
    settings.write_text(f"icc: {relative}\nbooklet: true\n")
    result = run("bundle", "--lang", "en", "--settings", str(settings), "--out", str(booklets.folder), "-j", "1")
    assert result.returncode == 0, result.stderr
    assert "0 rendered" in result.stderr  # the same settings as the options: the same files, nothing made again
    names = {line.split()[0] for line in (booklets.folder / "JOB-SHEET.txt").read_text().splitlines()
             if line.split() and line.split()[0].endswith(".pdf")}
    assert {r["file"] for r in of_kind(booklets, "booklet")} <= names


@pytest.mark.parametrize("text, expected", [
    ("icc: shop.icc\nbooklet: yes please\n", ":2:10: booklet:"),
    ("icc: missing.icc\n", ":1:6: icc: no such file"),
    ("booklet: true\nsheets: sra3\n", ":2:1: sheets:"),
])
def test_a_wrong_settings_file_is_one_line_with_its_place(tmp_path, text, expected):
    settings = tmp_path / "bundle.yaml"
    (tmp_path / "shop.icc").write_bytes(SHOP_ICC.read_bytes())
    settings.write_text(text)
    result = run("bundle", "--settings", str(settings), "--out", str(tmp_path / "press"))
    assert result.returncode == 1 and not (tmp_path / "press").exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(settings)) and expected in lines[0], result.stderr

