"""The architecture page's module tables are the code's own: every module of every handouts/ folder, each with the
first sentence of its docstring, folders in the order of the import contract's layers.

After adding, removing, moving or re-describing a module, rewrite the tables (the docstrings are the source):

    .venv/bin/python tests/docs/test_module_tables.py
"""

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "handouts"
PAGE = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- module tables: written by tests/docs/test_module_tables.py from the docstrings; do not edit by hand -->"
END = "<!-- end of module tables -->"
REWRITE = "run `.venv/bin/python tests/docs/test_module_tables.py` to rewrite them"


def import_layers() -> list[list[str]]:
    """The layers of the import contract in pyproject.toml, top (cli) first, each a list of module names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(contract["layers"] for contract in contracts if contract["type"] == "layers")
    return [[name.strip().removeprefix("handouts.") for name in layer.split("|")] for layer in layers]


def docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def first_sentence(path: Path) -> str:
    """The docstring's first paragraph up to its first full stop before a capital letter ("e.g. `x`" goes on)."""
    paragraph = " ".join(docstring(path).split("\n\n")[0].split())
    return re.split(r"(?<=\.) (?=[A-Z])", paragraph, maxsplit=1)[0]


def markdown_cell(text: str) -> str:
    """Docstring text as one table cell: code spans kept, `<img>`, `**` and `|` outside them printed literally."""
    parts = text.split("`")
    for index in range(0, len(parts), 2):
        parts[index] = (parts[index].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("*", r"\*"))
    return "`".join(parts).replace("|", r"\|")


def is_package(folder: Path) -> bool:
    return folder.is_dir() and (folder / "__init__.py").is_file()


def folders_in_pipeline_order() -> list[Path]:
    """Every package folder: the stages bottom layer first, each followed by its sub-packages; any folder the
    contract does not name yet comes last, so a new one shows up (and fails the contract's own check)."""
    stages = [name for layer in reversed(import_layers()) for name in layer if is_package(PACKAGE / name)]
    stages += sorted(p.name for p in PACKAGE.iterdir() if is_package(p) and p.name not in stages)
    ordered: list[Path] = []
    for name in stages:
        ordered += [PACKAGE / name, *sorted(p.parent for p in (PACKAGE / name).rglob("*/__init__.py"))]
    return ordered


def table(folder: Path) -> list[str]:
    rows = ["| module | what it is |", "|---|---|"]
    for path in sorted(folder.iterdir()):
        if path.suffix == ".py" and path.name != "__init__.py":
            rows.append(f"| `{path.name}` | {markdown_cell(first_sentence(path))} |")
        elif is_package(path):
            rows.append(f"| `{path.name}/` | {markdown_cell(first_sentence(path / '__init__.py'))} |")
    return rows


def module_tables() -> str:
    """The generated part of the page: the top level, then one section per folder."""
    lines = ["### `handouts/`", "", markdown_cell(first_sentence(PACKAGE / "__init__.py")), "",
             *[row for row in table(PACKAGE) if not row.startswith("| `") or row.split("`")[1].endswith(".py")]]
    for folder in folders_in_pipeline_order():
        name = folder.relative_to(ROOT).as_posix()
        lines += ["", f"### `{name}/`", "", markdown_cell(first_sentence(folder / "__init__.py")), "", *table(folder)]
    return "\n".join(lines)


def page_with_tables(page: str) -> str:
    head, _, rest = page.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{module_tables()}\n{END}{tail}"


def test_module_tables_match_the_code():
    page = PAGE.read_text(encoding="utf-8")
    assert BEGIN in page and END in page, f"{PAGE}: the module tables' markers are missing"
    assert page == page_with_tables(page), f"{PAGE}: the module tables are stale; {REWRITE}"


def test_every_module_says_what_it_is():
    silent = [p.relative_to(ROOT).as_posix() for p in sorted(PACKAGE.rglob("*.py"))
              if "project_template" not in p.parts and not first_sentence(p)]
    assert not silent, f"modules without a docstring (their first sentence goes into the docs): {silent}"


def test_the_layer_list_is_the_import_contract():
    """The page spells out the layers; it must say what lint-imports checks."""
    spelled = " > ".join(" | ".join(layer) for layer in import_layers())
    assert f"`{spelled}`" in PAGE.read_text(encoding="utf-8"), f"{PAGE}: the layers are not `{spelled}`"


def test_the_drawing_names_every_stage():
    """Every folder and api.py is a box of the drawing: at the start of a line, after an arrow or beside another
    front end; the shared modules are named on the bottom line."""
    drawing = PAGE.read_text(encoding="utf-8").split("```text", 1)[1].split("```", 1)[0]
    stages = [f"{p.name}/" for p in PACKAGE.iterdir() if is_package(p)] + ["api.py"]
    missing = [stage for stage in sorted(stages) if not re.search(rf"(?m)(^ *|◀── |· ){re.escape(stage)}", drawing)]
    missing += [name for name in ("settings.py", "files.py", "errors.py") if name not in drawing]
    assert not missing, f"{PAGE}: the pipeline drawing leaves out {missing}"


if __name__ == "__main__":
    PAGE.write_text(page_with_tables(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"wrote the module tables of {PAGE.relative_to(ROOT)}\n")
