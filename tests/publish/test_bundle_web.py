"""`handouts bundle --web`: the web pages in the delivery, read back from the real zip: every clinic's folder
with its index.html, every file hashed in both manifests, every link of an index landing on a file of the zip,
the print-only columns empty, preflight and the XJDF ticket on the PDFs only, drafts marked."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import PurePosixPath

import pytest

from handouts import api
from handouts.publish import bundle_web, xjdf
from handouts.publish.bundle import BundleRefused
from tests.helpers.project import ROOT

CLINICS = ("example-clinic", "harbour-health")
HANDOUTS = ("pre-consultation", "day-of-infusion", "aftercare")


@pytest.fixture(scope="module")
def web_bundle(tmp_path_factory):
    """Both sample clinics in English (the Spanish is an unreviewed draft), with the web pages."""
    return api.bundle(api.load_inputs(), tmp_path_factory.mktemp("web-bundle") / "press", langs=["en"], web=True,
                      jobs=2)


@pytest.fixture(scope="module")
def draft_bundle(tmp_path_factory):
    """One Spanish draft handout of one clinic, allowed for a proof."""
    return api.bundle(api.load_inputs(clinics=["harbour-health"]), tmp_path_factory.mktemp("web-draft") / "press",
                      handouts=["aftercare"], langs=["es"], web=True, allow_draft=True)


def zipped(result) -> dict[str, bytes]:
    """The zip's files by their path inside the bundle folder."""
    with zipfile.ZipFile(result.zip_path) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def links(html: bytes) -> list[str]:
    parser = Links()
    parser.feed(html.decode("utf-8"))
    return parser.hrefs


def test_the_zip_holds_every_clinics_index_and_pages(web_bundle):
    inside = zipped(web_bundle)
    for clinic in CLINICS:
        web = {name for name in inside if name.startswith(f"web/{clinic}/")}
        assert web == {f"web/{clinic}/index.html"} | {f"web/{clinic}/{h}-en-web.html" for h in HANDOUTS}
    for name, data in inside.items():
        assert data == (web_bundle.folder / name).read_bytes(), name
    assert sum(name.endswith(".pdf") for name in inside) == len(web_bundle.records) == 8


def test_every_manifest_row_has_the_sha256_and_bytes_of_its_file_in_the_zip(web_bundle):
    inside = zipped(web_bundle)
    listed = json.loads(inside["manifest.json"])["outputs"]
    rows = list(csv.DictReader(io.StringIO(inside["manifest.csv"].decode("utf-8"))))
    assert [r["file"] for r in listed] == [r["file"] for r in rows]
    assert {r["file"] for r in listed} == {name for name in inside if name.endswith((".pdf", ".html"))}
    for item, row in zip(listed, rows):
        data = inside[item["file"]]
        assert item["sha256"] == row["sha256"] == hashlib.sha256(data).hexdigest(), item["file"]
        assert item["bytes"] == int(row["bytes"]) == len(data)
    web = [r for r in listed if r["file"].startswith("web/")]
    assert len(web) == 8 and {r["variant"] for r in web} == {"web"} and {r["status"] for r in web} == {"release"}
    for row in web:  # a web page has no trim, bleed, page count or press sheet: the columns stay empty
        assert [row[name] for name in bundle_web.PRINT_ONLY] == [""] * len(bundle_web.PRINT_ONLY), row["file"]
    indexes = [r for r in web if r["file"].endswith("/index.html")]
    assert {(r["clinic"], r["handout"], r["language"]) for r in indexes} == {(c, "index", "en") for c in CLINICS}


def test_every_link_of_an_index_is_a_page_of_the_zip_and_every_page_is_linked(web_bundle):
    inside = zipped(web_bundle)
    for clinic in CLINICS:
        folder = PurePosixPath("web", clinic)
        hrefs = links(inside[str(folder / "index.html")])
        assert sorted(hrefs) == sorted(f"{h}-en-web.html" for h in HANDOUTS)
        for href in hrefs:
            page = inside[os.path.normpath(str(folder / href))]
            assert page.startswith(b"<!DOCTYPE html>") and b'lang="en"' in page[:200]


def test_preflight_the_ticket_and_the_job_sheet_are_about_the_pdfs(web_bundle):
    assert [r.path.suffix for r in web_bundle.reports] == [".pdf"] * 8 and all(r.ok for r in web_bundle.reports)
    inside = zipped(web_bundle)
    ticket = ET.fromstring(inside[xjdf.TICKET])
    urls = [spec.get("URL") for spec in ticket.iter(f"{{{xjdf.NAMESPACE}}}FileSpec")]
    assert len(urls) == 8 and all(url.endswith(".pdf") for url in urls)
    sheet = inside["JOB-SHEET.txt"].decode("utf-8")
    assert "Files: 8 PDF" in sheet
    assert "NOT FOR PRINT: web/ holds 6 web pages and 2 index.html" in sheet
    assert "-web.html" not in sheet  # not in the list of files to print


def test_a_draft_delivery_marks_its_pages_and_index_as_drafts(draft_bundle):
    assert draft_bundle.zip_path.name == "press-DRAFT.zip"
    statuses = {r["file"]: r["status"] for r in json.loads(zipped(draft_bundle)["manifest.json"])["outputs"]}
    assert statuses == {"harbour-health_KT-A-ES_v1.1.pdf": "draft",
                        "web/harbour-health/aftercare-es-web.html": "draft",
                        "web/harbour-health/index.html": "draft"}
    assert b'class="draft-note"' in zipped(draft_bundle)["web/harbour-health/aftercare-es-web.html"]  # "BORRADOR"


def test_drafts_are_refused_with_each_press_file_named_once(tmp_path):
    with pytest.raises(BundleRefused) as refused:
        api.bundle(api.load_inputs(clinics=["harbour-health"]), tmp_path / "b", handouts=["aftercare"],
                   langs=["es"], web=True)
    lines = str(refused.value).splitlines()[1:]
    assert [line.split(":")[0].strip() for line in lines] == ["harbour-health/aftercare/es/print"]
    assert not (tmp_path / "b").exists()


def test_the_same_bundle_again_is_the_same_zip(draft_bundle, tmp_path):
    again = api.bundle(api.load_inputs(clinics=["harbour-health"]), tmp_path / "press", handouts=["aftercare"],
                       langs=["es"], web=True, allow_draft=True, force=True)
    assert len(again.outcome.rendered) == 2
    assert again.zip_path.read_bytes() == draft_bundle.zip_path.read_bytes()


def test_the_command_line_option(tmp_path):
    out = tmp_path / "press"
    done = subprocess.run([sys.executable, "-m", "handouts", "bundle", "--web", "--allow-draft", "--clinic",
                           "harbour-health", "--handout", "aftercare", "--lang", "es", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "(1 PDFs, preflight OK; 2 web files)" in done.stderr + done.stdout
    with zipfile.ZipFile(tmp_path / "press-DRAFT.zip") as archive:
        assert "press/web/harbour-health/index.html" in archive.namelist()
