"""Preflight: what a print shop checks before a PDF goes to press.

Per file: PDF/X version (XMP pdfxid:GTS_PDFXVersion), output intent, TrimBox/BleedBox on every page,
every font embedded, images below 300 ppi at their placed size, RGB colour left (DeviceRGB or ICC RGB
colour spaces, `rg`/`RG` operators) in page content, form XObjects and images.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

MIN_PPI = 300
RGB_OPERATORS = {"rg", "RG"}


@dataclass
class Report:
    path: Path
    standard: str | None = None
    intent: str | None = None
    trim_bleed: str | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        head = f"{self.path}: {'OK' if self.ok else 'FAILED'}"
        facts = [f"  standard: {self.standard or 'none'}", f"  output intent: {self.intent or 'none'}"]
        if self.trim_bleed:
            facts.append(f"  boxes: {self.trim_bleed}")
        return [head, *facts, *(f"  ERROR: {e}" for e in self.errors), *(f"  warning: {w}" for w in self.warnings)]


def check(path: Path) -> Report:
    report = Report(Path(path))
    if not report.path.is_file():  # a pipe or a device would block or never end
        report.errors.append("not a regular file")
        return report
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        report.errors.append("encrypted with a password: PDF/X forbids encryption, and the press cannot open it")
        return report
    except (pikepdf.PdfError, OSError) as exc:
        report.errors.append(f"not a readable PDF: {exc}")
        return report
    with pdf:
        if pdf.is_encrypted:  # an owner password only: it opens, but PDF/X forbids any encryption
            report.errors.append("encrypted (owner password): PDF/X forbids encryption; save it without")
        try:
            _standard(pdf, report)
            _intent(pdf, report)
            _boxes(pdf, report)
            scan = _Scan()
            for number, page in enumerate(pdf.pages, 1):
                scan.page(page, number)
        except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError) as exc:
            report.errors.append(f"damaged PDF structure ({exc.__class__.__name__}); export it again")
            return report
        report.errors += scan.errors
        report.warnings += scan.warnings
    return report


def _standard(pdf, report: Report) -> None:
    meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    version = meta.get("pdfxid:GTS_PDFXVersion")
    report.standard = str(version) if version else None
    if not version:
        report.errors.append("not PDF/X: no pdfxid:GTS_PDFXVersion in the XMP metadata (office PDF?)")
    elif not str(version).startswith("PDF/X-4"):
        report.warnings.append(f"{version}: expected PDF/X-4")


def _intent(pdf, report: Report) -> None:
    intents = pdf.Root.get("/OutputIntents")
    if not intents:
        report.errors.append("no OutputIntent: the press cannot tell which CMYK condition the colours are for")
        return
    intent = intents[0]
    report.intent = str(intent.get("/OutputConditionIdentifier", "?"))
    profile = intent.get("/DestOutputProfile")
    if str(intent.get("/S")) != "/GTS_PDFX":
        report.errors.append(f"OutputIntent subtype is {intent.get('/S')}, not /GTS_PDFX")
    if profile is None:
        report.errors.append("OutputIntent has no DestOutputProfile (ICC profile)")
    elif int(profile.get("/N", 0)) != 4:
        report.errors.append(f"output profile has {profile.get('/N')} components, not 4 (CMYK)")


def _boxes(pdf, report: Report) -> None:
    bleeds = set()
    for number, page in enumerate(pdf.pages, 1):
        trim, bleed = page.obj.get("/TrimBox"), page.obj.get("/BleedBox")
        if trim is None or bleed is None:
            report.errors.append(f"page {number}: no {'TrimBox' if trim is None else 'BleedBox'}")
            continue
        t, b = [float(v) for v in trim], [float(v) for v in bleed]
        margins = (t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3])
        if min(margins) < -0.01:
            report.errors.append(f"page {number}: TrimBox is not inside the BleedBox")
        bleeds.add(round(min(margins), 2))
        size = (round(t[2] - t[0], 1), round(t[3] - t[1], 1))
    if bleeds:
        low = min(bleeds)
        report.trim_bleed = f"trim {size[0]} x {size[1]} pt, bleed {low} pt ({low / 72 * 25.4:.1f} mm)"
        if low < 8.5 - 0.01:
            report.warnings.append(f"bleed is {low} pt; presses want at least 3 mm (8.5 pt)")


class _Scan:
    """Walks content streams with a CTM, into form XObjects, recording fonts, images and colour."""

    def __init__(self):
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self._seen_fonts: set = set()
        self._seen_rgb: set = set()

    def page(self, page, number: int) -> None:
        self._resources(page.obj.get("/Resources", pikepdf.Dictionary()), number)
        self._stream(page, page.obj.get("/Resources", pikepdf.Dictionary()), number, (1, 0, 0, 1, 0, 0), 0)

    def _resources(self, resources, number: int) -> None:
        for font in resources.get("/Font", {}).values():
            self._font(font, number)
        for name, space in resources.get("/ColorSpace", {}).items():
            if _is_rgb(space):
                self._rgb(f"page {number}: colour space {name} is RGB")

    def _font(self, font, number: int) -> None:
        if font.objgen in self._seen_fonts:
            return
        self._seen_fonts.add(font.objgen)
        if str(font.get("/Subtype")) == "/Type3":
            return  # glyphs are drawn by content streams in the file
        descendant = font.get("/DescendantFonts", [font])[0]
        descriptor = descendant.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            self.errors.append(f"page {number}: font {font.get('/BaseFont')} is not embedded")

    def _rgb(self, message: str) -> None:
        if message not in self._seen_rgb:
            self._seen_rgb.add(message)
            self.errors.append(message)

    def _stream(self, owner, resources, number: int, ctm: tuple, depth: int) -> None:
        if depth > 8:
            return
        stack = []
        xobjects = resources.get("/XObject", {})
        for instruction in pikepdf.parse_content_stream(owner):
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q" and stack:
                ctm = stack.pop()
            elif op == "cm":
                ctm = _multiply(tuple(float(v) for v in operands), ctm)
            elif op in RGB_OPERATORS:
                self._rgb(f"page {number}: RGB colour operator {op} in a content stream")
            elif op in ("cs", "CS") and str(operands[0]) == "/DeviceRGB":
                self._rgb(f"page {number}: DeviceRGB colour space selected ({op})")
            elif op == "Do":
                xobject = xobjects.get(str(operands[0]))
                if xobject is None:
                    continue
                subtype = str(xobject.get("/Subtype"))
                if subtype == "/Image":
                    self._image(xobject, str(operands[0]), number, ctm)
                elif subtype == "/Form":
                    matrix = tuple(float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                    inner = xobject.get("/Resources", resources)
                    self._resources(inner, number)
                    self._stream(xobject, inner, number, _multiply(matrix, ctm), depth + 1)

    def _image(self, image, name: str, number: int, ctm: tuple) -> None:
        width_pt = (ctm[0] ** 2 + ctm[1] ** 2) ** 0.5
        height_pt = (ctm[2] ** 2 + ctm[3] ** 2) ** 0.5
        if width_pt and height_pt:
            ppi = min(int(image.Width) / (width_pt / 72), int(image.Height) / (height_pt / 72))
            if ppi < MIN_PPI:
                self.errors.append(f"page {number}: image {name} is {ppi:.0f} ppi at its placed size "
                                   f"(needs {MIN_PPI}): use a larger image or an SVG")
        if _is_rgb(image.get("/ColorSpace")):
            self._rgb(f"page {number}: image {name} is RGB: convert it to CMYK or use an SVG logo")


def _is_rgb(space) -> bool:
    if space is None:
        return False
    if str(space) == "/DeviceRGB":
        return True
    try:
        if str(space[0]) == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if str(space[0]) == "/Indexed":
            return _is_rgb(space[1])
    except (TypeError, IndexError, KeyError, ValueError):
        return False
    return False


def _multiply(m: tuple, n: tuple) -> tuple:
    """m x n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
