"""Where a problem is placed: Document.where finds the line and column of a field, of its key, or of its nearest
ancestor in the file (a missing field is placed at its parent)."""
from __future__ import annotations

import pytest

from handouts.errors import InvalidInput, Problem
from handouts.load.reader import load_yaml


def only_problem(path) -> Problem:
    """The one problem load_yaml refuses the file with."""
    with pytest.raises(InvalidInput) as refused:
        load_yaml(path)
    [problem] = refused.value.problems
    return problem


def refused_text(tmp_path, text: str) -> Problem:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return only_problem(path)


def test_a_field_its_key_and_its_nearest_ancestor(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("top: 1\nouter:\n  inner:\n    leaf: 2\n", encoding="utf-8")
    doc = load_yaml(path)
    assert doc.where(("outer", "inner", "leaf")) == (4, 11)
    assert doc.where(("outer", "inner", "leaf"), key=True) == (4, 5)
    assert doc.where(("outer", "inner")) == (4, 5)  # a mapping's value starts at its first key
    assert doc.where(("outer", "inner"), key=True) == (3, 3)
    assert doc.where(("outer", "inner", "missing")) == (4, 5)  # the parent, not the grandparent
    assert doc.where(("outer", "inner", "missing", "deeper")) == (4, 5)
    assert doc.where(("outer", "missing"), key=True) == (2, 1)  # the parent's key when asked for keys
    assert doc.where(("nothing", "here")) == doc.where(()) == (1, 1)
    assert doc.problem(("outer", "inner", "missing"), "m").line == 4


def test_the_reader_raises_on_a_duplicate_key_unless_asked_to_keep_it(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(InvalidInput):
        load_yaml(path)
    assert [p.line for p in load_yaml(path, keep_problems=True).problems] == [2]


def test_a_file_the_reader_refuses_whole_has_no_line(tmp_path):
    with pytest.raises(InvalidInput) as refused:
        load_yaml(tmp_path)  # a folder
    [problem] = refused.value.problems
    assert (problem.line, problem.col) == (0, 0) and str(problem).startswith(f"{tmp_path}: ")


@pytest.mark.parametrize(("data", "where"), [
    (b"\n\nkey: \xff\n", (3, 6)),  # the file's first byte is a newline too
    (b"\nkey: \xff\n", (2, 6)),  # and the only one before the bad byte
])
def test_a_byte_that_is_not_utf8_is_placed_at_its_line_and_column(tmp_path, data, where):
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    problem = only_problem(path)
    assert (problem.line, problem.col) == where


@pytest.mark.parametrize(("text", "where", "message"), [
    ("a: b: c\n", (1, 5), "a ': ' is out of place; put text that contains ': ' in quotes"),
    ("a: 1\nb:\t\t- x\n", (2, 3), "a tab is used; YAML needs spaces"),
    ('a: "open\n', (2, 1), "a quote is not closed"),
    ("a:\n  b: 1\n c: 2\n", (3, 2), "a line is out of place; check its indentation and that every quote above it is "
                                    "closed"),
    ("a: @b\n", (1, 4), "found character '@' that cannot start any token"),
    ('a: "x\n---\n', (2, 1), "a quote is not closed"),  # a document separator inside the open quote
    ('a: "\\q"\n', (1, 6), "found unknown escape character 'q'"),  # a quote closed, but a wrong escape in it
    ("text: *Important* take it\n", (1, 7), "text that starts with '*' or '&' is read as YAML; put the text in "
                                          "quotes"),  # at the value's start, not at the second '*'
    ("text: &\n", (1, 7), "text that starts with '*' or '&' is read as YAML; put the text in quotes"),
    ("- a\nb: 1\n", (2, 1), "a line is out of place; check its indentation and that every quote above it is "
                            "closed"),
])
def test_yaml_syntax_errors_are_said_plainly_at_their_place(tmp_path, text, where, message):
    problem = refused_text(tmp_path, text)
    assert ((problem.line, problem.col), problem.message) == (where, f"this is not valid YAML: {message}")


@pytest.mark.parametrize(("text", "where", "message"), [
    ("text: &more than this\n", (1, 7), "YAML anchors (&more) are not supported; write the value out, or put text "
                                      "that starts with '&' in quotes"),  # else read as "than this"
    ("text: *Important\n", (1, 7), "YAML aliases (*Important) are not supported; write the value out, or put text "
                                  "that starts with '*' in quotes"),
])
def test_text_that_starts_with_an_anchor_or_alias_sign_is_refused_not_changed(tmp_path, text, where, message):
    problem = refused_text(tmp_path, text)
    assert ((problem.line, problem.col), problem.message) == (where, message)


@pytest.mark.parametrize(("name", "message"), [
    ("missing.yaml", "file not found"),
    ("x.yaml/inside.yaml", "cannot read the file: Not a directory"),  # a file where a folder should be
])
def test_a_file_that_cannot_be_read_is_one_line_without_a_place(tmp_path, name, message):
    (tmp_path / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    problem = only_problem(tmp_path / name)
    assert (problem.line, problem.col, problem.field, problem.message) == (0, 0, "", message)


def test_a_value_that_does_not_fit_its_tag_is_quoted_up_to_forty_characters(tmp_path):
    problem = refused_text(tmp_path, f"a: !!int {'9' * 39}x{'y' * 10}\n")
    assert ((problem.line, problem.col), problem.message) == ((1, 4), f"{'9' * 39}x is not a valid !!int value")
