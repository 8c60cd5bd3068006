"""`handouts check --pemat`: PEMAT-P scores of the decidable items, and the reviewer checklist."""
from __future__ import annotations

import subprocess
import sys

from handouts import api
from handouts.checks import pemat
from tests.helpers.project import ROOT


def test_check_pemat_scores_every_handout_at_80_percent_or_more():
    result = subprocess.run([sys.executable, "-m", "handouts", "check", "--pemat"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()
            if line.startswith("  ") and line.split()[0] in ("pre-consultation", "day-of-infusion", "aftercare")}
    assert len(rows) == 3
    for cells in rows.values():
        understandability, actionability = int(cells[1].rstrip("%")), int(cells[3].rstrip("%"))
        assert understandability >= 80 and actionability >= 80, cells
    assert "[ ] 5. The material uses the active voice." in result.stdout


def test_pemat_misses_what_a_handout_lacks():
    """The scores can fail: without its summary and timeline, day-of-infusion loses items 11, 15 and 26, and
    a rule counting hours back from the visit without a clock time loses item 7."""
    handout = api.load_inputs(clinics=["example-clinic"]).content.model.handouts["day-of-infusion"]
    assert pemat.scores(handout) == (100, 100)
    bare = handout.model_copy(update={
        "blocks": [b for b in handout.blocks if b.type not in ("main_points", "timeline")],
        "visit_box": [f for f in handout.visit_box if f != "last_food"]})
    understandability, actionability = pemat.understandability(bare), pemat.actionability(bare)
    assert [n for n, (ok, _) in understandability.items() if not ok] == [7, 11, 15]
    assert [n for n, (ok, _) in actionability.items() if not ok] == [26, 24]
