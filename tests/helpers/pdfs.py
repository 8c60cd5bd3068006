"""The text of a PDF as pypdf extracts it, and text with its whitespace runs collapsed."""
from __future__ import annotations

import io
from pathlib import Path

import pypdf


def extracted_text(path: Path | bytes) -> str:
    """Every page's text as pypdf extracts it (a screen reader's view, one of them)."""
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Text with all whitespace runs collapsed, for phrase matching across line breaks."""
    return " ".join(text.split())
