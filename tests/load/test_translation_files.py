"""Reading translations/<lang>.yaml: each file names its own language, every bad file is reported, and the
templates' words fall back to English only where a check has not run."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace

import pytest

from handouts.api import load_inputs
from handouts.errors import InvalidInput
from handouts.load import translations
from tests.helpers.project import ROOT


@pytest.fixture
def folder(project_copy):
    """The translations folder of a throwaway copy of the project."""
    return project_copy / "translations"


def test_every_translation_next_to_the_content_is_read(folder):
    assert sorted(translations.load_all(folder.parent / "content.yaml")) == ["es"]


def test_a_file_that_names_another_language_is_refused_at_its_language_key(folder):
    es = folder / "es.yaml"
    es.rename(folder / "fr.yaml")
    with pytest.raises(InvalidInput) as refused:
        translations.load_all(folder.parent / "content.yaml")
    [problem] = refused.value.problems
    assert (problem.line, problem.field) == (16, "language")
    assert problem.message == "this file is fr.yaml, so language must be 'fr', not 'es'"


def test_every_bad_file_is_reported_at_once(folder):
    (folder / "de.yaml").write_text("language: de\nnot_a_field: 1\n", encoding="utf-8")
    (folder / "it.yaml").write_text("language: fr\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        translations.load_all(folder.parent / "content.yaml")
    named = {problem.file.rsplit("/", 1)[-1] for problem in refused.value.problems}
    assert named == {"de.yaml", "it.yaml"}


def test_a_word_the_language_lacks_is_the_english_one():
    spanish = translations.load_all(ROOT / "content.yaml")["es"].model.ui
    assert translations.word(spanish, "visit_title") == "Su visita"
    lacking = spanish.model_copy(update={"approved_by": None})
    assert translations.word(lacking, "approved_by") == str(translations.ENGLISH_UI.approved_by)


def job(inputs, lang: str, handout: str = "aftercare"):
    """What translations need of a job: its language, its handout and the content."""
    return SimpleNamespace(lang=lang, handout=handout, content=inputs.content)


def test_a_job_prints_the_title_and_words_of_its_own_language():
    inputs = load_inputs(ROOT / "content.yaml", clinics=["example-clinic"])
    spanish = inputs.content.translations["es"].model
    english = inputs.content.model.handouts["aftercare"]
    assert translations.handout_text(job(inputs, "en")) == {"title": english.title, "subtitle": english.subtitle}
    assert translations.handout_text(job(inputs, "es")) == {"title": spanish.handouts["aftercare"].title,
                                                            "subtitle": spanish.handouts["aftercare"].subtitle}
    assert translations.ui(job(inputs, "en")) is translations.ENGLISH_UI
    assert translations.ui(job(inputs, "es")) is spanish.ui


def test_a_changed_warning_sign_is_stale_on_aftercare_only(folder):
    content = folder.parent / "content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("or dizzy for more than a day.", "or dizzy for more than two days."),
                       encoding="utf-8")
    loaded = load_inputs(content, clinics=["example-clinic"]).content
    spanish = loaded.translations["es"]
    assert translations.stale_blocks(loaded, spanish) == ["signs-call-clinic"]
    assert translations.stale_blocks(loaded, spanish, "aftercare") == ["signs-call-clinic"]
    assert translations.stale_blocks(loaded, spanish, "pre-consultation") == []


def test_a_translation_is_a_draft_until_it_is_reviewed():
    inputs = load_inputs(ROOT / "content.yaml", clinics=["example-clinic"])
    spanish = inputs.content.translations["es"]
    ui = spanish.model.ui
    assert translations.draft_reasons(job(inputs, "en")) == []
    assert translations.draft_reasons(job(inputs, "es")) == [ui.translation_unreviewed]  # as the sample stands
    review = spanish.model.review.model_copy(update={"status": "reviewed", "reviewer": "A. Reviewer",
                                                     "date": dt.date(2026, 12, 1)})
    reviewed = replace(spanish, model=spanish.model.model_copy(update={"review": review}))
    content = replace(inputs.content, translations={**inputs.content.translations, "es": reviewed})
    assert translations.draft_reasons(SimpleNamespace(lang="es", handout="aftercare", content=content)) == []
