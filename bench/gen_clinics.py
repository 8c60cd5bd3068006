"""Generate N clinics (for the scale benchmark) under a throwaway project root.

    python bench/gen_clinics.py ROOT N

ROOT gets content.yaml, translations/ and clinics/clinic-001 ... copied from the sample clinics with varied names,
colours and paper sizes. Nothing here is committed output."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COLOURS = ["#1F4E79", "#0B5D4B", "#5B2C6F", "#7B241C", "#1B4F72", "#145A32", "#4A235A", "#6E2C00"]


def generate(root: Path, count: int) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "content.yaml", root / "content.yaml")
    if (root / "translations").exists():
        shutil.rmtree(root / "translations")
    shutil.copytree(REPO / "translations", root / "translations")  # the sample clinics print en + es
    clinics = root / "clinics"
    if clinics.exists():
        shutil.rmtree(clinics)
    samples = sorted(p.parent for p in (REPO / "clinics").glob("*/clinic.yaml"))
    slugs = []
    for i in range(count):
        source = samples[i % len(samples)]
        slug = f"clinic-{i + 1:03d}"
        target = clinics / slug
        shutil.copytree(source, target)
        text = (target / "clinic.yaml").read_text(encoding="utf-8")
        name_line = next(line for line in text.splitlines() if line.startswith("name:"))
        text = text.replace(name_line, f'name: "Bench Clinic {i + 1:03d}"', 1)
        for old in COLOURS[:2]:
            text = text.replace(f'"{old}"', f'"{COLOURS[(i + 2) % len(COLOURS)]}"', 1)
        (target / "clinic.yaml").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return slugs


if __name__ == "__main__":
    print("\n".join(generate(Path(sys.argv[1]), int(sys.argv[2]))))
