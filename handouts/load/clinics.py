"""Find and load clinics: `clinics/<slug>/clinic.yaml` plus its logo, checked before any rendering."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageFile

from handouts import settings
from handouts.errors import InvalidInput, NotFound, Problem
from handouts.load.reader import Document, Path_, load_yaml
from handouts.load.validate import collect
from handouts.models.clinic import Clinic

MAX_LOGO_PIXELS = 4_000 * 4_000  # a logo needs far fewer; a bigger one is a mistake or a decompression bomb
MAX_LOGO_BYTES = 2 * 1024 * 1024
# An SVG logo is a few dozen shapes. Counted as drawn: a <use> (or a url(#id) fill) draws its target again,
# so a few nested <use> elements make millions of shapes from a 1 KB file (minutes per PDF).
MAX_SVG_ELEMENTS = 5_000
MAX_SVG_DEPTH = 32
# Anything an SVG could load from elsewhere: links, url(...), CSS @import.
_SVG_EXTERNAL = re.compile(r"""(?:href|src)\s*=\s*["'](?!#|data:)([^"']*)|url\(\s*["']?(?!#|data:)([^)"']+)"""
                           r"""|@import\s+["']([^"']+)""", re.I)


@dataclass(frozen=True)
class LoadedClinic:
    slug: str
    doc: Document
    model: Clinic

    @property
    def folder(self) -> Path:
        return self.doc.path.parent

    @property
    def logo_path(self) -> Path:
        return (self.folder / self.model.brand.logo).resolve()


def discover() -> list[Path]:
    """Every clinic.yaml under clinics/, sorted by slug."""
    folder = settings.clinics_dir()
    return sorted(p for p in folder.glob("*/clinic.yaml") if p.is_file())


def resolve(selector: str) -> Path:
    """A slug names `clinics/<slug>/clinic.yaml`; anything with a slash or .yaml is a path."""
    if selector.endswith((".yaml", ".yml")) or "/" in selector:
        path = Path(selector)
        if path.is_dir():
            path = path / "clinic.yaml"
        if not path.is_file():
            raise NotFound(f"{selector}: no such clinic file")
        return path
    path = settings.clinics_dir() / selector / "clinic.yaml"
    if not path.is_file():
        known = ", ".join(p.parent.name for p in discover()) or "none"
        raise NotFound(f"no clinic called {selector!r} (known clinics: {known})")
    return path


def load(path: Path) -> LoadedClinic:
    """Load and check one clinic; InvalidInput lists every problem of the file (fields and logo) at once."""
    doc = load_yaml(path, keep_problems=True)
    model, problems = collect(doc, Clinic)
    logo = _raw_logo(doc.data)
    if logo is not None:  # checked even when other fields are wrong, so one round shows everything
        problems += check_logo_file(doc, logo)
    if problems or model is None:
        raise InvalidInput(problems)
    return LoadedClinic(slug=_slug(path), doc=doc, model=model)


def _raw_logo(data: Any) -> str | None:
    brand = data.get("brand") if isinstance(data, dict) else None
    logo = brand.get("logo") if isinstance(brand, dict) else None
    return logo.strip() if isinstance(logo, str) and logo.strip() else None


def _slug(path: Path) -> str:
    name = path.resolve().parent.name.lower()
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-") or "clinic"


def check_logo_file(doc: Document, logo: str) -> list[Problem]:
    """The logo must be a readable image inside the clinic's own folder that references nothing else."""
    loc = ("brand", "logo")
    folder = doc.path.parent
    if Path(logo).is_absolute():
        return [doc.problem(loc, "must be a file name inside the clinic folder, not an absolute path")]
    path = (folder / logo).resolve()  # resolves symlinks too
    if not path.is_relative_to(folder.resolve()):
        return [doc.problem(loc, f"{logo} points outside the clinic folder; put the logo file in {folder.name}/")]
    if not path.is_file():
        return [doc.problem(loc, f"{logo}: no such file in the clinic folder")]
    if path.stat().st_size > MAX_LOGO_BYTES:
        return [doc.problem(loc, f"{logo} is larger than {MAX_LOGO_BYTES // (1024 * 1024)} MB")]
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _check_svg(doc, loc, path)
    if suffix in (".png", ".jpg", ".jpeg"):
        return _check_raster(doc, loc, path)
    return [doc.problem(loc, f"{logo}: use an SVG, PNG or JPEG file")]


def _check_svg(doc: Document, loc: Path_, path: Path) -> list[Problem]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if "<!ENTITY" in text or "<!DOCTYPE" in text:
        return [doc.problem(loc, f"{path.name}: SVG with a DOCTYPE or entities is not allowed")]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [doc.problem(loc, f"{path.name} is not a readable SVG ({exc})")]
    if not root.tag.endswith("svg"):
        return [doc.problem(loc, f"{path.name} is not an SVG image")]
    external = next((a or b or c for a, b, c in _SVG_EXTERNAL.findall(text)), None)
    if external:
        return [doc.problem(loc, f"{path.name} refers to {external.strip()!r}; a logo must not load anything else")]
    why = svg_too_complex(root)
    return [doc.problem(loc, f"{path.name} {why}; simplify the logo or use a PNG")] if why else []


_LOCAL_REF = re.compile(r"""url\(\s*["']?#([^)"'\s]+)|^#(.+)$""")


def svg_too_complex(root: ET.Element) -> str | None:
    """Why an SVG would take too long to draw (too deep, too many shapes once references are followed,
    or a reference to itself), or None."""
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        return f"has {len(elements):,} elements (at most {MAX_SVG_ELEMENTS:,})"
    ids = {e.get("id"): e for e in elements if e.get("id")}
    drawn: dict[int, int] = {}
    active: set[int] = set()

    def count(element: ET.Element, depth: int) -> int:
        """Elements drawn for `element`: itself, its children and whatever it refers to."""
        if depth > MAX_SVG_DEPTH:
            raise _TooComplex(f"is nested more than {MAX_SVG_DEPTH} levels deep")
        if id(element) in drawn:
            return drawn[id(element)]
        if id(element) in active:
            raise _TooComplex(f"has an element that refers to itself (id {element.get('id')!r})")
        active.add(id(element))
        total = 1 + sum(count(child, depth + 1) for child in element)
        for value in element.attrib.values():
            match = _LOCAL_REF.search(value.strip())
            target = ids.get(match.group(1) or match.group(2)) if match else None
            if target is not None:
                total += count(target, depth + 1)
        active.discard(id(element))
        drawn[id(element)] = total
        if total > MAX_SVG_ELEMENTS:
            raise _TooComplex(f"draws more than {MAX_SVG_ELEMENTS:,} shapes once its <use> references are followed")
        return total

    try:
        count(root, 0)
    except _TooComplex as exc:
        return str(exc)
    return None


class _TooComplex(Exception):
    pass


@contextmanager
def _whole_images_only() -> Iterator[None]:
    """Pillow decodes a damaged image without a word once LOAD_TRUNCATED_IMAGES is set, and importing WeasyPrint
    sets it for the whole process (the staff page's server, a test run): clear it while the logo is decoded."""
    was = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = was


def _check_raster(doc: Document, loc: Path_, path: Path) -> list[Problem]:
    try:
        with Image.open(path) as image:  # reads the header only
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                return [doc.problem(loc, f"{path.name} is {width} x {height} pixels; use at most "
                                         f"{MAX_LOGO_PIXELS:,} pixels (e.g. 1200 x 400)")]
            image.verify()  # chunk checksums; the pixels themselves are decoded below
        with Image.open(path) as image, _whole_images_only():
            image.load()  # corrupt image data with valid checksums prints half black: refuse it here
    except Image.DecompressionBombError:  # PIL refuses it from the header alone
        return [doc.problem(loc, f"{path.name} is far too large an image; use at most {MAX_LOGO_PIXELS:,} "
                                 f"pixels (e.g. 1200 x 400)")]
    except Exception as exc:  # any decoder failure means the file is not a usable image
        return [doc.problem(loc, f"{path.name} is not a readable image ({exc.__class__.__name__})")]
    return []
