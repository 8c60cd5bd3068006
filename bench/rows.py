"""The personalized HTML of a day's schedule, one file per row, for Chromium to render one row at a time
(the same HTML `handouts personalize --schedule` lays out; made-up patients from measure.schedule_csv)."""
from __future__ import annotations

from pathlib import Path


def personalized_html(csv_path: Path, out: Path, clinic: str = "example-clinic",
                      handout: str = "day-of-infusion", lang: str = "en") -> list[Path]:
    from handouts import api
    from handouts.plan.personal import find_clinic, personal_jobs, read_schedule
    from handouts.render.html import render_html

    inputs = api.load_inputs()
    chosen = find_clinic(inputs.clinics, clinic)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for row in read_schedule(csv_path, chosen.model.languages):
        job = personal_jobs(inputs.content, chosen, [handout], row.lang or lang, row.patient)[0]
        target = out / f"row-{row.number:03d}.html"
        target.write_text(render_html(job), encoding="utf-8")
        made.append(target)
    return made
