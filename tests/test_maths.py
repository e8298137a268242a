"""The maths extension (hooks/maths.py) turns TeX into MathML as Markdown is converted, under the
site's own Markdown configuration, and refuses what it cannot render with the page and formula."""

from __future__ import annotations

import subprocess
import sys

import markdown
import pytest
import yaml
from mkdocs.exceptions import BuildError

from hooks import maths
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
