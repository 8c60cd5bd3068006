"""index.html in each clinic's folder of web pages: every handout in every language, linked by file name, so
the folder can be copied as it is onto the clinic's own site or patient portal."""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from babel import Locale

from handouts import files
from handouts.plan.jobs import Job
from handouts.render.html import html_env
from handouts.resolve import resolve

INDEX = "index.html"


def write_indexes(out_dir: Path, jobs: list[Job]) -> list[Path]:
    """One index.html per clinic among the jobs' web pages that exist in out_dir; returns their paths."""
    by_clinic: dict[str, list[Job]] = {}
    for job in jobs:
        if job.output_path.suffix == ".html" and (out_dir / job.output_path).is_file():
            by_clinic.setdefault(job.clinic.slug, []).append(job)
    return [_write(out_dir, chosen) for chosen in by_clinic.values()]


def _write(out_dir: Path, jobs: list[Job]) -> Path:
    clinic = jobs[0].clinic
    languages: dict[str, dict] = {}
    for job in jobs:
        doc = resolve(job)
        entry = languages.setdefault(job.lang, {"lang": job.lang, "dir": doc.dir, "name": language_name(job.lang),
                                                "pages": []})
        entry["pages"].append({"title": doc.title, "href": PurePosixPath(job.output_path).name})
    first = clinic.model.languages[0] if clinic.model.languages else jobs[0].lang
    html = html_env().get_template("web-index.html.j2").render(
        clinic=clinic.model, lang=first, dir=languages.get(first, {}).get("dir", "ltr"),
        languages=[languages[lang] for lang in clinic.model.languages if lang in languages])
    target = out_dir / clinic.slug / INDEX
    files.write_bytes(target, html.encode("utf-8"))
    return target


def language_name(lang: str) -> str:
    """The language's name in itself ("Español", "العربية"), as a reader looks for it."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name() or lang
    except (ValueError, LookupError):
        return lang
    return name[:1].upper() + name[1:]  # a heading: "Español", not "español"
