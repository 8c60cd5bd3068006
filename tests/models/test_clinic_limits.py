"""Every limit of a clinic file, tried exactly at the limit (accepted) and one past it (refused at that field)."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from handouts.models.clinic import Clinic

BASE = yaml.safe_load((Path(__file__).resolve().parents[1] / "bad_inputs" / "base" / "clinic.yaml").read_text("utf-8"))
PHONE_40 = "(555) " + "0" * 34  # 40 characters, a valid number


def digits(n: int) -> str:
    return "5" * n


# (path in the file, value at the limit, value one past it)
LIMITS: list[tuple[tuple[Any, ...], Any, Any]] = [
    (("name",), "N" * 80, "N" * 81),
    (("contact", "address"), "A" * 300, "A" * 301),
    (("contact", "phone"), PHONE_40, PHONE_40 + "0"),
    (("contact", "email"), "a" * 188 + "@example.org", "a" * 189 + "@example.org"),
    (("policy", "fasting_hours"), 24, 25),
    (("policy", "fasting_hours"), 0, -1),
    (("policy", "clear_liquids_until_hours"), 24, 25),
    (("policy", "alcohol_free_hours"), 168, 169),
    (("policy", "observation_minutes"), 240, 241),
    (("policy", "observation_minutes"), 5, 4),
    (("policy", "medications"), ["Bring a list."] * 10, ["Bring a list."] * 11),
    (("policy", "bring"), ["Your ID"] * 12, ["Your ID"] * 13),
    (("policy", "bring"), ["Your ID"], []),
    (("policy", "bring", 0), "B" * 200, "B" * 201),
    (("policy", "call_clinic_if", 0), "C" * 2000, "C" * 2001),
]
IDS = [f"{'.'.join(map(str, path))}={len(at) if isinstance(at, list | str) else at}" for path, at, _ in LIMITS]


def with_value(path: tuple[Any, ...], value: Any) -> dict:
    data = copy.deepcopy(BASE)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize("path, at_limit, past_limit", LIMITS, ids=IDS)
def test_a_value_at_the_limit_is_accepted_and_one_past_it_refused(path, at_limit, past_limit):
    Clinic.model_validate(with_value(path, at_limit))
    with pytest.raises(ValidationError) as caught:
        Clinic.model_validate(with_value(path, past_limit))
    for error in caught.value.errors():  # at that field (a union's member name may stand between its parts)
        assert error["loc"][:len(path) - 1] == path[:-1] and path[-1] in error["loc"], error["loc"]
