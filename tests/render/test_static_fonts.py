"""Variable fonts are declared as static instances (one per weight the theme uses), made once into the user cache
folder, so WeasyPrint has nothing to instance per document."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from fontTools.ttLib import TTFont

from handouts.render import fonts


def test_variable_fonts_are_declared_as_cached_static_instances():
    rules = fonts.face_rules("Source Sans 3")
    assert {(rule["weight"], rule["style"]) for rule in rules} == {(400, "normal"), (700, "normal"),
                                                                   (400, "italic"), (700, "italic")}
    for rule in rules:
        path = Path(unquote(urlparse(rule["path"]).path))
        assert path.parent == fonts.static_folder().resolve() or path.parent == fonts.static_folder()
        with TTFont(path) as font:
            assert "fvar" not in font and "gvar" not in font
            assert font["OS/2"].usWeightClass == rule["weight"]
        assert fonts.static_instance(fonts.family("Source Sans 3").files[0].path, 400) in {
            Path(unquote(urlparse(r["path"]).path)) for r in rules}
    assert fonts.missing_instances(["Source Sans 3", "Atkinson Hyperlegible"]) == []
    static = fonts.face_rules("Atkinson Hyperlegible")  # a static family is used as installed
    assert all("fontpkg_atkinson_hyperlegible" in rule["path"] for rule in static)
