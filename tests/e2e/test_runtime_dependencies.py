"""Every third-party module the package imports comes with a plain install: its distribution is a runtime
dependency in pyproject.toml, or a requirement of one (pikepdf was a test extra, so `bundle` crashed)."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules() -> set[str]:
    found = set()
    for path in (ROOT / "handouts").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"handouts"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure() -> set[str]:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    todo = [re.split(r"[ <>=!~;\[]", spec, maxsplit=1)[0] for spec in declared]
    seen: set[str] = set()
    while todo:
        name = canonical(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        for requirement in metadata.requires(name) or []:
            if "extra ==" not in requirement:
                todo.append(re.split(r"[ <>=!~;\[(]", requirement, maxsplit=1)[0])
    return seen


def test_every_imported_module_comes_with_a_plain_install():
    closure = runtime_closure()
    owners = metadata.packages_distributions()
    missing = {module: owners.get(module) for module in imported_modules()
               if not {canonical(d) for d in owners.get(module, [])} & closure}
    assert missing == {}, "add these to [project] dependencies in pyproject.toml"
