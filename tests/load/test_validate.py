"""Which field names an "unknown field" line offers: the model's own at the place of the bad key."""
from __future__ import annotations

import pytest

from handouts.load.validate import allowed_fields
from handouts.models.clinic import Clinic
from handouts.models.content import Content


@pytest.mark.parametrize(("model", "location", "allowed"), [
    (Clinic, ("contact", "telephone"), ["phone", "after_hours_phone", "email", "website", "address", "hours"]),
    (Content, ("handouts", "aftercare", "blocks", 0, "paragraph", "x"), ["id", "when", "type", "text"]),
    (Clinic, ("approval", "x"), ["name", "credentials", "approved_on", "content_version", "values_hash", "sample"]),
    (Clinic, ("nope", "x"), []),  # a place the model does not have
    (Content, ("handouts", "aftercare", "blocks", 0, "no-such-type", "x"), []),  # a block type it does not know
    (Clinic, ("policy", "bring", "x"), []),  # a list of text has no fields
    (Clinic, ("name", "x"), []),  # nor has text
])
def test_the_fields_offered_are_those_of_the_place(model, location, allowed):
    assert allowed_fields(model, location) == allowed
