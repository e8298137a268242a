"""The maths extension (hooks/maths.py) turns TeX into MathML as Markdown is converted, under the
site's own Markdown configuration, and refuses what it cannot render with the page and formula."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import markdown
import pytest
import yaml
from fontTools.ttLib import TTFont
from mkdocs.exceptions import BuildError

from hooks import mathfont, maths
from tests.conftest import quiet_env
from tests.markdown_pages import ROOT


def site_markdown(maths: bool = True) -> markdown.Markdown:
    """A Markdown converter with mkdocs.yml's `markdown_extensions`, as MkDocs and Zensical make
    (without hooks.maths if not ``maths``: the TeX is then left in arithmatex's elements)."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and friends
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = options or {}
    assert "hooks.maths" in names, "mkdocs.yml no longer loads the maths extension"
    if not maths:
        names.remove("hooks.maths")
    return markdown.Markdown(extensions=names, extension_configs=configs)


def test_inline_and_display_maths_become_mathml():
    out = site_markdown().convert("Inline $a < b$ here.\n\n$$\nx^2\n$$\n")
    assert 'display="inline"' in out and 'display="block"' in out
    assert '<math tabindex="0" ' in out  # a wide display formula can be scrolled by keyboard
    assert "arithmatex" not in out and "&#x0003C;" in out  # the < survived as an operator
    assert "$" not in out and "\\(" not in out and "\\[" not in out


def test_maths_inside_a_collapsible_solution_and_a_footnote_becomes_mathml():
    source = '??? success "Solution"\n\n    So $w = 0$.\n\nText.[^1]\n\n[^1]: Where $x > 1$.\n'
    out = site_markdown().convert(source)
    assert out.count("<math") == 2 and "arithmatex" not in out


def test_aligned_is_rendered_as_a_table_not_as_stray_ampersands():
    mathml = maths.to_mathml(r"\begin{aligned} a &= b \\ c &= d \end{aligned}", "block")
    assert "<mtable" in mathml and ">&<" not in mathml


@pytest.mark.parametrize("tex", [r"\notacommand{x}", r"a & b"])
def test_a_formula_that_cannot_be_rendered_stops_the_conversion(tex):
    with pytest.raises(maths.MathsError, match="cannot render|does not know") as raised:
        site_markdown().convert(f"Bad ${tex}$ maths.")
    assert repr(tex) in str(raised.value)
    # Under MkDocs a BuildError: the build stops and reports the page and this message.
    assert isinstance(raised.value, BuildError)


def test_strict_mkdocs_build_names_the_page_and_the_formula(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Fine\n\n$x^2$\n", "utf-8")
    (docs / "bad.md").write_text("# Bad\n\nThe cost $\\notacommand{w}$.\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nstrict: true\nmarkdown_extensions:\n"
        "  - pymdownx.arithmatex:\n      generic: true\n  - hooks.maths\n",
        "utf-8",
    )
    # From the project's root, as `make` runs it: `python -m` puts the root on sys.path.
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        cwd=ROOT,
        env=quiet_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode != 0
    assert "Error reading page 'bad.md'" in build.stderr
    assert "'\\\\notacommand{w}' uses a command latex2mathml does not know" in build.stderr
    assert "Traceback" not in build.stderr


def test_accents_are_the_accent_characters_a_maths_font_draws_over_the_letter():
    hat, bar, tilde = (maths.to_mathml(t, "inline") for t in (r"\hat y", r"\bar x", r"\tilde w"))
    # U+02C6, the circumflex accent: U+005E is a text caret, as tall as a letter.
    assert '<mover accent="true"><mi>y</mi><mo>&#x002C6;</mo></mover>' in hat
    # An accent, set close over the letter at full size; not an over-script, smaller and higher.
    assert '<mover accent="true"><mi>x</mi><mo>&#x000AF;</mo></mover>' in bar
    assert '<mover accent="true"><mi>w</mi><mo>&#x002DC;</mo></mover>' in tilde


@pytest.mark.parametrize("name", sorted(maths.FENCED_MATRICES))
def test_a_matrix_has_its_own_brackets_sized_to_it_not_to_the_formula(name):
    # In an <mrow> of their own with the table, the brackets stretch to the matrix; beside it,
    # in the formula's row, they would stretch to the tallest thing in the formula.
    tex = rf"A = \begin{{{name}}} a & b \\ c & d \end{{{name}}}, \quad \sum_{{i=1}}^{{n}} x_i"
    mathml = maths.to_mathml(tex, "block")
    assert re.search(r'<mrow><mo [^>]*form="prefix">[^<]+</mo><mtable>', mathml), mathml
    assert re.search(r'</mtable><mo [^>]*form="postfix">[^<]+</mo></mrow>', mathml), mathml


def test_sim_is_a_relation_not_an_identifier():
    assert "<mi>x</mi><mo>&#x0223C;</mo><mi>N</mi>" in maths.to_mathml(r"x \sim N", "inline")


# The maths font (hooks/mathfont.py): STIX Two Math cut down to what the site's formulas draw.


def test_the_italic_letter_a_one_letter_identifier_is_drawn_with():
    # MathML Core's math-auto mapping, with its two exceptions to Unicode's names.
    pairs = {"x": "𝑥", "A": "𝐴", "h": "ℎ", "α": "𝛼", "ϵ": "𝜖", "θ": "𝜃", "∂": "𝜕", "∇": "𝛻"}
    pairs["ı"] = "𝚤"  # dotless i
    assert {char: mathfont.italic(char) for char in pairs} == pairs
    assert [mathfont.italic(char) for char in "1+∑𝒩é"] == [None] * 5


def test_the_characters_of_the_formulas_are_collected_as_the_browser_draws_them(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        '<p>Text q outside.</p><math display="block"><mi>x</mi><mo>&#x0002B;</mo>'
        '<mi mathvariant="normal">d</mi><mi>sin</mi><msqrt><mn>2</mn></msqrt><mi /></math>',
        "utf-8",
    )
    assert mathfont.maths_characters([page]) == set("x𝑥+dsin2√")


def test_the_subset_is_the_same_bytes_every_time():
    chars = set("∑(x)𝑥=12")
    assert mathfont.subset_font(chars) == mathfont.subset_font(chars)


def test_the_stylesheet_sets_maths_in_the_font_the_build_writes():
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text("utf-8")
    face = re.search(r"@font-face\s*{([^}]*)}", css)
    assert face, "extra.css declares no @font-face"
    assert f'font-family: "{mathfont.FAMILY}";' in face[1]
    assert f'url("../{mathfont.FONT_PATH}") format("woff2")' in face[1]  # from stylesheets/
    assert "font-display: swap;" in face[1]
    assert re.search(rf'(?m)^math {{\s*font-family: "{mathfont.FAMILY}", math;', css)


def test_the_built_font_has_a_math_table_and_every_character_of_the_sites_maths(built_sites):
    first, second = built_sites
    font_file = first / mathfont.FONT_PATH
    data = font_file.read_bytes()
    assert data == (second / mathfont.FONT_PATH).read_bytes(), "two builds, two different fonts"
    assert data[:4] == b"wOF2" and len(data) < 40 * 1024, f"{len(data)} bytes"
    font = TTFont(font_file)
    assert "MATH" in font and font["MATH"].table.MathConstants.DisplayOperatorMinHeight > 0
    names = {record.nameID: record.toUnicode() for record in font["name"].names}
    assert names[1] == mathfont.FAMILY and "SIL Open Font License" in names[13]
    # Every character inside a <math> of any page (read here without the hook's parser), the
    # italic letters single-letter identifiers are drawn with, and the radical of a root.
    pages = [page.read_text("utf-8") for page in first.rglob("*.html")]
    formulas = [m for page in pages for m in re.findall(r"<math\b.*?</math>", page, re.S)]
    drawn = {char for m in formulas for char in html.unescape(re.sub(r"<[^>]*>", "", m))}
    letters = {html.unescape(mi) for m in formulas for mi in re.findall(r"<mi>([^<]*)</mi>", m)}
    drawn |= {mathfont.italic(mi) for mi in letters if len(mi) == 1} - {None}
    drawn |= {"√"} if any("<msqrt" in m or "<mroot" in m for m in formulas) else set()
    assert {"𝑥", "ℎ", "𝜂", "√"} <= drawn
    missing = sorted(char for char in drawn if ord(char) not in font.getBestCmap())
    assert missing == [], f"the maths font lacks {missing}"
    # The MATH table's bigger sizes of the sum and the brackets, and their pieces, are kept.
    variants = font["MATH"].table.MathVariants
    cmap = font.getBestCmap()
    for char in "∑([":
        index = variants.VertGlyphCoverage.glyphs.index(cmap[ord(char)])
        construction = variants.VertGlyphConstruction[index]
        assert construction.VariantCount > 1, char


def test_mathml_has_no_row_around_a_whole_formula_or_a_lone_token():
    """An <mrow> around all of a <math> or around one <mi> or <mn> lays out as its content does:
    the hook leaves them out (fewer elements to style and lay out); rows that group stay."""
    plain = maths.to_mathml(r"J(w) = w_{1}^2", "inline")
    assert "<mrow>" not in plain and plain.endswith("</msubsup></math>")
    exponent = maths.to_mathml(r"10^{-9}", "inline")
    assert "<msup><mn>10</mn><mrow><mo>&#x02212;</mo><mn>9</mn></mrow></msup>" in exponent
    two_rows = maths.to_mathml(r"\left(a\right) + \left(b\right)", "inline")
    assert two_rows.count("<mrow>") == 2  # each bracketed group keeps its row
    assert maths.slim("<math><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></math>") == (
        "<math><mi>a</mi><mi>b</mi></math>"
    )
    assert maths.slim("<math><mrow><mo>a</mo><mi>b</mi></mrow><mo>c</mo></math>") == (
        "<math><mrow><mo>a</mo><mi>b</mi></mrow><mo>c</mo></math>"
    )


def test_a_page_with_maths_asks_for_the_font_before_its_first_paint(built_sites):
    """Found only when a page is laid out, the font would come after the first paint and the text
    around the formulas would move when they are redrawn in it: a page with maths preloads it (a
    font is fetched in CORS mode, so the preload must be too, or the browser fetches it twice)."""
    site, with_maths = built_sites[0], 0
    for path in sorted(site.rglob("*.html")):
        page = path.read_text("utf-8")
        links = re.findall(r'<link rel="preload"[^>]*>', page)
        if "<math" not in page:
            assert links == [], path.relative_to(site)
            continue
        with_maths += 1
        assert len(links) == 1, path.relative_to(site)
        assert 'as="font" type="font/woff2" crossorigin>' in links[0]
        href = re.search(r'href="([^"]*)"', links[0])[1]
        assert (path.parent / href).resolve() == (site / mathfont.FONT_PATH).resolve()
        assert page.index(links[0]) < page.index('<link rel="stylesheet"')
    assert with_maths >= 15
