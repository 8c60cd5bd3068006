"""The print shop's settings file at its limits: the output condition's length, the order's quantity, and what
an empty file means (no booklets)."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from handouts.models.print_shop import Order, PrintShop


@pytest.mark.parametrize(("length", "ok"), [(200, True), (201, False)])
def test_an_output_condition_of_200_characters_at_most(length, ok):
    if ok:
        assert PrintShop.model_validate({"output_condition": "F" * length}).output_condition == "F" * length
    else:
        with pytest.raises(ValidationError):
            PrintShop.model_validate({"output_condition": "F" * length})


@pytest.mark.parametrize(("quantity", "ok"), [(0, False), (1, True), (1_000_000, True), (1_000_001, False)])
def test_a_quantity_from_one_to_a_million(quantity, ok):
    if ok:
        assert Order.model_validate({"quantity": quantity}).quantity == quantity
    else:
        with pytest.raises(ValidationError):
            Order.model_validate({"quantity": quantity})


def test_an_empty_settings_file_asks_for_no_booklets():
    assert PrintShop.model_validate({}).booklet is False
