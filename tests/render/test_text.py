"""Patient text to HTML (render/text.py): words that must not be broken across lines, in the rendered PDF."""
from __future__ import annotations

from pathlib import Path

from handouts import api
from handouts.render import text
from tests.helpers.project import script_inputs
from tests.helpers.screen_reader import pdftotext


def test_a_hard_hyphen_inside_a_word_is_followed_by_a_word_joiner():
    assert text.keep_compounds("treatment-resistant, 010-0142 - and") == (
        "treatment-\u2060resistant, 010-\u20600142 - and")


def test_korean_words_are_kept_whole_in_the_body_text_only():
    html = '<html><head><title>안녕</title></head><body><p title="x">번역가</p><svg><title>갖춘</title></svg></body>'
    assert text.keep_words(html) == ('<html><head><title>안녕</title></head><body><p title="x">번\u2060역\u2060가</p>'
                                     "<svg><title>갖춘</title></svg></body>")


def test_hyphenated_words_and_korean_words_are_never_split_at_a_line_end(tmp_path: Path):
    """Poppler joins the halves of a word broken after a hyphen ("treatmentresistant") and splits a Korean
    word broken between syllables: in every script-fixture PDF no line ends inside a word."""
    inputs = script_inputs()
    result = api.build(inputs, tmp_path, langs=["ko", "en"], variants=["office", "large-print"])
    for entry in result.entries:
        lines = [line.rstrip() for line in pdftotext(tmp_path / entry.path).splitlines() if line.strip()]
        assert not [line for line in lines if line.endswith("-") and line[-2:-1].isalnum()], entry.path
    korean = [tmp_path / e.path for e in result.entries if e.lang == "ko"]
    assert korean and all("자격을 갖춘 번역가의" in " ".join(pdftotext(path).split()) for path in korean)
