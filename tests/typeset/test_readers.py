"""Every kind of PDF the project writes opens cleanly in Ghostscript, MuPDF and Poppler: office and
large-print builds of the sample clinics, and a merged personalized file (print files and packets: in
tests/publish/test_print_bundle.py and tests/render/test_press_logos.py)."""
from __future__ import annotations

from tests.helpers.readers import all_complaints


def test_office_and_large_print_files(sample_build, large_print_build):
    office, _ = sample_build
    files = [office.out_dir / e.path for e in office.entries]
    files += [large_print_build.out_dir / e.path for e in large_print_build.entries]
    assert len(files) >= 12
    assert all_complaints(files) == []


def test_a_merged_personalized_file(tmp_path):
    from handouts import api

    inputs = api.load_inputs(clinics=["example-clinic"])
    data = api.personalize(inputs, "example-clinic", ["day-of-infusion", "aftercare"],
                           patient={"patient_name": "Ngozi Whitcombe"})
    path = tmp_path / "merged.pdf"
    path.write_bytes(data)
    assert all_complaints([path]) == []
