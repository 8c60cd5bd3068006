"""Clinic text is data: Jinja2 syntax and HTML in clinic.yaml are printed as typed, never run.

These are not input errors (a clinic may legitimately write "<" or braces), so `check` passes
and the real PDF shows the characters literally.
"""
from __future__ import annotations

import subprocess
import sys

from tests.helpers.pdfs import extracted_text, squash

TRICKY = {
    'name: "Example Ketamine Clinic"': 'name: "Example <b>Bold</b> Clinic {{ 7*7 }}"',
    '- en: "Your photo ID"': '- en: "Your photo ID {{ 7*7 }} {% raw %}kept{% endraw %}"',
    '- en: "Your list of medicines"': "- en: \"<script>document.write('hacked')</script> list <i>x</i>\"",
    'no_driving: {en: "until the next day, after a full night\'s sleep"': 'no_driving: {en: "until {{ config }} ends ${7*7} #{7*7}"',
}


def test_jinja_and_html_in_clinic_text_print_literally(project_copy):
    path = project_copy / "clinics" / "example-clinic" / "clinic.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in TRICKY.items():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    out = project_copy / "out"
    run = lambda *a: subprocess.run([sys.executable, "-m", "handouts", *a, "--clinic", "example-clinic"],
                                    capture_output=True, text=True, cwd=project_copy)
    check = run("check")
    assert check.returncode == 0, check.stderr
    build = run("build", "--handout", "day-of-infusion", "--lang", "en", "--out", str(out))
    assert build.returncode == 0, build.stderr
    pdfs = list(out.rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        words = squash(extracted_text(pdf))
        assert "Example <b>Bold</b> Clinic {{ 7*7 }}" in words
        assert "Your photo ID {{ 7*7 }} {% raw %}kept{% endraw %}" in words
        assert "<script>document.write('hacked')</script> list <i>x</i>" in words
        assert "until {{ config }} ends ${7*7} #{7*7}" in words
        assert "Clinic 49" not in words and "ID 49" not in words and "hacked list" not in words
