"""WeasyPrint's own floor: the same HTML with a minimal stylesheet, so what our theme costs is measured,
not assumed.

The minimal stylesheet keeps what decides how much there is to draw: the same fonts (@font-face), the
paper size and margins, the body font size and line height, and the sizes of the pictures (logo, QR code,
timeline). It drops the rest of the theme: margin boxes, flex and table layout, borders and backgrounds,
break rules, large-print and right-to-left rules. Same text, same fonts, about the same number of pages.
"""
from __future__ import annotations

import re
from pathlib import Path

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_FACE = re.compile(r"@font-face \{[^}]*\}")
_PICTURES = re.compile(r"^\.(?:logo|qr|timeline-art) \{[^}]*\}", re.M)


def minimal_css(theme: str) -> str:
    size = re.search(r"size: ([^;]+);", theme)
    family = re.search(r"html \{\s*font-family: ([^;]+);", theme)
    font_size = re.findall(r"html \{[^}]*font-size: ([^;]+);", theme)  # large print sets it again, later
    line_height = re.findall(r"html \{[^}]*line-height: ([^;]+);", theme)
    if not (size and family and font_size and line_height):
        raise SystemExit("bench/floor.py: the theme no longer has the rules the minimal stylesheet copies")
    return "\n".join([*_FACE.findall(theme),
                      f"@page {{ size: {size[1]}; margin: 18mm 18mm 22mm 18mm; }}",
                      f"html {{ font-family: {family[1]}; font-size: {font_size[-1]}; "
                      f"line-height: {line_height[-1]}; }}",
                      *_PICTURES.findall(theme)])


def minimal_html(html_files: list[Path], out: Path) -> list[Path]:
    """Copies of the HTML files (with the logos beside them) whose theme is the minimal stylesheet."""
    import shutil

    copies = []
    for html in html_files:
        target = out / html.relative_to(html.parents[1])
        target.parent.mkdir(parents=True, exist_ok=True)
        for sibling in html.parent.iterdir():
            if sibling.suffix != ".html" and not (target.parent / sibling.name).exists():
                shutil.copy(sibling, target.parent / sibling.name)
        text = html.read_text(encoding="utf-8")
        theme = _STYLE.search(text)
        if theme is None:
            raise SystemExit(f"bench/floor.py: {html}: no <style> element")
        target.write_text(text.replace(theme[1], minimal_css(theme[1]), 1), encoding="utf-8")
        copies.append(target)
    return copies


def pages(pdf_folder: Path) -> int:
    """Pages of every PDF in the folder, to show that the minimal stylesheet draws about as much."""
    import pypdf

    return sum(len(pypdf.PdfReader(path).pages) for path in pdf_folder.glob("*.pdf"))
