"""`handouts build --variant web`: each clinic's index.html is in output/manifest.json with its sha256, stays
the same bytes (and the same file) when a rebuild changes nothing, stays listed when other variants are built,
and keeps listing every page in the folder when only some pages are built again."""
from __future__ import annotations

import hashlib
import json
import os

import pytest

from handouts import api

CLINIC = "harbour-health"
INDEX = f"{CLINIC}/index.html"
PAGES = [f"{h}-en-web.html" for h in ("pre-consultation", "day-of-infusion", "aftercare")]


def build(out, **selection):
    return api.build(api.load_inputs(clinics=[CLINIC]), out, langs=["en"], **{"variants": ["web"], **selection})


def listed(out) -> dict[str, dict]:
    return {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]}


@pytest.fixture(scope="module")
def web_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("web-build")
    build(out)
    return out


def test_the_manifest_lists_each_index_with_its_hash(web_build):
    entry = listed(web_build)[INDEX]
    data = (web_build / INDEX).read_bytes()
    assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
    assert (entry["clinic"], entry["handout"], entry["lang"], entry["variant"]) == (CLINIC, "index", "en", "web")


def test_a_rebuild_that_changes_nothing_leaves_the_index_alone(web_build):
    before = os.stat(web_build / INDEX)
    data = (web_build / INDEX).read_bytes()
    again = build(web_build, force=True)  # every page made again, to the same bytes
    assert len(again.outcome.rendered) == 3
    after = os.stat(web_build / INDEX)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert (web_build / INDEX).read_bytes() == data
    assert listed(web_build)[INDEX]["sha256"] == hashlib.sha256(data).hexdigest()


def test_other_variants_and_part_builds_keep_the_index_whole_and_listed(web_build):
    build(web_build, variants=["office"], handouts=["aftercare"])
    assert INDEX in listed(web_build) and f"{CLINIC}/aftercare-en-office.pdf" in listed(web_build)
    build(web_build, handouts=["aftercare"], force=True)
    index = (web_build / INDEX).read_text(encoding="utf-8")
    assert [page for page in PAGES if f'href="{page}"' in index] == PAGES
    assert listed(web_build)[INDEX]["sha256"] == hashlib.sha256(index.encode("utf-8")).hexdigest()


def test_a_changed_index_is_written_and_listed_again(web_build):
    (web_build / CLINIC / PAGES[0]).unlink()  # gone: the next web build of another page leaves it out
    build(web_build, handouts=["aftercare"])
    data = (web_build / INDEX).read_bytes()
    assert f'href="{PAGES[0]}"'.encode() not in data and f'href="{PAGES[2]}"'.encode() in data
    assert listed(web_build)[INDEX]["sha256"] == hashlib.sha256(data).hexdigest()
