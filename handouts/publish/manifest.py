"""manifest.json: one entry per PDF in the output folder, so a reader can tell what changed."""
from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pypdf

from handouts import files

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Entry:
    clinic: str
    handout: str
    lang: str
    variant: str
    path: str
    pages: int
    bytes: int
    sha256: str
    reading_level: dict = field(default_factory=dict)  # e.g. {"fk_grade": 3.9, "smog": 7.7} (checks/readability)


def entry_from_record(record: dict) -> Entry:
    """A batch record (publish/batch.py) as a manifest entry."""
    return Entry(clinic=record["clinic"], handout=record["handout"], lang=record["language"],
                 variant=record["variant"], path=record["file"], pages=record["pages"], bytes=record["bytes"],
                 sha256=record["sha256"], reading_level=record.get("reading_level", {}))


def count_pages(data: bytes) -> int:
    # The page tree root's /Count is the number of pages; len(reader.pages) walks and flattens the whole tree,
    # which took most of the batch parent's CPU while it should leave it to the workers.
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = reader.root_object["/Pages"].get_object()
    count = pages.get("/Count") if isinstance(pages, pypdf.generic.DictionaryObject) else None
    return int(count) if isinstance(count, int) and count >= 0 else len(reader.pages)


def read(out_dir: Path) -> dict[str, Entry]:
    path = out_dir / MANIFEST
    if not path.is_file():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["outputs"]
        return {e["path"]: Entry(**e) for e in entries}
    except (ValueError, KeyError, TypeError):
        return {}  # a damaged manifest is rebuilt, not trusted


def write(out_dir: Path, entries: dict[str, Entry]) -> Path:
    """Merge-friendly: entries are keyed by path, so a partial build keeps the others."""
    path = out_dir / MANIFEST
    data = {"outputs": [asdict(entries[key]) for key in sorted(entries)]}
    files.write_text(path, json.dumps(data, indent=2) + "\n")
    return path
