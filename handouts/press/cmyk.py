"""The last RGB in a press PDF, converted to CMYK through the output profile.

The theme's CSS colours and the fills of SVG logos are already `device-cmyk()` when WeasyPrint draws
them (press/color.py). What WeasyPrint still writes in RGB is converted here, in the finished PDF:

- `rg`/`RG` operators and RGB colour spaces selected with `cs`/`CS` in any content stream;
- gradient stops of SVG logos: WeasyPrint declares the shading in the CMYK output space but fills its
  functions with sRGB values (three numbers where the space wants four). The function is sampled
  (256 steps) and each step converted, so the gradient keeps the shape it had in sRGB;
- RGB images (PNG and JPEG logos), through the image's own ICC profile when it has one, else sRGB;
  a soft mask (transparency) stays as it is;
- transparency groups, soft-mask backdrops and annotation colours.

What cannot be converted (a mesh gradient, a function of a kind WeasyPrint never writes) raises
ConversionError, which the renderer reports with the name of the clinic's logo.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pikepdf
from PIL import Image, ImageCms

from handouts.press import color
from handouts.press.colour_state import colour_ops
from handouts.press.graph import family, walk

SAMPLES = 256
RGB_SET = {"rg": "k", "RG": "K"}


class ConversionError(ValueError):
    """A colour in the PDF that cannot be turned into CMYK."""


@lru_cache(maxsize=8)
def _transform(profile: str, source: bytes | None = None):
    rgb = ImageCms.ImageCmsProfile(io.BytesIO(source)) if source else ImageCms.createProfile("sRGB")
    # NOCACHE: LittleCMS's one-pixel cache is not safe when threads share a transform (renders may run in threads)
    return ImageCms.buildTransform(rgb, ImageCms.getOpenProfile(profile), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, flags=ImageCms.Flags.NOCACHE)


def solid(rgb: Sequence[Any], profile: str) -> list[float]:
    """One RGB colour (0..1) -> CMYK (0..1), as the theme's colours are converted (greys on K only)."""
    ints = tuple(max(0, min(255, round(float(v) * 255))) for v in rgb)
    return list(color.rgb_to_cmyk(ints, profile))


def convert(pdf: pikepdf.Pdf, profile: str) -> None:
    """Every RGB colour reachable from the pages of `pdf` -> CMYK, in place."""
    spaces = []  # RGB colour spaces in resources: replaced once every content stream that names them is done
    for node in walk(pdf):
        if node.kind == "content":
            _content(pdf, node.obj, node.resources, profile)
        elif node.kind == "image":
            _image(node.obj, profile, node.where)
        elif node.kind == "shading":
            _shading(pdf, node.obj, profile, node.where)
        elif node.kind == "group" and family(node.obj.get("/CS")) == "rgb":
            node.obj.CS = pikepdf.Name.DeviceCMYK
        elif node.kind == "annotation":
            for key in ("/C", "/IC"):
                if len(node.obj.get(key, [])) == 3:
                    node.obj[key] = pikepdf.Array(solid(list(node.obj[key]), profile))
        elif node.kind == "colorspace" and family(node.obj) in ("rgb", "indexed:rgb"):
            spaces.append(node)
    for node in spaces:
        node.resources.ColorSpace[node.name] = _space(node.resources.ColorSpace[node.name], profile)
    for obj in pdf.objects:  # soft-mask backdrops: the groups they belong to now blend in CMYK
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Mask" and len(obj.get("/BC", [])) == 3:
            obj.BC = pikepdf.Array(solid(list(obj.BC), profile))


def _space(space: Any, profile: str) -> Any:
    """An RGB colour space -> DeviceCMYK; an RGB palette -> the same palette in CMYK."""
    if family(space) == "rgb":
        return pikepdf.Name.DeviceCMYK
    if family(space) != "indexed:rgb":
        return space
    table = space[3].read_bytes() if isinstance(space[3], pikepdf.Stream) else bytes(space[3])
    count = int(space[2]) + 1
    rgb = Image.frombytes("RGB", (count, 1), bytes(table[:count * 3]).ljust(count * 3, b"\0"))
    return pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceCMYK, count - 1,
                          pikepdf.String(_apply(rgb, _transform(profile, None)).tobytes())])


def _content(pdf: pikepdf.Pdf, owner, resources, profile: str) -> None:
    """rg/RG -> k/K; an RGB space chosen with cs/CS -> DeviceCMYK, and its sc/scn values converted."""
    page = owner.get("/Type") == "/Page" and not isinstance(owner, pikepdf.Stream)
    try:
        instructions = pikepdf.parse_content_stream(pikepdf.Page(owner) if page else owner)
    except pikepdf.PdfError as exc:
        raise ConversionError(f"unreadable content stream: {exc}") from None
    out, changed = [], False
    for c in colour_ops(instructions, resources):
        new: tuple[list[Any], str] | None = None
        if c.operator in RGB_SET and len(c.operands) == 3:
            new = (solid(c.operands, profile), RGB_SET[c.operator])
        elif c.operator in ("cs", "CS") and c.operands and c.space == "rgb":
            new = ([pikepdf.Name.DeviceCMYK], c.operator)
        elif c.operator in ("sc", "scn", "SC", "SCN") and len(c.operands) == 3 and c.space == "rgb":
            new = (solid(c.operands, profile), c.operator)
        if new:
            changed = True
        out.append(pikepdf.ContentStreamInstruction(new[0], pikepdf.Operator(new[1])) if new else c.instruction)
    if changed:
        data = pikepdf.unparse_content_stream(out)
        if page:  # one new stream replaces the page's (possibly several) content streams
            owner.Contents = pdf.make_stream(data)
        else:
            owner.write(data)


def _image(image, profile: str, where: str) -> None:
    space = image.get("/ColorSpace")
    kind = family(space)
    if image.get("/ImageMask") or kind not in ("rgb", "indexed:rgb"):
        return
    source = None
    if isinstance(space, pikepdf.Array) and str(space[0]) == "/ICCBased":
        source = bytes(space[1].read_bytes())
    try:
        picture = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
    except Exception as exc:  # pikepdf/Pillow raise many kinds for odd encodings
        raise ConversionError(f"{where} could not be read to convert it to CMYK ({exc})") from None
    cmyk = _apply(picture, _transform(profile, source))
    image.write(zlib.compress(cmyk.tobytes(), 9), filter=pikepdf.Name.FlateDecode)
    image.ColorSpace = pikepdf.Name.DeviceCMYK
    image.BitsPerComponent = 8
    for key in ("/DecodeParms", "/Decode"):
        if key in image:
            del image[key]


def _apply(image: Image.Image, transform: Any) -> Image.Image:
    converted = ImageCms.applyTransform(image, transform)
    if converted is None:  # only in place, which is not asked for
        raise ConversionError("the colour transform gave no image")
    return converted


def _shading(pdf: pikepdf.Pdf, shading, profile: str, where: str) -> None:
    kind = family(shading.get("/ColorSpace"))
    if kind not in ("rgb", "cmyk"):
        return
    function = shading.get("/Function")
    if kind == "cmyk" and (function is None or outputs(function) == 4):
        return  # CMYK, and the function agrees
    if int(shading.get("/ShadingType", 0)) not in (2, 3) or function is None:
        raise ConversionError(f"{where} is an RGB mesh or function-based gradient; use a linear or radial gradient")
    if outputs(function) != 3:
        raise ConversionError(f"{where} has a function with {outputs(function)} outputs in an RGB space")
    domain = [float(v) for v in shading.get("/Domain", [0, 1])]
    steps = [domain[0] + (domain[1] - domain[0]) * i / (SAMPLES - 1) for i in range(SAMPLES)]
    rgb = bytes(max(0, min(255, round(v * 255))) for t in steps for v in evaluate(function, t))
    strip = Image.frombytes("RGB", (SAMPLES, 1), rgb)
    cmyk = _apply(strip, _transform(profile, None)).tobytes()
    sampled = pikepdf.Stream(pdf, cmyk, FunctionType=0, Domain=pikepdf.Array(domain),
                             Range=pikepdf.Array([0, 1] * 4), Size=pikepdf.Array([SAMPLES]), BitsPerSample=8,
                             Encode=pikepdf.Array([0, SAMPLES - 1]), Decode=pikepdf.Array([0, 1] * 4))
    shading.Function = sampled
    if kind == "rgb":
        shading.ColorSpace = pikepdf.Name.DeviceCMYK
    if len(shading.get("/Background", [])) == 3:
        shading.Background = pikepdf.Array(solid(list(shading.Background), profile))


def outputs(function) -> int:
    if isinstance(function, pikepdf.Array):
        return sum(outputs(f) for f in function)
    if "/Range" in function:  # sampled and PostScript functions declare their outputs
        return len(function.Range) // 2
    return len(evaluate(function, float(function.get("/Domain", [0, 1])[0])))


def evaluate(function, t: float) -> list[float]:
    """A PDF function of one input at t: exponential (type 2), stitching (type 3), or an array of them."""
    if isinstance(function, pikepdf.Array):
        return [v for f in function for v in evaluate(f, t)]
    domain = [float(v) for v in function.get("/Domain", [0, 1])]
    t = min(max(t, domain[0]), domain[1])
    kind = int(function.get("/FunctionType", -1))
    if kind == 2:
        c0 = [float(v) for v in function.get("/C0", [0])]
        c1 = [float(v) for v in function.get("/C1", [1])]
        x = t ** float(function.get("/N", 1)) if t >= 0 else t
        return [a + x * (b - a) for a, b in zip(c0, c1)]
    if kind == 3:
        bounds = [float(v) for v in function.get("/Bounds", [])]
        encode = [float(v) for v in function.get("/Encode", [])]
        parts = function.Functions
        k = next((i for i, b in enumerate(bounds) if t < b), len(bounds))
        low = domain[0] if k == 0 else bounds[k - 1]
        high = domain[1] if k == len(bounds) else bounds[k]
        e0, e1 = encode[2 * k], encode[2 * k + 1]
        return evaluate(parts[k], e0 if high == low else e0 + (t - low) * (e1 - e0) / (high - low))
    if kind == 0 and len(function.get("/Size", [])) == 1 and int(function.get("/BitsPerSample", 0)) == 8:
        return _sample(function, t, domain)
    raise ConversionError(f"a gradient uses a PDF function of type {kind}, which cannot be converted")


def _sample(function, t: float, domain: list[float]) -> list[float]:
    """A one-input sampled function with 8-bit samples (as _shading writes them), nearest sample."""
    size = int(function.Size[0])
    ranges = [float(v) for v in function.Range]
    count = len(ranges) // 2
    encode = [float(v) for v in function.get("/Encode", [0, size - 1])]
    decode = [float(v) for v in function.get("/Decode", ranges)]
    e = encode[0] + (t - domain[0]) * (encode[1] - encode[0]) / ((domain[1] - domain[0]) or 1)
    index = min(max(round(e), 0), size - 1)
    raw = bytes(function.read_bytes())[index * count:(index + 1) * count]
    return [decode[2 * i] + b / 255 * (decode[2 * i + 1] - decode[2 * i]) for i, b in enumerate(raw)]
