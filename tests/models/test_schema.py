"""`handouts schema`: the committed JSON Schemas match the models, and editors are pointed at them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from handouts.models import schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schemas_are_up_to_date():
    fresh = schema.generate()
    for name, text in fresh.items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `handouts schema` and commit the result"


def test_schema_command_writes_stable_files(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "handouts", "schema", *a], capture_output=True,
                                    text=True, cwd=ROOT)
    assert run("--out", str(tmp_path)).returncode == 0
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert set(first) == {"content.schema.json", "clinic.schema.json", "report.schema.json"}
    assert run("--out", str(tmp_path)).returncode == 0
    assert first == {p.name: p.read_bytes() for p in tmp_path.iterdir()}  # same models, same bytes; no temp files left
    assert run("--check", "--out", str(tmp_path)).returncode == 0
    (tmp_path / "clinic.schema.json").write_text("{}")
    stale = run("--check", "--out", str(tmp_path))
    assert stale.returncode == 1 and "clinic.schema.json" in stale.stderr


def test_schema_describes_the_rules():
    clinic = json.loads((ROOT / "schemas" / "clinic.schema.json").read_text())
    assert clinic["additionalProperties"] is False
    assert "phone" in clinic["$defs"]["Contact"]["required"]
    content = json.loads((ROOT / "schemas" / "content.schema.json").read_text())
    assert "discriminator" in json.dumps(content)  # block types complete from `type:`


def test_every_yaml_file_names_its_schema():
    files = [ROOT / "content.yaml", *sorted((ROOT / "clinics").glob("*/clinic.yaml"))]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        assert target.is_file() and target.parent == ROOT / "schemas", (path, target)


def test_missing_or_changed_schema_files_are_stale_and_written_ones_are_not(tmp_path):
    names = sorted(schema.generate())
    assert sorted(p.name for p in schema.stale(tmp_path)) == names  # none there yet
    assert schema.write(tmp_path) == [tmp_path / name for name in schema.generate()]
    assert schema.stale(tmp_path) == []
    (tmp_path / names[0]).unlink()
    assert schema.stale(tmp_path) == [tmp_path / names[0]]
    assert schema.default_dir() == ROOT / "schemas" and schema.stale() == []  # the committed ones, by default
    text = schema.generate()["clinic.schema.json"]
    assert text.endswith("}\n") and text.startswith('{\n  "$schema"') and "\n    " in text
