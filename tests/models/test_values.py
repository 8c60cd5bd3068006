"""Websites, e-mail addresses and language codes are checked by real parsers; the messages name the reason."""
from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from handouts.models import values


@pytest.mark.parametrize(("value", "reason"), [
    ("https://exa mple", "contains a space"),
    ("https://example.org/a page", "contains a space"),
    ("http://example.org", "must start with https://"),
    ("https:example.org", "must start with https://"),
    ("https://example", "'example' is not a host name"),
    ("https://ex_ample.org", "is not a host name"),
    ("https://-bad.example.org", "is not a host name"),
    ("https://192.168.0.1", "is not a host name"),
    ("https://example.org:99999", "is not a web address"),
    ("https://user:secret@example.org", "must not contain a user name or password"),
    ("https://user@example.org", "must not contain a user name or password"),
    ("https://", "'(nothing)' is not a host name like example.org"),
    ("https://" + "a" * 64 + ".org", "is not a host name like example.org"),
    ("https://example.123", "'example.123' is not a host name"),
])
def test_websites_that_would_print_wrong(value, reason):
    assert reason in values.website_problem(value)
    with pytest.raises(PydanticCustomError) as caught:
        values.website(value)
    assert caught.value.type == "website" and reason in caught.value.message()


@pytest.mark.parametrize("value", ["https://example.org", "https://www.example.org/care?lang=es#top",
                                   "https://bücher.example/", "https://example.org:8443/x"])
def test_websites_that_work(value):
    assert values.website(value) == value


@pytest.mark.parametrize(("value", "ok"), [("care@example.org", True), ("Care.Team@Example.org", True),
                                           ("care@example..org", False), ("care@localhost", False),
                                           ("care@@example.org", False), ("care@example.org.", False)])
def test_email_addresses(value, ok):
    if ok:
        assert values.email(value) == value  # as typed: not normalised
    else:
        with pytest.raises(PydanticCustomError, match="is not an e-mail address"):
            values.email(value)


@pytest.mark.parametrize(("code", "ok"), [("en", True), ("es", True), ("zh-Hant", True), ("pt-BR", True),
                                          ("qq", False), ("xx", False), ("zz-ZZ", False)])
def test_language_codes_are_known_to_babel(code, ok):
    if ok:
        assert values.language(code) == code
    else:
        with pytest.raises(PydanticCustomError, match="not a language code Babel knows"):
            values.language(code)
