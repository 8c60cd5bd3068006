"""A handout's web page (render/web.py) -> an EPUB 3 file, for e-readers and the reading apps that a patient's
accessibility settings already suit: the same markup as XHTML, a navigation document, and the package's
accessibility metadata (schema.org's access modes, features, hazards and a summary).

The web page is parsed by tinyhtml5 (the HTML5 parser WeasyPrint uses) and written back as XML, so the content
document says exactly what the web page says. The file is the same bytes for the same page: fixed zip dates,
`mimetype` first and stored (the EPUB rule), the content's release date as its modification date, and an
identifier derived from the clinic, document id and version."""
from __future__ import annotations

import html as html_lib
import uuid
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO

import tinyhtml5

from handouts.resolve.document import Handout

XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/epub+zip"
CONTENT, NAV, PACKAGE = "content.xhtml", "nav.xhtml", "package.opf"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
IDENTIFIER_NAMESPACE = uuid.UUID("6f3d8a52-0c1e-4c55-9a43-3b1f3f1d7e10")  # ours: the same handout, the same id

CONTAINER = f"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/{PACKAGE}" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
# What a reader of the metadata needs to decide before opening it (schema.org accessibility properties, as the
# EPUB Accessibility specification asks). No conformance claim (dcterms:conformsTo): nobody has evaluated the
# EPUB against that specification; the tests check the web page's markup with axe-core.
ACCESS = (("schema:accessMode", "textual"), ("schema:accessMode", "visual"),
          ("schema:accessModeSufficient", "textual"),
          ("schema:accessibilityFeature", "structuralNavigation"), ("schema:accessibilityFeature", "tableOfContents"),
          ("schema:accessibilityFeature", "alternativeText"), ("schema:accessibilityFeature", "readingOrder"),
          ("schema:accessibilityFeature", "displayTransformability"), ("schema:accessibilityHazard", "none"))
SUMMARY = ("Reflowable text with headings, lists and a table of contents. Every picture (the clinic's logo, the "
           "visit timeline) has a text alternative. No flashing, motion or sound.")


def package_epub(doc: Handout, page: str) -> bytes:
    """The EPUB of the handout `doc`, whose web page (render/web.py) is `page`."""
    root = tinyhtml5.parse(page)
    for element in root.iter():  # XHTML as the default namespace (ElementTree's own option refuses attributes)
        if isinstance(element.tag, str) and element.tag.startswith(f"{{{XHTML}}}"):
            element.tag = element.tag.removeprefix(f"{{{XHTML}}}")
    root.set("xmlns", XHTML)
    root.set(XML_LANG, doc.lang)
    taken = {element.get("id") for element in root.iter()}
    for number, heading in enumerate(root.iter("h2"), 1):  # the emergency box's too: every one is in the contents
        if not heading.get("id"):
            heading.set("id", _free_id(f"heading-{number}", taken))
    headings = [(h.get("id", ""), "".join(h.itertext()).strip()) for h in root.iter("h2")]
    content = ET.tostring(root, encoding="unicode")
    entries = [("META-INF/container.xml", CONTAINER),
               (f"EPUB/{PACKAGE}", _package(doc)),
               (f"EPUB/{NAV}", _nav(doc, headings)),
               (f"EPUB/{CONTENT}", f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n{content}\n')]
    return _zip(entries)


def _free_id(wanted: str, taken: set) -> str:
    while wanted in taken:
        wanted += "-"
    return wanted


def identifier(doc: Handout) -> str:
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, f'{doc.clinic.name}/{doc.doc_id}/{doc.version}')}"


def _package(doc: Handout) -> str:
    esc = html_lib.escape
    access = "".join(f'\n    <meta property="{name}">{value}</meta>' for name, value in ACCESS)
    direction = ' page-progression-direction="rtl"' if doc.dir == "rtl" else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{esc(doc.lang)}" dir="{doc.dir}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">{identifier(doc)}</dc:identifier>
    <dc:title>{esc(doc.title)}</dc:title>
    <dc:language>{esc(doc.lang)}</dc:language>
    <dc:creator>{esc(doc.clinic.name)}</dc:creator>
    <dc:publisher>{esc(doc.clinic.name)}</dc:publisher>
    <dc:description>{esc(doc.subtitle or doc.title)}</dc:description>
    <meta property="dcterms:modified">{doc.released}T00:00:00Z</meta>{access}
    <meta property="schema:accessibilitySummary" xml:lang="en">{SUMMARY}</meta>
  </metadata>
  <manifest>
    <item id="nav" href="{NAV}" media-type="application/xhtml+xml" properties="nav"/>
    <item id="content" href="{CONTENT}" media-type="application/xhtml+xml"/>
  </manifest>
  <spine{direction}>
    <itemref idref="content"/>
  </spine>
</package>
"""


def _nav(doc: Handout, headings: list[tuple[str, str]]) -> str:
    """The table of contents: the handout, and under it each of its main headings."""
    esc = html_lib.escape
    items = "".join(f'<li><a href="{CONTENT}#{esc(id_)}">{esc(text)}</a></li>' for id_, text in headings)
    sub = f"<ol>{items}</ol>" if items else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{esc(doc.lang)}" xml:lang="{esc(doc.lang)}" dir="{doc.dir}">
<head><meta charset="utf-8"/><title>{esc(doc.title)}</title></head>
<body>
<nav epub:type="toc" id="toc"><h1>{esc(doc.title)}</h1>
<ol><li><a href="{CONTENT}">{esc(doc.title)}</a>{sub}</li></ol>
</nav>
</body>
</html>
"""


def _zip(entries: list[tuple[str, str]]) -> bytes:
    """`mimetype` first and stored, then the rest compressed, in a fixed order with fixed dates."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(_info("mimetype", zipfile.ZIP_STORED), MEDIA_TYPE)
        for name, text in entries:
            archive.writestr(_info(name, zipfile.ZIP_DEFLATED), text.encode("utf-8"))
    return out.getvalue()


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    return info
