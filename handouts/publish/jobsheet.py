"""JOB-SHEET.txt: what the print shop needs to know, in plain text beside the files.

The colour condition is read from the ICC profile that was used (its description and, when the profile
has one, its characterization target), never assumed: a sheet that says "uncoated" for a coated SWOP
profile sends the job to the wrong paper.
"""
from __future__ import annotations

from pathlib import Path

from handouts.plan.variants import DEFAULT_CMYK_PROFILE
from handouts.press import crop_marks as marks_mod
from handouts.press import icc
from handouts.publish import booklet as imposition

TRIM = {"a4": "A4 210 x 297 mm", "letter": "Letter 8.5 x 11 in"}
PAPER = (  # words in a profile's description or target -> the paper it is made for; first match wins
    (("uncoated", "fogra29", "fogra47", "gracol2006_uncoated", "pso uncoated"), "uncoated"),
    (("newsprint", "snp", "ifra"), "newsprint"),
    (("coated", "swop", "fogra39", "fogra51", "gracol", "isocoated"), "coated"),
)
MARKS = {
    "crop": ["Marks: crop marks in registration colour (all four plates), in a slug outside the bleed,",
             f"  starting {marks_mod.GAP / marks_mod.MM:g} mm beyond the bleed edge; the slug under each page "
             "names the file and page."],
    "none": ["Marks: none. Each page is exactly the bleed area (MediaBox = BleedBox);",
             "  cut at the TrimBox, which lies the bleed inside every edge."],
}


def paper_for(profile: Path, condition: str | None = None) -> str | None:
    """The paper the profile's condition is for (from its description, its characterization target or the
    registered condition given for it), or None if none of them says."""
    read = icc.read(profile)
    words = f"{read.description} {read.target or ''} {condition or ''}".lower()
    return next((paper for keys, paper in PAPER if any(k in words for k in keys)), None)


def colour_lines(profile: Path, condition: str | None = None) -> list[str]:
    """Which profile the colours were separated for, and what the output intent names (`condition`: the
    registered condition given for it, else the profile's own)."""
    read = icc.read(profile)
    intent = read.intent(condition)
    registered = f" (registered at {intent['RegistryName']})" if "RegistryName" in intent else ""
    lines = [f"Colour: CMYK only, separated through {Path(profile).name} (\"{read.description}\");",
             f"  output intent: {intent['OutputConditionIdentifier']}{registered}, with that profile embedded"
             " in every file."]
    if Path(profile).resolve() == DEFAULT_CMYK_PROFILE.resolve():
        lines.append("  This is Ghostscript's generic SWOP-like profile, no registered printing condition: send us")
        lines.append("  your press's CMYK profile to have the files separated for it (handouts bundle --icc).")
    return [*lines, "  Do not convert; print as is."]


def render(content, records: list[dict], profile: Path, marks: str, standard: str = "PDF/X-4",
           tac: float = 300, output_condition: str | None = None, sheets: dict | None = None) -> str:
    """sheets: the booklet sheet of each paper size (booklet lines only when there are booklets)."""
    paper = paper_for(profile, output_condition)
    width = max([len(r["file"]) for r in records] + [36]) + 4
    lines = [
        "PRINT JOB SHEET: patient handouts",
        "=" * 34,
        f"Content version: {content.version} (released {content.released.isoformat()})",
        f"Files: {len(records)} PDF ({standard}), all checked by `handouts preflight`",
        *colour_lines(profile, output_condition),
        f"Total ink: at most {tac:g} % anywhere (checked by preflight). Black text and rules: 100 % K only.",
        f"Paper: {paper + ', as the output condition' if paper else 'as the output condition above describes'}. Scale: 100 % (do not fit to page). "
        "Sides: double-sided, turn on the long edge.",
        "Trim: cut at the TrimBox. Bleed: on all four sides, as listed per file (BleedBox).",
        *MARKS[marks],
        "Packets: one per clinic and language; every handout starts on a right-hand (odd) page;",
        "  the blank pages are intentional. Staple or bind each packet as one set.",
        "",
        f"{'FILE':<{width}}{'TRIM':<20}{'BLEED':>7}{'PAGES':>7}",
    ]
    for r in records:
        lines.append(f"{r['file']:<{width}}{TRIM.get(r['trim'], r['trim']):<20}{r['bleed_mm']:>5.1f}mm{r['pages']:>7}")
    lines += imposition.job_sheet_lines(records, sheets or {})
    lines += ["", "Check every file against manifest.csv (sha256) before printing.", ""]
    return "\n".join(lines)
