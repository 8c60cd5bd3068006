"""Placed pages on an imposed sheet (publish/prepress/placed.py), found through the same CTM walk as image
resolution: a page placed rotated, as 2-up imposition of landscape sheets does, is judged by where it lands."""
from __future__ import annotations

import pikepdf

from handouts.publish.prepress import placed, scan

TRIM = [9, 9, 621, 801]
BLEED = [0, 0, 630, 810]


def sheet(form_box: list[float], content: bytes, matrix: list[float] | None = None) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(630, 810))
    page = pdf.pages[0]
    page.obj.TrimBox, page.obj.BleedBox = pikepdf.Array(TRIM), pikepdf.Array(BLEED)
    form = pikepdf.Stream(pdf, b"0 0 m 1 1 l S", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                          BBox=pikepdf.Array(form_box))
    if matrix:
        form.Matrix = pikepdf.Array(matrix)
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F0=form))
    page.obj.Contents = pdf.make_stream(content)
    return pdf


def test_a_page_placed_turned_a_quarter_is_judged_where_it_lands():
    # (x, y) -> (621 - y, 9 + x): the landscape form covers exactly the trim
    turned = sheet([0, 0, 792, 612], b"q 0 1 -1 0 621 9 cm /F0 Do Q")
    assert [f.what for f in placed.check(turned)] == [
        "placed page /F0 stops at the trim on the left, bottom, right, top edge instead of reaching the bleed"]


def test_a_forms_own_matrix_moves_it():
    reaching = sheet([0, 0, 612, 792], b"q /F0 Do Q", matrix=[630 / 612, 0, 0, 810 / 792, 0, 0])
    assert placed.check(reaching) == []
    on_the_trim = sheet([0, 0, 612, 792], b"q /F0 Do Q", matrix=[1, 0, 0, 1, 9, 9])
    assert len(placed.check(on_the_trim)) == 1


def test_transformed_bounds_follow_scale_and_rotation():
    assert scan.transformed([0, 0, 10, 20], (2, 0, 0, 2, 5, 5)) == [5, 5, 25, 45]
    assert scan.transformed([0, 0, 10, 20], (0, 1, -1, 0, 0, 0)) == [-20, 0, 0, 10]
