"""Checking inputs never imports WeasyPrint: it is slow to import and, as it loads, lets Pillow accept truncated
images, which would let a damaged PNG logo through the clinic file checks."""
from __future__ import annotations

import subprocess
import sys

from tests.helpers.project import ROOT


def test_the_library_and_the_command_load_without_weasyprint():
    code = ("import sys; import handouts.api, handouts.cli, handouts.checks; from PIL import ImageFile; "
            "print('weasyprint' in sys.modules, ImageFile.LOAD_TRUNCATED_IMAGES)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_every_name_the_package_offers_is_the_engines():
    from handouts import typeset
    from handouts.typeset import engine

    assert set(typeset.ENGINE) == {*engine.__all__, "shared_sheet"}
    assert all(getattr(typeset, name) is getattr(engine, name) for name in typeset.ENGINE)


def test_a_clinic_named_by_a_relative_path_has_its_logo_drawn(tmp_path):
    """`check --clinic clinics/x` with a logo not drawn before (a fresh cache) draws it from the relative folder."""
    import os

    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "handouts", "check", "--clinic", "clinics/example-clinic"],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cache" / "logos-drawn.json").is_file()
