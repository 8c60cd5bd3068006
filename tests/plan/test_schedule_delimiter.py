"""Schedules saved by spreadsheets: commas, semicolons (where the decimal mark is a comma) or tabs all read the same."""
from __future__ import annotations

import datetime as dt

import pytest

from handouts.plan.personal import ScheduleInvalid, read_schedule

ROWS = [["appointment_id", "patient_name", "appointment"], ["A1", "Ana Diaz, Jr.", "2026-12-03 09:30"],
        ["A2", "Bo Lin", "2026-12-03 10:15"]]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_each_separator_gives_the_same_rows(tmp_path, delimiter):
    path = tmp_path / "day.csv"
    quote = (lambda cell: f'"{cell}"' if delimiter in cell or "," in cell else cell)
    path.write_text("\n".join(delimiter.join(quote(c) for c in row) for row in ROWS) + "\n", encoding="utf-8")
    rows = read_schedule(path, ["en"])
    assert [r.appointment_id for r in rows] == ["A1", "A2"]
    assert rows[0].patient.patient_name == "Ana Diaz, Jr."
    assert rows[1].patient.appointment == dt.datetime(2026, 12, 3, 10, 15)


def test_a_row_with_another_separator_is_named_by_line_not_by_value(tmp_path):
    path = tmp_path / "day.csv"
    path.write_text("patient_name;appointment\nAna Diaz;2026-12-03 09:30\nBo Lin,2026-12-03 10:15\n", encoding="utf-8")
    with pytest.raises(ScheduleInvalid) as caught:
        read_schedule(path, ["en"])
    assert caught.value.lines == [f"{path}:3: this row has 1 cells but the header has 2 columns"]
