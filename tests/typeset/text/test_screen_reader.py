"""A screen reader reads every handout right, in every language: the words extract as written (pdftotext and
pypdf against the HTML they were made from), the structure tree reaches every tagged run, page furniture is
artifacts, lists stay whole across pages, and every office and large-print PDF passes PDF/UA-1.

Rendered once per module: the sample clinics (the session's office and large-print builds) and the script
fixtures (en, ar, vi, zh-Hans, ko) in both variants."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import page
import pikepdf
import pytest

from handouts import api
from handouts.plan.jobs import plan
from handouts.render.html import render_html
from tests.helpers.project import ROOT, script_inputs, weasyprint_warnings
from tests.helpers.screen_reader import (
    found,
    html_counts,
    html_words,
    marked_content,
    pdftotext,
    pypdf_text,
    roles,
    tree,
    words,
)

VARIANTS = ["office", "large-print"]
TOOLS = {"pdftotext": pdftotext, "pypdf": pypdf_text}
TOOLS_DIR = ROOT.parent / "shared" / "tools"  # pdf.js needs node: a clone without them skips that test


@pytest.fixture(scope="module")
def documents(sample_build, large_print_build, tmp_path_factory):
    """[(lang, pdf path, html)] of every office and large-print PDF of the sample clinics and the fixtures."""
    with weasyprint_warnings() as records:
        scripts = script_inputs()
        built = api.build(scripts, tmp_path_factory.mktemp("scripts-ua"), variants=VARIANTS)
    assert not [r.getMessage() for r in records]  # no missing glyph in any language
    out = []
    for inputs, result in ((api.load_inputs(), sample_build[0]), (api.load_inputs(), large_print_build),
                           (scripts, built)):
        jobs = {str(job.output_path): job for job in plan(inputs.content, inputs.clinics, variants=VARIANTS)}
        for entry in result.entries:
            out.append((entry.lang, Path(result.out_dir) / entry.path, render_html(jobs[entry.path])))
    assert {lang for lang, _, _ in out} == {"en", "es", "ar", "vi", "zh-Hans", "ko"} and len(out) == 34
    return out


@pytest.fixture(scope="module")
def shares(documents):
    """(lang, tool) -> (words found, words in the source, missing words) over all PDFs of that language."""
    totals: dict = defaultdict(lambda: [0, 0, []])
    for lang, path, html in documents:
        source = html_words(html)
        for tool, extract in TOOLS.items():
            hits, missing = found(source, words(extract(path)))
            total = totals[(lang, tool)]
            total[0] += hits
            total[1] += len(source)
            total[2] += missing
    return dict(totals)


@pytest.mark.parametrize("lang", ["en", "es", "ar", "vi", "zh-Hans", "ko"])
@pytest.mark.parametrize("tool", list(TOOLS))
def test_words_extract_as_written(shares, lang, tool):
    """Every word the page prints, word for word (the issue asked for 99 %; each miss found so far had a cause
    that could be fixed: a typed Arabic mark, a line broken after a hard hyphen or inside a Korean word)."""
    hits, total, missing = shares[(lang, tool)]
    assert total > 200
    assert hits == total, f"{lang} {tool}: {hits}/{total} ({100 * hits / total:.2f} %), missing {missing[:20]}"


@pytest.mark.skipif(not (TOOLS_DIR / "pdfjs-tree.sh").exists() or not shutil.which("node"),
                    reason="the shared reader tools (../shared/tools, node) are not here")
def test_firefox_reaches_every_word_through_the_structure_tree(documents):
    """pdf.js (Firefox's reader, what it hands a screen reader): no orphaned run, every word reached."""
    out = subprocess.run([str(TOOLS_DIR / "pdfjs-tree.sh"), *(str(path) for _, path, _ in documents)],
                         capture_output=True, text=True, timeout=600, check=True)
    trees = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(trees) == len(documents)
    assert [(Path(t["file"]).name, t.get("orphans"), t.get("recall")) for t in trees
            if t.get("orphans") != 0 or t.get("recall") != 100] == []


def test_the_word_check_can_fail():
    """The measure itself: a wrong letter is a missing word."""
    source = words("كيف تعتني بنفسك في المنزل")
    assert found(source, words("كيز تعتزي بززسك زي المززل"))[0] == 0
    assert found(words("Hãy gọi 911"), words("Hãy goịi 911"))[0] == 2


def test_arabic_dotted_letters_are_one_glyph_each(documents):
    """Noto Sans Arabic draws ف, ن, ك and the like as a base and a mark glyph; the static instances draw
    each as one glyph, so Poppler, which places text by glyph position, reads the subtitle whole."""
    subtitles = [" ".join(words(pdftotext(path))) for lang, path, _ in documents if lang == "ar"]
    assert len(subtitles) == 2 and all("كيف تعتني بنفسك في المنزل" in text for text in subtitles)


def test_numbers_in_arabic_lines_stay_words(documents):
    """Poppler reads a number inside an Arabic line with its spaces on both sides, in reading order (pypdf
    keeps it apart too: the word shares above)."""
    for lang, path, _ in documents:
        if lang == "ar":
            assert "اتصل بالرقم 911 الآن" in " ".join(words(pdftotext(path))), path.name


def test_every_run_is_reachable_or_an_artifact(documents):
    for _, path, _ in documents:
        with pikepdf.open(path) as pdf:
            entries = tree(pdf)
            reached = {mcid for e in entries for mcid in e["mcids"]}
            tagged, loose = marked_content(pdf)
            assert loose == 0, f"{path.name}: {loose} text runs neither tagged nor artifacts"
            assert tagged == reached, f"{path.name}: orphaned runs {sorted(tagged - reached)[:5]}"


def test_page_furniture_is_artifact(documents):
    """Header, footer and page numbers are drawn inside /Artifact: no "Page 1 of" in the tagged text."""
    for lang, path, _ in documents:
        if lang != "en":
            continue
        with pikepdf.open(path) as pdf:
            artifacts = [ops for ops in pikepdf.parse_content_stream(pdf.pages[0])
                         if str(ops[1]) == "BDC" and str(ops[0][0]) == "/Artifact"]
            assert artifacts, path.name
            tagged = " ".join(e["role"] for e in tree(pdf))
            assert "/Document" in tagged


def test_structure_follows_the_html_not_the_pages(documents):
    """One list per list (even across a page break), every heading (callout titles and questions too),
    the visit box as a table of row headers and cells, and no empty item or cell."""
    checked_breaks = 0
    for _, path, html in documents:
        with pikepdf.open(path) as pdf:
            entries = tree(pdf)
            got, want = roles(entries), html_counts(html)
            assert got["/L"] == want["ul"] + want["ol"], path.name
            assert sum(got[f"/H{n}"] for n in range(1, 7)) == sum(want[f"h{n}"] for n in range(1, 7)), path.name
            assert got["/Table"] == want["table"] and got["/TH"] == want["th"] and got["/TD"] == want["td"]
            for entry in entries:
                if entry["role"] in ("/LI", "/LBody", "/TD", "/TH", "/P") or entry["role"].startswith("/H"):
                    assert entry["mcids"] or entry["kids"], f"{path.name}: empty {entry['role']}"
            checked_breaks += len(pdf.pages) > 1
    assert checked_breaks >= 20


def test_callout_titles_are_headings(documents):
    for _lang, path, html in documents:
        if "emergency-help" in html:
            assert '<h2 class="callout-title">' in html, path.name


def test_website_and_email_are_links_with_alt_text(documents):
    for _, path, _html in documents:
        with pikepdf.open(path) as pdf:
            links = [a for p in pdf.pages for a in p.get("/Annots", []) if a.get("/Subtype") == "/Link"]
            uris = {str(a.A.URI) for a in links}
            assert any(u.startswith("https://") for u in uris) and any(u.startswith("mailto:") for u in uris)
            assert all(str(a.get("/Contents", "")) for a in links)
            assert roles(tree(pdf))["/Link"] >= 3


def test_every_pdf_passes_pdf_ua1(documents):
    for _, path, _ in documents:
        report = page.validate_pdf(str(path), profile="ua1")
        assert report.is_compliant, f"{path.name}: {[f'{f.rule_id}: {f.message}' for f in report.failures]}"
