"""The page remembers a user's last clinic, handouts and language in a cookie: names from the project's own
lists only, never anything typed (no patient detail can get in: every value is checked against the lists
when it is written and again when it is read)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Request, Response

COOKIE = "handouts-last"
MAX_AGE = 180 * 24 * 3600


@dataclass(frozen=True)
class LastChoice:
    clinic: str
    handouts: list[str]
    lang: str


def read_last(request: Request, clinics: dict[str, list[str]], handouts: list[str]) -> LastChoice | None:
    """clinics: slug -> languages the user may use."""
    clinic, _, rest = request.cookies.get(COOKIE, "").partition("|")
    chosen, _, lang = rest.partition("|")
    picked = [h for h in chosen.split(",") if h in handouts]
    if clinic not in clinics or not picked:
        return None
    return LastChoice(clinic, picked, lang if lang in clinics[clinic] else clinics[clinic][0])


def remember(response: Response, choice: LastChoice, clinics: dict[str, list[str]], handouts: list[str],
             secure: bool) -> Response:
    if choice.clinic in clinics and choice.lang in clinics[choice.clinic] and choice.handouts \
            and all(h in handouts for h in choice.handouts):
        value = f"{choice.clinic}|{','.join(choice.handouts)}|{choice.lang}"
        response.set_cookie(COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="Strict", secure=secure)
    return response
