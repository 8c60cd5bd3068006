"""Static instances of the variable fonts: made once, reused, keyed by font, weight and fontTools version,
the same bytes every time, and what the theme's @font-face rules hand to WeasyPrint."""
from __future__ import annotations

import fontpkg
import fontTools
from fontTools.ttLib import TTFont

from handouts.render import fonts, static_fonts

ARABIC = next(f.path for f in fontpkg.family("Noto Sans Arabic").files)  # the smallest variable font we ship


def test_instances_are_static_per_weight_cached_and_reproducible(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    regular, bold = static_fonts.static_instance(ARABIC, 400), static_fonts.static_instance(ARABIC, 700)
    assert regular.parent == tmp_path / "fonts" and regular != bold
    for path, weight in ((regular, 400), (bold, 700)):
        with TTFont(path) as font:
            assert "fvar" not in font and "gvar" not in font and font["OS/2"].usWeightClass == weight
    made = regular.read_bytes()
    regular.unlink()
    static_fonts._instance.cache_clear()
    assert static_fonts.static_instance(ARABIC, 400).read_bytes() == made  # no clock in the file
    before = regular.stat().st_mtime_ns
    static_fonts._instance.cache_clear()
    assert static_fonts.static_instance(ARABIC, 400).stat().st_mtime_ns == before  # reused, not made again


def test_a_new_fonttools_makes_new_instances(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    first = static_fonts.static_instance(ARABIC, 400)
    monkeypatch.setattr(fontTools, "version", fontTools.version + ".test")
    assert static_fonts.static_instance(ARABIC, 400) != first


def test_theme_uses_static_files_and_no_variation_settings():
    for name in ("Noto Sans", "Noto Sans Arabic", "Source Sans 3"):
        rules = fonts.face_rules(name)
        assert {r["weight"] for r in rules} == {400, 700}
        assert all(static_fonts.folder().as_uri() in r["path"] for r in rules)
    css = (static_fonts.settings.templates_dir() / "theme.css.j2").read_text()
    assert "font-variation-settings:" not in css


def test_cjk_font_follows_the_language():
    assert fonts.stack("Atkinson Hyperlegible", "您好", "zh-Hans")[:2] == ["Atkinson Hyperlegible", "Noto Sans CJK SC"]
    assert fonts.cjk_family("zh-Hant-TW") == "Noto Sans CJK TC"
    assert fonts.cjk_family("ko") == "Noto Sans CJK KR" and fonts.cjk_family("ja") == "Noto Sans CJK JP"
    assert fonts.cjk_family("es") is None and fonts.face_rules("Noto Sans CJK KR") == []
