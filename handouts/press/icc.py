"""The CMYK output profile of press files: read from its own bytes, checked once before any render.

The header and the text tags are read here (colour space, device class, description, the registered
characterization named in its `targ` tag); Pillow's ImageCms (LittleCMS) only builds the sRGB -> CMYK
transform. The PDF's output intent carries the file's own bytes: LittleCMS cannot write some valid v4
profiles back (Ghostscript's ps_cmyk.icc once a transform has read it), and a press checks the exact
profile it sent.
"""
from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import ImageCms

from handouts import files
from handouts.errors import HandoutsError, display_path
from handouts.press import conditions

ICC_REGISTRY = "http://www.color.org"
CLASSES = {"scnr": "input (scanner)", "mntr": "display", "prtr": "output (printer)", "link": "device link",
           "spac": "colour space", "abst": "abstract", "nmcl": "named colour"}
MAX_BYTES = 32 * 1024 * 1024  # large press profiles are a few MB; anything bigger is not a profile


class BadProfile(HandoutsError):
    """The CMYK profile given for press files cannot be used."""


@dataclass(frozen=True)
class OutputProfile:
    path: Path
    data: bytes = field(repr=False)
    space: str                 # 'CMYK', 'RGB', ... from the header
    device_class: str          # 'prtr' for an output profile
    version: str
    description: str
    target: str | None         # the registered characterization its `targ` tag names, e.g. FOGRA39

    def intent(self, condition: str | None = None) -> dict[str, str]:
        """Output intent fields (ISO 15930-7): a registered characterization by name with the ICC registry
        (press/conditions.py); a name the registry does not know as a custom condition; with no name at all,
        the profile's own description as identifier."""
        named = condition or self.target
        if named is None:
            return {"OutputConditionIdentifier": self.description, "Info": self.description,
                    "OutputCondition": self.description}
        registered = conditions.registered(named)
        if registered is None:
            return {"OutputConditionIdentifier": conditions.CUSTOM, "Info": self.description,
                    "OutputCondition": named}
        return {"OutputConditionIdentifier": registered, "Info": self.description,
                "OutputCondition": self.description, "RegistryName": ICC_REGISTRY}

    def contradiction(self, condition: str | None) -> str | None:
        """One line when `condition` names another registered characterization than the profile does: every
        PDF would be labelled for a press the profile does not match."""
        if not conditions.contradicts(condition, self.description, self.target):
            return None
        return (f"--output-condition {condition}: the CMYK profile is for {self.target or self.description}, not "
                f"{condition}; give the shop's {condition} profile with --icc, or leave --output-condition out")

    def mismatch(self, condition: str | None) -> str | None:
        """A one-line warning when the profile's own description and target do not name `condition`."""
        if not condition or conditions.agrees(condition, self.description, self.target):
            return None
        return (f"{display_path(self.path)}: warning: the output condition {condition!r} is not what the "
                f"profile describes (\"{self.description}\"{f', target {self.target}' if self.target else ''}); "
                "check that this profile is the one for that condition")


def read(path: Path | str) -> OutputProfile:
    """Parse a profile's header and text tags; BadProfile with one line naming the file if it is not one."""
    path = Path(path)
    try:
        data = files.read_regular(path, MAX_BYTES)  # a pipe or a device would block or never end
    except files.ReadRefused as exc:
        raise BadProfile(f"{display_path(path)}: not an ICC profile: it {exc}") from None
    except OSError as exc:
        raise BadProfile(f"{display_path(path)}: cannot read the ICC profile ({exc.strerror or exc})") from None
    if len(data) < 132 or data[36:40] != b"acsp":
        raise BadProfile(f"{display_path(path)}: not an ICC profile (no 'acsp' signature in its header)")
    size = struct.unpack(">I", data[:4])[0]
    if size != len(data):
        raise BadProfile(f"{display_path(path)}: ICC profile is damaged (its header says {size} bytes, "
                         f"the file has {len(data)})")
    tags = _tags(data)
    return OutputProfile(path=path, data=data, space=data[16:20].decode("latin-1").strip(),
                         device_class=data[12:16].decode("latin-1"), version=f"{data[8]}.{data[9] >> 4}",
                         description=_text(data, tags.get(b"desc")) or path.stem,
                         target=_target(_text(data, tags.get(b"targ"))))


def check(path: Path | str) -> OutputProfile:
    """A CMYK output profile that LittleCMS can convert sRGB colours through, or BadProfile."""
    profile = read(path)
    where = display_path(path)
    if profile.space != "CMYK":
        raise BadProfile(f"{where}: not a CMYK profile (its colour space is {profile.space}: "
                         f"{profile.description}); press files need the print shop's CMYK output profile")
    if profile.device_class != "prtr":
        kind = CLASSES.get(profile.device_class, repr(profile.device_class))
        raise BadProfile(f"{where}: not an output (printer) profile (it is a {kind} profile: "
                         f"{profile.description}); press files need the print shop's CMYK output profile")
    try:
        transform(str(profile.path))
        ImageCms.ImageCmsProfile(io.BytesIO(profile.data)).tobytes()  # what WeasyPrint does with it
    except Exception as exc:  # PyCMSError, OSError: LittleCMS's own words
        raise BadProfile(f"{where}: LittleCMS cannot use this profile ({exc})") from None
    return profile


@lru_cache(maxsize=8)
def transform(profile: str):
    """sRGB -> the profile's CMYK (relative colorimetric), safe to `apply()` to any Pillow image."""
    data = Path(profile).read_bytes()
    built = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(data)),
                                    "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    # apply() tags its result with output_profile.tobytes(), and LittleCMS fails to write some v4 profiles
    # back once a transform has read them ("Could not determine profile size"): tag with a fresh copy.
    built.output_profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    return built


def _tags(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack(">I", data[128:132])[0]
    tags = {}
    for i in range(min(count, 200)):
        entry = data[132 + 12 * i:144 + 12 * i]
        if len(entry) < 12:
            break
        signature, offset, size = struct.unpack(">4sII", entry)
        if offset + size <= len(data):
            tags[signature] = (offset, size)
    return tags


def _text(data: bytes, where: tuple[int, int] | None) -> str | None:
    """The text of a 'desc' (v2), 'mluc' (v4, first record) or 'text' tag."""
    if where is None:
        return None
    tag = data[where[0]:where[0] + where[1]]
    kind = tag[:4]
    try:
        if kind == b"desc":
            count = struct.unpack(">I", tag[8:12])[0]
            text = tag[12:12 + count].decode("latin-1")
        elif kind == b"mluc":
            records = struct.unpack(">I", tag[8:12])[0]
            if not records:
                return None
            length, offset = struct.unpack(">II", tag[20:28])
            text = tag[offset:offset + length].decode("utf-16-be")
        elif kind == b"text":
            text = tag[8:].decode("latin-1")
        else:
            return None
    except (struct.error, UnicodeDecodeError):
        return None
    return " ".join(text.replace("\0", " ").split()) or None


def _target(text: str | None) -> str | None:
    """A `targ` tag names a registered characterization ("FOGRA39") or holds measurement data
    (a CGATS.17 file, many lines): only a short single name is an output condition identifier."""
    if not text or len(text) > 64 or text.upper().startswith(("CGATS.", "IT8.", "ORIGINATOR")):
        return None
    return text
