"""The library API every front end calls: load and check inputs, plan jobs, build PDFs."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handouts import checks, settings
from handouts.errors import HandoutsError, InvalidInput, Problem
from handouts.load import clinics as clinics_mod
from handouts.load import content as content_mod
from handouts.load import print_shop
from handouts.load.clinics import LoadedClinic
from handouts.load.inputs import Inputs
from handouts.models.patient import Patient, parse_patient
from handouts.plan import personal
from handouts.plan.jobs import Job, plan
from handouts.publish import batch, lock, manifest, web_index
from handouts.publish import bundle as bundle_mod
from handouts.publish.personal import check_printable
from handouts.publish.personal import personalize_schedule as write_schedule

Progress = Callable[[str], None]


def load_inputs(content: str | Path | None = None, clinics: list[str] | None = None) -> Inputs:
    """Load and validate the content file and the selected clinics (all of them by default).

    Every problem in every file is collected before anything is raised."""
    problems: list[Problem] = []
    loaded_content = None
    try:
        loaded_content = content_mod.load(Path(content) if content else settings.content_file())
    except InvalidInput as exc:
        problems += exc.problems
    paths = [clinics_mod.resolve(s) for s in clinics] if clinics else clinics_mod.discover()
    if not paths:
        raise HandoutsError(f"no clinics found in {settings.clinics_dir()}; add one with `handouts new-clinic SLUG`")
    loaded: list[LoadedClinic] = []
    for path in paths:
        try:
            loaded.append(clinics_mod.load(path))
        except InvalidInput as exc:
            problems += exc.problems
    if loaded_content is not None:  # cross-file checks run on the files that are valid on their own
        problems += checks.run_all(Inputs(content=loaded_content, clinics=loaded))
    if problems or loaded_content is None:
        raise InvalidInput(problems)
    return Inputs(content=loaded_content, clinics=loaded)


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    entries: list[manifest.Entry]
    manifest_path: Path
    outcome: batch.Outcome  # rendered / skipped / failed paths

    @property
    def failed(self) -> list[tuple[str, str]]:
        return self.outcome.failed


def build(inputs: Inputs, out_dir: Path | None = None, handouts: list[str] | None = None,
          langs: list[str] | None = None, variants: list[str] | None = None,
          progress: Progress | None = None, *, jobs: int = 1, force: bool = False,
          shard: tuple[int, int] | None = None, icc_profile: Path | None = None,
          reporter: batch.Reporter | None = None, timeout: float | None = batch.DEFAULT_TIMEOUT,
          marks: str = "crop") -> BuildResult:
    """Bring every planned job's PDF in out_dir up to date and update its manifest.

    jobs: worker processes (1 = in this process); force: re-render even unchanged outputs;
    shard: (K, N) builds only the K-th of N parts; icc_profile: CMYK profile of press variants;
    timeout: seconds one PDF may take. One build at a time may write out_dir (publish/lock.py).
    marks: printer's marks of press variants, "crop" or "none" (press/crop_marks.py).
    A job that fails to render is listed in result.failed; the others are still built."""
    out_dir = Path(out_dir) if out_dir else settings.output_dir()
    planned = plan(inputs.content, inputs.clinics, handouts, langs, variants, icc_profile, shard, marks=marks)
    tasks = [batch.Task(job, job.output_path) for job in planned]

    with lock.hold(out_dir):
        outcome = batch.run(tasks, out_dir, jobs=jobs, force=force, reporter=reporter or batch.Reporter(progress),
                            write_manifest=True, timeout=timeout)
        web_index.update_build(out_dir, inputs, planned)  # the web pages' index.html per clinic (none without them)
    done = [manifest.entry_from_record(outcome.records[str(t.path)]) for t in tasks if str(t.path) in outcome.records]
    return BuildResult(out_dir=out_dir, entries=done, manifest_path=out_dir / manifest.MANIFEST, outcome=outcome)


def bundle(inputs: Inputs, out_dir: Path | str, handouts: list[str] | None = None, langs: list[str] | None = None,
           *, jobs: int = 1, force: bool = False, icc_profile: Path | None = None, allow_draft: bool = False,
           reporter: batch.Reporter | None = None, output_condition: str | None = None, booklet: bool = False,
           sheet: str | None = None, timeout: float | None = batch.DEFAULT_TIMEOUT,
           marks: str = "crop", order=None, web: bool = False):
    """The print-shop delivery: see handouts/publish/bundle.py. icc_profile: the shop's CMYK output profile;
    output_condition: its registered condition (e.g. FOGRA39) when the profile does not name it; booklet: also
    each packet imposed for saddle stitching, on `sheet` (e.g. "sra3"; default by paper size); timeout: seconds
    one PDF may take; marks: "crop" (crop marks and a slug) or "none"; order: the shop's quantity, stock, deadline,
    contact and proof instructions (models/print_shop.Order, from a settings file); web: also the same handouts as
    web pages, in web/<clinic>/ with an index.html each (publish/bundle_web.py)."""
    return bundle_mod.make(inputs, Path(out_dir), handouts, langs, jobs=jobs, force=force, icc_profile=icc_profile,
                           allow_draft=allow_draft, reporter=reporter, output_condition=output_condition,
                           booklet=booklet, sheet=sheet, timeout=timeout, marks=marks, order=order,
                           web=web)


def load_print_shop(path: str | Path) -> print_shop.ShopSettings:
    """A print shop's bundle settings file (icc, output_condition, booklet, sheet): see models/print_shop.py."""
    return print_shop.load(path)


def render_one(job: Job) -> bytes:
    # WeasyPrint takes 0.8 s to import; `check` and no-op builds never render, so it is imported on first use.
    from handouts.typeset import render_pdf

    return render_pdf(job)


def personalize(inputs: Inputs, clinic: str, handouts: list[str], lang: str | None = None,
                patient=None) -> bytes:
    """One patient's handouts as one PDF, in memory (patient: a Patient or a dict of its fields).

    Nothing is written or logged; the caller decides where the bytes go (see publish.personal.write_private)."""
    from handouts.typeset import render_jobs  # lazily: see render_one

    if patient is not None and not isinstance(patient, Patient):
        patient = parse_patient(dict(patient))
    chosen = personal.find_clinic(inputs.clinics, clinic)
    check_printable(patient, chosen)
    return render_jobs(personal.personal_jobs(inputs.content, chosen, list(handouts), lang, patient))


def personalize_web(inputs: Inputs, clinic: str, handout: str, lang: str | None = None, patient=None) -> bytes:
    """One patient's copy of one handout as a web page (render/web.py), in memory, as UTF-8 HTML.

    The same rules as personalize(): nothing is written, cached or logged; the page is the only place the
    patient's values go."""
    from handouts.render.web import render_web

    if patient is not None and not isinstance(patient, Patient):
        patient = parse_patient(dict(patient))
    chosen = personal.find_clinic(inputs.clinics, clinic)
    check_printable(patient, chosen)
    job, = personal.personal_jobs(inputs.content, chosen, [handout], lang, patient, variant="web")
    return render_web(job).encode("utf-8")


def personalize_schedule(inputs: Inputs, clinic: str, handouts: list[str], schedule: str | Path,
                         out_dir: str | Path, lang: str | None = None, merge: bool = False,
                         progress: Progress | None = None, jobs: int | None = None) -> list[Path]:
    """One PDF per schedule row (or one merged PDF), owner-only; every row is checked before any is written.
    jobs: worker processes (default: one per core)."""
    chosen = personal.find_clinic(inputs.clinics, clinic)
    return write_schedule(inputs.content, chosen, list(handouts), Path(schedule), Path(out_dir),
                          lang, merge, progress, jobs)
