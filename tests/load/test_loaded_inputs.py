"""What load/ hands to every later stage cannot be changed after loading: the web server's threads share one
loaded project, and a stage that changed it would change it for every request after."""
from __future__ import annotations

import dataclasses

import pytest

from handouts import api
from handouts.load.print_shop import ShopSettings


def test_the_loaded_project_is_frozen_at_every_level():
    inputs = api.load_inputs()
    clinic, content = inputs.clinics[0], inputs.content
    translation = next(iter(content.translations.values()))
    for loaded, field in ((inputs, "clinics"), (clinic, "model"), (content, "model"), (translation, "model"),
                          (ShopSettings(), "booklet")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(loaded, field, None)


def test_without_a_print_shop_file_there_is_no_profile_and_no_booklet():
    assert ShopSettings() == ShopSettings(icc=None, output_condition=None, booklet=False, sheet=None, order=None)
