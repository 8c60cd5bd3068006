"""The medical director's checklist (docs/medical-review.md): each item is found in the rendered PDF text of
every sample clinic and language, on the handout the checklist names."""
from __future__ import annotations

import pytest

from handouts.checks.last_page import MIN_FILL, last_page_fill
from tests.helpers.pdfs import extracted_text, squash

ALL = ("pre-consultation", "day-of-infusion", "aftercare")
PRE, DAY, AFTER = ("pre-consultation",), ("day-of-infusion",), ("aftercare",)

# item -> (handouts, English phrases, Spanish phrases); the order follows docs/medical-review.md
CHECKLIST = {
    "reviewer of record": (ALL, ["Content reviewed by Dr. Sam Sample", "MD, psychiatrist"],
                           ["Contenido revisado por Dr. Sam Sample"]),
    "clinic approval": (ALL, ["Approved for", "This is a sample approval"],
                        ["Aprobado para", "Esta es una aprobación de ejemplo"]),
    "sedatives": (PRE, ["Benzodiazepines and sleep pills", "too sleepy", "work less well"],
                  ["Benzodiacepinas y pastillas para dormir", "demasiado sueño"]),
    "opioids": (PRE, ["Opioids", "slow your breathing"], ["Opioides", "más lenta su respiración"]),
    "stimulants and MAOIs": (PRE, ["Stimulants", "MAOIs", "blood pressure up"], ["Estimulantes", "IMAO"]),
    "lamotrigine": (PRE, ["Lamotrigine"], ["Lamotrigina"]),
    "alcohol, cannabis, street drugs": (PRE, ["Alcohol, cannabis, and street drugs", "or that night"],
                                        ["Alcohol, cannabis y drogas de la calle", "ni esa noche"]),
    "next-day limits": (AFTER, ["Drive a car", "Use machines or tools", "Ride a bike", "sign important papers",
                                "Care for a child on your own", "full night's sleep"],
                        ["Manejar un auto", "Usar máquinas", "Andar en bicicleta", "firmar papeles importantes",
                         "Cuidar a un niño sin otro adulto", "dormir toda la noche"]),
    "stroke signs": (AFTER, ["sudden, very bad headache", "weak or numb", "trouble speaking", "seizure"],
                     ["dolor de cabeza muy fuerte", "débil o dormido", "Le cuesta hablar", "convulsión"]),
    "which number to call": (ALL, ["in danger now", "thoughts of harming yourself"],
                             ["peligro ahora", "piensa en hacerse daño"]),
    "escort": (DAY, ["An adult must take you home", "come into the clinic to get you", "taxi, a rideshare, or on a bus",
                     "your session cannot go ahead"],
               ["Un adulto debe llevarle a casa", "entrar a la clínica a buscarle", "en taxi",
                "no se puede hacer su sesión"]),
    "screening": (PRE, ["even if you take medicine for it", "blow to the head", "pressure inside your head",
                        "glaucoma", "liver disease", "thyroid", "sleep apnea", "bad reaction to ketamine",
                        "bladder problems now"],
                  ["aunque tome medicamentos para ella", "golpe fuerte en la cabeza", "glaucoma", "hígado",
                   "tiroides", "apnea del sueño", "mala reacción a la ketamina", "problemas de la vejiga ahora"]),
    "indication and early evidence": (PRE, ["treatment-resistant depression", "still few and small", "mania"],
                                      ["depresión resistente al tratamiento", "pocos y pequeños", "manía"]),
    "long-term safety, fading benefit": (PRE, ["how safe it is to have it again and again", "good effect fades"],
                                         ["recibirla una y otra vez", "el efecto bueno se pasa"]),
    "dissociation can be strong": (PRE + DAY, ["strong or scary"], ["fuertes o dan miedo"]),
    "bladder: no false comfort": (PRE, ["no one can promise"], ["nadie puede prometer"]),
    "clear liquids defined": (DAY, ["Clear liquids are drinks you can see through"],
                              ["Los líquidos claros son bebidas"]),
    "session length from the clinic": (DAY, ["40 to 60 minutes"], ["40 a 60 minutos"]),
}


def _text(result, entry) -> str:
    # word joiners and soft hyphens keep compounds together on the page; they are not part of the words
    return squash(extracted_text(result.out_dir / entry.path).replace("\u2060", "").replace("\u00ad", ""))


@pytest.mark.parametrize("item", list(CHECKLIST))
def test_checklist_item_is_in_every_sample_pdf(sample_build, item):
    result, _ = sample_build
    handouts, english, spanish = CHECKLIST[item]
    seen = 0
    for entry in result.entries:
        if entry.handout not in handouts:
            continue
        text = _text(result, entry)
        for phrase in english if entry.lang == "en" else spanish:
            assert phrase in text, f"{item}: {phrase!r} not in {entry.path}"
        seen += 1
    assert seen == 2 * 2 * len(handouts)  # two sample clinics, two languages


def test_each_clinic_names_its_own_regulator(sample_build):
    result, _ = sample_build
    for entry in result.entries:
        if entry.handout != "pre-consultation":
            continue
        text = _text(result, entry)
        own, other = ("MHRA", "FDA") if entry.clinic == "harbour-health" else ("FDA", "MHRA")
        assert own in text and other not in text, entry.path


def test_dates_follow_the_clinic_country(sample_build):
    result, _ = sample_build
    for entry in result.entries:
        if entry.lang != "en":
            continue
        text = _text(result, entry)
        if entry.clinic == "harbour-health":
            assert "4 Dec 2026" in text and "Dec 4, 2026" not in text, entry.path
            assert "on 4 December 2026" in text  # the approval date
        else:
            assert "Dec 4, 2026" in text and "on December 4, 2026" in text, entry.path


def test_no_sample_pdf_ends_on_a_near_empty_page(sample_build):
    result, _ = sample_build
    for entry in result.entries:
        fill = last_page_fill((result.out_dir / entry.path).read_bytes())
        assert fill >= MIN_FILL, f"{entry.path}: last page {fill:.0%} full"
