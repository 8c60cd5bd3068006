"""Preflight within bounds: a small file with a huge Flate stream is refused quickly without decoding it, and
artwork nested deeper than the checks follow is an error, never a silent OK."""
from __future__ import annotations

import subprocess
import sys
import time
import zlib

import pikepdf
from pikepdf import Dictionary, Name

from handouts.press.graph import MAX_DEPTH
from handouts.publish import preflight
from handouts.publish.prepress.bounds import MAX_DECODED_BYTES


def one_page(content: pikepdf.Stream | None = None, resources: Dictionary | None = None) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.Resources = resources or Dictionary()
    if content is not None:
        page.obj.Contents = content
    return pdf


def deflated_zeros(size: int) -> bytes:
    squeeze, chunk = zlib.compressobj(9), bytes(1024 * 1024)
    return b"".join(squeeze.compress(chunk) for _ in range(size // len(chunk))) + squeeze.flush()


def test_a_huge_flate_stream_is_refused_without_decoding_it(tmp_path):
    path = tmp_path / "bomb.pdf"
    pdf = one_page()
    bomb = pdf.make_stream(b"")
    bomb.write(deflated_zeros(MAX_DECODED_BYTES + 64 * 1024 * 1024), filter=Name.FlateDecode)
    pdf.pages[0].obj.Contents = bomb
    pdf.save(path)
    assert path.stat().st_size < 2_000_000
    script = ("import resource, sys; from handouts.publish import preflight; "
              f"r = preflight.check({str(path)!r}); print(r.lines()); "
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    lines, peak_mb = result.stdout.splitlines()
    assert "decodes to more than 256 MB, and was not checked" in lines, result.stdout + result.stderr
    # Decoding it whole took 2.1 GB and 16 s; bounded, the process peaks at a few hundred MB (Python, pikepdf,
    # the library, one 256 MB budget of chunks read and dropped), far under that.
    assert int(peak_mb) < 800 and time.monotonic() - started < 30, (peak_mb, time.monotonic() - started)


def nested_forms(pdf: pikepdf.Pdf, depth: int, innermost: bytes) -> pikepdf.Stream:
    form = pdf.make_stream(innermost, Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 10, 10],
                           Resources=Dictionary())
    for _ in range(depth - 1):
        form = pdf.make_stream(b"/F Do", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 10, 10],
                               Resources=Dictionary(XObject=Dictionary(F=form)))
    return form


def test_rgb_in_forms_nested_past_the_limit_is_not_passed(tmp_path):
    for depth, expect in ((MAX_DEPTH, "RGB"), (MAX_DEPTH + 1, "nested more than")):
        pdf = one_page()
        form = nested_forms(pdf, depth, b"1 0 0 rg 0 0 5 5 re f")
        pdf.pages[0].obj.Resources = Dictionary(XObject=Dictionary(F=form))
        pdf.pages[0].obj.Contents = pdf.make_stream(b"/F Do")
        path = tmp_path / f"nested-{depth}.pdf"
        pdf.save(path)
        report = preflight.check(path)
        assert not report.ok and any(expect in line for line in report.errors), (depth, report.errors)
