"""`handouts personalize` and `handouts serve`: thin click commands over handouts.api and handouts.web.

Patient details are never echoed: progress lines name files by row number or appointment_id only.
"""
from __future__ import annotations

from pathlib import Path

import click

from handouts import files
from handouts.cli import complete
from handouts.cli.options import progress
from handouts.models.patient import PATIENT_FIELDS


def _patient_options(func):
    """One option per patient field, from the one table of them (--patient-name, --appointment, ...)."""
    for spec in reversed(PATIENT_FIELDS):
        func = click.option("--" + spec.name.replace("_", "-"), spec.name, metavar="TEXT", help=spec.help)(func)
    return func


@click.command()
@click.option("--content", type=click.Path(dir_okay=False), help="The content file (default: content.yaml).")
@click.option("--clinic", required=True, metavar="SLUG_OR_FILE", help="The clinic (folder name under clinics/ or a clinic.yaml).",
              shell_complete=complete.clinics)
@click.option("--handout", "handouts", multiple=True, required=True, metavar="NAME", shell_complete=complete.handouts,
              help="The handout, e.g. day-of-infusion. Repeat for several: they go into one PDF.")
@click.option("--lang", metavar="CODE", help="Language (default: the clinic's first language).",
              shell_complete=complete.languages)
@_patient_options
@click.option("-o", "output", type=click.Path(dir_okay=False), help="The PDF (or web page) to write (one patient).")
@click.option("--format", "file_format", type=click.Choice(["pdf", "web"]), default="pdf", show_default=True,
              help="web: one self-contained HTML page (one --handout) for a patient portal or a phone.")
@click.option("--schedule", type=click.Path(dir_okay=False), help="A day's CSV: one patient per row (columns: docs/staff-page.md).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Folder for the schedule's PDFs.")
@click.option("--merge", is_flag=True, help="With --schedule: one print-ready PDF for the whole day.")
def personalize(content, clinic, handouts, lang, output, schedule, out_dir, merge, file_format, **fields) -> None:
    """Make handouts for one patient, or for every patient of a day's schedule.

    \b
    One patient:  handouts personalize --clinic example-clinic --handout day-of-infusion \\
                    --patient-name "Ana Diaz" --appointment "2026-12-03 09:30" -o ana.pdf
    A whole day:  handouts personalize --clinic example-clinic --handout day-of-infusion \\
                    --schedule day.csv --out today/ [--merge]

    Fields left out print as write-in lines. Files are readable by you only;
    file names never contain patient names.
    """
    from handouts import api
    from handouts.models.patient import PatientInvalid, parse_patient
    from handouts.publish.personal import write_private

    given = {name: value for name, value in fields.items() if value is not None}
    if schedule:
        if output or given:
            raise click.UsageError("with --schedule, patient details come from the CSV; use --out DIR, not -o or patient options")
        if not out_dir:
            raise click.UsageError("--schedule needs --out DIR")
        if file_format == "web":
            raise click.UsageError("--format web makes one patient's page; --schedule makes PDFs")
        inputs = api.load_inputs(content, [clinic])
        paths = api.personalize_schedule(inputs, inputs.clinics[0].slug, handouts, schedule, out_dir, lang, merge,
                                         progress=progress)
        progress(f"Made {len(paths)} PDF(s) in {out_dir} (readable by you only).")
        return
    if not output:
        raise click.UsageError("name the PDF to write with -o FILE.pdf (or use --schedule CSV --out DIR)")
    if out_dir or merge:
        raise click.UsageError("--out and --merge go with --schedule")
    files.check_replaceable(Path(output))  # before the render: a device or pipe at -o is refused at once
    try:  # before loading anything: bad fields are the commonest mistake
        patient = parse_patient(given)
    except PatientInvalid as exc:  # name the option the user typed
        raise PatientInvalid({"--" + name.replace("_", "-"): msg for name, msg in exc.errors.items()}) from None
    if file_format == "web" and len(handouts) != 1:
        raise click.UsageError("--format web makes one page per handout: give one --handout")
    inputs = api.load_inputs(content, [clinic])
    try:
        data = (api.personalize_web(inputs, inputs.clinics[0].slug, handouts[0], lang, patient) if file_format == "web"
                else api.personalize(inputs, inputs.clinics[0].slug, handouts, lang, patient))
    except PatientInvalid as exc:  # a character no font prints: again the option the user typed
        raise PatientInvalid({"--" + name.replace("_", "-"): msg for name, msg in exc.errors.items()}) from None
    write_private(Path(output), data)
    progress(f"Made {output} (readable by you only).")
