"""The PDF/X claim and what must agree with it: PDF version, Info dictionary, XMP, output intent."""
from __future__ import annotations

import pikepdf

from handouts.publish.prepress import Finding

# PDF/X-4 (ISO 15930-7) is based on PDF 1.6; X-1a and X-3 on PDF 1.3 (1.4 in their 2003 editions).
PDF_VERSIONS = {"PDF/X-4": ("1.6", "1.6"), "PDF/X-1a": ("1.3", "1.4"), "PDF/X-3": ("1.3", "1.4")}
REMAKE = "make the file again with `handouts build --variant print` or `handouts bundle`"


def check(pdf: pikepdf.Pdf) -> tuple[str | None, str | None, list[Finding]]:
    """(claimed standard, output condition, findings)."""
    meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    claim = str(meta.get("pdfxid:GTS_PDFXVersion") or "") or None
    if not claim:
        return None, None, [Finding("not PDF/X: no pdfxid:GTS_PDFXVersion in the XMP metadata (an office PDF?)",
                                    REMAKE)]
    found = _version(pdf, claim) + _info(pdf, meta, claim)
    intent, more = _intent(pdf)
    return claim, intent, found + more


def _version(pdf: pikepdf.Pdf, claim: str) -> list[Finding]:
    family = next((k for k in PDF_VERSIONS if claim.startswith(k)), None)
    if family is None:
        return [Finding(f"claims {claim}", "presses here take PDF/X-4; " + REMAKE, warning=True)]
    low, high = PDF_VERSIONS[family]
    version = str(pdf.Root.get("/Version", "")).lstrip("/") or pdf.pdf_version
    version = max(version, pdf.pdf_version, key=lambda v: tuple(int(p) for p in v.split(".")))
    as_tuple = tuple(int(p) for p in version.split("."))
    if as_tuple < tuple(int(p) for p in low.split(".")) or as_tuple > tuple(int(p) for p in high.split(".")):
        wanted = low if low == high else f"{low} to {high}"
        return [Finding(f"claims {claim} with a PDF {version} header", f"{family} files are PDF {wanted}; " + REMAKE)]
    return []


def _info(pdf: pikepdf.Pdf, meta, claim: str) -> list[Finding]:
    found = []
    info = str(pdf.docinfo.get("/GTS_PDFXVersion", "")) or None
    if info != claim:
        said = f"says {info}" if info else "has no GTS_PDFXVersion"
        found.append(Finding(f"the Info dictionary {said}, the XMP metadata says {claim}", REMAKE))
    trapped = str(pdf.docinfo.get("/Trapped", "")).lstrip("/")
    if trapped not in ("True", "False"):
        found.append(Finding(f"Trapped is {trapped or 'missing'} in the Info dictionary (PDF/X needs True or False)",
                             REMAKE))
    elif str(meta.get("pdf:Trapped", "")) != trapped:
        found.append(Finding(f"Trapped is {trapped} in the Info dictionary but "
                             f"{meta.get('pdf:Trapped') or 'missing'} in the XMP metadata", REMAKE))
    return found


def _intent(pdf: pikepdf.Pdf) -> tuple[str | None, list[Finding]]:
    intents = pdf.Root.get("/OutputIntents")
    if not intents:
        return None, [Finding("no output intent: the press cannot tell which CMYK condition the colours are for",
                              REMAKE)]
    intent = intents[0]
    name = str(intent.get("/OutputConditionIdentifier", "?"))
    profile = intent.get("/DestOutputProfile")
    if str(intent.get("/S")) != "/GTS_PDFX":
        return name, [Finding(f"the output intent is {intent.get('/S')}, not /GTS_PDFX", REMAKE)]
    if profile is None:
        return name, [Finding("the output intent has no ICC profile (DestOutputProfile)", REMAKE)]
    if int(profile.get("/N", 0)) != 4:
        return name, [Finding(f"the output profile has {profile.get('/N')} components, not 4 (CMYK)",
                              "pass a CMYK profile with --icc")]
    return name, []
