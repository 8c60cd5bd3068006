"""`handouts new-clinic SLUG`: a new clinic folder that passes `handouts check` straight away.

Every value is an obvious example (`sample: true` puts an "example values" note on every page)
and every field has a comment saying what it is for, so an office manager can fill it in.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from handouts import settings
from handouts.errors import HandoutsError

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

CLINIC_YAML = """\
# yaml-language-server: $schema=../../schemas/clinic.schema.json
#
# Clinic settings for {name}. Made by `handouts new-clinic {slug}`.
# Every value below is a MADE-UP EXAMPLE: replace each one with your clinic's own details and
# policies, have your medical director review them, then set `sample: false`.
# Put text in "double quotes". Phone numbers must always be quoted.
# Check your changes with: handouts check --clinic {slug}

name: "{name}"  # Clinic name, as printed on every handout
sample: true    # true = made-up values; every page says so. Set to false once the values are real.
paper: letter   # Paper size: letter (US) or a4

brand:
  logo: logo.svg                      # Logo file (SVG, PNG or JPEG) in this folder; replace the placeholder
  logo_alt: "{name} logo"  # Logo description read aloud by screen readers
  primary_color: "#1F4E79"            # Header band and headings, as "#RRGGBB" in quotes; must read well on white
  accent_color: "#C8102E"             # Rules and callout edges, as "#RRGGBB" in quotes
  font: "Atkinson Hyperlegible"       # Font family; must be installed from a fontpkg-* package

contact:
  phone: "(555) 010-0100"                 # Main phone number (required; EXAMPLE: fictional 555-01xx number)
  after_hours_phone: "(555) 010-0101"     # Number to call outside office hours (the aftercare handout quotes it)
  email: "care@{slug}.example"             # Email for questions that are not urgent (optional)
  website: "https://{slug}.example"        # Website; must start with https://
  address: "100 Example Street, Springfield, ST 00000"  # Street address, on one line
  hours: "Mon-Fri 9am-5pm"                # Office hours (optional)

emergency:
  number: "911"                           # Emergency services number (required), e.g. "911" or "999"
  crisis_line: "988"                      # Mental health crisis line (required), e.g. "988" or "116 123"
  crisis_line_name: "988 Suicide & Crisis Lifeline"  # Name of the crisis line (optional)
  crisis_line_texts: true                 # true = it takes text messages too (988 does); false = calls only
  crisis_line_note: "The line can help in Spanish too."  # A sentence after the crisis line (optional)

# Policies: what varies between clinics. The handouts quote these values and never make up
# their own. EVERY VALUE HERE IS AN EXAMPLE ONLY: set your clinic's own.
policy:
  fasting_hours: 6              # No food for this many hours before an infusion (0 to 24; 0 = no fasting line)
  clear_liquids_until_hours: 2  # Clear liquids allowed until this many hours before (0 to 24; 0 = no line)
  alcohol_free_hours: 24        # No alcohol for this many hours before and after (0 to 168; 0 = no line)
  observation_minutes: 30       # Minutes of monitoring after an infusion (5 to 240)
  infusion_minutes_from: 40     # Usual drip time, shortest (minutes)
  infusion_minutes_to: 60       # Usual drip time, longest (minutes)
  clear_liquids_examples: "water, apple juice with no pulp, and black coffee or tea with no milk"  # (optional)
  no_driving: "until the next morning"  # Completes the sentence "You must not drive ..."
  ride_required: true           # true = an adult must take the patient home; false = not required
  # Short lines of medicine advice (may be empty: medications: [])
  medications:
    - "Bring a list of all your medicines and doses."
  # What to bring on infusion day (at least one line)
  bring:
    - "Your photo ID"
    - "Your list of medicines"
  # Warning signs come from content.yaml (reviewed). Optional: lines your clinic adds to them,
  # or call_clinic_if: {{replace: [...]}} to print only yours (same for call_emergency_if).
  call_clinic_if:
    add:
      - "You have questions about your medicines or your next visit."
  call_emergency_if:
    add: []                     # Lines added to content.yaml's emergency warning signs (none here)

languages: [en]  # Languages the handouts are printed in, as language codes in a list, e.g. [en, es]

# No `approval:` yet: every handout prints as DRAFT until the clinic's medical director has read them with
# these values and signed (name, credentials, date, content version, the values hash `handouts check` prints).

# Where the clinic is: dates print the way this country writes them, and the off-label text names its
# medicines regulator (FDA for US, MHRA for GB; other countries must set `regulator:`).
region:
  country: US     # ISO country code: how dates are written, and which regulator is named
  regulator: FDA   # The medicines regulator the off-label text names (optional for US and GB)
"""

# A plain placeholder: a rounded square and a bar, no text (text would need a font) and no links.
LOGO_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80">
  <rect x="4" y="4" width="72" height="72" rx="14" fill="#1F4E79"/>
  <rect x="92" y="30" width="140" height="20" rx="6" fill="#C8102E"/>
</svg>
"""


class BadSlug(HandoutsError):
    pass


def new_clinic(slug: str) -> Path:
    """Create clinics/<slug>/ with clinic.yaml and logo.svg; refuse a bad name or an existing folder."""
    if not SLUG.match(slug) or len(slug) > 60:
        raise BadSlug(f"{slug!r} is not a usable clinic name: use lowercase letters, digits and dashes, "
                      f"like harbour-health")
    clinics = settings.clinics_dir()
    target = clinics / slug
    if target.exists() or target.is_symlink():
        raise HandoutsError(f"{target} already exists; pick another name or edit that clinic")
    name = slug.replace("-", " ").title() + " (example)"
    clinics.mkdir(parents=True, exist_ok=True)
    # Build the folder beside its final place and rename it in one step: never a half-made clinic.
    tmp = Path(tempfile.mkdtemp(dir=clinics, prefix=f".{slug}."))
    try:
        (tmp / "clinic.yaml").write_text(CLINIC_YAML.format(slug=slug, name=name), encoding="utf-8")
        (tmp / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
        os.chmod(tmp, 0o755)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
