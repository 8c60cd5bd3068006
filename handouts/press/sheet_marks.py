"""What a press sheet carries in its slug beyond the crop marks (press/crop_marks.py draws those): dashed fold
marks at the spine and a colour bar, so the operator can read each plate's solid and half tone with a
densitometer and see at a glance that all four plates printed."""
from __future__ import annotations

# (C, M, Y, K) of each patch: the four solids, then the four at 50 %. No patch prints more than one ink,
# so the bar stays far below any total-ink limit.
PATCHES = ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
           (0.5, 0, 0, 0), (0, 0.5, 0, 0), (0, 0, 0.5, 0), (0, 0, 0, 0.5))
PATCH = 10.0  # pt, the side of one patch: wide enough for a handheld densitometer's aperture


def fold_marks(spine: float, bottom: float, top: float, near: float, far: float, space: str, width: float) -> str:
    """Dashed marks continuing the spine above and below the trim, from `near` to `far` beyond it."""
    strokes = " ".join(f"{spine:.3f} {y + sign * near:.3f} m {spine:.3f} {y + sign * far:.3f} l"
                       for y, sign in ((bottom, -1), (top, 1)))
    return f"q {space} CS 1 SCN {width} w 0 J [3 2] 0 d {strokes} S Q"


def colour_bar(x: float, y: float, height: float) -> str:
    """The patches side by side from (x, y), `height` tall (at most PATCH)."""
    size = min(PATCH, height)
    ops = ["q"]
    for index, (c, m, yellow, k) in enumerate(PATCHES):
        ops.append(f"{c:g} {m:g} {yellow:g} {k:g} k {x + index * PATCH:.3f} {y:.3f} {PATCH:g} {size:.3f} re f")
    ops.append("Q")
    return " ".join(ops)


def bar_width() -> float:
    return len(PATCHES) * PATCH
