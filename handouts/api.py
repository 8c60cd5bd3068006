"""The library API every front end calls: load and check inputs, plan jobs, build PDFs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import clinics as clinics_mod
from . import content as content_mod
from . import checks, project
from .clinics import LoadedClinic
from .content import LoadedContent
from .errors import HandoutsError, InvalidInput, Problem
from .jobs import Job, plan
from .publish import atomic, manifest

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Inputs:
    content: LoadedContent
    clinics: list[LoadedClinic]


def load_inputs(content: str | Path | None = None, clinics: list[str] | None = None) -> Inputs:
    """Load and validate the content file and the selected clinics (all of them by default).

    Every problem in every file is collected before anything is raised."""
    problems: list[Problem] = []
    loaded_content = None
    try:
        loaded_content = content_mod.load(Path(content) if content else project.content_file())
    except InvalidInput as exc:
        problems += exc.problems
    paths = [clinics_mod.resolve(s) for s in clinics] if clinics else clinics_mod.discover()
    if not paths:
        raise HandoutsError(f"no clinics found in {project.clinics_dir()}; add one with `handouts new-clinic SLUG`")
    loaded: list[LoadedClinic] = []
    for path in paths:
        try:
            loaded.append(clinics_mod.load(path))
        except InvalidInput as exc:
            problems += exc.problems
    if problems:  # cross-file checks need every file to be valid on its own first
        raise InvalidInput(problems)
    inputs = Inputs(content=loaded_content, clinics=loaded)
    problems = checks.run_all(inputs)
    if problems:
        raise InvalidInput(problems)
    return inputs


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    entries: list[manifest.Entry]
    manifest_path: Path


def build(inputs: Inputs, out_dir: Path | None = None, handouts: list[str] | None = None,
          langs: list[str] | None = None, variants: list[str] | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Render every planned job into out_dir (atomically) and update its manifest."""
    from .render.pdf import render_pdf

    out_dir = Path(out_dir) if out_dir else project.output_dir()
    jobs = plan(inputs.content, inputs.clinics, handouts, langs, variants)
    entries = manifest.read(out_dir)
    done = []
    for number, job in enumerate(jobs, 1):
        if progress:
            progress(f"[{number}/{len(jobs)}] {job.output_path}")
        data = render_pdf(job)
        atomic.write_bytes(out_dir / job.output_path, data)
        entry = manifest.entry_for(job, data)
        entries[entry.path] = entry
        done.append(entry)
    path = manifest.write(out_dir, entries)
    return BuildResult(out_dir=out_dir, entries=done, manifest_path=path)


def render_one(job: Job) -> bytes:
    from .render.pdf import render_pdf

    return render_pdf(job)


def personalize(inputs: Inputs, clinic: str, handouts: list[str], lang: str | None = None,
                patient=None) -> bytes:
    """One patient's handouts as one PDF, in memory (patient: a Patient or a dict of its fields).

    Nothing is written or logged; the caller decides where the bytes go (see personalize.write_private)."""
    from . import personalize as personal
    from .models.patient import Patient, parse_patient

    if patient is not None and not isinstance(patient, Patient):
        patient = parse_patient(dict(patient))
    chosen = personal.find_clinic(inputs.clinics, clinic)
    return personal.render(personal.personal_jobs(inputs.content, chosen, list(handouts), lang, patient))


def personalize_schedule(inputs: Inputs, clinic: str, handouts: list[str], schedule: str | Path,
                         out_dir: str | Path, lang: str | None = None, merge: bool = False,
                         progress: Progress | None = None) -> list[Path]:
    """One PDF per schedule row (or one merged PDF), owner-only; every row is checked before any is written."""
    from . import personalize as personal

    chosen = personal.find_clinic(inputs.clinics, clinic)
    return personal.personalize_schedule(inputs.content, chosen, list(handouts), Path(schedule), Path(out_dir),
                                         lang, merge, progress)
