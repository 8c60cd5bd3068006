"""deploy/: the Kubernetes Indexed Job is a valid Job whose shards together make exactly one full build,
and the systemd unit's `handouts serve` command line is one the CLI accepts."""
from __future__ import annotations

import configparser
import hashlib
import os
import shlex
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
KUBERNETES_VERSION = "1.33.0"  # backoffLimitPerIndex is stable from 1.33


@pytest.fixture(scope="module")
def job():
    return yaml.safe_load((DEPLOY / "kubernetes" / "build-job.yaml").read_text(encoding="utf-8"))


def test_the_build_job_is_a_valid_indexed_job(job):
    kubernetes_validate.validate(job, KUBERNETES_VERSION, strict=True)  # raises on any unknown or wrong field
    spec = job["spec"]
    container = spec["template"]["spec"]["containers"][0]
    env = {item["name"]: item["value"] for item in container["env"]}
    assert spec["completionMode"] == "Indexed"
    assert spec["completions"] == spec["parallelism"] == int(env["SHARDS"])


def test_a_broken_job_is_caught_by_the_validator(job):
    broken = {**job, "spec": {**job["spec"], "completionMode": "Indexed", "completions": "four"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def pdf_digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.pdf")}


def test_the_shards_together_equal_one_full_build(job, tmp_path):
    """Each pod's command runs here as Kubernetes would run it (JOB_COMPLETION_INDEX = 0..N-1)."""
    container = job["spec"]["template"]["spec"]["containers"][0]
    env = {**os.environ, **{item["name"]: item["value"] for item in container["env"]},
           "OUTPUT": str(tmp_path / "shards"), "HANDOUTS_CACHE_DIR": str(tmp_path / "cache"),
           "HANDOUTS_PROJECT": str(ROOT), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    for index in range(job["spec"]["completions"]):
        done = subprocess.run([*container["command"], *container["args"]], cwd=ROOT, capture_output=True, text=True,
                              env={**env, "JOB_COMPLETION_INDEX": str(index)}, timeout=300)
        assert done.returncode == 0, done.stderr
    full = subprocess.run(["handouts", "build", "--out", str(tmp_path / "full")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert full.returncode == 0, full.stderr
    expected = pdf_digests(tmp_path / "full")
    combined: dict[str, str] = {}
    shards = sorted((tmp_path / "shards").iterdir())
    assert len(shards) == job["spec"]["completions"]
    for shard in shards:
        part = pdf_digests(shard)
        assert not set(part) & set(combined), "a PDF was made by two shards"
        combined.update(part)
    assert len(expected) >= 6 and combined == expected


def test_the_service_runs_a_serve_command_the_cli_accepts():
    from handouts.cli.serve import serve

    unit = configparser.ConfigParser(interpolation=None)
    unit.read(DEPLOY / "handouts.service")
    argv = shlex.split(unit["Service"]["ExecStart"])
    at = argv.index("serve")
    assert Path(argv[0]).name == "handouts" and argv[1:at] == ["--project", unit["Service"]["WorkingDirectory"]]
    options = serve.make_context("serve", argv[at + 1:]).params  # raises on an unknown option or a bad value
    assert options["host"] == "127.0.0.1" and options["trusted_proxies"] == ("127.0.0.1",)
    assert options["render_processes"] >= 2
