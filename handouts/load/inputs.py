"""Inputs: the loaded, validated content and clinics that every later stage reads."""
from __future__ import annotations

from dataclasses import dataclass

from handouts.load.clinics import LoadedClinic
from handouts.load.content import LoadedContent


@dataclass(frozen=True)
class Inputs:
    content: LoadedContent
    clinics: list[LoadedClinic]
