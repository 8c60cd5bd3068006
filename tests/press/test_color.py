"""CSS colours -> device-cmyk() for press variants."""
from handouts.plan.variants import DEFAULT_CMYK_PROFILE
from handouts.press.color import css_to_cmyk


def test_colours_become_cmyk_and_text_is_left_alone():
    css = '@page { @top-left { content: "Suite #123 Main"; color: #444; } } h1 { color: #1F4E79; border: 1px solid white }'
    out = css_to_cmyk(css, DEFAULT_CMYK_PROFILE)
    assert '"Suite #123 Main"' in out
    assert "#444" not in out and "#1F4E79" not in out and "white" not in out
    assert "device-cmyk(0 0 0 0.733)" in out  # greys go to the black plate only
    assert "device-cmyk(0 0 0 0)" in out
    assert out.count("device-cmyk(") == 3


def test_the_themes_blacks_print_as_solid_black_only():
    out = css_to_cmyk("html { color: #1a1a1a } .box { border: 1px solid #222 } .rule { color: #777 }",
                      DEFAULT_CMYK_PROFILE)
    assert out.count("device-cmyk(0 0 0 1)") == 2  # 90 % and 87 % K text and lines: solid K, not a screen
    assert "device-cmyk(0 0 0 0.533)" in out  # a grey meant as grey keeps its tint
