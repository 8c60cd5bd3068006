"""The clinic logo's file checks (load/clinics.py), called directly: what an SVG may not hold or load, and which
files are not images at all. The catalogue (tests/bad_inputs) runs the same through the command."""
from __future__ import annotations

import pytest

from tests.load.test_file_limits import logo_problems

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{}</svg>'


@pytest.mark.parametrize(("text", "problem"), [
    ('<!DOCTYPE svg>' + SVG.format(""), "logo.svg: SVG with a DOCTYPE or entities is not allowed"),
    (SVG.format('<text><!ENTITY x "y"></text>'), "logo.svg: SVG with a DOCTYPE or entities is not allowed"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "logo.svg is not an SVG image"),
    ("<svg", "logo.svg is not a readable SVG (unclosed token: line 1, column 0)"),
    (SVG.format('<rect fill="url(https://example.com/p.svg#g)"/>'),
     "logo.svg refers to 'https://example.com/p.svg#g'; a logo must not load anything else"),
    (SVG.format('<image src = "photo.png"/>'), "logo.svg refers to 'photo.png'; a logo must not load anything else"),
    (SVG.format("<style>@import 'x.css';</style>"), "logo.svg refers to 'x.css'; a logo must not load anything else"),
])
def test_an_svg_that_could_load_or_declare_anything_is_refused(tmp_path, text, problem):
    (tmp_path / "logo.svg").write_text(text, encoding="utf-8")
    assert logo_problems(tmp_path, "logo.svg") == [problem]


@pytest.mark.parametrize("inner", [
    '<linearGradient id="g"/><rect fill="url(#g)"/>',
    '<image href="data:image/png;base64,iVBORw0KGgo="/>',
    '<rect id="r"/><use href="#r"/>',
])
def test_an_svg_that_refers_only_to_itself_or_to_data_is_a_logo(tmp_path, inner):
    (tmp_path / "logo.svg").write_text(SVG.format(inner), encoding="utf-8")
    assert logo_problems(tmp_path, "logo.svg") == []


@pytest.mark.parametrize(("name", "problem"), [
    ("logo.SVG", []),
    ("logo.JPEG", ["logo.JPEG is not a readable image (UnidentifiedImageError)"]),
    ("logo.webp", ["logo.webp: use an SVG, PNG or JPEG file"]),
])
def test_the_kind_of_file_is_read_from_its_suffix_in_any_case(tmp_path, name, problem):
    (tmp_path / name).write_text(SVG.format("") if name.endswith("SVG") else "not a picture", encoding="utf-8")
    assert logo_problems(tmp_path, name) == problem


def chain(levels: int) -> str:
    """An SVG whose first <use> draws a group that draws the one below it, `levels` groups down to one rect."""
    groups = ['<g id="a0"><rect/></g>'] + [f'<g id="a{n}"><use href="#a{n - 1}"/></g>' for n in range(1, levels + 1)]
    return SVG.format(f'<use href="#a{levels}"/><defs>{"".join(reversed(groups))}</defs>')


@pytest.mark.parametrize(("levels", "problems"), [
    (14, []),  # each group is two levels (the group, its <use>): the rect at the bottom is 31 deep
    (15, ["logo.svg is nested more than 32 levels deep; simplify the logo or use a PNG"]),
])
def test_a_reference_counts_as_a_level_of_nesting(tmp_path, levels, problems):
    (tmp_path / "logo.svg").write_text(chain(levels), encoding="utf-8")
    assert logo_problems(tmp_path, "logo.svg") == problems


@pytest.mark.parametrize(("fills", "problems"), [
    (48, []),  # the root, the group of 100, and 48 rects that each draw themselves and the group: 4,949
    (49, ["logo.svg draws more than 5,000 shapes once its <use> references are followed; simplify the logo or use "
          "a PNG"]),  # 5,050
])
def test_a_fill_that_refers_to_a_group_draws_the_group_again(tmp_path, fills, problems):
    shapes = '<g id="big">' + "<rect/>" * 99 + "</g>"
    (tmp_path / "logo.svg").write_text(SVG.format(shapes + '<rect fill="url(#big)"/>' * fills), encoding="utf-8")
    assert logo_problems(tmp_path, "logo.svg") == problems
