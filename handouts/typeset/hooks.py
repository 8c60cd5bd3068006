"""What WeasyPrint 70 offers no public hook for, patched once at import. tests/render/test_pdf.py fails if
WeasyPrint renames anything patched here.

- `weasyprint.svg.color`: in CMYK variants, sRGB colours inside SVG images (the logo, the crop marks) are
  converted like the CSS colours. The wrapper reads the profile of the render running in this thread
  (a ContextVar), so concurrent renders in threads never see each other's setting.
- `weasyprint.pdf.fonts.Font.__init__`: each font's `to_unicode` becomes a codes.GlyphLog, which hears
  of every glyph drawn with its own text (typeset/text/codes.py gives glyphs drawn for another letter codes
  of their own, so Arabic and Vietnamese extract as written).
- `weasyprint.pdf.tags._build_box_tree`: notes which HTML element each structure element comes from
  (typeset/structure.py joins the pieces of an element split over pages, and makes the page margin boxes
  artifacts).
"""
from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import weasyprint.svg
from weasyprint.pdf import fonts as weasy_fonts
from weasyprint.pdf import tags as weasy_tags

from handouts.plan import variants
from handouts.plan.jobs import Job
from handouts.press import color
from handouts.typeset import structure
from handouts.typeset.text import codes

_svg_cmyk_profile: contextvars.ContextVar[str | None] = contextvars.ContextVar("svg_cmyk_profile", default=None)
_origins: contextvars.ContextVar[structure.Origins | None] = contextvars.ContextVar("origins", default=None)
_parse_svg_color = weasyprint.svg.color
_font_init = weasy_fonts.Font.__init__
_build_box_tree = weasy_tags._build_box_tree


def _svg_color(string):
    parsed = _parse_svg_color(string)
    profile = _svg_cmyk_profile.get()
    return color.svg_color_to_cmyk(parsed, profile) if profile else parsed


def _logging_font_init(self, *args, **kwargs):
    _font_init(self, *args, **kwargs)
    self.to_unicode = codes.GlyphLog()


def _noting_build_box_tree(box, *args, **kwargs):
    origins, html = _origins.get(), getattr(box, "element", None)
    for element in _build_box_tree(box, *args, **kwargs):
        if origins is not None:
            origins.note(element, html)
        yield element


weasyprint.svg.color = _svg_color
weasy_fonts.Font.__init__ = _logging_font_init
weasy_tags._build_box_tree = _noting_build_box_tree


@contextlib.contextmanager
def svg_colours_for(job: Job) -> Iterator[None]:
    """SVG images are parsed at layout and drawn at write time: both see the job's colour space."""
    token = _svg_cmyk_profile.set(str(job.cmyk_profile) if variants.get(job.variant).cmyk else None)
    try:
        yield
    finally:
        _svg_cmyk_profile.reset(token)


@contextlib.contextmanager
def noting_origins() -> Iterator[structure.Origins]:
    """While a document is written: which HTML element each structure element comes from."""
    origins = structure.Origins()
    token = _origins.set(origins)
    try:
        yield origins
    finally:
        _origins.reset(token)
