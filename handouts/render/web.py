"""A resolved handout -> an accessible, responsive web page: one self-contained HTML file.

The same resolved document as the PDF (resolve/) and the same block markup (templates/blocks.html.j2), so the
page says the same words with the same headings, lists, questions, callouts, visit box and emergency box.
What differs is only the shape: a reflowing layout from 320 px up (templates/web.css.j2), a print stylesheet,
phone numbers as tel: links, and everything the page needs (fonts, logo) inside the file as data: URIs, so
it opens from a portal, an e-mail or a text message without asking any other host for anything.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace

from markupsafe import Markup

from handouts import files
from handouts.fonts import faces
from handouts.fonts import web as webfonts
from handouts.plan.jobs import Job
from handouts.render import text
from handouts.render.html import BLANK_IMAGE, block_view, css_env, html_env
from handouts.resolve import resolve
from handouts.resolve.document import Handout, Visit

LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def render_web(job: Job | Handout) -> str:
    """The handout's web page as HTML text."""
    doc = job if isinstance(job, Handout) else resolve(job)
    values = context(doc)
    page = html_env().get_template("web.html.j2")
    # Fonts hold only the letters the page prints: render once without them (and without the patient's
    # values, which must never become a cache key) to learn which letters.
    letters = visible_text(page.render({**values, "visit": without_values(doc.visit)}, css=""))
    font_stack = faces.stack(doc.clinic.brand.font, letters, doc.lang)
    css = css_env().get_template("web.css.j2").render(
        brand=doc.clinic.brand, faces=webfonts.face_rules(font_stack, letters), font_stack=font_stack,
        dir=doc.dir)
    html = page.render(values, css=Markup(css))
    return text.keep_words(html) if doc.lang.split("-", maxsplit=1)[0].lower() == "ko" else html


def without_values(visit: Visit | None) -> Visit | None:
    return visit and replace(visit, rows=tuple(replace(row, value=None) for row in visit.rows))


def context(doc: Handout) -> dict:
    clinic, ui, rtl = doc.clinic, doc.ui, doc.dir == "rtl"
    links = phone_links(doc)
    return {
        "lang": doc.lang,
        "dir": doc.dir,
        "bidi": text.isolate if rtl else text.keep_compounds,
        "ui": ui,
        "clinic": clinic,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "blocks": [block_view(b, rtl, links) for b in doc.blocks],
        "emergency": block_view(doc.emergency, rtl, links),
        "doc_id": doc.doc_id,
        "version": doc.version,
        "review_date": doc.review_date,
        "released": doc.released,
        "website": clinic.contact.website,
        "tel": links,
        "logo_uri": files.data_uri(doc.logo_path, LOGO_TYPES.get(doc.logo_path.suffix.lower(), "image/png")),
        "logo_alt": doc.logo_alt,
        "draft_reasons": list(doc.draft_reasons),
        "visit": doc.visit,
        "sign_off": list(doc.sign_off),
        "blank_line_uri": BLANK_IMAGE,
    }


def phone_links(doc: Handout) -> dict[str, str]:
    """The clinic's phone numbers (and the emergency and crisis numbers) as they are printed -> tel: URIs."""
    contact, emergency = doc.clinic.contact, doc.clinic.emergency
    numbers = [contact.phone, contact.after_hours_phone, emergency.number, emergency.crisis_line]
    return {str(n).strip(): tel_uri(str(n)) for n in numbers if n and tel_uri(str(n)) != "tel:"}


def tel_uri(number: str) -> str:
    """"(555) 010-0142" -> "tel:5550100142": digits (and a leading +) only, as RFC 3966 dials them."""
    digits = re.sub(r"[^0-9]", "", number)
    return f"tel:{'+' if number.strip().startswith('+') else ''}{digits}"


_TAG = re.compile(r"<(script|style|svg)\b.*?</\1>|<[^>]+>", re.S | re.I)


def visible_text(html: str) -> str:
    """The text of the page's elements (not its tags, styles or drawings), entities decoded."""
    body = html[html.find("<body"):] if "<body" in html else html
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    return html_lib.unescape(_TAG.sub(" ", body) + " " + (title.group(1) if title else ""))
