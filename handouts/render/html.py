"""Job -> HTML: the Jinja2 environments (autoescape, StrictUndefined) and the context of one job."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from markupsafe import Markup, escape

from handouts import settings
from handouts.fonts import faces
from handouts.load import refs
from handouts.load import translations as translation
from handouts.plan import names, review, variants
from handouts.plan.jobs import Job
from handouts.press import color
from handouts.render import emergency, qr, sign_off, signs, text, timeline, visit
from handouts.render.locale import babel_locale, direction


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


def doc_id(job: Job) -> str:
    return names.doc_id(job.handout, job.lang)


def review_date(job: Job) -> str:
    """The handout's review date, written the way readers of the job's language write dates."""
    review_record = job.content.model.handouts[job.handout].review
    if not review_record or not review_record.reviewed_on:
        return "-"
    return format_date(review_record.reviewed_on, format="medium", locale=babel_locale(job.locale))


def theme_css(job: Job, words: str = "", part: str = "all") -> str:
    """part: "all" (the whole theme, as the HTML carries it), "shared" (without the margin-box texts and the
    output profile: the same for every handout of one clinic x language x variant, so it is parsed once),
    "page" (only those: page.css.j2)."""
    clinic = job.clinic.model
    brand = clinic.brand
    font_stack = faces.stack(brand.font, words, job.lang)
    face_rules = [rule for name in font_stack for rule in faces.face_rules(name)]
    ui = translation.ui(job)
    bidi = text.isolate if direction(job.lang) == "rtl" else str
    reasons = review.draft_reasons(job)
    spec = variants.get(job.variant)
    css = css_env().get_template("page.css.j2" if part == "page" else "theme.css.j2").render(
        part=part, draft_mark=f"{ui.draft}: {ui.not_for_patients}" if reasons else "",
        brand=brand, faces=face_rules, font_stack=font_stack, paper=clinic.paper, variant=job.variant,
        variant_spec=spec, bleed_mm=spec.bleed_for(clinic.paper), cmyk_profile_uri=job.cmyk_profile.as_uri(),
        dir=direction(job.lang), ui=ui,
        header_left=f"{bidi(furniture_name(clinic.name))} · {translation.handout_text(job)['title']}",
        footer_left=f"{bidi(furniture_name(clinic.name))}\n{ui.phone} {bidi(clinic.contact.phone)}",
        footer_right=f"{bidi(doc_id(job))} · {ui.version} {review.version(job)}\n"
                     f"{ui.reviewed} {bidi(review_date(job))}")
    if not spec.cmyk:
        return css
    return _shared_cmyk(css, str(job.cmyk_profile)) if part == "shared" else color.css_to_cmyk(css, job.cmyk_profile)


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


def blocks(job: Job) -> list[dict]:
    """The handout's blocks as the templates see them: text as safe HTML, clinic lists filled in."""
    clinic = job.clinic.model
    handout = job.content.model.handouts[job.handout]
    lang, rtl = job.lang, direction(job.lang) == "rtl"
    out = []
    section = 1  # the level of the heading the block stands under (h1: the handout's title)
    for block in handout.blocks:
        if block.when and not refs.value(clinic, block.when):
            continue
        view: dict[str, Any] = {"type": block.type, "id": block.id}
        if block.type == "heading":
            section = block.level
        else:  # callout titles and questions are headings one level below, for jumping by heading
            view["heading"] = min(section + 1, 6)
        words = translation.block_fields(job, block)  # the block's text in the job's language
        if any(unset_number(clinic, words.get(name)) for name in ("text", "title", "label")):
            continue  # a policy line whose value is 0 or not set ("Do not drink alcohol for 0 hours")
        for name in ("text", "title", "label"):
            value = words.get(name)
            if value is not None:
                view[name] = text.to_html(value, clinic, lang, rtl)
        for name in ("level", "lines"):
            if hasattr(block, name):
                view[name] = getattr(block, name)
        if block.type == "qa":
            view["items"] = [{"q": text.to_html(i["q"], clinic, lang, rtl), "a": text.to_html(i["a"], clinic, lang, rtl)}
                             for i in words.get("items", [])]
        elif hasattr(block, "items"):
            items = [text.to_html(i, clinic, lang, rtl) for i in words.get("items", []) if not unset_number(clinic, i)]
            items_from = getattr(block, "items_from", None)
            if items_from and items_from.removeprefix("policy.") in signs.LISTS:
                items += signs.items(job, items_from.removeprefix("policy."), rtl)
            elif items_from:
                items += [escape(i) for i in refs.value(clinic, items_from, lang)]  # clinic data: literal text
            view["items"] = items
        if block.type == "main_points":
            view["title"] = translation.word(translation.ui(job), "main_points")
        elif block.type == "timeline":
            view["svg"] = timeline.svg(job, clinic.brand.primary_color, rtl)
            view["steps"] = timeline.steps(job)
        out.append(view)
    return out


def unset_number(clinic, value) -> bool:
    """True when text quotes a clinic number that is 0 or not set: such a line is left out, not printed."""
    if not isinstance(value, str):
        return False
    fields = refs.clinic_fields()
    return any(fields.get(ref) == "number" and not refs.value(clinic, ref) for ref in refs.REF.findall(value))


def _words(handout, views: list[dict]) -> str:
    """Every word the page prints, to pick fonts that have all their letters."""
    parts = [handout.title, handout.subtitle or ""]
    for view in views:
        parts += [str(view.get(n, "")) for n in ("text", "title", "label")]
        parts += [str(i) if not isinstance(i, dict) else f"{i['q']} {i['a']}" for i in view.get("items", [])]
    return " ".join(parts)


def context(job: Job, part: str = "all") -> dict:
    """part: which theme CSS the HTML carries (see theme_css)."""
    content = job.content.model
    # The handout as printed: title and subtitle in the job's language (the rest is language-free).
    handout = content.handouts[job.handout].model_copy(update=translation.handout_text(job))
    clinic = job.clinic.model
    views = blocks(job)
    ui = translation.ui(job)
    help_box = emergency.callout(job)
    words = " ".join((_words(handout, [*views, help_box]), ui.sample_note, timeline.alt_text(job)))
    return {
        "lang": job.lang,
        "dir": direction(job.lang),
        # clinic values keep their direction, and their hyphenated words stay on one line
        "bidi": text.isolate if direction(job.lang) == "rtl" else text.keep_compounds,
        "ui": ui,
        "variant": job.variant,
        "clinic": clinic,
        "handout": handout,
        "blocks": views,
        "doc_id": doc_id(job),
        "version": review.version(job),
        "emergency": help_box,
        "qr_uri": qr.svg_uri(clinic.contact.website),
        "website": clinic.contact.website,
        "released": content.released.isoformat(),
        "logo_uri": job.clinic.logo_path.as_uri(),
        "logo_alt": clinic.brand.logo_alt or translation.word(ui, "logo_alt").replace("{clinic}", clinic.name),
        "css": Markup(theme_css(job, words, part)),
        "words": words,
        "draft_reasons": review.draft_reasons(job),
        "visit": visit.visit_box(job),
        "sign_off": sign_off.lines(job),
        "blank_line_uri": BLANK_IMAGE,
    }


def render_html(job: Job) -> str:
    return _page(job, context(job))


def _page(job: Job, values: dict) -> str:
    html = html_env().get_template("handout.html.j2").render(values)
    return text.keep_words(html) if job.lang.split("-", maxsplit=1)[0].lower() == "ko" else html


def render_parts(job: Job) -> tuple[str, str, str]:
    """(the HTML carrying only the page.css.j2 part, the shared theme CSS, the text the PDF/X document id is
    derived from). That text is render_html(job), made here only for PDF/X, the one standard that writes
    the id: the bytes stay those of render_pdf(job)."""
    values = context(job, "page")
    html = _page(job, values)
    shared = theme_css(job, values["words"], "shared")
    if not variants.get(job.variant).pdf_options.get("pdf_variant", "").startswith("pdf/x"):
        return html, shared, html
    whole = theme_css(job, values["words"])
    return html, shared, html.replace(f"<style>{values['css']}</style>", f"<style>{whole}</style>", 1)
