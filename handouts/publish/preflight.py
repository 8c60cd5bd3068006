"""Preflight: what a print shop's RIP will meet in a PDF, checked before it goes to press.

Per file: the PDF/X claim against the PDF version, the Info dictionary and the XMP metadata; the output
intent; page boxes; pages placed on an imposed sheet reaching its bleed; every colour reachable from each page (through form XObjects, patterns, shadings,
soft masks, annotations and Type 3 fonts), and total ink against a limit; fonts embedded; image
resolution. The checks live in publish/prepress/; each problem is one line,
`FILE: page N: what: how to fix` (`document` instead of a page for the file as a whole).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from handouts.publish.prepress import Finding, bounds, boxes, colours, placed, scan, standard

DEFAULT_TAC = colours.DEFAULT_TAC


@dataclass
class Report:
    path: Path
    standard: str | None = None
    intent: str | None = None
    trim_bleed: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [f.line(self.path) for f in self.findings if not f.warning]

    @property
    def warnings(self) -> list[str]:
        return [f.line(self.path) for f in self.findings if f.warning]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        facts = [self.standard or "not PDF/X", self.intent or "no output intent", self.trim_bleed or "no boxes"]
        return f"{self.path}: {'OK' if self.ok else 'FAILED'} ({'; '.join(facts)})"

    def lines(self) -> list[str]:
        """The summary, then one line per finding, errors first."""
        return [self.summary(), *self.errors, *self.warnings]


def check(path: Path, tac: float = DEFAULT_TAC) -> Report:
    report = Report(Path(path))
    if not report.path.is_file():  # a pipe or a device would block or never end
        report.findings.append(Finding("not a regular file", "give the path of a PDF file"))
        return report
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        report.findings.append(Finding("encrypted with a password", "PDF/X forbids encryption and the press cannot "
                                                                    "open it; export it again without a password"))
        return report
    except (pikepdf.PdfError, OSError) as exc:
        report.findings.append(Finding(f"not a readable PDF ({exc})", "send the file again; it is damaged"))
        return report
    with pdf:
        found: list[Finding] = []
        if pdf.is_encrypted:  # an owner password only: it opens, but PDF/X forbids any encryption
            found.append(Finding("encrypted (owner password)", "PDF/X forbids encryption; save it without"))
        try:
            report.standard, report.intent, more = standard.check(pdf)
            report.trim_bleed, boxes_found = boxes.check(pdf)
            found += more + boxes_found
            unchecked = bounds.check(pdf)  # before anything decodes a stream
            found += unchecked if any("decodes to more" in f.what for f in unchecked) else \
                unchecked + placed.check(pdf) + scan.fonts(pdf) + scan.images(pdf) + colours.check(pdf, tac)
        except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError) as exc:
            found.append(Finding(f"damaged PDF structure ({exc.__class__.__name__})", "export it again"))
    report.findings = sorted(found, key=lambda f: (f.warning, f.page or 0))
    return report
