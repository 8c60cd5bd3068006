"""Each clinic's logo is drawn once by WeasyPrint (checks/logo.py): within a time limit, and remembered by its
bytes in a list of bounded length in the user's cache folder."""
from __future__ import annotations

import json

from handouts import api
from handouts.checks import logo
from handouts.typeset import guard


def test_a_logo_gets_thirty_seconds_and_a_drawn_one_is_not_drawn_again(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    limits = []
    real_limit = guard.time_limit

    def recorded(seconds, where):
        limits.append((seconds, where))
        return real_limit(seconds, where)

    monkeypatch.setattr(guard, "time_limit", recorded)
    inputs = api.load_inputs()
    assert logo.logos_draw_cleanly(inputs) == []
    distinct = {clinic.logo_path.read_bytes() for clinic in inputs.clinics}
    assert limits == [(30, "logo")] * len(distinct)
    assert logo.logos_draw_cleanly(inputs) == []
    assert len(limits) == len(distinct)


def test_the_newest_five_hundred_drawn_logos_are_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    older = [f"{n:064x}" for n in range(600)]
    (tmp_path / logo.FILE).write_text(json.dumps(older), encoding="utf-8")
    inputs = api.load_inputs()
    assert logo.logos_draw_cleanly(inputs) == []
    kept = json.loads((tmp_path / logo.FILE).read_text(encoding="utf-8"))
    new = list(dict.fromkeys(logo._key(clinic.logo_path.read_bytes()) for clinic in inputs.clinics))
    assert len(kept) == 500
    assert kept == (older + new)[-500:]
