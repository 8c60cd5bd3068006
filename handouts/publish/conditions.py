"""An output condition given by name must be the one the CMYK profile was made for: `--output-condition
FOGRA39` with a SWOP profile would label every PDF for a press it does not match."""
from __future__ import annotations

import re

from handouts.errors import HandoutsError

# Well-known characterizations, each to one name (the CGATS technical reports of SWOP are SWOP).
KNOWN = re.compile(r"FOGRA\s*\d+|SWOP|GRACOL|CGATS[\s._-]*TR[\s._-]*\d+|JAPAN\s*COLOR\s*\d+|PSO\s*[A-Z]+",
                   re.I)
ALIASES = {"CGATSTR001": "SWOP", "CGATSTR003": "SWOP", "CGATSTR005": "SWOP", "CGATSTR006": "GRACOL"}


def known_names(text: str | None) -> set[str]:
    names = {re.sub(r"[\s._-]", "", found.upper()) for found in KNOWN.findall(text or "")}
    return {ALIASES.get(name, name) for name in names}


def check_condition(condition: str | None, profile_target: str | None, profile_description: str) -> None:
    """HandoutsError when CONDITION and the profile each name a known characterization, and not the same one.
    Names this module does not know are taken as given (the shop knows its press)."""
    given = known_names(condition)
    own = known_names(profile_target) or known_names(profile_description)
    if given and own and not given & own:
        raise HandoutsError(f"--output-condition {condition}: the CMYK profile is for "
                            f"{profile_target or profile_description}, not {condition}; give the shop's "
                            f"{condition} profile with --icc, or leave --output-condition out")
