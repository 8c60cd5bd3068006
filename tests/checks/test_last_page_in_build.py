"""A build fails a handout whose last page would hold only a line or two, and makes the others."""
from __future__ import annotations

from handouts import api
from handouts.checks import last_page


def test_every_sample_last_page_is_full_enough(sample_build):
    result, _ = sample_build
    assert not result.failed
    for path in result.outcome.rendered:
        assert last_page.last_page_fill((result.out_dir / path).read_bytes()) >= last_page.MIN_FILL, path


def test_a_near_empty_last_page_fails_that_pdf_with_one_line(project_copy, tmp_path, monkeypatch):
    """With the bar set between two handouts' last-page fills, the emptier one fails with one line naming it and
    its fill, nothing is written for it, and the other is made."""
    inputs = api.load_inputs(project_copy / "content.yaml", [str(project_copy / "clinics" / "example-clinic")])
    first = api.build(inputs, tmp_path / "first", handouts=["aftercare", "day-of-infusion"], langs=["en"])
    fills = {path: last_page.last_page_fill((tmp_path / "first" / path).read_bytes()) for path in first.outcome.rendered}
    emptier, fuller = sorted(fills, key=fills.get)
    assert fills[fuller] - fills[emptier] > 0.02
    monkeypatch.setattr(last_page, "MIN_FILL", (fills[emptier] + fills[fuller]) / 2)
    result = api.build(inputs, tmp_path / "out", handouts=["aftercare", "day-of-infusion"], langs=["en"], force=True)
    failed = dict(result.failed)
    assert list(failed) == [emptier]
    assert f"the last page holds only {int(fills[emptier] * 100)}% of a page of text" in failed[emptier]
    assert "\n" not in failed[emptier]
    assert not (tmp_path / "out" / emptier).exists() and (tmp_path / "out" / fuller).exists()
