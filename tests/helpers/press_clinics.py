"""Test clinics whose logos make WeasyPrint write what a RIP chokes on: an SVG gradient (shadings), an
SVG pattern with opacity (tiling patterns, soft masks, groups), an RGB photo and a PNG with transparency
(RGB images, a soft mask). The PNGs are drawn here with Pillow; nothing large is committed."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GRADIENT_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1F4E79"/><stop offset="0.5" stop-color="#F0A030"/>
      <stop offset="1" stop-color="#C8102E"/>
    </linearGradient>
    <radialGradient id="r"><stop offset="0" stop-color="#FFFFFF"/>
      <stop offset="1" stop-color="#20A040" stop-opacity="0.5"/></radialGradient>
  </defs>
  <rect x="2" y="2" width="116" height="116" rx="26" fill="url(#g)"/>
  <circle cx="60" cy="60" r="25" fill="url(#r)"/>
</svg>
"""

PATTERN_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">
  <defs><pattern id="p" width="10" height="10" patternUnits="userSpaceOnUse">
    <rect width="5" height="5" fill="#2A9D8F"/><circle cx="7" cy="7" r="2" fill="#E76F51"/></pattern></defs>
  <rect x="2" y="2" width="116" height="116" rx="26" fill="url(#p)"/>
  <circle cx="60" cy="60" r="30" fill="#264653" opacity="0.6"/>
  <g opacity="0.5"><rect x="20" y="20" width="40" height="40" fill="#F4A261"/></g>
</svg>
"""

CLINICS = ("gradient-logo", "pattern-logo", "photo-logo", "alpha-logo")


def _photo(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize((600, 600))
    image = Image.merge("RGB", (image, image.rotate(90), image.rotate(45)))
    ImageDraw.Draw(image).ellipse((150, 150, 450, 450), fill=(200, 30, 60))
    image.save(path)


def _alpha(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((50, 50, 550, 550), fill=(31, 78, 121, 255))
    draw.rectangle((200, 200, 400, 400), fill=(200, 16, 46, 128))
    image.save(path)


def make_project(folder: Path) -> Path:
    """A project (content.yaml + clinics/) with the four test clinics, English only."""
    shutil.copy(ROOT / "content.yaml", folder / "content.yaml")
    shutil.copytree(ROOT / "translations", folder / "translations")
    template = (ROOT / "clinics" / "example-clinic" / "clinic.yaml").read_text(encoding="utf-8")
    logos = {"gradient-logo": "logo.svg", "pattern-logo": "logo.svg", "photo-logo": "logo.png",
             "alpha-logo": "logo.png"}
    for slug, logo in logos.items():
        clinic = folder / "clinics" / slug
        clinic.mkdir(parents=True)
        text = re.sub(r'(?m)^name: .*$', f'name: "Test {slug} clinic"', template)
        text = re.sub(r"(?m)^languages: .*$", "languages: [en]", text)
        (clinic / "clinic.yaml").write_text(text.replace("logo: logo.svg", f"logo: {logo}"), encoding="utf-8")
    (folder / "clinics/gradient-logo/logo.svg").write_text(GRADIENT_SVG, encoding="utf-8")
    (folder / "clinics/pattern-logo/logo.svg").write_text(PATTERN_SVG, encoding="utf-8")
    _photo(folder / "clinics/photo-logo/logo.png")
    _alpha(folder / "clinics/alpha-logo/logo.png")
    for slug in logos:
        approve(folder / "clinics" / slug / "clinic.yaml")
    return folder


def approve(clinic_file: Path) -> None:
    """Give a changed clinic file the approval of its own values (what its medical director would sign)."""
    from handouts.load import clinics
    from handouts.plan.review import values_hash

    text = clinic_file.read_text(encoding="utf-8")
    fresh = values_hash(clinics.load(clinic_file).model)
    clinic_file.write_text(re.sub(r'(?m)^(  values_hash: )"[0-9a-f]+"', rf'\1"{fresh}"', text), encoding="utf-8")
