"""sRGB -> CMYK for press files: colours in the theme CSS become `device-cmyk()`, converted through the
run's CMYK output profile so the printed brand colour matches what the profile's press can do.

Neutral greys (text #1a1a1a, rules #777) go to the black plate only: small text in four-colour "rich
black" blurs when the plates are slightly out of register, which a print shop would reject. The theme's
blacks (body text #1a1a1a, checkbox lines #222: 85 % K and darker) print as solid 100 % K: a screened
black breaks small letters up into dots on the plate, solid black keeps their edges. The greys meant as
greys (header and footer text, rules, borders) keep their tint.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import tinycss2
from PIL import Image, ImageCms
from tinycss2.color5 import parse_color

from handouts.press import icc

NAMED = {"black": (0, 0, 0), "white": (255, 255, 255), "gray": (128, 128, 128), "grey": (128, 128, 128)}
SOLID_BLACK_FROM = 0.85  # #262626 and darker


def _transform(profile: str):
    return icc.transform(profile)  # built from the file's bytes, safe for profiles LittleCMS cannot write


@lru_cache(maxsize=1024)
def rgb_to_cmyk(rgb: tuple[int, int, int], profile: str) -> tuple[float, float, float, float]:
    r, g, b = rgb
    if r == g == b:  # neutral: black plate only; the theme's blacks solid
        k = round(1 - r / 255, 3)
        return 0.0, 0.0, 0.0, 1.0 if k >= SOLID_BLACK_FROM else k

    converted = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), _transform(profile))
    c, m, y, k = converted.getpixel((0, 0)) if converted else (0, 0, 0, 255)  # type: ignore[misc]
    return round(c / 255, 3), round(m / 255, 3), round(y / 255, 3), round(k / 255, 3)


def device_cmyk(rgb: tuple[int, int, int], profile: str, alpha: float = 1.0) -> str:
    c, m, y, k = rgb_to_cmyk(rgb, profile)
    text = " ".join(_num(v) for v in (c, m, y, k))
    return f"device-cmyk({text} / {_num(round(alpha, 3))})" if alpha < 1 else f"device-cmyk({text})"


def _num(value: float) -> str:
    return f"{value:g}"


def parse_hex(value: str) -> tuple[tuple[int, int, int], float] | None:
    """`1a1a1a`, `fff`, `ffffff80` (no '#') -> ((r, g, b), alpha), or None if it is not a colour."""
    value = value.lower()
    if len(value) in (3, 4):
        value = "".join(c * 2 for c in value)
    if len(value) not in (6, 8) or any(c not in "0123456789abcdef" for c in value):
        return None
    rgb = int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    alpha = int(value[6:8], 16) / 255 if len(value) == 8 else 1.0
    return rgb, alpha


def css_to_cmyk(css: str, profile: Path | str) -> str:
    """Every hex and named colour in declaration values -> device-cmyk(). Selectors, strings (header and
    footer text) and at-rule preludes are left alone: only tokens, never text, are rewritten."""
    profile = str(profile)
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False)
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword in ("color-profile", "font-face"):
            continue  # `components: cyan, magenta, yellow, black` names channels, not colours
        if getattr(rule, "content", None):
            rule.content = _convert_tokens(rule.content, profile)
    return tinycss2.serialize(rules)


def _convert_tokens(tokens: list, profile: str) -> list:
    out = []
    for token in tokens:
        replacement = None
        if token.type == "hash" and (parsed := parse_hex(token.value)):
            replacement = device_cmyk(parsed[0], profile, parsed[1])
        elif token.type == "ident" and token.lower_value in NAMED:
            replacement = device_cmyk(NAMED[token.lower_value], profile)
        elif token.type == "function" and token.lower_name in ("rgb", "rgba"):
            numbers = [t.value for t in token.arguments if t.type == "number"]
            if len(numbers) >= 3:
                alpha = numbers[3] if len(numbers) > 3 else 1.0
                replacement = device_cmyk(tuple(round(n) for n in numbers[:3]), profile, alpha)
        if replacement:
            out.extend(tinycss2.parse_component_value_list(replacement))
            continue
        if token.type in ("{} block", "() block", "[] block"):
            token.content = _convert_tokens(token.content, profile)
        elif token.type == "function":
            token.arguments = _convert_tokens(token.arguments, profile)
        elif token.type == "at-rule" and token.content:
            token.content = _convert_tokens(token.content, profile)
        out.append(token)
    return out


def svg_color_to_cmyk(color, profile: str):
    """A parsed tinycss2 colour from an SVG (a logo, WeasyPrint's crop marks) -> its device-cmyk twin."""
    if color is None or color.space != "srgb":
        return color
    r, g, b = (max(0, min(255, round(v * 255))) for v in color.coordinates)
    return parse_color(device_cmyk((r, g, b), profile, color.alpha))
