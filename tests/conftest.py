"""Fixtures every folder uses: the sample batch rendered once per test session, a throwaway project copy."""
from __future__ import annotations

import shutil

import pytest

from tests.helpers.project import PROJECT_VARIABLE, ROOT, weasyprint_warnings


def pytest_collection_modifyitems(items):
    """A test's id must not name the folder the project sits in: scripts/mutate selects tests by id in a copy of
    the project elsewhere, where such an id names no test."""
    placed = [item.nodeid for item in items if str(ROOT) in item.nodeid]
    if placed:
        raise pytest.UsageError(f"a test id names the project's folder; give its parameter an id: {placed[0]}")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """Every handout of every sample clinic, built through the library API, with WeasyPrint's warnings."""
    from handouts import api

    out = tmp_path_factory.mktemp("sample-output")
    with weasyprint_warnings() as records:
        result = api.build(api.load_inputs(), out)
    return result, records


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    """A throwaway copy of content.yaml, translations/ and clinics/ that a test may break; the project variable
    points at it."""
    shutil.copy(ROOT / "content.yaml", tmp_path / "content.yaml")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copytree(ROOT / "clinics", tmp_path / "clinics")
    monkeypatch.setenv(PROJECT_VARIABLE, str(tmp_path))
    return tmp_path


@pytest.fixture(scope="session")
def large_print_build(tmp_path_factory):
    """Every handout of every sample clinic in the large-print variant."""
    from handouts import api

    return api.build(api.load_inputs(), tmp_path_factory.mktemp("large-print"), variants=["large-print"])
