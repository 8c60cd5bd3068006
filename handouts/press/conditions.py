"""Output conditions: which names the ICC's registry of characterization data knows, whether a profile's
own words agree with the name given for it (a warning when not), and whether they contradict it (both name a
registered characterization, not the same one: the bundle refuses it). One table for both judgements.

Only a registered characterization may be written with RegistryName http://www.color.org: a RIP that knows the
name may print for that condition rather than from the embedded profile. Any other name is a custom condition
(OutputConditionIdentifier "Custom", the name in OutputCondition), and the job sheet says so.
"""
from __future__ import annotations

import re


def normal(name: str) -> str:
    """A name as compared: lower case, letters and digits only ("Fogra 39" = "FOGRA39")."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


# Registered characterization names (ICC characterization data registry), by the key `normal` gives them.
REGISTERED = {normal(name): name for name in (
    "FOGRA27", "FOGRA28", "FOGRA29", "FOGRA39", "FOGRA40", "FOGRA45", "FOGRA47", "FOGRA51", "FOGRA52",
    "FOGRA53", "FOGRA54", "GRACoL2013", "GRACoL2013_CRPC6", "SWOP2013", "SWOP2013C3", "SWOP2013C5",
    "CGATS21_CRPC1", "CGATS21_CRPC2", "CGATS21_CRPC3", "CGATS21_CRPC4", "CGATS21_CRPC5", "CGATS21_CRPC6",
    "CGATS21_CRPC7", "CGATS TR 001", "CGATS TR 003", "CGATS TR 005", "CGATS TR 006", "JapanColor2011",
    "JapanColor2011Coated", "JapanColor2001Coated", "JapanColor2001Uncoated", "JapanColor2002Newspaper",
    "JapanColor2003WebCoated", "IFRA26", "IFRA30", "SNAP2007")}
# Words of well-known profiles' descriptions that stand for a registered condition without naming it.
PROFILE_WORDS = {
    "FOGRA39": ("isocoatedv2", "coatedfogra39"), "FOGRA51": ("psocoatedv3",), "FOGRA52": ("psouncoatedv3",),
    "FOGRA47": ("psouncoatedisofogra47",), "FOGRA29": ("isouncoated",), "GRACoL2013": ("gracol2013", "crpc6"),
    "CGATS21_CRPC6": ("gracol2013",), "SWOP2013": ("swop2013", "crpc5"), "CGATS TR 006": ("gracol2006",),
    "CGATS TR 001": ("uswebcoatedswop", "swop"), "JapanColor2011": ("japancolor2011",),
}
CUSTOM = "Custom"


def registered(name: str | None) -> str | None:
    """The registry's spelling of `name`, or None when it is not a registered characterization."""
    return REGISTERED.get(normal(name)) if name else None


def agrees(condition: str, description: str, target: str | None) -> bool:
    """Whether the profile's own description or characterization target names `condition`."""
    words = normal(f"{description} {target or ''}")
    canonical = registered(condition) or condition
    keys = (normal(condition), normal(canonical), *PROFILE_WORDS.get(canonical, ()))
    return any(key and key in words for key in keys)


def characterizations(text: str | None) -> set[str]:
    """The registered characterizations a condition's name or a profile's words name or stand for."""
    words = normal(text or "")
    named = {name for key, name in REGISTERED.items() if key in words}
    return named | {name for name, keys in PROFILE_WORDS.items() if any(key in words for key in keys)}


def contradicts(condition: str | None, description: str, target: str | None) -> bool:
    """Whether `condition` and the profile each name a registered characterization, and never the same one
    (FOGRA39 given for a SWOP profile). A name not known here is the shop's own word, never a contradiction."""
    given = characterizations(condition)
    own = characterizations(target) or characterizations(description)
    return bool(given and own and not given & own)
