"""Why a document is a draft. Every reason printed here puts a DRAFT mark on every page.

Content review dates (content.yaml) and translation review status add their reasons here.
"""
from __future__ import annotations


def draft_reasons(job) -> list[str]:
    return [*translation_reasons(job)]


def translation_reasons(job) -> list[str]:
    from . import translation

    return translation.draft_reasons(job)
