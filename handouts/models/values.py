"""Values checked by real parsers, not by regular expressions: web addresses, e-mail addresses, language codes.

A value that passes here prints correctly: the website in the footer and the QR code opens, the e-mail address
can be written to, and the language has locale data (dates, text direction, its own name) when the PDF is made.
Each validator raises a PydanticCustomError whose message `load.messages.friendly` prints as it is (values go
into its context, never into the template, whose braces pydantic would read as placeholders).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from email_validator import EmailNotValidError, validate_email
from pydantic_core import PydanticCustomError

# One label of a host name: letters, digits and inner dashes (after IDNA encoding of non-ASCII names).
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def website_problem(value: str) -> str | None:
    """Why `value` is not an https address a patient can open from print (None when it is one)."""
    if any(char.isspace() for char in value):
        return "contains a space; a web address has none (write %20 if the space is really part of it)"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (parsing the port is what rejects "example.org:99999")
    except ValueError as exc:
        return f"is not a web address ({exc})"
    if parts.scheme != "https" or not value.startswith("https://"):
        return "must start with https://"
    if parts.username is not None or parts.password is not None:
        return "must not contain a user name or password (user@...)"
    host = parts.hostname or ""
    try:
        labels = host.encode("idna").decode("ascii").split(".")
    except UnicodeError:
        labels = []
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return f"{host or '(nothing)'!r} is not a host name like example.org"
    return None


def website(value: str) -> str:
    problem = website_problem(value)
    if problem:
        raise PydanticCustomError("website", problem)
    return value


def email(value: str) -> str:
    """The address as written (not normalised: it prints as the clinic typed it), if it can receive mail."""
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise PydanticCustomError("email", "{value} is not an e-mail address: {reason}",
                                  {"value": repr(value), "reason": str(exc).rstrip(".")}) from None
    return value


def language(code: str) -> str:
    """A code Babel has locale data for: dates, text direction and the language's own name come from it."""
    try:
        Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        raise PydanticCustomError("language", "{code} is not a language code Babel knows; use one like en, es, "
                                  "vi, ar or zh-Hant", {"code": repr(code)}) from None
    return code
