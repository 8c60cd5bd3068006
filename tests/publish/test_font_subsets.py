"""Files that join renders: no font subset name stands for two different programs (a RIP caches by name)."""
from __future__ import annotations

import hashlib
import io

import pikepdf
import pytest

from handouts import api
from handouts.plan.jobs import plan
from handouts.publish.bundle import build_packet
from handouts.publish.fonts_merge import tag_for
from handouts.render.pdf import render_merged


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


@pytest.fixture(scope="module")
def press(shop_bundle):
    return shop_bundle


def test_packets_name_each_program_once(press):
    packets = [r for r in press.records if r["handout"].startswith("packet:")]
    assert len(packets) == 2
    for record in packets:
        names = programs_by_name(press.folder / record["file"])
        assert clashes(press.folder / record["file"]) == {}, record["file"]
        assert len(names) == 6  # regular and bold of each of the 3 handouts: 6 programs, 6 names


def test_the_check_finds_the_clash_of_a_plain_join(press):
    """The same handouts joined page by page, keeping their names: each name stands for 3 programs."""
    parts = [press.folder / r["file"] for r in press.records
             if r["clinic"] == "harbour-health" and ":" not in r["handout"]]
    joined, sources = pikepdf.new(), [pikepdf.open(p) for p in parts]
    for src in sources:
        joined.pages.extend(src.pages)
    buffer = io.BytesIO()
    joined.save(buffer)
    assert sorted(clashes(io.BytesIO(buffer.getvalue())).values()) == [3, 3]


def test_identical_programs_are_stored_once(press):
    single = next(press.folder / r["file"] for r in press.records if ":" not in r["handout"])
    twice = build_packet([single, single])
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
