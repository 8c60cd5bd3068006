"""`handouts bundle`: the print-shop delivery."""
from __future__ import annotations

import click

from handouts.cli import complete
from handouts.cli.options import (
    batch_options,
    default_jobs,
    inputs_options,
    make_reporter,
    marks_option,
    progress,
    strict_option,
)

# Commands import the library when they run: `handouts --help` and shell completion stay at 0.1 s
# instead of 1.1 s (WeasyPrint's import).


def printable(value: str | None, option: str) -> str | None:
    """Printable ASCII only (it is written into every PDF and the job sheet)."""
    import re

    from handouts.models.print_shop import OUTPUT_CONDITION

    if value is not None and not re.match(OUTPUT_CONDITION, value):
        raise click.BadParameter("use printable ASCII only: letters, digits, spaces and punctuation",
                                 param_hint=option)
    return value


@click.command()
@inputs_options
@click.option("--handout", "handouts", multiple=True, metavar="NAME", help="Only this handout. Repeat for several.",
              shell_complete=complete.handouts)
@click.option("--lang", "langs", multiple=True, metavar="CODE", help="Only this language (e.g. en). Repeat for several.",
              shell_complete=complete.languages)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="output/bundle", show_default=True,
              help="Bundle folder; the zip is written beside it (FOLDER.zip, FOLDER-DRAFT.zip with drafts in it).")
@click.option("--allow-draft", is_flag=True, help="Bundle documents marked DRAFT too (for proofs only).")
@click.option("--output-condition", metavar="NAME", callback=lambda ctx, param, value: printable(value, param.opts[0]),
              help="Registered output condition of the --icc profile (e.g. FOGRA39), if the profile does not name it.")
@click.option("--settings", "settings_file", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="The print shop's bundle settings (YAML: icc, output_condition, booklet, sheet); options given "
                   "here win over it.")
@click.option("--web", is_flag=True,
              help="Also the web pages of the same handouts: web/CLINIC/ with an index.html, for the clinic's "
                   "own site or portal (listed in the manifest; not for print).")
@click.option("--booklet", is_flag=True, default=None,
              help="Also make each packet as a saddle-stitch booklet, imposed 2-up for folding and stapling.")
@click.option("--sheet", metavar="SIZE",
              help="Press sheet for booklets: sra3, a3, 12x18, tabloid or e.g. 320x450mm (default: SRA3 for A4 "
                   "pages, 12x18 in for Letter).")
@marks_option
@batch_options
@strict_option
def bundle(content, clinics, handouts, langs, out_dir, allow_draft, output_condition, settings_file, web, booklet,
           sheet, jobs, force, shard, icc, timeout, marks, strict) -> None:
    """Make everything a print shop needs: PDF/X-4 files, patient packets,
    manifest.json/.csv, a job sheet, and one zip, checked by preflight."""
    from handouts import api

    if shard:
        raise click.UsageError("bundle makes one complete delivery; use --shard with `handouts build --variant print`")
    order = None
    if settings_file:
        shop = api.load_print_shop(settings_file)
        order = shop.order
        if not icc:  # the file's output condition belongs to the file's profile
            icc, output_condition = shop.icc, output_condition or shop.output_condition
        booklet, sheet = shop.booklet if booklet is None else booklet, sheet or shop.sheet
    inputs = api.load_inputs(content, list(clinics))
    if strict:
        from handouts import checks
        from handouts.cli.report import fail_on_warnings

        fail_on_warnings(checks.warnings(inputs), "nothing was bundled")
    result = api.bundle(inputs, out_dir, list(handouts) or None, list(langs) or None, jobs=jobs or default_jobs(),
                        force=force, icc_profile=icc, allow_draft=allow_draft, reporter=make_reporter(),
                        output_condition=output_condition, booklet=bool(booklet), sheet=sheet, timeout=timeout,
                        marks=marks, order=order, web=web)
    for warning in result.warnings:  # a problem: never silenced by -q
        click.echo(warning, err=True)
    progress(f"{result.outcome.summary()}\nBundle: {result.folder} ({len(result.records)} PDFs, "
             f"preflight OK{f'; {len(result.web)} web files' if result.web else ''}); zip: {result.zip_path}")
