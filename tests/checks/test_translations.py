"""Translation checks on a copy of the project: stale, missing, wrong clinic values, per-language clinic text."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from handouts import api, checks
from handouts.errors import InvalidInput
from handouts.plan.jobs import plan
from handouts.plan.review import draft_reasons
from tests.helpers.project import key_position

ALCOHOL_EN = 'text: "Do not drink alcohol for {policy.alcohol_free_hours} hours after your infusion.'


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def handouts_cli(*args, root):
    # none of the developer's own HANDOUTS_ settings but the cache folder; the rest is passed on (PYTHONPATH names
    # the code when the tests run on a copy, as scripts/mutate does)
    kept = {name: value for name, value in os.environ.items()
            if not name.startswith("HANDOUTS_") or name == "HANDOUTS_CACHE_DIR"}
    env = {**kept, "HANDOUTS_PROJECT": str(root), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, cwd=root, env=env)


def test_changed_english_block_makes_its_translation_stale(project_copy):
    assert not [l for l in checks.reports(api.load_inputs()) if "stale" in l]
    replace(project_copy / "content.yaml", ALCOHOL_EN,
            'text: "Do not drink any alcohol for {policy.alcohol_free_hours} hours after your infusion.')
    inputs = api.load_inputs()  # stale does not block: the build still works
    stale = [l for l in checks.reports(inputs) if "stale" in l]
    assert len(stale) == 1 and "translations/es.yaml:" in stale[0] and "blocks.ac-alcohol.source" in stale[0]
    reasons = {job.handout: draft_reasons(job) for job in plan(inputs.content, inputs.clinics[:1], langs=["es"])}
    assert "el texto en inglés cambió después de traducirlo" in reasons["aftercare"]
    assert "el texto en inglés cambió después de traducirlo" not in reasons["day-of-infusion"]

    # The translator updates the Spanish, then stamps the entry as made from the current English.
    result = handouts_cli("translations", "stamp", "es", "ac-alcohol", root=project_copy)
    assert result.returncode == 0, result.stderr
    assert not [l for l in checks.reports(api.load_inputs()) if "stale" in l]
    assert "# MACHINE-WRITTEN DRAFT" in (project_copy / "translations" / "es.yaml").read_text()  # comments kept


def test_check_command_reports_unreviewed_and_stale(project_copy):
    replace(project_copy / "content.yaml", 'title: "Rest, and do not drive"', 'title: "Rest, and never drive"')
    result = handouts_cli("check", root=project_copy)
    assert result.returncode == 0, result.stderr
    assert "not reviewed by a qualified human translator" in result.stdout
    assert "blocks.ac-driving.source: stale" in result.stdout
    status = handouts_cli("translations", "status", root=project_copy)
    assert "1 stale" in status.stdout and "stale    ac-driving" in status.stdout


def problems(**kwargs) -> list[str]:
    with pytest.raises(InvalidInput) as exc:
        api.load_inputs(**kwargs)
    return [str(p) for p in exc.value.problems]


def test_missing_translation_blocks_the_build(project_copy):
    es = project_copy / "translations" / "es.yaml"
    text = es.read_text(encoding="utf-8")
    start = text.index("  ac-alcohol:")
    es.write_text(text[:start] + text[text.index("  ac-course-heading:"):], encoding="utf-8")
    [line] = problems()
    blocks_line = text[:text.index("\nblocks:")].count("\n") + 2  # reported at the `blocks:` key
    assert f"translations/es.yaml:{blocks_line}:" in line and "block 'ac-alcohol' (aftercare) has no translation" in line


def test_missing_ui_words_block_the_build_and_show_in_status(project_copy):
    """The words the templates print (here the emergency callout's title) are part of the translation."""
    replace(project_copy / "translations" / "es.yaml", '  emergency_title: "Busque ayuda de inmediato"\n', "")
    [line] = problems()
    assert "translations/es.yaml:" in line and "ui.emergency_title is missing" in line and "Get help right away" in line
    result = handouts_cli("translations", "status", root=project_copy)
    assert result.returncode == 0 and "missing  ui.emergency_title" in result.stdout


def test_ui_words_keep_their_clinic_values(project_copy):
    replace(project_copy / "translations" / "es.yaml", "Llame al {emergency.number} ahora", "Llame ahora")
    [line] = problems()
    assert "ui.emergency_call" in line and "{emergency.number}" in line


def test_translation_must_quote_the_same_clinic_values(project_copy):
    replace(project_copy / "translations" / "es.yaml", "llámenos al {contact.phone}.", "llámenos.")
    [line] = problems()
    assert "blocks.di-intro.text" in line and "same clinic values" in line and "{contact.phone}" in line


def test_translation_items_must_match_the_english(project_copy):
    replace(project_copy / "translations" / "es.yaml", '      - "Sangre en la orina"\n', "")
    [line] = problems()
    assert "blocks.ac-bladder-list.items" in line and "has 2 items, the English has 3" in line


def test_clinic_language_without_translation(project_copy):
    replace(project_copy / "clinics" / "harbour-health" / "clinic.yaml", "languages: [en, es]", "languages: [en, fr]")
    lines = problems(clinics=["harbour-health"])
    assert any("languages[1]" in l and "no translation for 'fr'" in l for l in lines)
    assert any("policy.bring[0]" in l and "no text for fr" in l for l in lines)


def test_clinic_text_must_be_given_in_every_language(project_copy):
    clinic = project_copy / "clinics" / "example-clinic" / "clinic.yaml"
    replace(clinic, '      es: "Su identificación con foto"\n', "")
    replace(clinic, 'no_driving: {en: "until the next day, after a full night\'s sleep", es: "hasta el día siguiente, '
                    'después de dormir toda la noche"}', 'no_driving: "until the next day"')
    lines = problems(clinics=["example-clinic"])
    assert len(lines) == 2
    assert "policy.bring[0]" in lines[1] and "no text for es" in lines[1]
    assert "policy.no_driving" in lines[0] and "give this text in each" in lines[0]
    assert all("example-clinic/clinic.yaml:" in l for l in lines)


def test_unused_language_gaps_are_reported_not_fatal(project_copy):
    for slug in ("example-clinic", "harbour-health"):
        replace(project_copy / "clinics" / slug / "clinic.yaml", "languages: [en, es]", "languages: [en]")
    replace(project_copy / "translations" / "es.yaml", "llámenos al {contact.phone}.", "llámenos.")
    # Per-language clinic text is fine for a one-language clinic (the en text is used).
    inputs = api.load_inputs()
    assert any("same clinic values" in l and "no selected clinic prints es" in l for l in checks.reports(inputs))


def cut(path, start: str, end: str) -> None:
    """Remove the lines from the one that is `start` up to (not including) the one that is `end`."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first, last = lines.index(start + "\n"), lines.index(end + "\n")
    path.write_text("".join(lines[:first] + lines[last:]), encoding="utf-8")


def test_a_handout_without_a_translated_title_is_named_at_the_handouts_key(project_copy):
    es = project_copy / "translations" / "es.yaml"
    cut(es, "  aftercare:", "blocks:")
    assert problems() == [f"{es}:{key_position(es, 'handouts:')[0]}:1: handouts: handout 'aftercare' has no "
                          "translated title; add handouts.aftercare"]


def test_warning_signs_without_a_translation_are_named_at_the_blocks_key(project_copy):
    es = project_copy / "translations" / "es.yaml"
    cut(es, "  signs-call-clinic:", "  signs-call-emergency:")
    [line] = problems()
    assert line.startswith(f"{es}:{key_position(es, 'blocks:')[0]}:1: blocks: warning signs "
                           "'signs-call-clinic' have no translation; add them (English: ")


def test_missing_ui_words_are_named_at_the_ui_key(project_copy):
    es = project_copy / "translations" / "es.yaml"
    replace(es, '  emergency_title: "Busque ayuda de inmediato"\n', "")
    [line] = problems()
    assert line.startswith(f"{es}:{key_position(es, 'ui:')[0]}:1: ui: ui.emergency_title is missing")


def test_a_question_translated_as_plain_text_is_one_line_not_a_crash(project_copy):
    """The translation file may hold text or question-and-answer items; each must be the kind the English is.
    The checks that put the handouts together wait until it is."""
    es = project_copy / "translations" / "es.yaml"
    text = es.read_text(encoding="utf-8")
    start, end = text.index('      - q: "¿Cuánto tiempo'), text.index('      - q: "¿Es normal')
    es.write_text(text[:start] + '      - "¿Cuánto tiempo voy a estar en la clínica?"\n' + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    result = handouts_cli("check", root=project_copy)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"translations/es.yaml:{line}:9: blocks.di-qa.items[0]: must be a question "
                                          "and an answer (q: and a:), as in the English"]


def test_a_list_item_translated_as_a_question_is_one_line(project_copy):
    replace(project_copy / "translations" / "es.yaml", '      - "Sangre en la orina"\n',
            '      - q: "¿Sangre?"\n        a: "Sangre en la orina"\n')
    [line] = problems()
    assert line.endswith("blocks.ac-bladder-list.items[2]: must be one piece of text, as in the English")


def test_a_field_the_english_has_must_be_translated_and_one_it_lacks_removed(project_copy):
    es = project_copy / "translations" / "es.yaml"
    replace(es, '    subtitle: "Cómo cuidarse en casa"\n', "")
    [line] = problems()
    assert line == f"{es}:{key_position(es, '  aftercare:')[0] + 1}:5: handouts.aftercare: the English has subtitle; translate it too"
    replace(es, '    title: "Después de su infusión"\n',
            '    title: "Después de su infusión"\n    subtitle: "Cómo cuidarse en casa"\n')
    replace(es, '  di-qa:\n    source: "fbb8a0d6"\n', '  di-qa:\n    source: "fbb8a0d6"\n    text: "Más"\n')
    [line] = problems()
    assert line.endswith("blocks.di-qa.text: the English block has no text; remove it")


def test_a_stale_title_and_an_unknown_block_are_warnings_at_their_places(project_copy):
    es = project_copy / "translations" / "es.yaml"
    replace(project_copy / "content.yaml", 'title: "After Your Infusion"', 'title: "After the Infusion"')
    replace(es, "blocks:\n", 'blocks:\n  zz-gone:\n    source: "00000000"\n    text: "Ya no existe."\n')
    found = [p for p in checks.warnings(api.load_inputs()) if p.file.endswith("es.yaml") and p.field != "review.status"]
    assert [(p.line, p.col, p.field, p.message.split(";")[0]) for p in found] == [
        (key_position(es, "  aftercare:")[0] + 1, 13, "handouts.aftercare.source", "stale: the English changed after this "
                                                                              "was translated"),
        (key_position(es, "  zz-gone:")[0], 3, "blocks.zz-gone", "no such block in content.yaml")]


@pytest.mark.parametrize(("english", "shown"), [
    ({"text": "x" * 50}, repr("x" * 50)),
    ({"text": "x" * 51}, repr("x" * 50 + "...")),
    ({"items": ["First", "Second"]}, "'First'"),
    ({"items": [{"q": "Why?", "a": "Because."}, {"q": "How?", "a": "So."}]}, "'Why?'"),
])
def test_a_missing_translation_quotes_the_first_fifty_characters_of_the_english(english, shown):
    from handouts.checks.translations import _preview

    assert _preview(english) == shown


def test_a_one_language_clinic_gives_its_text_once(project_copy):
    clinic = project_copy / "clinics" / "example-clinic" / "clinic.yaml"
    replace(clinic, "languages: [en, es]", "languages: [en]")
    replace(clinic, 'no_driving: {en: "until the next day, after a full night\'s sleep", es: "hasta el día siguiente, '
                    'después de dormir toda la noche"}', 'no_driving: "until the next day"')
    api.load_inputs(clinics=["example-clinic"])  # no problem raised


def test_a_question_whose_answer_drops_a_clinic_value_is_named_at_the_answer(project_copy):
    replace(project_copy / "translations" / "es.yaml", 'a: "El goteo dura unos {policy.infusion_minutes_from} a '
            '{policy.infusion_minutes_to} minutos.', 'a: "El goteo dura unos minutos.')
    [line] = problems()
    assert "blocks.di-qa.items[0].a: must quote the same clinic values as the English" in line


def test_a_list_item_that_drops_a_clinic_value_is_named_at_the_item(project_copy):
    replace(project_copy / "translations" / "es.yaml", '- "El goteo dura unos {policy.infusion_minutes_from} a '
            '{policy.infusion_minutes_to} minutos. Después', '- "El goteo dura unos minutos. Después')
    [line] = problems()
    assert "blocks.di-main-points.items[2]: must quote the same clinic values as the English" in line


def test_a_crisis_line_name_given_per_language_needs_every_language(project_copy):
    replace(project_copy / "clinics" / "example-clinic" / "clinic.yaml", '    es: "la Línea 988"\n', "")
    [line] = problems(clinics=["example-clinic"])
    assert line.endswith("emergency.crisis_line_name: no text for es, which this clinic prints (languages: en, es)")
