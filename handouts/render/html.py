"""A resolved handout -> HTML: the Jinja2 environments (autoescape, StrictUndefined) and the template context.

Everything printed comes from the resolved handout (resolve/): this module escapes, marks up and picks the
theme, and looks nothing up.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from handouts import settings
from handouts.fonts import faces
from handouts.plan.jobs import Job
from handouts.press import color
from handouts.render import qr, text, timeline
from handouts.resolve import resolve
from handouts.resolve.document import QA, Block, Handout


def template_loader(folders: tuple[Path, ...]) -> jinja2.BaseLoader:
    """The project's templates/ first, the package's defaults second: a project overrides a file by name."""
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder) for folder in folders])


def html_env() -> jinja2.Environment:
    return _html_env(tuple(settings.template_dirs()))


def css_env() -> jinja2.Environment:
    return _css_env(tuple(settings.template_dirs()))


@lru_cache(maxsize=4)
def _html_env(folders: tuple[Path, ...]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=template_loader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=4)
def _css_env(folders: tuple[Path, ...]) -> jinja2.Environment:
    # CSS is not HTML: values are quoted with css_string instead of HTML-escaped.
    env = jinja2.Environment(
        loader=template_loader(folders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(value: str) -> str:
    """A CSS string literal that cannot end the string, the rule or the <style> element."""
    escaped = "".join(c if c.isalnum() or c in " -_.,:/()[]%+#" else f"\\{ord(c):x} " for c in str(value))
    return f'"{escaped}"'


# A transparent image: the visit box's line to write on is its bottom border, its alt text says what it is.
BLANK_IMAGE = "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22%20width%3D%221%22%20height%3D%221%22/%3E"


def theme_css(doc: Handout, words: str = "", part: str = "all") -> str:
    """part: "all" (the whole theme, as the HTML carries it), "shared" (without the margin-box texts and the
    output profile: the same for every handout of one clinic x language x variant, so it is parsed once),
    "page" (only those: page.css.j2)."""
    clinic, ui, spec = doc.clinic, doc.ui, doc.variant
    brand = clinic.brand
    font_stack = faces.stack(brand.font, words, doc.lang)
    face_rules = [rule for name in font_stack for rule in faces.face_rules(name)]
    bidi = text.isolate if doc.dir == "rtl" else str
    css = css_env().get_template("page.css.j2" if part == "page" else "theme.css.j2").render(
        part=part, draft_mark=f"{ui.draft}: {ui.not_for_patients}" if doc.draft_reasons else "",
        brand=brand, faces=face_rules, font_stack=font_stack, paper=clinic.paper, variant=doc.variant_name,
        variant_spec=spec, bleed_mm=spec.bleed_for(clinic.paper), cmyk_profile_uri=doc.cmyk_profile.as_uri(),
        dir=doc.dir, ui=ui,
        header_left=f"{bidi(furniture_name(clinic.name))} · {doc.title}",
        footer_left=f"{bidi(furniture_name(clinic.name))}\n{ui.phone} {bidi(clinic.contact.phone)}",
        footer_right=f"{bidi(doc.doc_id)} · {ui.version} {doc.version}\n"
                     f"{ui.reviewed} {bidi(doc.review_date)}")
    if not spec.cmyk:
        return css
    return _shared_cmyk(css, str(doc.cmyk_profile)) if part == "shared" else color.css_to_cmyk(css, doc.cmyk_profile)


@lru_cache(maxsize=64)  # the shared theme of a clinic x language x variant is converted once, not per handout
def _shared_cmyk(css: str, profile: str) -> str:
    return color.css_to_cmyk(css, profile)


FURNITURE_NAME = 40  # characters of the clinic name in the page header and footer (their height is fixed)


def furniture_name(name: str) -> str:
    """The clinic name as the page margins print it: a long one is cut at a word (the full name heads page 1
    and ends the handout), so the footer stays within its margin in large print too."""
    if len(name) <= FURNITURE_NAME:
        return name
    cut = name[:FURNITURE_NAME - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[FURNITURE_NAME // 2:] else cut).rstrip(" ,.-") + "…"


def block_view(block: Block, rtl: bool, links: dict[str, str] | None = None) -> dict[str, Any]:
    """A block as the templates see it: its text as safe HTML (links: see text.to_html)."""
    view: dict[str, Any] = {"type": block.type, "id": block.id}
    if block.heading is not None:
        view["heading"] = block.heading
    for name in ("text", "title", "label"):
        value = getattr(block, name)
        if value is not None:
            view[name] = text.to_html(value, rtl, links)
    view.update(block.attrs)
    if block.items is not None:
        view["items"] = [{"q": text.to_html(i.q, rtl, links), "a": text.to_html(i.a, rtl, links)}
                         if isinstance(i, QA) else text.to_html(i, rtl, links) for i in block.items]
    if block.timeline is not None:
        view["svg"] = timeline.svg(block.timeline, rtl)
        view["steps"] = [{"label": s.label, "time": s.time} for s in block.timeline.steps]
    return view


def _words(handout, views: list[dict]) -> str:
    """Every word the page prints, to pick fonts that have all their letters."""
    parts = [handout.title, handout.subtitle or ""]
    for view in views:
        parts += [str(view.get(n, "")) for n in ("text", "title", "label")]
        parts += [str(i) if not isinstance(i, dict) else f"{i['q']} {i['a']}" for i in view.get("items", [])]
    return " ".join(parts)


def context(doc: Handout, part: str = "all") -> dict:
    """part: which theme CSS the HTML carries (see theme_css)."""
    clinic, ui, rtl = doc.clinic, doc.ui, doc.dir == "rtl"
    views = [block_view(b, rtl) for b in doc.blocks]
    help_box = block_view(doc.emergency, rtl)
    words = " ".join((_words(doc.handout_model, [*views, help_box]), ui.sample_note, doc.timeline_alt))
    return {
        "lang": doc.lang,
        "dir": doc.dir,
        # clinic values keep their direction, and their hyphenated words stay on one line
        "bidi": text.isolate if rtl else text.keep_compounds,
        "ui": ui,
        "variant": doc.variant_name,
        "clinic": clinic,
        "handout": doc.handout_model,
        "blocks": views,
        "doc_id": doc.doc_id,
        "version": doc.version,
        "emergency": help_box,
        "qr_uri": qr.svg_uri(clinic.contact.website),
        "website": clinic.contact.website,
        "released": doc.released,
        "logo_uri": doc.logo_path.as_uri(),
        "logo_alt": doc.logo_alt,
        "css": Markup(theme_css(doc, words, part)),
        "words": words,
        "draft_reasons": list(doc.draft_reasons),
        "visit": doc.visit,
        "sign_off": list(doc.sign_off),
        "blank_line_uri": BLANK_IMAGE,
    }


def render_html(job: Job | Handout) -> str:
    doc = job if isinstance(job, Handout) else resolve(job)
    return _page(doc, context(doc))


def _page(doc: Handout, values: dict) -> str:
    html = html_env().get_template("handout.html.j2").render(values)
    return text.keep_words(html) if doc.lang.split("-", maxsplit=1)[0].lower() == "ko" else html


def render_parts(job: Job | Handout) -> tuple[str, str, str]:
    """(the HTML carrying only the page.css.j2 part, the shared theme CSS, the text the PDF/X document id is
    derived from). That text is render_html(job), made here only for PDF/X, the one standard that writes
    the id: the bytes stay those of render_pdf(job)."""
    doc = job if isinstance(job, Handout) else resolve(job)
    values = context(doc, "page")
    html = _page(doc, values)
    shared = theme_css(doc, values["words"], "shared")
    if not doc.variant.pdf_options.get("pdf_variant", "").startswith("pdf/x"):
        return html, shared, html
    whole = theme_css(doc, values["words"])
    return html, shared, html.replace(f"<style>{values['css']}</style>", f"<style>{whole}</style>", 1)
