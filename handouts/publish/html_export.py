"""`handouts build --html-only`: the exact HTML of every planned job, ready for the plain `weasyprint` command.

Each job's HTML (`render_html(job)`) goes to `OUT/<clinic>/<handout>-<lang>-<variant>.html`, with the clinic's
logo copied beside it and the logo's `src` pointing to that copy, so the folder can be moved or sent on.
Everything else the HTML uses stays where it is installed: the fonts as absolute file:// URLs into the
`fontpkg-*` packages, the CMYK profile of the print variant as an absolute file:// URL, the QR code inline.

`weasyprint FILE.html OUT.pdf` (with the options of `weasyprint_args(variant)`) then lays out the same text on
the same pages as `handouts build`. What it does not do: the deterministic metadata (typeset/write.py) and, for
the print variant, the CMYK conversion of SVG colours (logo, crop marks), which need handouts' own renderer.
No manifest or cache entry is written for HTML: it is a by-product for inspection and comparison.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from handouts import files, settings
from handouts.plan import variants
from handouts.plan.jobs import plan
from handouts.render.html import render_html
from handouts.render.web import render_web


@dataclass(frozen=True)
class Exported:
    html: Path
    variant: str


def html_path(job) -> PurePosixPath:
    return job.output_path.with_suffix(".html")


def portable_html(job) -> str:
    """render_html(job) with the logo's src made relative (the logo file sits beside the HTML)."""
    html = render_html(job)
    absolute = f'src="{job.clinic.logo_path.as_uri()}"'
    if html.count(absolute) != 1:  # the template changed how it shows the logo: say so, do not guess
        raise RuntimeError(f"{job.key}: expected the logo's src exactly once in the HTML")
    return html.replace(absolute, f'src="{job.clinic.logo_path.name}"')


def export(jobs: list, out_dir: Path) -> list[Exported]:
    """Write every job's HTML (and its clinic's logo once) into out_dir, each file atomically."""
    written: list[Exported] = []
    logos_done: set[Path] = set()
    for job in jobs:
        target = out_dir / html_path(job)
        if is_web(job.variant):  # the web page itself: self-contained, no WeasyPrint to feed
            files.write_text(target, render_web(job))
            written.append(Exported(target, job.variant))
            continue
        if target.parent not in logos_done:
            files.write_bytes(target.parent / job.clinic.logo_path.name, job.clinic.logo_path.read_bytes())
            logos_done.add(target.parent)
        files.write_text(target, portable_html(job))
        written.append(Exported(target, job.variant))
    return written


def is_web(variant: str) -> bool:
    return variants.get(variant).is_web


def weasyprint_args(variant: str) -> list[str]:
    """The `weasyprint` command options that match the variant's write_pdf options (handouts/variants.py)."""
    options = variants.get(variant).pdf_options
    args = []
    if options.get("pdf_variant"):
        args += ["--pdf-variant", options["pdf_variant"]]
    if options.get("pdf_tags"):
        args.append("--pdf-tags")
    return args  # pdf_identifier=True has no command-line form (--pdf-identifier wants a literal id): left out


def export_html(inputs, out_dir, handouts=None, langs=None, variants=None, shard=None, icc_profile=None,
                progress=None) -> list[Exported]:
    """The CLI's --html-only: plan like `build`, then export()."""
    out_dir = Path(out_dir) if out_dir else settings.output_dir()
    planned = plan(inputs.content, inputs.clinics, handouts, langs, variants, icc_profile, shard)
    written = export(planned, out_dir)
    if progress:
        progress(f"{len(written)} HTML file(s) in {out_dir}")
        printable = [item for item in written if not is_web(item.variant)]
        if printable:
            command = ["weasyprint", *weasyprint_args(printable[0].variant), str(printable[0].html), "OUT.pdf"]
            progress(f"make a PDF of one: {' '.join(command)}")
    return written
