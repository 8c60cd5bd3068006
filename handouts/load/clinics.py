"""Find and load clinics: `clinics/<slug>/clinic.yaml` plus its logo, checked before any rendering."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from handouts import settings
from handouts.errors import InvalidInput, NotFound, Problem
from handouts.load.reader import Document, Path_, load_yaml
from handouts.load.validate import collect
from handouts.models.clinic import Clinic

MAX_LOGO_PIXELS = 4_000 * 4_000  # a logo needs far fewer; a bigger one is a mistake or a decompression bomb
MAX_LOGO_BYTES = 2 * 1024 * 1024
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
    return []


def _check_raster(doc: Document, loc: Path_, path: Path) -> list[Problem]:
    try:
        with Image.open(path) as image:  # reads the header only
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                return [doc.problem(loc, f"{path.name} is {width} x {height} pixels; use at most "
                                         f"{MAX_LOGO_PIXELS:,} pixels (e.g. 1200 x 400)")]
            image.verify()
    except Image.DecompressionBombError:  # PIL refuses it from the header alone
        return [doc.problem(loc, f"{path.name} is far too large an image; use at most {MAX_LOGO_PIXELS:,} "
                                 f"pixels (e.g. 1200 x 400)")]
    except Exception as exc:  # any decoder failure means the file is not a usable image
        return [doc.problem(loc, f"{path.name} is not a readable image ({exc.__class__.__name__})")]
    return []
