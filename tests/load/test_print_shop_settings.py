"""Reading a print shop's settings file: the profile found beside the file, every problem with its place."""
from __future__ import annotations

import pytest

from handouts.errors import InvalidInput
from handouts.load import print_shop
from handouts.models.print_shop import Order


def test_the_settings_are_read_with_the_profile_beside_the_file(tmp_path, monkeypatch):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "shop.icc").write_bytes(b"not read here")
    settings = tmp_path / "bundle.yaml"
    settings.write_text("icc: profiles/shop.icc\noutput_condition: FOGRA39\nbooklet: true\nsheet: 320x450mm\n"
                        "order:\n  quantity: 200\n", encoding="utf-8")
    monkeypatch.chdir("/")  # the profile is found beside the file, not in the current folder
    assert print_shop.load(settings) == print_shop.ShopSettings(
        tmp_path / "profiles" / "shop.icc", "FOGRA39", True, "320x450mm", Order(quantity=200))


def test_without_a_profile_there_is_none(tmp_path):
    settings = tmp_path / "bundle.yaml"
    settings.write_text("booklet: false\n", encoding="utf-8")
    assert print_shop.load(settings) == print_shop.ShopSettings()


def test_a_profile_that_is_not_there_is_named_at_its_line(tmp_path):
    settings = tmp_path / "bundle.yaml"
    settings.write_text("booklet: true\nicc: missing.icc\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        print_shop.load(settings)
    [problem] = refused.value.problems
    assert (problem.line, problem.col, problem.field) == (2, 6, "icc")
    assert problem.message == f"no such file: {tmp_path / 'missing.icc'} (a path relative to this file)"


def test_a_yaml_trap_and_a_wrong_field_are_reported_together(tmp_path):
    settings = tmp_path / "bundle.yaml"
    settings.write_text("booklet: true\nbooklet: false\nsheets: sra3\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        print_shop.load(settings)
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, "booklet"), (3, "sheets")]


def test_a_yaml_trap_alone_is_refused_though_the_values_would_do(tmp_path):
    settings = tmp_path / "bundle.yaml"
    settings.write_text("booklet: true\nbooklet: true\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        print_shop.load(settings)
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, "booklet")]
