"""Translations and clinic languages: what blocks a build (Problems) and what `check` reports.

- A clinic that prints language L needs translations/L.yaml, with every block of content.yaml in it:
  a patient must never get a handout that is half English. A missing or malformed entry is a Problem
  only when a loaded clinic prints that language; otherwise it is a report line.
- A translation made from older English (source hash differs) is stale: reported, and its PDFs get
  a DRAFT mark, but it does not block the build (the translator may be on it).
- An unreviewed translation is reported; its PDFs get a DRAFT mark.
- Clinic text given per language must be given in every language the clinic prints.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from handouts.errors import Problem
from handouts.load import refs
from handouts.load import translations as translation
from handouts.models.clinic import Clinic, SignsChange


def _needed(inputs) -> dict[str, list]:
    """Language -> the loaded clinics that print it (content's own language excluded)."""
    source = inputs.content.model.language
    out: dict[str, list] = {}
    for clinic in inputs.clinics:
        for lang in clinic.model.languages:
            if lang != source:
                out.setdefault(lang, []).append(clinic)
    return out


def _entry_findings(content, loaded) -> list[Problem]:
    """Every way the translation does not match content.yaml, located in the translation file."""
    doc, model = loaded.doc, loaded.model
    found: list[Problem] = _ui_findings(doc, model)
    for slug, handout in content.model.handouts.items():
        english = translation.handout_fields(handout)
        entry = model.handouts.get(slug)
        if entry is None:
            found.append(doc.problem(("handouts",), f"handout {slug!r} has no translated title; add handouts.{slug}",
                                     key=True))
        else:
            found += _shape(doc, ("handouts", slug), english, {"title": entry.title, "subtitle": entry.subtitle})
        for block in handout.blocks:
            english = translation.source_fields(block)
            if not english:
                continue  # only clinic lists (items_from): nothing to translate here
            entry = model.blocks.get(block.id)
            if entry is None:
                found.append(doc.problem(("blocks",), f"block {block.id!r} ({slug}) has no translation; add it "
                                                      f"(English: {_preview(english)})", key=True))
            else:
                found += _shape(doc, ("blocks", block.id), english, translation.translated_fields(entry))
    for sign_list in content.model.warning_signs.lists():
        english, entry = translation.source_fields(sign_list), model.blocks.get(sign_list.id)
        if entry is None:
            found.append(doc.problem(("blocks",), f"warning signs {sign_list.id!r} have no translation; add them "
                                                  f"(English: {_preview(english)})", key=True))
        else:
            found += _shape(doc, ("blocks", sign_list.id), english, translation.translated_fields(entry))
    return found


def _ui_findings(doc, model) -> list[Problem]:
    """Every word the templates print (footer, DRAFT reasons, emergency callout, visit box) must be given."""
    found = []
    for key in translation.UI_KEYS:
        english, given = getattr(translation.ENGLISH_UI, key), getattr(model.ui, key)
        if given is None:
            found.append(doc.problem(("ui",), f"ui.{key} is missing; translate it (English: {english!r})", key=True))
        elif Counter(refs.REF.findall(english)) != Counter(refs.REF.findall(given)):
            want = ", ".join(f"{{{r}}}" for r in refs.REF.findall(english)) or "none"
            found.append(doc.problem(("ui", key), f"must keep the same values in braces as the English ({want})"))
    return found


def _shape(doc, loc: tuple, english: dict, translated: dict) -> list[Problem]:
    out = []
    for name in ("text", "title", "label", "subtitle", "items"):
        has_en, has_tr = english.get(name) is not None, translated.get(name) is not None
        if has_en and not has_tr:
            out.append(doc.problem(loc, f"the English has {name}; translate it too"))
        elif has_tr and not has_en:
            out.append(doc.problem((*loc, name), f"the English block has no {name}; remove it"))
    en_items, tr_items = english.get("items") or [], translated.get("items") or []
    if en_items and tr_items and len(en_items) != len(tr_items):
        out.append(doc.problem((*loc, "items"), f"has {len(tr_items)} items, the English has {len(en_items)}"))
    for i, (en, tr) in enumerate(zip(en_items, tr_items)):
        if isinstance(en, dict) != isinstance(tr, dict):
            kind = "a question and an answer (q: and a:)" if isinstance(en, dict) else "one piece of text"
            out.append(doc.problem((*loc, "items", i), f"must be {kind}, as in the English"))
    for where, en_text, tr_text in _pairs(loc, english, translated):
        if Counter(refs.REF.findall(en_text)) != Counter(refs.REF.findall(tr_text)):
            want = ", ".join(f"{{{r}}}" for r in refs.REF.findall(en_text)) or "none"
            out.append(doc.problem(where, f"must quote the same clinic values as the English ({want})"))
        out += [doc.problem(where, m) for m in refs.problems_in_text(tr_text)]
    return out


def _pairs(loc, english, translated):
    for name in ("text", "title", "label", "subtitle"):
        if english.get(name) and translated.get(name):
            yield (*loc, name), english[name], translated[name]
    for i, (en, tr) in enumerate(zip(english.get("items") or [], translated.get("items") or [])):
        if isinstance(en, dict) and isinstance(tr, dict):
            yield (*loc, "items", i, "q"), en["q"], tr["q"]
            yield (*loc, "items", i, "a"), en["a"], tr["a"]
        elif isinstance(en, str) and isinstance(tr, str):
            yield (*loc, "items", i), en, tr


def _preview(fields: dict) -> str:
    first = next(iter(fields.values()))
    text = first if isinstance(first, str) else str(first[0] if not isinstance(first[0], dict) else first[0]["q"])
    return repr(text[:50] + ("..." if len(text) > 50 else ""))


def clinic_languages_have_translations(inputs) -> list[Problem]:
    problems = []
    for lang, clinics in _needed(inputs).items():
        loaded = inputs.content.translations.get(lang)
        if loaded is None:
            for clinic in clinics:
                index = clinic.model.languages.index(lang)
                problems.append(clinic.doc.problem(("languages", index), f"there is no translation for {lang!r} "
                                                   f"(translations/{lang}.yaml next to the content file)"))
        else:
            problems += _entry_findings(inputs.content, loaded)
    return problems


def clinic_text_in_every_language(inputs) -> list[Problem]:
    """Policy lines a patient reads must exist in every language the clinic prints."""
    problems = []
    for clinic in inputs.clinics:
        langs = clinic.model.languages
        for loc, value in _local_values(clinic.model):
            if isinstance(value, str):
                if len(langs) > 1:
                    problems.append(clinic.doc.problem(loc, f"this clinic prints {', '.join(langs)}: give this text "
                                                            f"in each, like {{{': ..., '.join(langs)}: ...}}"))
            else:
                missing = [lang for lang in langs if lang not in value]
                if missing:
                    problems.append(clinic.doc.problem(loc, f"no text for {', '.join(missing)}, which this clinic "
                                                            f"prints (languages: {', '.join(langs)})"))
    return problems


def _local_values(model: Clinic):
    """(location, value) of every text the clinic may give per language."""
    for name in ("no_driving", "medications", "bring", "call_clinic_if", "call_emergency_if"):
        value = getattr(model.policy, name)
        if isinstance(value, SignsChange):  # {add: [...]} or {replace: [...]}
            for key in ("add", "replace"):
                for i, item in enumerate(getattr(value, key) or []):
                    yield ("policy", name, key, i), item
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield ("policy", name, i), item
        elif value is not None:
            yield ("policy", name), value
    # emergency.crisis_line_name is left out: one name for every language is allowed (a name such as
    # "Samaritans" is not translated); a name given per language must still have every language.
    crisis_name = model.emergency.crisis_line_name
    if isinstance(crisis_name, dict):
        yield ("emergency", "crisis_line_name"), crisis_name


def translation_status(inputs) -> list[Problem]:
    """Warnings: gaps in translations no selected clinic prints, unreviewed and stale translations, unknown blocks."""
    lines = []
    needed = _needed(inputs)
    for lang, loaded in sorted(inputs.content.translations.items()):
        model, doc = loaded.model, loaded.doc
        if lang not in needed:  # not printed by these clinics: its gaps are warnings, not errors
            lines += [replace(p, message=f"{p.message} (no selected clinic prints {lang})", severity="warning")
                      for p in _entry_findings(inputs.content, loaded)]
        if model.review.status != "reviewed":
            lines.append(doc.problem(("review", "status"), f"{model.language_name} ({lang}) translation by "
                                     f"{model.translator} is not reviewed by a qualified human translator: its PDFs "
                                     f"are marked DRAFT").as_warning())
        for key in translation.stale_blocks(inputs.content, loaded):
            where = ("handouts", key.split(".", 1)[1]) if key.startswith("handouts.") else ("blocks", key)
            lines.append(doc.problem((*where, "source"), "stale: the English changed after this was "
                                     f"translated; update the translation, then run "
                                     f"`handouts translations stamp {lang} {key}`").as_warning())
        known = {b.id for h in inputs.content.model.handouts.values() for b in h.blocks}
        known |= {s.id for s in inputs.content.model.warning_signs.lists()}
        for block_id in model.blocks:
            if block_id not in known:
                lines.append(doc.problem(("blocks", block_id), "no such block in content.yaml; remove it",
                                         key=True).as_warning())
    return lines
