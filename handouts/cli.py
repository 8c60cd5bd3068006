"""The `handouts` command: thin click commands over handouts.api. Library imports are lazy so
`--help` is instant."""
from __future__ import annotations

import sys

import click

from .errors import EXIT_INTERNAL_ERROR, HandoutsError, RenderFailed

CONTENT_HELP = "The content file (default: content.yaml in the project)."
CLINIC_HELP = "A clinic's folder name under clinics/ (e.g. example-clinic) or a path to its clinic.yaml. Repeat for several; default: all clinics."


def _progress(message: str) -> None:
    click.echo(message, err=True)


def batch_options(command):
    """--jobs, --force, --shard, --icc: shared by build and bundle."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: the number of CPUs)."),
        click.option("--force", is_flag=True, help="Make every PDF again, even if its inputs did not change."),
        click.option("--shard", metavar="K/N", help="Build only the K-th of N parts (split a big batch over machines)."),
        click.option("--icc", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
                     help="CMYK ICC profile for print PDFs (default: Ghostscript's default_cmyk.icc)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def default_jobs() -> int:
    from .publish.batch import default_jobs as cpus

    return cpus()


def make_reporter():
    """A progress bar on a terminal; plain lines when stderr is a file or a pipe (CI logs)."""
    from .publish.batch import Reporter

    if not sys.stderr.isatty():
        return Reporter(_progress)

    class Bar(Reporter):
        def start(self, total):
            super().start(total)
            self.bar = click.progressbar(length=total, label="Making PDFs", file=sys.stderr, show_pos=True)
            self.bar.__enter__()

        def advance(self, path, status):
            self.done += 1
            if status.startswith("FAILED"):
                click.echo(f"\n{path}: {status}", err=True)
            self.bar.update(1)

        def finish(self):
            self.bar.__exit__(None, None, None)

    return Bar()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="handouts")
def cli() -> None:
    """Make your clinic's patient handouts as print-ready PDFs.

    \b
    Most common:
      handouts build                          every handout for every clinic, into output/
      handouts build --clinic example-clinic  one clinic only
    """


@cli.command()
@click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)
@click.option("--clinic", "clinics", multiple=True, metavar="SLUG_OR_FILE", help=CLINIC_HELP)
@click.option("--handout", "handouts", multiple=True, metavar="NAME",
              help="Only this handout (pre-consultation, day-of-infusion, aftercare). Repeat for several.")
@click.option("--lang", "langs", multiple=True, metavar="CODE",
              help="Only this language (e.g. en, es); a clinic prints the languages its clinic.yaml lists. Repeat for several.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Output folder (default: output/).")
@click.option("--variant", "variants", multiple=True, metavar="NAME",
              help="office (default: PDF/UA for office printers and email), large-print (18 pt) or print "
                   "(PDF/X-4 for a print shop). Repeat for several.")
@click.option("--html-only", is_flag=True, help="Write each PDF's HTML instead (for `weasyprint FILE.html OUT.pdf`); "
                                               "no PDF, manifest or cache.")
@batch_options
def build(content, clinics, handouts, langs, out_dir, variants, jobs, force, shard, icc, html_only) -> None:
    """Check the inputs, then make the PDFs and output/manifest.json.

    Nothing is written if any input has a problem; each problem is listed
    with its file, line and field. PDFs whose inputs did not change are
    kept as they are (--force makes them again).
    """
    from . import api
    from .jobs import parse_shard

    inputs = api.load_inputs(content, list(clinics))
    if html_only:
        from .publish.html_export import export_html

        export_html(inputs, out_dir, list(handouts) or None, list(langs) or None, list(variants) or None,
                    parse_shard(shard) if shard else None, icc, _progress)
        return
    result = api.build(inputs, out_dir, list(handouts) or None, list(langs) or None, variants=list(variants) or None,
                       jobs=jobs or default_jobs(), force=force, shard=parse_shard(shard) if shard else None,
                       icc_profile=icc, reporter=make_reporter())
    click.echo(f"{result.outcome.summary()}\nPDFs in {result.out_dir}; manifest: {result.manifest_path}", err=True)
    if result.failed:
        raise RenderFailed(f"{len(result.failed)} PDF(s) could not be made (listed above)")


@cli.command()
@click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)
@click.option("--clinic", "clinics", multiple=True, metavar="SLUG_OR_FILE", help=CLINIC_HELP)
@click.option("--handout", "handouts", multiple=True, metavar="NAME", help="Only this handout. Repeat for several.")
@click.option("--lang", "langs", multiple=True, metavar="CODE", help="Only this language (e.g. en). Repeat for several.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="output/bundle", show_default=True,
              help="Bundle folder; the zip is written beside it (FOLDER.zip).")
@click.option("--allow-draft", is_flag=True, help="Bundle documents marked DRAFT too (for proofs only).")
@batch_options
def bundle(content, clinics, handouts, langs, out_dir, allow_draft, jobs, force, shard, icc) -> None:
    """Make everything a print shop needs: PDF/X-4 files, patient packets,
    manifest.json/.csv, a job sheet, and one zip, checked by preflight."""
    from . import api

    if shard:
        raise click.UsageError("bundle makes one complete delivery; use --shard with `handouts build --variant print`")
    inputs = api.load_inputs(content, list(clinics))
    result = api.bundle(inputs, out_dir, list(handouts) or None, list(langs) or None, jobs=jobs or default_jobs(),
                        force=force, icc_profile=icc, allow_draft=allow_draft, reporter=make_reporter())
    click.echo(f"{result.outcome.summary()}\nBundle: {result.folder} ({len(result.records)} PDFs, "
               f"preflight OK); zip: {result.zip_path}", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def preflight(files) -> None:
    """Check PDFs for press: PDF/X version, output intent, trim and bleed
    boxes, embedded fonts, image resolution, RGB colour. Exit code 1 on any error."""
    from .publish import preflight as checks

    failed = 0
    for path in files:
        report = checks.check(path)
        click.echo("\n".join(report.lines()))
        failed += not report.ok
    if failed:
        raise HandoutsError(f"preflight: {failed} of {len(files)} file(s) failed")


@cli.command()
@click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)
@click.option("--clinic", "clinics", multiple=True, metavar="SLUG_OR_FILE", help=CLINIC_HELP)
def check(content, clinics) -> None:
    """Check content.yaml and the clinic files without making any PDF.

    Lists every problem as FILE:LINE:COL: field: message. Exit code 0 when
    everything is fine, 1 when not.
    """
    from . import api, checks

    inputs = api.load_inputs(content, list(clinics))
    for line in checks.reports(inputs):
        click.echo(line)
    click.echo(f"OK: {len(inputs.content.model.handouts)} handouts, {len(inputs.clinics)} clinic(s) checked.", err=True)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Folder to write to (default: schemas/).")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if the files are out of date.")
def schema(out_dir, check_only) -> None:
    """Write schemas/content.schema.json and schemas/clinic.schema.json.

    Editors that read the `# yaml-language-server: $schema=...` line at the
    top of content.yaml and clinic.yaml use them to complete and underline.
    """
    from . import schema as schema_mod
    from .errors import HandoutsError

    if check_only:
        stale = schema_mod.stale(out_dir)
        if stale:
            raise HandoutsError(f"out of date: {', '.join(map(str, stale))}; run `handouts schema`")
        click.echo("Schemas are up to date.", err=True)
        return
    for path in schema_mod.write(out_dir):
        click.echo(f"Wrote {path}", err=True)


@cli.command("new-clinic")
@click.argument("slug")
def new_clinic(slug) -> None:
    """Make clinics/SLUG/ with a commented clinic.yaml and a placeholder logo.

    The values are examples (sample: true); replace them, then run
    `handouts check --clinic SLUG`.
    """
    from .scaffold import new_clinic as scaffold

    folder = scaffold(slug)
    click.echo(f"Made {folder}: edit {folder / 'clinic.yaml'}, replace logo.svg, "
               f"then run `handouts check --clinic {slug}`.", err=True)


def _add_translations() -> None:
    from .translation_cli import translations

    cli.add_command(translations)


_add_translations()


from .cli_personal import personalize, serve  # noqa: E402  (issue 7: patient handouts, staff web page)

cli.add_command(personalize)
cli.add_command(serve)


def main() -> None:
    """Console entry point: user errors print one line each; anything else is a bug, said plainly."""
    try:
        code = cli.main(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except HandoutsError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # an internal error: short message, no traceback unless asked for
        import os
        import traceback

        if os.environ.get("HANDOUTS_DEBUG"):
            traceback.print_exc()
        click.echo(f"internal error: {exc.__class__.__name__}: {exc} (set HANDOUTS_DEBUG=1 for details; "
                   f"please report it)", err=True)
        sys.exit(EXIT_INTERNAL_ERROR)
