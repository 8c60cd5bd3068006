"""Job -> HTML: the Jinja2 environments (autoescape, StrictUndefined) and the context of one job."""
from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup, escape

from .. import project, refs, review
from ..jobs import Job
from . import fonts, text, visit


@lru_cache(maxsize=1)
def html_env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def css_env() -> jinja2.Environment:
    # CSS is not HTML: values are quoted with css_string instead of HTML-escaped.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates_dir()),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(value: str) -> str:
    """A CSS string literal that cannot end the string, the rule or the <style> element."""
    escaped = "".join(c if c.isalnum() or c in " -_.,:/()[]%+#" else f"\\{ord(c):x} " for c in str(value))
    return f'"{escaped}"'


def doc_id(job: Job) -> str:
    initials = "".join(part[0] for part in job.handout.split("-")).upper()
    return f"KT-{initials}-{job.lang.upper()}"


def theme_css(job: Job) -> str:
    clinic = job.clinic.model
    brand = clinic.brand
    faces = [rule for name in fonts.stack(brand.font) for rule in fonts.face_rules(name)]
    version = job.content.model.version
    return css_env().get_template("theme.css.j2").render(
        brand=brand, faces=faces, font_stack=fonts.stack(brand.font), paper=clinic.paper, variant=job.variant,
        header_left=f"{clinic.name} · {job.content.model.handouts[job.handout].title}",
        footer_left=f"{clinic.name}\nPhone {clinic.contact.phone}",
        footer_right=f"{doc_id(job)} · Version {version}")


def blocks(job: Job) -> list[dict]:
    """The handout's blocks as the templates see them: text as safe HTML, clinic lists filled in."""
    clinic = job.clinic.model
    handout = job.content.model.handouts[job.handout]
    out = []
    for block in handout.blocks:
        if block.when and not refs.value(clinic, block.when):
            continue
        view = {"type": block.type, "id": block.id}
        for name in ("text", "title", "label"):
            value = getattr(block, name, None)
            if value is not None:
                view[name] = text.to_html(value, clinic)
        for name in ("level", "lines"):
            if hasattr(block, name):
                view[name] = getattr(block, name)
        if block.type == "qa":
            view["items"] = [{"q": text.to_html(i.q, clinic), "a": text.to_html(i.a, clinic)} for i in block.items]
        elif hasattr(block, "items"):
            items = [text.to_html(i, clinic) for i in block.items]
            if getattr(block, "items_from", None):
                items += [escape(i) for i in refs.value(clinic, block.items_from)]  # clinic data: literal text
            view["items"] = items
        out.append(view)
    return out


def context(job: Job) -> dict:
    content = job.content.model
    handout = content.handouts[job.handout]
    clinic = job.clinic.model
    return {
        "lang": job.lang,
        "variant": job.variant,
        "clinic": clinic,
        "handout": handout,
        "blocks": blocks(job),
        "doc_id": doc_id(job),
        "version": content.version,
        "released": content.released.isoformat(),
        "logo_uri": job.clinic.logo_path.as_uri(),
        "logo_alt": clinic.brand.logo_alt or f"{clinic.name} logo",
        "css": Markup(theme_css(job)),
        "draft_reasons": review.draft_reasons(job),
        "visit": visit.visit_box(job),
    }


def render_html(job: Job) -> str:
    return html_env().get_template("handout.html.j2").render(context(job))
