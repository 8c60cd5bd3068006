"""The visit as a picture: check in, infusion, rest while staff watch you, going home.

Two parts, so that a screen reader gets every word once: inline SVG vector art (four boxes with simple
icons and arrows, no text), which WeasyPrint tags as a Figure with the SVG's <title> as its alt text; and
under it the steps as a real numbered list in four columns. Labels come from the translation's ui
strings, the rest time from the clinic; right-to-left languages run the boxes from right to left.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from handouts.load import translations as translation

WIDTH, COLUMN, BOX_Y, BOX_H, BOX_W = 680, 170, 4, 56, 134

# Icons drawn in a 40 x 40 square (white strokes on the brand colour): a tick for checking in, a drop
# for the infusion, a clock for the rest, a house for going home.
ICONS = (
    '<path d="M8 21 L17 30 L33 11" fill="none" stroke="#ffffff" stroke-width="5" stroke-linecap="round" '
    'stroke-linejoin="round"/>',
    '<path d="M20 4 C27 15 32 21 32 27 A12 12 0 0 1 8 27 C8 21 13 15 20 4 Z" fill="#ffffff"/>',
    '<circle cx="20" cy="20" r="15" fill="none" stroke="#ffffff" stroke-width="4"/>'
    '<path d="M20 10 L20 20 L28 24" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="round"/>',
    '<path d="M4 20 L20 5 L36 20 M10 16 L10 35 L30 35 L30 16" fill="none" stroke="#ffffff" stroke-width="4" '
    'stroke-linejoin="round"/>',
)


def steps(job) -> list[dict]:
    """Each step's label and time (empty when it has none), in visit order."""
    ui, policy = translation.ui(job), job.clinic.model.policy

    def word(key: str) -> str:
        return translation.word(ui, key)

    drip = (word("timeline_infusion_time").replace("{from}", str(policy.infusion_minutes_from))
            .replace("{to}", str(policy.infusion_minutes_to)))
    rest = word("minutes").replace("{minutes}", str(policy.observation_minutes))
    last = word("timeline_ride" if policy.ride_required else "timeline_home")
    return [{"label": word("timeline_check_in"), "time": ""},
            {"label": word("timeline_infusion"), "time": drip},
            {"label": word("timeline_rest"), "time": rest},
            {"label": last, "time": ""}]


def alt_text(job) -> str:
    """The picture in words: "Timeline of your visit: Check in; Infusion, 40 to 60 minutes; ..." """
    parts = [f"{s['label']}, {s['time']}" if s["time"] else s["label"] for s in steps(job)]
    return f"{translation.word(translation.ui(job), 'timeline_alt')}: {'; '.join(parts)}."


def svg(job, color: str, rtl: bool) -> Markup:
    """The boxes and arrows as inline SVG markup (the alt text escaped; there is no other text)."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {BOX_Y * 2 + BOX_H}" '
           f'class="timeline-art"><title>{escape(alt_text(job))}</title>']
    count = len(ICONS)
    for index, icon in enumerate(ICONS):
        x = (count - 1 - index if rtl else index) * COLUMN + (COLUMN - BOX_W) / 2
        out.append(f'<rect x="{x:g}" y="{BOX_Y}" width="{BOX_W}" height="{BOX_H}" rx="10" fill="{color}"/>')
        out.append(f'<g transform="translate({x + (BOX_W - 40) / 2:g} {BOX_Y + (BOX_H - 40) / 2:g})">{icon}</g>')
        if index < count - 1:
            out.append(_arrow(x, rtl))
    out.append("</svg>")
    return Markup("".join(out))


def _arrow(box_x: float, rtl: bool) -> str:
    """An arrow in the gap between a box and the next step's box."""
    y, gap = BOX_Y + BOX_H / 2, COLUMN - BOX_W
    if rtl:
        start, tip, sign = box_x - 6, box_x - gap + 6, -1
    else:
        start, tip, sign = box_x + BOX_W + 6, box_x + BOX_W + gap - 6, 1
    base = tip - sign * 10
    return (f'<line x1="{start:g}" y1="{y:g}" x2="{base:g}" y2="{y:g}" stroke="#555555" stroke-width="4"/>'
            f'<path d="M{base:g} {y - 8:g} L{tip:g} {y:g} L{base:g} {y + 8:g} Z" fill="#555555"/>')
