"""Pipeline conventions, through the real command line: --strict, --format json (checked against its schema),
usage errors exit 2, -q/-v, and value completion."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pikepdf
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
HANDOUTS = Path(sys.executable).parent / "handouts"  # the console script: completion keys on its name
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def run(*args: str, root: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "HANDOUTS_PROJECT": str(root), **(env or {})}
    environ.pop("HANDOUTS_DEBUG", None)
    return subprocess.run([str(HANDOUTS), *args], capture_output=True, text=True, cwd=root, env=environ, timeout=300)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def quiet_project(project_copy):
    """The sample project with its Spanish translation marked reviewed: no warning at all."""
    edit(project_copy / "translations" / "es.yaml", "  status: unreviewed\n  reviewer: null\n  date: null",
         '  status: reviewed\n  reviewer: "A. Reviewer"\n  date: 2026-11-20')
    return project_copy


def test_strict_turns_a_draft_warning_into_exit_1(quiet_project):
    assert run("check", "--strict", root=quiet_project).returncode == 0
    edit(quiet_project / "content.yaml", "      reviewed_on: 2026-12-04\n", "")  # pre-consultation: never reviewed
    plain = run("check", root=quiet_project)
    assert plain.returncode == 0 and "warning: " in plain.stdout and "DRAFT" in plain.stdout
    strict = run("check", "--strict", root=quiet_project)
    assert strict.returncode == 1, strict.stderr
    assert "--strict: 1 warning(s) above count as errors" in strict.stderr
    # bundle refuses drafts by itself; --allow-draft lifts that, --strict still fails on the warning
    for command in (["build", "--out", "out"], ["bundle", "--allow-draft", "--out", "out/bundle"]):
        result = run(*command, "--strict", root=quiet_project)
        assert result.returncode == 1, (command, result.stderr)
        assert "DRAFT: this handout has not been reviewed" in result.stderr
        assert "--strict: 1 warning(s) above count as errors; nothing was" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (quiet_project / "out").exists(), "--strict stops before anything is written"


def test_check_json_report_validates_against_its_schema(quiet_project):
    good = run("check", "--format", "json", root=quiet_project)
    assert good.returncode == 0, good.stderr
    report = json.loads(good.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["ok"] and report["problems"] == []

    edit(quiet_project / "content.yaml", "      reviewed_on: 2026-12-04\n", "")
    edit(quiet_project / "clinics" / "example-clinic" / "clinic.yaml", 'website: "https://example-clinic.example"',
         'website: "https://exa mple"')
    bad = run("check", "--format", "json", "--clinic", "example-clinic", root=quiet_project)
    assert bad.returncode == 1
    report = json.loads(bad.stdout)  # stdout is the report and nothing else
    jsonschema.validate(report, SCHEMA)
    assert not report["ok"] and report["errors"] == 1
    (problem,) = report["problems"]
    assert problem["file"].endswith("clinics/example-clinic/clinic.yaml") and problem["line"] > 1
    assert problem["field"] == "contact.website" and problem["severity"] == "error" and "space" in problem["message"]


def test_check_json_warnings_and_strict(project_copy):
    result = run("check", "--format", "json", "--strict", root=project_copy)  # the sample's Spanish is unreviewed
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert result.returncode == 1 and report["strict"] and not report["ok"] and report["errors"] == 0
    assert report["warnings"] == 1 and report["problems"][0]["field"] == "review.status"
    assert report["problems"][0]["severity"] == "warning" and report["problems"][0]["line"] >= 1


def test_preflight_json_report_validates_against_its_schema(tmp_path):
    path = tmp_path / "office.pdf"
    with pikepdf.new() as pdf:  # a plain PDF without PDF/X metadata, output intent or boxes
        pdf.add_blank_page(page_size=(612, 792))
        pdf.save(path)
    result = run("preflight", "--format", "json", str(path), root=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["command"] == "preflight" and report["files"][0]["ok"] is False
    messages = {(p["field"], p["message"].split(":")[0]) for p in report["problems"]}
    assert ("", "not PDF/X") in messages and ("page 1", "no TrimBox") in messages
    assert all(p["file"] == str(path) and p["line"] is None for p in report["problems"])


@pytest.mark.parametrize("args", [["build", "--variant", "poster"], ["build", "--shard", "3/2"],
                                  ["build", "--shard", "half"], ["check", "--format", "xml"]],
                         ids=["variant", "shard-range", "shard-text", "format"])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert "Error: Invalid value for" in result.stderr and "Traceback" not in result.stderr


def complete(words: str) -> list[str]:
    """What bash completion offers for the last word of `words`."""
    env = {"_HANDOUTS_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    result = run(env=env)
    assert result.returncode == 0, result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_completion_reads_the_project():
    assert complete("handouts build --clinic ") == ["example-clinic", "harbour-health"]
    assert complete("handouts check --clinic harb") == ["harbour-health"]
    assert complete("handouts build --handout ") == ["aftercare", "day-of-infusion", "pre-consultation"]
    assert complete("handouts bundle --lang ") == ["en", "es"]
    assert complete("handouts build --variant ") == ["office", "large-print", "print", "web", "epub"]
    assert complete("handouts personalize --handout d") == ["day-of-infusion"]


def test_every_command_takes_quiet_and_verbose():
    from handouts.cli import cli

    def commands(group):
        for command in group.commands.values():
            yield from commands(command) if hasattr(command, "commands") else [command]

    for command in commands(cli):
        names = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert {"-q", "--quiet", "-v", "--verbose"} <= names, command.name


def test_quiet_and_verbose_set_what_reaches_stderr(tmp_path):
    one = ["--clinic", "example-clinic", "--handout", "aftercare", "--lang", "en", "--jobs", "1"]
    loud = run("build", *one, "--out", str(tmp_path / "v"), "-v")
    assert loud.returncode == 0, loud.stderr
    assert "weasyprint: info: Step 1 - Fetching and parsing HTML" in loud.stderr  # WeasyPrint's own log
    silent = run("build", *one, "--out", str(tmp_path / "q"), "-q")
    assert silent.returncode == 0 and silent.stderr == ""
    assert (tmp_path / "q" / "example-clinic" / "aftercare-en-office.pdf").is_file()
    check = run("check", "-q")
    assert "Reading level" not in check.stdout and "OK:" not in check.stderr


def test_pre_commit_hook_runs_strict_check_in_a_content_repository(tmp_path):
    """The hook's entry, run as pre-commit runs it: in the content repository's folder, no HANDOUTS_ROOT."""
    import shlex

    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "handouts-check" and hook["pass_filenames"] is False
    command = shlex.split(hook["entry"])
    assert command == ["handouts", "check", "--strict"]
    for name in ("content.yaml", "clinics", "translations"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, tmp_path / name)
    env = {k: v for k, v in os.environ.items() if k not in ("HANDOUTS_PROJECT", "HANDOUTS_DEBUG")}
    hook_run = lambda: subprocess.run([str(HANDOUTS), *command[1:]], capture_output=True, text=True, cwd=tmp_path,
                                      env=env, timeout=300)
    blocked = hook_run()  # the sample's Spanish translation is unreviewed: a warning, so the commit stops
    assert blocked.returncode == 1 and "translations/es.yaml:20:11: review.status" in blocked.stdout
    edit(tmp_path / "translations" / "es.yaml", "  status: unreviewed\n  reviewer: null\n  date: null",
         '  status: reviewed\n  reviewer: "A. Reviewer"\n  date: 2026-11-20')
    passed = hook_run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
