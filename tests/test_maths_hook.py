"""The maths hook turns TeX into MathML at build time, and refuses what it cannot render."""

import importlib.util

import pytest
from mkdocs.exceptions import PluginError

from tests.markdown_pages import ROOT

spec = importlib.util.spec_from_file_location("maths_hook", ROOT / "hooks" / "maths.py")
maths = importlib.util.module_from_spec(spec)
spec.loader.exec_module(maths)


def test_inline_and_display_maths_become_mathml():
    html = (
        '<p><span class="arithmatex">\\(a &lt; b\\)</span></p>'
        '<div class="arithmatex">\\[x^2\\]</div>'
    )
    page = type("Page", (), {"file": type("File", (), {"src_uri": "page.md"})()})()
    out = maths.on_page_content(html, page, None, None)
    assert 'display="inline"' in out and 'display="block"' in out
    assert "arithmatex" not in out and "&#x0003C;" in out  # the < survived as an operator


def test_aligned_is_rendered_as_a_table_not_as_stray_ampersands():
    mathml = maths.to_mathml(r"\begin{aligned} a &= b \\ c &= d \end{aligned}", "block", "p.md")
    assert "<mtable" in mathml and ">&<" not in mathml


@pytest.mark.parametrize("tex", [r"\notacommand{x}", r"a & b"])
def test_a_formula_that_cannot_be_rendered_fails_the_build(tex):
    with pytest.raises(PluginError, match="p.md"):
        maths.to_mathml(tex, "inline", "p.md")
