"""The one content-stream reader (typeset/text/stream.py): a test per text operator of the walk, one that an
operator the walk cannot follow raises, and that a rewrite keeps untouched items' bytes."""
from __future__ import annotations

import pydyf
import pytest

from handouts.typeset.text import stream

TWO_BYTES = lambda font: 1 if font == "B" else 2


def content(*items) -> stream.Content:
    return stream.Content(pydyf.Stream(list(items)), TWO_BYTES)


def show(c: stream.Content) -> stream.Op:
    return next(op for op in c.ops if op.parts)


@pytest.mark.parametrize(("items", "field", "value"), [
    ((b"/F1 12 Tf",), "font", "F1"),
    ((b"/F1 12 Tf",), "size", 12.0),
    ((b"0.5 Tc",), "char_spacing", 0.5),
    ((b"3 Tw",), "word_spacing", 3.0),
    ((b"50 Tz",), "scale", 0.5),
    ((b"14 TL",), "leading", 14.0),
    ((b"-2.5 Ts",), "rise", -2.5),
    ((b"3 Tr",), "render", 3),
    ((b"1 0 0 1 10 20 Tm",), "line", (1.0, 0.0, 0.0, 1.0, 10.0, 20.0)),
    ((b"2 0 0 2 10 20 Tm", b"5 -1 Td"), "line", (2.0, 0.0, 0.0, 2.0, 20.0, 18.0)),
    ((b"1 0 0 1 10 20 Tm", b"5 -12 TD"), "line", (1.0, 0.0, 0.0, 1.0, 15.0, 8.0)),
    ((b"1 0 0 1 10 20 Tm", b"5 -12 TD"), "leading", 12.0),
    ((b"1 0 0 1 10 20 Tm", b"12 TL", b"T*"), "line", (1.0, 0.0, 0.0, 1.0, 10.0, 8.0)),
])
def test_each_text_state_operator(items, field, value):
    c = content(b"BT", *items, b"/F1 12 Tf", b"[<0001>] TJ", b"ET")
    assert getattr(show(c).state, field) == value


def test_quote_moves_to_the_next_line_then_shows():
    c = content(b"BT", b"/F1 12 Tf", b"1 0 0 1 10 20 Tm", b"12 TL", b"<00410042> '", b"ET")
    op = show(c)
    assert op.state.line[4:] == (10.0, 8.0) and op.codes == [0x41, 0x42]


def test_double_quote_sets_spacing_moves_and_shows():
    c = content(b"BT", b"/F1 12 Tf", b"12 TL", b'2 0.5 <0041> "', b"ET")
    op = show(c)
    assert (op.state.word_spacing, op.state.char_spacing, op.state.line[5], op.codes) == (2.0, 0.5, -12.0, [0x41])


def test_tj_and_TJ_give_codes_and_moves():
    c = content(b"BT", b"/F1 12 Tf", b"<00010002> Tj", b"[<0003>-250<00040005>] TJ", b"ET")
    tj, TJ = [op for op in c.ops if op.parts]
    assert tj.codes == [1, 2] and TJ.parts == ((3,), -250.0, (4, 5))


@pytest.mark.parametrize(("array", "parts"), [
    (b"[<0003> 12.5 <> -.5 +3 <00040005>]", ((3,), 12.5, (), -0.5, 3.0, (4, 5))),  # read from the array's bytes
    (b"[(\\000\\003) -7 <0004>]", ((3,), -7.0, (4,))),  # a literal string: element by element
    (b"[<000>]", ((0,),)),  # an odd number of hex digits ends with 0 (PDF 2.0, 7.3.4.3; pikepdf pads it)
])
def test_TJ_arrays_read_as_pikepdf_parses_them(array, parts):
    assert show(content(b"BT", b"/F1 12 Tf", array + b" TJ", b"ET")).parts == parts


def test_one_byte_codes_follow_the_font():
    c = content(b"BT", b"/B 1 Tf", b"[<4142>] TJ", b"ET")
    assert show(c).codes == [0x41, 0x42]


def test_q_and_Q_restore_the_text_state():
    c = content(b"/F1 12 Tf", b"q", b"/F2 9 Tf", b"Q", b"BT", b"[<0001>] TJ", b"ET")
    assert show(c).state.font == "F1"


def test_bdc_operands_in_items_of_their_own_reach_their_operator():
    c = content("/P", pydyf.Dictionary({"MCID": 0}), b"BDC", b"BT", b"/F1 12 Tf", b"[<0001>] TJ", b"ET", b"EMC")
    assert [op.item for op in c.ops][:2] == [2, 3] and show(c).item == 5


@pytest.mark.parametrize(("items", "message"), [
    ((b"BT", b"0 0 10 10 re", b"ET"), "re inside a text object"),
    ((b"[<0001>] TJ",), "TJ outside a text object"),
    ((b"1 0 Td",), "Td outside a text object"),
    ((b"BT", b"BT"), "BT inside a text object"),
    ((b"BT", b"/F1 12 Tf", b"[<000102>] TJ", b"ET"), "not whole 2-byte codes"),
    ((b"BT", b"[<0001> 1e-05 <0002>] TJ", b"ET"), "unreadable content stream"),
    ((b"0 0 0 0 0 0 d1",), "Type 3"),
    ((b"BT", b"1 0 0 1 0 0 Td"), "Td with 6 operands"),
])
def test_what_the_walk_cannot_follow_raises(items, message):
    with pytest.raises(stream.UnsupportedOperator, match=message):
        content(*items)


def test_recode_and_rewrite_keep_other_items_bytes():
    items = [b"BT", b"/F1 12 Tf", b"1 0 0 1 10 20 Tm", b"[<0001>-20<0002>] TJ", b"ET"]
    c = content(*items)
    c.recode(show(c), [7, 8])
    c.rewrite({4: [b"ET", b"q", b"Q"]})
    assert c.items == [*items[:3], b"[<0007>-20<0008>] TJ", b"ET", b"q", b"Q"]
    assert show(c).codes == [7, 8] and [op.item for op in c.ops] == list(range(7))


def test_a_rewrite_that_changes_the_text_state_after_it_raises():
    c = content(b"BT", b"/F1 12 Tf", b"[<0001>] TJ", b"ET")
    with pytest.raises(stream.UnsupportedOperator, match="changed the text state"):
        c.rewrite({2: [b"/F2 12 Tf", b"[<0001>] TJ"]})
