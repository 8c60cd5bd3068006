"""Bundle settings within bounds: a sheet larger than any press sheet, and an output condition with a newline
or an escape character, are refused with one line; manifest.csv never holds a cell a spreadsheet would run."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from handouts.publish.booklet import SheetError, sheet, sheet_for
from handouts.publish.bundle import MANIFEST_FIELDS, _write_manifests


def handouts(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


@pytest.mark.parametrize("size", ["99999999999x99999999999mm", "1600x900mm", "70x40in"])
def test_a_sheet_larger_than_any_press_sheet_is_refused(size):
    with pytest.raises(SheetError, match="larger than any press sheet"):
        sheet_for("a4", size)


def test_real_sheets_are_taken():
    assert sheet("sra3").width > sheet("a3").width and sheet("1000x1414mm").width == pytest.approx(1414 * 72 / 25.4)


def test_bundle_refuses_a_huge_sheet_before_rendering(tmp_path):
    result = handouts("bundle", "--booklet", "--sheet", "99999999999x99999999999mm", "--out", str(tmp_path / "b"))
    assert result.returncode == 1 and "larger than any press sheet" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "b").exists()


@pytest.mark.parametrize("name", ["FOGRA39\nPROOF OK: yes", "FOGRA39\x1b[2J"])
def test_an_output_condition_with_control_characters_is_refused(tmp_path, name):
    option = handouts("bundle", "--output-condition", name, "--out", str(tmp_path / "b"))
    assert option.returncode == 2 and "printable ASCII" in option.stderr, option.stderr
    settings = tmp_path / "shop.yaml"
    settings.write_text(f"output_condition: {name!r}\n".replace("'", '"').replace("\x1b", "\\e"))
    from_file = handouts("bundle", "--settings", str(settings), "--out", str(tmp_path / "b"))
    assert from_file.returncode == 1 and "output_condition" in from_file.stderr, from_file.stderr
    assert "Traceback" not in from_file.stderr and not (tmp_path / "b").exists()


def test_manifest_csv_cells_never_start_a_formula(tmp_path):
    record = dict.fromkeys(MANIFEST_FIELDS, "ok")
    record.update(version="=1+2", clinic="+cmd", handout="-2", language="@sum(a1)", variant="\tx", pages=3)
    _write_manifests(tmp_path, [record])
    with open(tmp_path / "manifest.csv", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert [row[k] for k in ("version", "clinic", "handout", "language", "variant", "pages", "file")] == [
        "'=1+2", "'+cmd", "'-2", "'@sum(a1)", "'\tx", "3", "ok"]


@pytest.mark.parametrize("given, target, description, refused", [
    ("FOGRA39", None, "Artifex CMYK SWOP Profile", True),
    ("CGATS TR 001", None, "Artifex CMYK SWOP Profile", False),
    ("FOGRA39", "FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)", False),
    ("FOGRA51", "FOGRA39", "Coated FOGRA39", True),
    ("Our press, 2025", None, "Artifex CMYK SWOP Profile", False),  # a name not known here: the shop's word
    ("PSO Coated v3", None, "Coated FOGRA39 (ISO 12647-2:2004)", True),  # the profile words of FOGRA51
    ("FOGRA51", None, "PSO Coated v3", False),
    ("Japan Color 2011", None, "U.S. Web Coated (SWOP) v2", True),
    ("CGATS TR 006", None, "GRACoL2006_Coated1v2", False),
])
def test_an_output_condition_must_match_the_profile(given, target, description, refused):
    from handouts.press import conditions

    assert conditions.contradicts(given, description, target) is refused


def test_bundle_refuses_fogra39_on_the_default_swop_profile(tmp_path):
    result = handouts("bundle", "--output-condition", "FOGRA39", "--out", str(tmp_path / "b"))
    assert result.returncode == 1 and "Artifex CMYK SWOP Profile, not FOGRA39" in result.stderr, result.stderr
    assert not (tmp_path / "b").exists()
