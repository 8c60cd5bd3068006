"""`--clinic` names a clinic by its slug, by its folder or by its file; each wrong one is one line."""
from __future__ import annotations

import pytest

from handouts.errors import NotFound
from handouts.load.clinics import resolve
from tests.helpers.project import ROOT

CLINIC = ROOT / "clinics" / "example-clinic" / "clinic.yaml"


@pytest.mark.parametrize("selector", [
    "example-clinic", "clinics/example-clinic", "clinics/example-clinic/", "clinics/example-clinic/clinic.yaml",
    pytest.param(str(CLINIC), id="absolute-file"), pytest.param(str(CLINIC.parent), id="absolute-folder")])
def test_a_clinic_is_named_by_its_slug_its_folder_or_its_file(selector, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("HANDOUTS_PROJECT", str(ROOT))
    assert resolve(selector).resolve() == CLINIC


def test_a_file_named_clinic_yaml_elsewhere_is_read_from_where_it_is(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.yml").write_text("name: x\n")
    assert resolve("other.yml") == tmp_path.joinpath("other.yml").relative_to(tmp_path)


@pytest.mark.parametrize(("selector", "message"), [
    ("no-such", "no clinic called 'no-such' (known clinics: example-clinic, harbour-health)"),
    ("clinics/no-such", "clinics/no-such: no such clinic file"),
    ("missing.yaml", "missing.yaml: no such clinic file"),
    ("clinics/", "clinics/: no such clinic file"),  # a folder without a clinic.yaml
])
def test_a_clinic_that_is_not_there_is_one_line(selector, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("HANDOUTS_PROJECT", str(ROOT))
    with pytest.raises(NotFound) as missing:
        resolve(selector)
    assert str(missing.value) == message
