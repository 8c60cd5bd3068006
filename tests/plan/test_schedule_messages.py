"""Every message a day's schedule can get, read directly (no CLI, no PDF): one line per bad cell, named by file,
line and column, never quoting a cell."""
from __future__ import annotations

import pytest

from handouts import api
from handouts.errors import NotFound
from handouts.plan.personal import ScheduleInvalid, find_clinic, parse_schedule, read_schedule

COLUMNS = "appointment_id, lang, patient_name, appointment, arrival, provider, driver_name, driver_phone, note"


def problems(text: str | bytes, languages: tuple[str, ...] = ("en", "es")) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ScheduleInvalid) as caught:
        parse_schedule(data, "day.csv", list(languages))
    return caught.value.lines


def test_the_columns_named_are_the_patient_fields_with_id_and_language():
    assert COLUMNS.split(", ")[:2] == ["appointment_id", "lang"]
    assert problems("colour\nred\n")[0].endswith(f"; use: {COLUMNS}")


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["day.csv:1: the first line must name the columns, separated by commas, semicolons or tabs (found no "
          f"separator); use: {COLUMNS}"]),
    (b"patient_name\n\xc9va\n", ['day.csv:1: the file is not UTF-8 text; save it as "CSV UTF-8"']),
    ("patient_name\n", ["day.csv:2: no patients in the file"]),
    ("patient_name\n\n,\n", ["day.csv:2: no patients in the file"]),
    ("Ana Diaz 2026\nx\n", ["day.csv:1: the first line must name the columns, separated by commas, semicolons or "
                            f"tabs (found no separator); use: {COLUMNS}"]),
    ("Ana|Diaz/2026\nx\n", ["day.csv:1: the first line must name the columns, separated by commas, semicolons or "
                            f"tabs (found '/', '|' between them); use: {COLUMNS}"]),
    ('"patient_name\nAna\n', ['day.csv:1: not a valid CSV file (unexpected end of data)']),
    ("patient_name,patient_name,lang,lang\nA,A,en,en\n", ["day.csv:1: lang: this column appears more than once",
                                                          "day.csv:1: patient_name: this column appears more than once"]),
])
def test_a_file_that_is_not_a_schedule_is_one_line(text, expected):
    assert problems(text) == expected


def test_unknown_columns_are_named_by_place_the_first_ten_only():
    header = ",".join(["patient_name", *(f"c{n}" for n in range(2, 14))])
    assert problems(header + "\nAna\n") == [
        f"day.csv:1: column 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ...: not a known column name; use: {COLUMNS}"]
    assert problems("patient_name,x\nAna,1\n") == [f"day.csv:1: column 2: not a known column name; use: {COLUMNS}"]


def test_a_header_that_names_no_column_says_the_first_line_must():
    assert problems("patient_name,colour;size\nA,b\n", ("en",)) == [
        f"day.csv:1: column 2: not a known column name; use: {COLUMNS}"]
    # A quoted header hides its separators from csv but not from the guess of the separator.
    assert problems('"patient_name,x",y\nA,b\n') == [
        f"day.csv:1: column 1, 2: not a known column name (the first line must name the columns); use: {COLUMNS}"]
    assert problems('"patient_name;x"\nA\n') == [
        "day.csv:1: column 1: not a known column name (the columns seem to be separated by something else than "
        f"commas; save the file as CSV); use: {COLUMNS}"]


def test_every_bad_row_is_one_line_and_no_cell_is_quoted():
    text = ("appointment_id,lang,patient_name\n"
            "A1,en,Ana\n"
            "A1,fr,Bo\n"
            "A 3,,Cy\n"
            "A4,es\n"
            "A5,,\n")
    found = problems(text)
    assert found == [
        "day.csv:3: appointment_id: already used on line 2",
        "day.csv:3: lang: not one of this clinic's languages (en, es)",
        "day.csv:4: appointment_id: use letters, digits, - and _ only (at most 40)",
        "day.csv:5: this row has 2 cells but the header has 3 columns"]
    assert not any(name in line for line in found for name in ("Ana", "Bo", "Cy"))


def test_an_appointment_id_of_forty_characters_is_accepted_and_one_more_is_not():
    forty = "A" + "b" * 39
    rows = parse_schedule(f"appointment_id,patient_name\n{forty},Ana\n".encode(), "day.csv", ["en"])
    assert rows[0].file_name == f"{forty}.pdf"
    assert problems(f"appointment_id,patient_name\n{forty}c,Ana\n") == [
        "day.csv:2: appointment_id: use letters, digits, - and _ only (at most 40)"]


def test_ids_on_some_rows_only_names_each_row_without_one():
    assert problems("appointment_id,patient_name\nA1,Ana\n,Bo\n\n,Cy\n") == [
        "day.csv:3: appointment_id: give an id on every row or on none",
        "day.csv:5: appointment_id: give an id on every row or on none"]


def test_rows_without_ids_are_named_by_number_and_carry_their_language():
    rows = parse_schedule(b"patient_name,lang\nAna,es\nBo,\n", "day.csv", ["en", "es"])
    assert [(r.number, r.line, r.file_name, r.lang) for r in rows] == [
        (1, 2, "row-001.pdf", "es"), (2, 3, "row-002.pdf", None)]


def test_a_bad_line_inside_the_file_is_named_by_its_line():
    assert problems('patient_name\nAna\n"Bo\n') == ["day.csv:3: not a valid CSV line (unexpected end of data)"]


def test_a_schedule_that_is_not_a_readable_file_is_one_line(tmp_path):
    with pytest.raises(NotFound, match=r"^.*missing\.csv: no such file$"):
        read_schedule(tmp_path / "missing.csv", ["en"])
    with pytest.raises(ScheduleInvalid) as caught:
        read_schedule(tmp_path, ["en"])
    assert caught.value.lines == [f"{tmp_path}: is not a regular file (a folder, pipe or device); give a file"]
    (tmp_path / "day.csv").write_text("patient_name\nAna\n", encoding="utf-8")
    with pytest.raises(ScheduleInvalid) as caught:
        read_schedule(tmp_path / "day.csv" / "more.csv", ["en"])  # a file where a folder should be
    assert caught.value.lines == [f"{tmp_path}/day.csv/more.csv: cannot read the file: Not a directory"]


def test_a_clinic_is_found_by_its_folder_name_or_is_the_only_one():
    clinics = api.load_inputs().clinics
    assert find_clinic(clinics, "harbour-health").slug == "harbour-health"
    assert find_clinic(clinics[:1], "anything").slug == clinics[0].slug
    with pytest.raises(NotFound, match=r"^no clinic called 'x' \(clinics: example-clinic, harbour-health\)$"):
        find_clinic(clinics, "x")


def test_a_row_with_the_wrong_number_of_cells_gets_that_one_line_only():
    # Its cells cannot be matched to columns, so none of them is checked (a language there is not a language).
    assert problems("appointment_id,lang,patient_name\nA1,fr\nA1,en,Ana\n") == [
        "day.csv:2: this row has 2 cells but the header has 3 columns"]


def test_ten_unknown_columns_are_all_named_and_eleven_are_cut():
    ten = ",".join(["patient_name", *(f"c{n}" for n in range(2, 12))])
    assert problems(ten + "\nAna\n") == [
        f"day.csv:1: column 2, 3, 4, 5, 6, 7, 8, 9, 10, 11: not a known column name; use: {COLUMNS}"]
    assert problems(ten + ",c12\nAna\n") == [
        f"day.csv:1: column 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ...: not a known column name; use: {COLUMNS}"]


def test_the_other_separator_hint_is_for_a_header_of_one_column_that_holds_one():
    assert problems('"patient_name,x"\nA\n') == [
        f"day.csv:1: column 1: not a known column name (the first line must name the columns); use: {COLUMNS}"]
    assert problems('"x;y",patient_name\nA,B\n') == [f"day.csv:1: column 1: not a known column name; use: {COLUMNS}"]
