"""Every size limit of the input files at the limit and one past it: the YAML file's bytes and depth, the logo's
bytes, pixels, SVG elements and nesting, and the length at which a value is cut in a message. The numbers are
written out here: a test that read them from the module would move with a changed limit."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from handouts.errors import InvalidInput
from handouts.load.clinics import check_logo_file
from handouts.load.messages import _short
from handouts.load.reader import Document, load_yaml

MIB = 1024 * 1024


def logo_problems(folder: Path, name: str) -> list[str]:
    doc = Document(path=folder / "clinic.yaml", data={"brand": {"logo": name}})
    return [problem.message for problem in check_logo_file(doc, name)]


def svg(inner: str = "", padding: int = 0) -> bytes:
    head = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    return head + inner.encode() + b"<!--" + b" " * padding + b"-->" + b"</svg>"


def test_a_yaml_file_of_one_mebibyte_is_read_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "clinic.yaml"
    text = b"name: x\n# " + b"." * (MIB - 11) + b"\n"
    path.write_bytes(text)
    assert len(text) == MIB and load_yaml(path).data == {"name": "x"}
    path.write_bytes(text + b"\n")
    with pytest.raises(InvalidInput) as refused:
        load_yaml(path)
    assert "is too large (1,048,577 bytes; at most 1,048,576)" in str(refused.value)


@pytest.mark.parametrize(("lists", "refused"), [(29, False), (30, True)])
def test_yaml_is_read_thirty_values_deep_and_no_deeper(tmp_path, lists, refused):
    """Thirty nested values: 29 lists around one number; one list more is refused at the value that is too deep."""
    path = tmp_path / "deep.yaml"
    path.write_text("[" * lists + "1" + "]" * lists + "\n", encoding="utf-8")
    if not refused:
        data = load_yaml(path).data
        for _ in range(lists):
            [data] = data
        assert data == 1
        return
    with pytest.raises(InvalidInput) as caught:
        load_yaml(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.col, problem.message) == (1, 31, "nested more than 30 levels deep")


def test_a_logo_of_two_mebibytes_is_read_and_one_byte_more_is_refused(tmp_path):
    base = len(svg())
    (tmp_path / "logo.svg").write_bytes(svg(padding=2 * MIB - base))
    assert (tmp_path / "logo.svg").stat().st_size == 2 * MIB
    assert logo_problems(tmp_path, "logo.svg") == []
    (tmp_path / "logo.svg").write_bytes(svg(padding=2 * MIB - base + 1))
    assert logo_problems(tmp_path, "logo.svg") == ["logo.svg is larger than 2 MB"]


@pytest.mark.parametrize(("size", "problems"), [
    ((4000, 4000), []),
    ((4000, 4001), ["logo.png is 4000 x 4001 pixels; use at most 16,000,000 pixels (e.g. 1200 x 400)"]),
    ((4001, 4000), ["logo.png is 4001 x 4000 pixels; use at most 16,000,000 pixels (e.g. 1200 x 400)"]),
])
def test_a_logo_of_sixteen_million_pixels_is_read_and_one_row_more_is_refused(tmp_path, size, problems):
    Image.new("1", size).save(tmp_path / "logo.png")  # one bit a pixel, all black: a small file
    assert logo_problems(tmp_path, "logo.png") == problems


def test_an_svg_of_5000_elements_is_read_and_one_more_is_refused(tmp_path):
    (tmp_path / "logo.svg").write_bytes(svg("<rect/>" * 4999))
    assert logo_problems(tmp_path, "logo.svg") == []
    (tmp_path / "logo.svg").write_bytes(svg("<rect/>" * 5000))
    assert logo_problems(tmp_path, "logo.svg") == [
        "logo.svg has 5,001 elements (at most 5,000); simplify the logo or use a PNG"]


def test_an_svg_that_draws_5000_shapes_through_references_is_read_and_one_more_is_refused(tmp_path):
    """A group drawn again by each <use> counts again: the root, the group with its shapes, and per <use> itself
    and the whole group once more."""
    def refs(shapes: int, uses: int) -> bytes:
        group = '<g id="g">' + "<rect/>" * shapes + "</g>"
        return svg(group + '<use href="#g"/>' * uses)
    (tmp_path / "logo.svg").write_bytes(refs(999, 4))  # 1 + 1000 + 4 x (1 + 1000) = 5005: too many
    assert logo_problems(tmp_path, "logo.svg") == [
        "logo.svg draws more than 5,000 shapes once its <use> references are followed; simplify the logo or use a PNG"]
    (tmp_path / "logo.svg").write_bytes(refs(998, 4))  # 1 + 999 + 4 x (1 + 999) = 5000: the limit
    assert logo_problems(tmp_path, "logo.svg") == []


@pytest.mark.parametrize(("groups", "problems"), [
    (32, []),
    (33, ["logo.svg is nested more than 32 levels deep; simplify the logo or use a PNG"]),
])
def test_an_svg_nested_32_levels_is_read_and_one_more_is_refused(tmp_path, groups, problems):
    (tmp_path / "logo.svg").write_bytes(svg("<g>" * groups + "</g>" * groups))
    assert logo_problems(tmp_path, "logo.svg") == problems


def test_a_value_of_sixty_characters_is_shown_whole_and_a_longer_one_is_cut():
    assert _short("x" * 60) == "x" * 60
    assert _short("x" * 61) == "x" * 60 + "..."
    assert _short(12345) == 12345


def test_a_damaged_png_is_refused_even_after_weasyprint_is_imported(tmp_path):
    """Importing WeasyPrint makes Pillow accept truncated images for the whole process (the staff page's server
    has it loaded); the logo check decodes with that switched off."""
    import weasyprint  # noqa: F401  (imported for its side effect on Pillow)
    from PIL import ImageFile

    from tests.load.test_bad_inputs import corrupt_png

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    (tmp_path / "logo.png").write_bytes(corrupt_png(300, 100))
    [message] = logo_problems(tmp_path, "logo.png")
    assert message.startswith("logo.png is not a readable image (")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as WeasyPrint wants it


def test_a_content_file_lists_what_the_reader_and_the_model_find_together(tmp_path):
    from handouts.load import content

    base = Path(__file__).resolve().parents[1] / "bad_inputs" / "base" / "content.yaml"
    text = base.read_text(encoding="utf-8").replace('version: "1.0"\n', 'version: "1.0"\nversion: "1.1"\ncolour: red\n')
    (tmp_path / "content.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        content.load(tmp_path / "content.yaml")
    assert [(p.line, p.field) for p in caught.value.problems] == [(5, "version"), (6, "colour")]


@pytest.mark.parametrize(("old", "new", "field"), [
    ('- q: "Can I drive home?"', '- q: "Can I drive home, {policy.nope}?"', "handouts.aftercare.blocks[4].items[0].q"),
    ('text: "Going home"', 'text: "Going home"\n        items: ["Rest, {policy.nope}."]', "handouts.aftercare.blocks[0].items[0]"),
])
def test_a_clinic_value_that_does_not_exist_is_named_in_a_list_item_and_a_question(tmp_path, old, new, field):
    from handouts.load.content import check_blocks

    base = Path(__file__).resolve().parents[1] / "bad_inputs" / "base" / "content.yaml"
    text = base.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "content.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    [problem] = check_blocks(load_yaml(tmp_path / "content.yaml"))
    assert problem.field == field and "policy.nope" in problem.message
