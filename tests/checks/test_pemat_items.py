"""PEMAT-P items decided on small handouts built for each rule (no file, no PDF): each item met and not met,
the section size at its limit and one past it, and the lines of `check --pemat`."""
from __future__ import annotations

from types import SimpleNamespace

from handouts.checks import pemat
from handouts.models.content import Handout


def handout(*blocks: dict, visit_box: tuple[str, ...] = ()) -> Handout:
    numbered = [{"id": f"b{n}", **block} for n, block in enumerate(blocks)]
    return Handout.model_validate({"title": "T", "blocks": numbered, "visit_box": list(visit_box)})


def heading(text: str = "Before you come") -> dict:
    return {"type": "heading", "text": text}


def para(text: str = "A line.") -> dict:
    return {"type": "paragraph", "text": text}


def unmet(items: dict) -> list[int]:
    return [n for n, (ok, _) in items.items() if not ok]


def test_a_section_of_five_blocks_is_one_chunk_and_six_are_too_many():
    five = handout(heading(), *[para()] * 5, {"type": "main_points", "items": ["x"]}, {"type": "write_in", "label": "x"})
    assert pemat.understandability(five)[8] == (True, "longest section has 5 blocks (at most 5)")
    six = handout(para(), heading(), *[para()] * 6)
    assert pemat.understandability(six)[8] == (False, "longest section has 6 blocks (at most 5)")
    assert pemat._sections(six) == [1, 6]


def test_three_short_headings_are_needed():
    two = handout(heading(), heading(), para())
    assert pemat.understandability(two)[10] == (False, "2 headings of at most 8 words")
    three = handout(heading(), heading(), heading("one two three four five six seven eight"))
    assert pemat.understandability(three)[10] == (True, "3 headings of at most 8 words")
    long = handout(heading(), heading(), heading("one two three four five six seven eight nine"))
    assert pemat.understandability(long)[10][0] is False


def test_lists_and_boxes_or_bold_text():
    plain = handout(para())
    assert pemat.understandability(plain)[12][0] is False
    assert pemat.understandability(handout(para("A **bold** rule.")))[12][0] is True
    boxed = handout({"type": "steps", "items": ["x"]}, {"type": "callout", "level": "info", "title": "x"})
    assert pemat.understandability(boxed)[12][0] is True
    assert pemat.understandability(handout({"type": "steps", "items": ["x"]}))[12][0] is False


def test_a_rule_counting_hours_back_needs_its_clock_time_in_the_visit_box():
    rule = para("Stop eating {policy.fasting_hours} hours before your visit.")
    counted = handout(rule)
    assert pemat.understandability(counted)[7] == (
        False, "counts hours back from the visit without a clock time: policy.fasting_hours")
    assert pemat.actionability(counted)[24] == (False, "no help with the calculation it asks for")
    timed = handout(rule, visit_box=("last_food",))
    assert pemat.understandability(timed)[7] == (True, "no clock arithmetic")
    assert 24 not in pemat.actionability(timed)
    assert pemat.understandability(handout(para("Eat {policy.fasting_hours} hours after.")))[7][0] is True


def test_actions_said_to_you_in_steps_and_checklists():
    good = handout(para("Bring your ID."), {"type": "checklist", "items": ["**Call** us if you feel sick."]})
    assert unmet(pemat.actionability(good)) == [26]
    assert pemat.actionability(good)[20] == (True, "2 sentences start with an action")
    assert pemat.actionability(good)[21] == (True, "2 texts say you or your, 0 say the patient")
    third = handout(para("The patient rests."), {"type": "write_in", "label": "Your notes"})
    assert unmet(pemat.actionability(third)) == [20, 21, 22, 26]
    qa = handout({"type": "qa", "items": [{"q": "Can you drive?", "a": "No."}]}, {"type": "timeline"})
    assert pemat.actionability(qa)[21] == (True, "1 texts say you or your, 0 say the patient")
    assert pemat.actionability(qa)[26] == (True, "a timeline picture")
    assert pemat.actionability(handout(para("A line.")))[21] == (False, "0 texts say you or your, 0 say the patient")
    assert pemat.understandability(qa)[15] == (True, "a timeline picture")


def test_a_main_points_box_is_the_summary():
    assert pemat.understandability(handout({"type": "main_points", "items": ["x"]}))[11] == (True, "a main points box")
    assert pemat.understandability(handout(para()))[11] == (False, "no summary")


def test_scores_are_rounded_shares_of_the_items_met():
    # understandability: 7, 8 and 12 of six met; actionability: only 21 (a you, no third person) of five.
    bare = handout(para("A **line** for you."))
    assert pemat.scores(bare) == (50, 20)
    assert pemat._percent({1: (True, ""), 2: (False, ""), 3: (False, "")}) == "33% (1/3)"


def test_check_pemat_lines():
    inputs = SimpleNamespace(content=SimpleNamespace(model=SimpleNamespace(handouts={
        "ab": handout(para("A **line** for you.")),
        "with-timeline": handout(heading(), heading(), heading(), {"type": "main_points", "items": ["Bring ID."]},
                                 {"type": "steps", "items": ["Call us."]}, {"type": "timeline"})})))
    lines = pemat.report(inputs)
    assert lines[:4] == ["PEMAT-P, items decided from the content (a reviewer scores the rest, below):",
                         "  handout        understandability  actionability",
                         "  ab             50% (3/6)          20% (1/5)",
                         "  with-timeline  83% (5/6)          80% (4/5)"]
    assert lines[4] == "  ab: item 10 not met: 0 headings of at most 8 words"
    assert lines[5:13] == ["  ab: item 11 not met: no summary", "  ab: item 15 not met: no visual aid",
                           "  ab: item 20 not met: 0 sentences start with an action",
                           "  ab: item 22 not met: actions as numbered steps or a checklist",
                           "  ab: item 23 not met: a checklist or lines to write on",
                           "  ab: item 26 not met: no visual aid",
                           "  with-timeline: item 12 not met: lists and boxes",
                           "  with-timeline: item 23 not met: a checklist or lines to write on"]
    checklist = lines.index("Reviewer checklist (PEMAT-P items a person decides; agree or disagree for each handout):")
    assert lines[checklist + 1] == "  [ ] 1. The material makes its purpose completely evident."
    # AHRQ's own item numbers, so a reviewer can find each one in the PEMAT-P form
    assert [int(line.split()[2].rstrip(".")) for line in lines[checklist + 1:]] == [1, 2, 3, 4, 5, 6, 9, 16, 17, 18, 25]
    assert lines[-1] == ("  [ ] 25. The material explains how to use the charts, graphs, tables, or diagrams to take "
                         "actions. (with-timeline)")
    inputs.content.model.handouts.pop("with-timeline")
    assert pemat.report(inputs)[-1] == "  [ ] 9. The material presents information in a logical sequence."
