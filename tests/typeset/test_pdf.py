"""typeset/: the one package that touches WeasyPrint. Renders are deterministic and thread-safe, and what it
must still patch inside WeasyPrint is checked here, so a WeasyPrint upgrade that renames it fails loudly."""
from __future__ import annotations

import hashlib
import inspect
import io
import re
from concurrent.futures import ThreadPoolExecutor

import pikepdf
import pytest
import weasyprint.svg
from weasyprint.document import Document

from handouts import api, typeset
from handouts.plan.jobs import plan
from handouts.typeset import hooks


def test_the_svg_colour_hook_is_what_weasyprint_draws_with():
    """WeasyPrint 70 looks `color` up as a global of weasyprint.svg when it sets fill and stroke; if a release
    renames or moves it, our CMYK conversion of SVG colours would silently do nothing."""
    assert weasyprint.svg.color is hooks._svg_color
    assert "color" in weasyprint.svg.SVG.set_graphical_state.__code__.co_names


def test_the_finisher_hook_runs_before_the_file_identifier():
    """The text codes and structure tree are fixed by write_pdf(finisher=...): it must run before the /ID is
    computed from the bytes (press files get their DocumentID and /ID again in press/finish.py)."""

    source = inspect.getsource(Document.write_pdf)
    assert source.index("finisher(self, pdf)") < source.index("pdf.write(")


def test_the_glyph_log_hears_every_glyph_weasyprint_draws():
    """typeset/text/codes.py relies on WeasyPrint asking `glyph_id not in font.to_unicode` before it stores each
    glyph's text, and on building each page's structure with tags._build_box_tree (typeset/structure.py)."""
    import weasyprint.draw.text
    import weasyprint.pdf.fonts
    import weasyprint.pdf.tags

    assert "if glyph_id not in font.to_unicode:" in inspect.getsource(weasyprint.draw.text)
    assert weasyprint.pdf.fonts.Font.__init__ is hooks._logging_font_init
    assert weasyprint.pdf.tags._build_box_tree is hooks._noting_build_box_tree
    assert "_build_box_tree(" in inspect.getsource(weasyprint.pdf.tags.add_tags)


@pytest.fixture(scope="module")
def jobs():
    inputs = api.load_inputs(clinics=["example-clinic"])
    office = plan(inputs.content, inputs.clinics, ["pre-consultation", "aftercare"], ["en"], ["office"])
    press = plan(inputs.content, inputs.clinics, ["pre-consultation", "aftercare"], ["en"], ["print"])
    return office + press


def test_renders_in_four_threads_give_the_bytes_of_serial_renders(jobs):
    serial = [hashlib.sha256(typeset.render_pdf(job)).hexdigest() for job in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda job: hashlib.sha256(typeset.render_pdf(job)).hexdigest(), jobs * 2))
    assert threaded == serial * 2


def test_press_document_id_is_derived_from_the_html(jobs):
    press = [job for job in jobs if job.variant == "print"]
    ids = [re.search(r"xmp\.did:([0-9a-f-]{36})", _xmp(job)).group(1) for job in press]
    assert len(set(ids)) == len(ids), "each document has its own id"
    assert ids == [re.search(r"xmp\.did:([0-9a-f-]{36})", _xmp(job)).group(1) for job in press], "and the same one again"


def _bytes(job):
    return io.BytesIO(typeset.render_pdf(job))


def _xmp(job) -> str:
    with pikepdf.open(_bytes(job)) as doc:
        return doc.Root.Metadata.read_bytes().decode()
