"""preflight reports encrypted PDFs (PDF/X forbids encryption) as findings and goes on to the next file."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from handouts.publish import preflight

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("encrypted")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(folder / "plain.pdf")
    pdf.save(folder / "user.pdf", encryption=pikepdf.Encryption(owner="owner", user="secret"))
    pdf.save(folder / "owner.pdf", encryption=pikepdf.Encryption(owner="owner", user=""))
    return folder


def test_a_password_protected_pdf_is_a_finding(pdfs):
    report = preflight.check(pdfs / "user.pdf")
    assert len(report.errors) == 1 and ": document: encrypted with a password: PDF/X forbids encryption" in report.errors[0]


def test_an_owner_password_pdf_is_a_finding(pdfs):
    report = preflight.check(pdfs / "owner.pdf")
    assert any("document: encrypted (owner password): PDF/X forbids encryption" in e for e in report.errors)
    assert not any("encrypted (owner password)" in e for e in preflight.check(pdfs / "plain.pdf").errors)


def test_the_command_reports_every_file_and_exits_1(pdfs):
    files = [str(pdfs / name) for name in ("user.pdf", "owner.pdf", "plain.pdf")]
    result = subprocess.run([sys.executable, "-m", "handouts", "preflight", *files], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    heads = [line.split(" (")[0] for line in result.stdout.splitlines() if ": FAILED (" in line or ": OK (" in line]
    assert heads == [f"{path}: FAILED" for path in files]  # every file, in order: none stopped the others
    assert result.stderr.strip() == "preflight: 3 of 3 file(s) failed"
