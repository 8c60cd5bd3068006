"""What a screen reader gets from a PDF, measured two ways (helpers for test_screen_reader.py):

- words: the text the handout was made from (its HTML) against the text pdftotext and pypdf extract;
- structure: a walk of the structure tree with pikepdf, against the marked content of every page.
"""
from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from html.parser import HTMLParser

import pikepdf
import pypdf

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "aside", "section", "header",
              "footer", "main", "ul", "ol", "tr", "table", "a", "br"}


class _BodyText(HTMLParser):
    """The words a page prints from the HTML body (not the head, not the style sheet); blocks stay apart.
    An inline SVG prints no words: its <title> is the figure's alt text (/Alt), not text on the page."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.in_body = False
        self.in_svg = 0

    def handle_starttag(self, tag, attrs):
        self.in_body = self.in_body or tag == "body"
        self.in_svg += tag == "svg"
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.in_svg -= tag == "svg" and self.in_svg > 0
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if self.in_body and not self.in_svg:
            self.parts.append(data)


def html_words(html: str) -> list[str]:
    parser = _BodyText()
    parser.feed(html)
    return words("".join(parser.parts))


def words(text: str) -> list[str]:
    """Words as a reader hears them: NFC letters, marks and digits; each Han character a word of its own
    (Chinese has no spaces); invisible format characters (ZERO WIDTH JOINER, bidi isolates) left out."""
    out, current = [], []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        if unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH"):
            out += ["".join(current)] if current else []
            out.append(char)
            current = []
        elif category[0] in "LMN":
            current.append(char.lower())
        elif current:
            out.append("".join(current))
            current = []
    return [*out, "".join(current)] if current else out


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pypdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def found(source: list[str], extracted: list[str]) -> tuple[int, list[str]]:
    """How many source words (counted with repeats) are in the extracted words, and the missing ones."""
    have = Counter(extracted)
    hits, missing = 0, []
    for word, count in Counter(source).items():
        hits += min(count, have[word])
        missing += [word] * max(0, count - have[word])
    return hits, missing


# --- structure ---------------------------------------------------------------------------------------

def tree(pdf: pikepdf.Pdf) -> list[dict]:
    """Every structure element in reading order: role, its marked content [(page objgen, mcid)], kids count."""
    out: list[dict] = []

    def walk(node, page):
        if not isinstance(node, pikepdf.Dictionary):
            return
        page = node.get("/Pg", page)
        entry = {"role": str(node.get("/S", "")), "mcids": [], "kids": 0, "node": node}
        out.append(entry)
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, int):
                entry["mcids"].append((page.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                entry["mcids"].append((kid.get("/Pg", page).objgen, int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                entry["kids"] += 1
            elif isinstance(kid, pikepdf.Dictionary):
                entry["kids"] += 1
                walk(kid, page)

    root = pdf.Root.StructTreeRoot.K
    for top in (root if isinstance(root, pikepdf.Array) else [root]):
        walk(top, None)
    return out


def marked_content(pdf: pikepdf.Pdf) -> tuple[set, int]:
    """(page objgen, mcid) of every tagged run on the pages, and the number of text runs outside any tag
    and outside any artifact (0 in a well-tagged file)."""
    tagged, loose = set(), 0
    for page in pdf.pages:
        stack: list[str] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    tagged.add((page.obj.objgen, int(props.MCID)))
                    stack.append("tagged")
                else:
                    stack.append("artifact" if tag == "/Artifact" else (stack[-1] if stack else "none"))
            elif op == "EMC":
                stack.pop()
            elif op in ("TJ", "Tj") and not any(s in ("tagged", "artifact") for s in stack):
                loose += 1
    return tagged, loose


def roles(entries: list[dict]) -> Counter:
    return Counter(e["role"] for e in entries)


HTML_TAG = re.compile(r"<(ul|ol|h[1-6]|table|th|td)\b")


def html_counts(html: str) -> Counter:
    return Counter(m.group(1) for m in HTML_TAG.finditer(html.split("<body", 1)[1]))
