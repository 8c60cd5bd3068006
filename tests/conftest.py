"""Shared fixtures: the sample batch is rendered once per test session and inspected by many tests."""
from __future__ import annotations

import contextlib
import io
import logging
import shutil
from pathlib import Path

import pypdf
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "tests" / "fixtures" / "scripts"  # test-only Arabic, Vietnamese, Chinese, Korean (and English)


def script_inputs():
    """The script fixture's content and its one clinic, loaded as the library loads a project."""
    from handouts import api

    return api.load_inputs(SCRIPTS / "content.yaml", [str(SCRIPTS / "clinics" / "script-clinic")])


@contextlib.contextmanager
def weasyprint_warnings():
    """Collect WeasyPrint's warnings (e.g. missing glyphs) while the block runs."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


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
    """A throwaway copy of content.yaml, translations/ and clinics/ that a test may break; HANDOUTS_ROOT points at it."""
    shutil.copy(ROOT / "content.yaml", tmp_path / "content.yaml")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copytree(ROOT / "clinics", tmp_path / "clinics")
    monkeypatch.setenv("HANDOUTS_ROOT", str(tmp_path))
    return tmp_path


def pdf_text(path: Path | bytes) -> str:
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Text with all whitespace runs collapsed, for phrase matching across line breaks."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def large_print_build(tmp_path_factory):
    """Every handout of every sample clinic in the large-print variant."""
    from handouts import api

    return api.build(api.load_inputs(), tmp_path_factory.mktemp("large-print"), variants=["large-print"])
