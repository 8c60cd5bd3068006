"""JOB-SHEET.txt: what the print shop needs to know, in plain text beside the files.

The colour condition is read from the ICC profile that was used (its description and, when the profile
has one, its characterization target), never assumed: a sheet that says "uncoated" for a coated SWOP
profile sends the job to the wrong paper.
"""
from __future__ import annotations

from pathlib import Path

from handouts.models.print_shop import DEFAULT_PROOF, Order
from handouts.plan.variants import DEFAULT_CMYK_PROFILE
from handouts.press import conditions, icc
from handouts.press import crop_marks as marks_mod
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


def order_lines(order: Order | None) -> list[str]:
    """Quantity, stock, deadline, contact and the proof instructions (the default ones without an order)."""
    if order is None:
        return [f"Proof: {DEFAULT_PROOF}"]
    facts = [("Quantity", f"{order.quantity} copies of each file" if order.quantity else None),
             ("Stock", order.stock), ("Deadline", order.deadline.isoformat() if order.deadline else None),
             ("Contact", order.contact), ("Proof", order.proof)]
    return [f"{label}: {value}" for label, value in facts if value]


def web_lines(web: list[dict]) -> list[str]:
    """What the web/ folder is, so nobody prints it; nothing when there is none."""
    if not web:
        return []
    indexes = sum(r["file"].endswith("/index.html") for r in web)
    return ["", f"NOT FOR PRINT: web/ holds {len(web) - indexes} web pages and {indexes} index.html, one folder per "
                "clinic,", "  for the clinic's own website or patient portal; they are listed in manifest.csv too."]


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
    if "RegistryName" in intent:
        named = f"{intent['OutputConditionIdentifier']} (registered at {intent['RegistryName']})"
    elif intent["OutputConditionIdentifier"] == conditions.CUSTOM:
        named = f"custom condition \"{intent['OutputCondition']}\" (not a registered characterization)"
    else:
        named = f"{intent['OutputConditionIdentifier']} (the profile's own description, no registered condition)"
    lines = [f"Colour: CMYK only, separated through {Path(profile).name} (\"{read.description}\");",
             f"  output intent: {named}, with that profile embedded in every file."]
    if read.mismatch(condition):
        lines.append(f"  WARNING: {condition} is not what this profile describes; ask us before printing.")
    if Path(profile).resolve() == DEFAULT_CMYK_PROFILE.resolve():
        lines.append("  This is Ghostscript's generic SWOP-like profile, no registered printing condition: send us")
        lines.append("  your press's CMYK profile to have the files separated for it (handouts bundle --icc).")
    return [*lines, "  Do not convert; print as is."]


def render(content, records: list[dict], profile: Path, marks: str, standard: str = "PDF/X-4",
           tac: float = 300, output_condition: str | None = None, sheets: dict | None = None,
           order: Order | None = None, web: list[dict] | None = None) -> str:
    """sheets: the booklet sheet of each paper size (booklet lines only when there are booklets); order: the
    shop's quantity, stock, deadline, contact and proof instructions; web: the manifest rows of the web pages
    (publish/bundle_web.py), which the shop is told not to print."""
    paper = paper_for(profile, output_condition)
    width = max([len(r["file"]) for r in records] + [36]) + 4
    drafts = [r for r in records if r.get("status") == "draft"]
    head = (f"DRAFT - PROOF ONLY, NOT FOR PRODUCTION: {len(drafts)} of {len(records)} files are unreviewed drafts"
            if drafts else "PRINT JOB SHEET: patient handouts")
    lines = [
        head,
        "=" * len(head),
        *(["PRINT JOB SHEET: patient handouts. Print nothing from this delivery as final; the files marked",
           "  draft in manifest.csv say DRAFT in the slug of every page."] if drafts else []),
        f"Content version: {content.version} (released {content.released.isoformat()})",
        f"Files: {len(records)} PDF ({standard}), all checked by `handouts preflight`",
        *colour_lines(profile, output_condition),
        f"Total ink: at most {tac:g} % anywhere (checked by preflight). Black text and rules: 100 % K only.",
        f"Paper: {paper + ', as the output condition' if paper else 'as the output condition above describes'}. Scale: 100 % (do not fit to page). "
        "Sides: double-sided, turn on the long edge.",
        "Trim: cut at the TrimBox. Bleed: on all four sides, as listed per file (BleedBox).",
        *MARKS[marks],
        *order_lines(order),
        "Packets: one per clinic and language; every handout starts on a right-hand (odd) page;",
        "  the blank pages are intentional. Staple or bind each packet as one set.",
        "",
        f"{'FILE':<{width}}{'TRIM':<20}{'BLEED':>7}{'PAGES':>7}",
    ]
    for r in records:
        status = "  DRAFT" if r.get("status") == "draft" else ""
        lines.append(f"{r['file']:<{width}}{TRIM.get(r['trim'], r['trim']):<20}{r['bleed_mm']:>5.1f}mm{r['pages']:>7}"
                     f"{status}")
    lines += imposition.job_sheet_lines(records, sheets or {})
    lines += web_lines(web or [])
    lines += ["", "Check every file against manifest.csv (sha256) before printing.", ""]
    return "\n".join(lines)
