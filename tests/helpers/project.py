"""The project under test: its folder, the script fixture's inputs, WeasyPrint's warnings while a block runs."""
from __future__ import annotations

import contextlib
import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "tests" / "fixtures" / "scripts"  # test-only Arabic, Vietnamese, Chinese, Korean (and English)
PROJECT_VARIABLE = "HANDOUTS_PROJECT"  # what settings.root() reads (settings.py)


def key_position(path, key: str, after: str = "") -> tuple[int, int]:
    """Where `key` first starts a line of a YAML file (after the line `after`, if given): its line and column.

    An indented `key` ("  aftercare:") matches at that indent only; otherwise at any indent."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    start = next(n for n, text in enumerate(lines) if text.strip() == after) if after else 0
    number = next(n for n in range(start, len(lines)) if lines[n].startswith(key) or lines[n].strip().startswith(key))
    return number + 1, lines[number].index(key.strip()) + 1


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
