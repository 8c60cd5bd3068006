"""README.md stays a front door: what it is, the two commands first, where to read on; the rest is the docs site."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TWO_COMMANDS = [
    "bash scripts/setup && .venv/bin/handouts build",
    "bash scripts/setup && .venv/bin/python -m pytest -n 2 --dist loadfile",
]


def test_readme_is_short():
    assert len(README.splitlines()) <= 150, "README.md is over 150 lines: move the detail into a page of docs/"


def test_the_two_commands_are_the_first_code_block():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert [line.split("  #")[0].strip() for line in first_block] == TWO_COMMANDS

