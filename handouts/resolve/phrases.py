"""Content text to phrases: each {clinic.reference} looked up and put in as a Value, in the job's language."""
from __future__ import annotations

from typing import Any

from handouts.load import refs
from handouts.resolve.document import Phrase, Value


def phrase(text: str, clinic: Any, lang: str = "en") -> Phrase:
    parts: list[str] = []
    last = 0
    for match in refs.REF.finditer(text):
        parts += [text[last:match.start()], Value(_display(refs.value(clinic, match.group(1), lang)))]
        last = match.end()
    parts.append(text[last:])
    return Phrase(tuple(p for p in parts if p or isinstance(p, Value)))


def plain(text: str, clinic: Any, lang: str = "en") -> str:
    """The words a patient reads, without markup (for readability scores and tests)."""
    return phrase(text, clinic, lang).plain()


def unset_number(clinic: Any, value: object) -> bool:
    """True when text quotes a clinic number that is 0 or not set: such a line is left out, not printed."""
    if not isinstance(value, str):
        return False
    fields = refs.clinic_fields()
    return any(fields.get(ref) == "number" and not refs.value(clinic, ref) for ref in refs.REF.findall(value))


def _display(value: object) -> str:
    return "" if value is None else str(value)
