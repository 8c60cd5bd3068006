"""The web variant: the same words as the PDF in every sample and test-fixture language, a self-contained
file, an index per clinic, manifest entries with hashes; and the PDF's printed addresses as links."""
from __future__ import annotations

import hashlib
import re
import subprocess
import unicodedata

import pikepdf
import pytest

from tests.helpers.project import script_inputs

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]")


# Direction marks and isolates stand between words (pdftotext puts them where its lines of Arabic and
# Latin meet); the other invisible characters (joiners) stand inside words.
BIDI_MARKS = set("\u200e\u200f\u061c") | {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}


def words(text: str) -> set[str]:
    """The words of a text: runs of letters and digits; every Chinese, Japanese or Korean character is a word
    of its own (a line of the PDF may end anywhere in a run of them). Joiners, which are not drawn, are left out."""
    text = "".join(" " if c in BIDI_MARKS else c for c in text if c in BIDI_MARKS or unicodedata.category(c) != "Cf")
    out: set[str] = set()
    for run in re.findall(r"\w+", text):
        out.update(CJK.findall(run) or [])
        out.update(part for part in CJK.split(run) if part)
    return out


def pdf_words(path, ui) -> set[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = "".join(" " if c in BIDI_MARKS else c for c in text)
    page, of = re.escape(ui.page), re.escape(ui.of)
    # The page counter of the footer is the PDF's own: "Page 2 of 4", in either reading order.
    text = re.sub(rf"{page}\s*\d+\s*{of}\s*\d+|\d+\s*{of}\s*\d+\s*{page}", " ", text)
    return words(text)


def page_words(path) -> set[str]:
    from handouts.render.web import visible_text

    html = path.read_text(encoding="utf-8")
    # A numbered list's numbers are drawn by the browser, as the PDF draws (and extracts) them.
    numbers = {str(n + 1) for steps in re.findall(r'<ol[^>]*class="steps"[^>]*>(.*?)</ol>', html, re.S)
               for n in range(steps.count("<li>"))}
    return words(visible_text(html)) | numbers


def built_pairs(result):
    """{(clinic, handout, lang): {variant: path}} of a build."""
    pairs: dict = {}
    for entry in result.entries:
        pairs.setdefault((entry.clinic, entry.handout, entry.lang), {})[entry.variant] = result.out_dir / entry.path
    return pairs


def build_web(inputs, out):
    from handouts import api

    return api.build(inputs, out, variants=["office", "web"], jobs=2)


@pytest.fixture(scope="module")
def sample_web(tmp_path_factory):
    from handouts import api

    return build_web(api.load_inputs(), tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def scripts_web(tmp_path_factory):
    return build_web(script_inputs(), tmp_path_factory.mktemp("web-scripts"))


def ui_strings(inputs, clinic: str, handout: str, lang: str):
    from handouts.plan.jobs import plan
    from handouts.resolve import resolve

    jobs = plan(inputs.content, [c for c in inputs.clinics if c.slug == clinic], [handout], [lang], ["web"])
    return resolve(jobs[0]).ui


@pytest.mark.parametrize(("which", "langs"), [("sample", {"en", "es"}), ("scripts", {"en", "ar", "vi", "zh-Hans", "ko"})])
def test_the_web_page_says_the_words_of_the_pdf(request, which, langs):
    from handouts import api

    result = request.getfixturevalue(f"{which}_web")
    inputs = script_inputs() if which == "scripts" else api.load_inputs()
    pairs = built_pairs(result)
    assert not result.failed and {key[2] for key in pairs} == langs
    for key, paths in pairs.items():
        in_pdf, on_page = pdf_words(paths["office"], ui_strings(inputs, *key)), page_words(paths["web"])
        assert in_pdf == on_page, (key, sorted(in_pdf - on_page)[:20], sorted(on_page - in_pdf)[:20])


def test_the_page_is_self_contained_and_marked_up_for_its_language(scripts_web):
    pages = {e.lang: scripts_web.out_dir / e.path for e in scripts_web.entries if e.variant == "web"}
    arabic = pages["ar"].read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<meta name="viewport"' in arabic and "@media print" in arabic
    for path in pages.values():
        html = path.read_text(encoding="utf-8")
        # No address of another host: no src or href to http(s), no url() but data: fonts.
        assert not re.search(r'src="(?!data:)', html)
        assert re.findall(r"url\(\"(?!data:font/woff2;base64,)", html) == []
        assert 'href="tel:' in html


def test_index_and_manifest_list_the_web_pages(sample_web):
    out = sample_web.out_dir
    web = [e for e in sample_web.entries if e.variant == "web"]
    assert len(web) == 12 and all(e.path.endswith(".html") for e in web)
    for entry in web:
        assert entry.sha256 == hashlib.sha256((out / entry.path).read_bytes()).hexdigest()
    index = (out / "example-clinic" / "index.html").read_text(encoding="utf-8")
    assert 'lang="es"' in index and "Español" in index
    assert index.count('href="') == 6 and 'href="aftercare-es-web.html"' in index


def test_every_printed_address_in_the_pdf_is_a_link(sample_web):
    """The letterhead's website on page 1 too, not only the contact footer at the end."""
    office = next(sample_web.out_dir / e.path for e in sample_web.entries
                  if e.variant == "office" and e.clinic == "example-clinic" and e.handout == "aftercare" and e.lang == "en")
    with pikepdf.open(office) as pdf:
        first = [str(a.A.URI) for a in pdf.pages[0].get("/Annots", []) if "/A" in a]
        last = [str(a.A.URI) for a in pdf.pages[-1].get("/Annots", []) if "/A" in a]
    assert first == ["https://example-clinic.example"]
    assert {"https://example-clinic.example", "mailto:care@example-clinic.example"} <= set(last)
