"""Installed like any tool: the wheel, in a fresh virtualenv without extras, starts a project with
`handouts init` and builds, bundles and preflights it there; a template the project overrides is used."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers.pdfs import extracted_text, squash

ROOT = Path(__file__).resolve().parents[2]
MARK = "Printed for the Northshore clinic network"


def run(args, cwd, env, timeout=600):
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}: {done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HANDOUTS_", "PYTHON", "VIRTUAL_ENV"))}
    env["HANDOUTS_CACHE_DIR"] = str(tmp / "cache")
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"), str(ROOT)], tmp, env)
    wheel = next((tmp / "dist").glob("handouts-*.whl"))
    run([sys.executable, "-m", "venv", str(tmp / "venv")], tmp, env)
    run([str(tmp / "venv" / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(wheel)], tmp, env)
    return tmp, wheel, env


def test_the_wheel_holds_templates_web_files_and_the_starter_project(installed):
    _, wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("handouts/templates/base.html.j2", "handouts/templates/theme.css.j2",
                 "handouts/web/templates/index.html", "handouts/web/templates/login.html",
                 "handouts/web/static/style.css", "handouts/publish/project_template/content.yaml",
                 "handouts/publish/project_template/translations/es.yaml",
                 "handouts/publish/project_template/clinics/example-clinic/clinic.yaml",
                 "handouts/publish/project_template/clinics/example-clinic/logo.svg"):
        assert name in names, name
    starter = zipfile.ZipFile(wheel).read("handouts/publish/project_template/content.yaml")
    assert starter == (ROOT / "content.yaml").read_bytes()  # the reviewed content itself, not a stale copy


def test_init_build_bundle_preflight_and_a_template_override(installed):
    tmp, _, env = installed
    handouts = str(tmp / "venv" / "bin" / "handouts")
    run([handouts, "init", "network"], tmp, env)
    project = tmp / "network"
    assert sorted(p.name for p in project.iterdir()) == [".gitignore", "README.md", "clinics", "content.yaml",
                                                         "schemas", "translations"]
    assert "instance/" in (project / ".gitignore").read_text()
    run([handouts, "build"], project, env)
    pdf = project / "output" / "example-clinic" / "day-of-infusion-en-office.pdf"
    assert MARK not in squash(extracted_text(pdf))
    bundled = run([handouts, "bundle", "--allow-draft"], project, env)
    assert "preflight OK" in bundled.stderr
    press = sorted((project / "output" / "bundle").rglob("*.pdf"))
    assert press
    checked = run([handouts, "preflight", *map(str, press)], project, env)
    assert "FAILED" not in checked.stdout and checked.stdout.count(": OK") == len(press)
    # The project overrides one default template by file name; the next build uses it.
    source = subprocess.run([str(tmp / "venv" / "bin" / "python"), "-c",
                             "import handouts.settings as s; print(s.TEMPLATES_DIR)"],
                            cwd=tmp, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(source).is_relative_to(tmp / "venv")  # the installed copy, not this checkout
    (project / "templates").mkdir()
    base = (Path(source) / "base.html.j2").read_text(encoding="utf-8")
    assert "{{ ui.sample_note }}" in base  # the mark takes the sample note's place: the pages keep their fill
    (project / "templates" / "base.html.j2").write_text(base.replace("{{ ui.sample_note }}", MARK, 1),
                                                        encoding="utf-8")
    run([handouts, "build", "--clinic", "example-clinic"], project, env)
    assert MARK in squash(extracted_text(pdf))


def test_every_package_folder_is_listed_for_the_wheel():
    """pyproject.toml lists the packages (the templates come from the top-level folder): none may be left out."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "handouts").rglob("__init__.py")
             if "project_template" not in p.parts}
    assert found | {"handouts.templates"} == listed
