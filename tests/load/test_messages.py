"""Each pydantic error type in the words `check` prints, called directly with the error pydantic gives."""
from __future__ import annotations

import datetime as dt

import pytest

from handouts.load.messages import friendly, unknown_field


def say(kind: str, value, raw: str | None = None, field: str = "", **ctx) -> str:
    return friendly(kind, {"ctx": ctx, "msg": "pydantic's own words"}, value, raw, field)


def test_an_unknown_field_names_the_closest_or_the_allowed_ones():
    assert unknown_field("colour", ["color", "logo"]) == "unknown field 'colour'; did you mean 'color'?"
    assert unknown_field("zzz", ["color", "logo"]) == "unknown field 'zzz'; allowed here: color, logo"
    assert unknown_field("zzz", []) == "unknown field 'zzz'; check the spelling"


@pytest.mark.parametrize(("value", "raw", "field", "message"), [
    (True, "yes", "", 'YAML reads yes as true, not as text; put it in quotes: "yes"'),
    (False, "no", "", 'YAML reads no as false, not as text; put it in quotes: "no"'),
    (True, "true", "", "must be text"),
    (12, "012", "", '012 is read as a number; write it as text in quotes: "012"'),
    (1.5, None, "", '1.5 is read as a number; write it as text in quotes: "1.5"'),
    (dt.date(2026, 1, 2), "2026-01-02", "", '2026-01-02 is read as a date; put it in quotes if it is text: '
                                             '"2026-01-02"'),
    (None, None, "brand.primary_color", 'this is empty; write the colour in quotes, like "#1F4E79" (without '
                                        "quotes, # starts a comment)"),
    (None, None, "name", "this is empty; write a value"),
    (["a"], None, "", "must be one piece of text, not a list"),
    ({"a": 1}, None, "", "must be one piece of text, not a group of fields"),
])
def test_a_value_that_is_not_text(value, raw, field, message):
    assert say("string_type", value, raw, field) == message


@pytest.mark.parametrize(("kind", "value", "raw", "ctx", "message"), [
    ("string_too_short", "", None, {}, "must not be empty"),
    ("string_too_long", "x" * 1234, None, {"max_length": 1000}, "is too long (1,234 characters; at most 1,000)"),
    ("string_pattern_mismatch", "  ", None, {"pattern": "^#"}, "must not be empty"),
    ("string_pattern_mismatch", "blue", None, {"pattern": "^#[0-9A-Fa-f]{6}$"},
     "'blue' is not in the expected form (a colour like \"#1F4E79\", in quotes)"),
    ("string_pattern_mismatch", "x" * 61, None, {"pattern": "^q$"},
     f"'{'x' * 60}...' is not in the expected form (pattern ^q$)"),
    ("string_pattern_mismatch", "x" * 60, None, {"pattern": "^q$"},
     f"'{'x' * 60}' is not in the expected form (pattern ^q$)"),
    ("int_parsing", True, "on", {}, "must be a whole number; YAML reads on as true"),
    ("int_type", "six", None, {}, "must be a whole number, not 'six'"),
    ("int_from_float", 1.5, None, {}, "must be a whole number, not 1.5"),
    ("less_than_equal", 25, None, {"le": 24}, "25 is out of range (at most 24)"),
    ("greater_than_equal", -1, None, {"ge": 0}, "-1 is out of range (at least 0)"),
    ("greater_than", 0, None, {"gt": 0}, "0 is out of range (more than 0)"),
    ("less_than", 9, None, {"lt": 9}, "9 is out of range (less than 9)"),
    ("bool_type", "maybe", None, {}, "must be true or false, not 'maybe'"),
    ("list_type", "a", None, {}, "must be a list (lines starting with '- ')"),
    ("dict_type", None, None, {}, "this is empty; write the fields that belong here"),
    ("model_type", "a", None, {}, "must be a group of fields (key: value lines), not a single value or a list"),
    ("too_short", [], None, {}, "needs at least 1 item(s)"),
    ("too_short", [1], None, {"min_length": 2}, "needs at least 2 item(s)"),
    ("too_long", [1, 2], None, {"max_length": 1}, "has too many items (at most 1)"),
    ("literal_error", False, "off", {"expected": "'a4' or 'letter'"}, "YAML reads off as false; use one of 'a4' or 'letter'"),
    ("literal_error", "a3", None, {"expected": "'a4' or 'letter'"}, "'a3' is not allowed; use one of 'a4' or 'letter'"),
    ("union_tag_invalid", None, None, {"tag": "table", "expected_tags": "'heading', 'paragraph'"},
     "unknown block type 'table'; use one of 'heading', 'paragraph'"),
    ("union_tag_not_found", None, None, {}, "every block needs a 'type' field"),
    ("date_from_datetime_parsing", "12/03", None, {}, "'12/03' is not a date; write it as YYYY-MM-DD"),
    ("value_error", 1, None, {}, "pydantic's own words"),
])
def test_each_error_type_in_plain_words(kind, value, raw, ctx, message):
    assert say(kind, value, raw, **ctx) == message


def test_true_written_as_true_is_named_as_itself_not_as_a_yaml_1_1_word():
    assert say("int_type", True, "true") == "must be a whole number, not True"
    assert say("int_type", True, "yes") == "must be a whole number; YAML reads yes as true"
    assert say("literal_error", True, "true", expected="'a' or 'b'") == "True is not allowed; use one of 'a' or 'b'"
    assert say("literal_error", True, "on", expected="'a' or 'b'") == "YAML reads on as true; use one of 'a' or 'b'"
