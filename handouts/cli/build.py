"""`handouts build`: check the inputs, then make the PDFs and the manifest."""
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
from handouts.errors import RenderFailed
from handouts.plan.variants import names as variant_names

# Commands import the library when they run: `handouts --help` and shell completion stay at 0.1 s
# instead of 1.1 s (WeasyPrint's import).


@click.command()
@inputs_options
@click.option("--handout", "handouts", multiple=True, metavar="NAME", shell_complete=complete.handouts,
              help="Only this handout (pre-consultation, day-of-infusion, aftercare). Repeat for several.")
@click.option("--lang", "langs", multiple=True, metavar="CODE", shell_complete=complete.languages,
              help="Only this language (e.g. en, es); a clinic prints the languages its clinic.yaml lists. Repeat for several.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Output folder (default: output/).")
@click.option("--variant", "variants", multiple=True, type=click.Choice(variant_names()),
              help="office (default: PDF/UA for office printers and email), large-print (18 pt) or print "
                   "(PDF/X-4 for a print shop), web (an accessible web page per handout, and an index.html per clinic) "
                   "or epub (that web page as an EPUB 3 e-book). "
                   "Repeat for several.")
@click.option("--html-only", is_flag=True, help="Write each PDF's HTML instead (for `weasyprint FILE.html OUT.pdf`); "
                                               "no PDF, manifest or cache.")
@marks_option
@batch_options
@strict_option
def build(content, clinics, handouts, langs, out_dir, variants, jobs, force, shard, icc, timeout, html_only, marks,
          strict) -> None:
    """Check the inputs, then make the PDFs and output/manifest.json.

    Nothing is written if any input has a problem; each problem is listed
    with its file, line and field. PDFs whose inputs did not change are
    kept as they are (--force makes them again).
    """
    from handouts import api

    inputs = api.load_inputs(content, list(clinics))
    if strict:
        from handouts import checks
        from handouts.cli.report import fail_on_warnings

        fail_on_warnings(checks.warnings(inputs), "nothing was built")
    if html_only:
        from handouts.publish.html_export import export_html

        export_html(inputs, out_dir, list(handouts) or None, list(langs) or None, list(variants) or None,
                    shard, icc, progress)
        return
    result = api.build(inputs, out_dir, list(handouts) or None, list(langs) or None, variants=list(variants) or None,
                       jobs=jobs or default_jobs(), force=force, shard=shard,
                       icc_profile=icc, reporter=make_reporter(), timeout=timeout, marks=marks)
    progress(f"{result.outcome.summary()}\nPDFs in {result.out_dir}; manifest: {result.manifest_path}")
    if result.failed:
        raise RenderFailed(f"{len(result.failed)} PDF(s) could not be made (listed above)")
