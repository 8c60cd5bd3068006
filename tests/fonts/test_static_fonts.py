"""Static instances of the variable fonts: made once, reused, keyed by font, weight and fontTools version,
the same bytes every time, and what the theme's @font-face rules hand to WeasyPrint."""
from __future__ import annotations

import fontpkg
import fontTools
from fontTools.ttLib import TTFont

from handouts.fonts import faces, static, whole_letters

ARABIC = next(f.path for f in fontpkg.family("Noto Sans Arabic").files)  # the smallest variable font we ship


def test_instances_are_static_per_weight_cached_and_reproducible(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    regular, bold = static.static_instance(ARABIC, 400), static.static_instance(ARABIC, 700)
    assert regular.parent == tmp_path / "fonts" and regular != bold
    for path, weight in ((regular, 400), (bold, 700)):
        with TTFont(path) as font:
            assert "fvar" not in font and "gvar" not in font and font["OS/2"].usWeightClass == weight
    made = regular.read_bytes()
    regular.unlink()
    static._instance.cache_clear()
    assert static.static_instance(ARABIC, 400).read_bytes() == made  # no clock in the file
    before = regular.stat().st_mtime_ns
    static._instance.cache_clear()
    assert static.static_instance(ARABIC, 400).stat().st_mtime_ns == before  # reused, not made again


def test_a_new_fonttools_makes_new_instances(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    first = static.static_instance(ARABIC, 400)
    monkeypatch.setattr(fontTools, "version", fontTools.version + ".test")
    second = static.static_instance(ARABIC, 400)
    assert second != first
    monkeypatch.setattr(whole_letters, "RECIPE", whole_letters.RECIPE + ".test")  # a changed recipe too
    assert static.static_instance(ARABIC, 400) not in (first, second)


def test_arabic_letters_split_by_the_font_are_whole_glyphs():
    """ف is the dotless ڡ plus a dot in Noto Sans Arabic: the instance has ف's initial form as one composite
    of the two, made by the last lookup of the required ligatures."""
    with TTFont(static.static_instance(ARABIC, 400)) as font:
        gsub = font["GSUB"].table
        last = gsub.LookupList.Lookup[-1]
        rlig = [r.Feature.LookupListIndex for r in gsub.FeatureList.FeatureRecord if r.FeatureTag == "rlig"]
        assert rlig and all(lookups[-1] == len(gsub.LookupList.Lookup) - 1 for lookups in rlig)
        whole = {lig.LigGlyph: (base, *lig.Component) for base, ligs in last.SubTable[0].ligatures.items()
                 for lig in ligs}
        name = next(n for n, parts in whole.items() if parts == ("uni06A1.init", "dotabovear"))
        assert [c.glyphName for c in font["glyf"][name].components] == ["uni06A1.init", "dotabovear"]
        assert font["hmtx"][name][0] == font["hmtx"]["uni06A1.init"][0]


def test_theme_uses_static_files_and_no_variation_settings():
    for name in ("Noto Sans", "Noto Sans Arabic", "Source Sans 3"):
        rules = faces.face_rules(name)
        assert {r["weight"] for r in rules} == {400, 700}
        assert all(static.folder().as_uri() in r["path"] for r in rules)
    css = (static.settings.templates_dir() / "theme.css.j2").read_text()
    assert "font-variation-settings:" not in css


def test_cjk_font_follows_the_language():
    assert faces.stack("Atkinson Hyperlegible", "您好", "zh-Hans")[:2] == ["Atkinson Hyperlegible", "Noto Sans CJK SC"]
    assert faces.cjk_family("zh-Hant-TW") == "Noto Sans CJK TC"
    assert faces.cjk_family("ko") == "Noto Sans CJK KR" and faces.cjk_family("ja") == "Noto Sans CJK JP"
    assert faces.cjk_family("es") is None and faces.face_rules("Noto Sans CJK KR") == []
