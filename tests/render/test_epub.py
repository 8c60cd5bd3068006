"""The EPUB variant, read back from real files: epubcheck (Debian's, installed by scripts/setup) finds nothing in
an English and an Arabic handout; the zip's layout; the package's accessibility metadata; the same words as the
web page; a table of contents whose links land on headings; the same bytes when made again."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest

from handouts import api
from handouts.render.web import visible_text
from tests.helpers.project import script_inputs

EPUBCHECK = "/usr/share/java/epubcheck.jar"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """{lang: (epub path, web page path)}: the sample's English aftercare and the script fixture's Arabic one."""
    out = tmp_path_factory.mktemp("epub")
    english = api.build(api.load_inputs(clinics=["example-clinic"]), out / "en", handouts=["aftercare"],
                        langs=["en"], variants=["epub", "web"])
    arabic = api.build(script_inputs(), out / "ar", handouts=["aftercare"], langs=["ar"], variants=["epub", "web"])
    pairs = {}
    for result in (english, arabic):
        paths = {e.variant: result.out_dir / e.path for e in result.entries}
        pairs[result.entries[0].lang] = (paths["epub"], paths["web"])
    return pairs


def read(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_epubcheck_finds_nothing(made, lang):
    done = subprocess.run(["java", "-jar", EPUBCHECK, str(made[lang][0])], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "No errors or warnings detected" in done.stdout, done.stdout + done.stderr


def test_mimetype_comes_first_and_stored(made):
    with zipfile.ZipFile(made["en"][0]) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read(first) == b"application/epub+zip"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize(("lang", "direction"), [("en", None), ("ar", "rtl")])
def test_the_package_says_what_it_is_and_how_it_can_be_read(made, lang, direction):
    package = ET.fromstring(read(made[lang][0])["EPUB/package.opf"])
    metadata = package.find(f"{OPF}metadata")
    assert metadata.find(f"{DC}language").text == lang and metadata.find(f"{DC}title").text
    properties: dict[str, set[str]] = {}
    for meta in metadata.iter(f"{OPF}meta"):
        properties.setdefault(meta.get("property"), set()).add(meta.text)
    assert properties["schema:accessMode"] == {"textual", "visual"}
    assert properties["schema:accessModeSufficient"] == {"textual"}
    assert {"structuralNavigation", "tableOfContents", "alternativeText"} <= properties["schema:accessibilityFeature"]
    assert properties["schema:accessibilityHazard"] == {"none"} and properties["schema:accessibilitySummary"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", properties["dcterms:modified"].pop())
    assert package.find(f"{OPF}spine").get("page-progression-direction") == direction


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_book_says_the_words_of_the_web_page(made, lang):
    epub, web = made[lang]
    content = read(epub)["EPUB/content.xhtml"].decode("utf-8")
    page = web.read_text(encoding="utf-8")
    assert re.findall(r"\w+", visible_text(content)) == re.findall(r"\w+", visible_text(page))
    assert ET.fromstring(content).get("{http://www.w3.org/XML/1998/namespace}lang") == lang


def test_every_entry_of_the_contents_lands_on_a_heading(made):
    files = read(made["en"][0])
    nav = ET.fromstring(files["EPUB/nav.xhtml"])
    content = ET.fromstring(files["EPUB/content.xhtml"])
    heading_ids = {h.get("id") for h in content.iter(f"{XHTML}h2")}
    targets = [a.get("href") for a in nav.iter(f"{XHTML}a")]
    assert targets[0] == "content.xhtml" and len(targets) == len(heading_ids) + 1 > 3
    assert {href.split("#", 1)[1] for href in targets[1:]} == heading_ids


def test_made_again_it_is_the_same_bytes_and_listed_with_its_hash(made, tmp_path):
    again = api.build(api.load_inputs(clinics=["example-clinic"]), tmp_path, handouts=["aftercare"], langs=["en"],
                      variants=["epub"], force=True)
    path = tmp_path / again.entries[0].path
    assert path.read_bytes() == made["en"][0].read_bytes()
    listed = {e["path"]: e for e in json.loads((tmp_path / "manifest.json").read_text())["outputs"]}
    assert listed[again.entries[0].path]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
