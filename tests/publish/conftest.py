"""A print-shop bundle shared by the print-shop tests (rendered once per session)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def shop_bundle(tmp_path_factory):
    """Both sample clinics in English (the Spanish is an unreviewed draft)."""
    from handouts import api

    folder = tmp_path_factory.mktemp("shop") / "press"
    return api.bundle(api.load_inputs(), folder, langs=["en"])
