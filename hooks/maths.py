"""Python-Markdown extension: the TeX that pymdownx.arithmatex keeps intact becomes MathML.

Browsers render MathML themselves, so the site needs no maths script and no network (the maths
font, hooks/mathfont.py, is served with the site). It is a Markdown extension, not an MkDocs
hook, so it runs wherever the site's Markdown is converted: MkDocs, Zensical, and mkdocstrings'
rendering of the docstrings (hooks/griffe_rest.py turns their reST maths into ``\\( ... \\)``).
mkdocs.yml lists it after pymdownx.arithmatex as ``hooks.maths``, a module of the project's root:
``pip install -e .`` (every make target, CI, the Pages build) puts the root on ``sys.path``, as
``python -m`` run from it does.

A formula latex2mathml cannot convert stops the build with a message that quotes it; MkDocs
also names the page, Zensical (0.0.x) does not.
"""

from __future__ import annotations

import html
import re

from latex2mathml import commands
from latex2mathml.converter import convert
from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

try:  # MkDocs reports its own errors as "Error reading page '<page>':" and the message, no trace
    from mkdocs.exceptions import PluginError as _BuildError
except ImportError:  # another Markdown host (Zensical without MkDocs installed)
    _BuildError = Exception

# Accents as a maths font draws them (the site serves one, hooks/mathfont.py), set in
# latex2mathml's own tables: \hat as U+02C6, the circumflex accent, not U+005E, a text caret that
# stands tall over the letter; \bar and \tilde as accents (placed by the font, at full size), not
# as over-scripts, which are drawn smaller and higher; \tilde as U+02DC, not a text tilde.
commands.DIACRITICS[commands.HAT] = ("&#x002C6;", {})
commands.CONVERSION_MAP[commands.BAR] = ("mover", {"accent": "true"})
commands.DIACRITICS[commands.BAR] = ("&#x000AF;", {})
commands.CONVERSION_MAP[commands.TILDE] = ("mover", {"accent": "true"})
commands.DIACRITICS[commands.TILDE] = ("&#x002DC;", {})
# latex2mathml puts a matrix's brackets beside its table, where they stretch to the tallest
# thing in the whole formula; \left ... \right keeps them to the matrix.
FENCED_MATRICES = {
    "pmatrix": ("(", ")"),
    "bmatrix": ("[", "]"),
    "Bmatrix": (r"\{", r"\}"),
    "vmatrix": ("|", "|"),
    "Vmatrix": (r"\|", r"\|"),
}

INLINE = re.compile(r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.DOTALL)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.DOTALL)


class MathsError(_BuildError):
    """A formula latex2mathml cannot render; the message quotes it."""


def to_mathml(tex: str, display: str) -> str:
    """MathML for one formula (as arithmatex wrote it, HTML-escaped); raises MathsError."""
    tex = html.unescape(tex).strip()
    # latex2mathml knows align* but not aligned; inside $$ ... $$ the two mean the same.
    tex = tex.replace(r"\begin{aligned}", r"\begin{align*}").replace(
        r"\end{aligned}", r"\end{align*}"
    )
    for name, (left, right) in FENCED_MATRICES.items():
        tex = tex.replace(rf"\begin{{{name}}}", rf"\left{left}\begin{{matrix}}")
        tex = tex.replace(rf"\end{{{name}}}", rf"\end{{matrix}}\right{right}")
    try:
        mathml = convert(tex, display=display)
    except Exception as exc:
        raise MathsError(f"cannot render the formula {tex!r}: {exc}") from exc
    if "\\" in re.sub(r"<[^>]*>", "", mathml) or ">&<" in mathml:
        raise MathsError(f"the formula {tex!r} uses a command latex2mathml does not know")
    # \sim is a relation, U+223C (spaced as one), where latex2mathml writes an identifier "~".
    mathml = mathml.replace("<mi>&#x0007E;</mi>", "<mo>&#x0223C;</mo>")
    return slim(mathml)


# latex2mathml wraps every formula in an <mrow>, and lone letters and numbers in one too. A <math>
# lays out its children as an <mrow> does, and an <mrow> around one token changes nothing: without
# them, most of a chapter's MathML elements, three quarters of what a browser styles and lays out
# on it, are fewer by about a fifth (the page's first layout is Lighthouse's blocking time).
_TOKEN_IN_ROW = re.compile(r"<mrow>(<(mi|mn)>[^<]*</\2>)</mrow>")
_ROW_TAG = re.compile(r"<(/?)mrow>")


def slim(mathml: str) -> str:
    """``mathml`` without an <mrow> around a lone <mi> or <mn>, nor one around all of a <math>."""
    mathml = _TOKEN_IN_ROW.sub(r"\1", mathml)
    start = re.match(r"<math\b[^>]*>", mathml)
    if start is None or not mathml.endswith("</mrow></math>"):
        return mathml
    inner = mathml[start.end() : -len("</math>")]
    if not inner.startswith("<mrow>"):
        return mathml
    depth = 0
    for tag in _ROW_TAG.finditer(inner):
        depth += -1 if tag[1] else 1
        if depth == 0 and tag.end() < len(inner):
            return mathml  # the first <mrow> closes before the end: it is not around everything
    return start[0] + inner[len("<mrow>") : -len("</mrow>")] + "</math>"


def html_with_mathml(text: str) -> str:
    """``text`` (HTML) with every arithmatex formula replaced by its MathML."""
    # A wide display formula scrolls sideways (extra.css); tabindex lets a keyboard scroll it too.
    text = BLOCK.sub(
        lambda m: to_mathml(m["tex"], "block").replace("<math ", '<math tabindex="0" ', 1), text
    )
    return INLINE.sub(lambda m: to_mathml(m["tex"], "inline"), text)


class MathMLPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return html_with_mathml(text)


class MathMLExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Last of all postprocessors (the lowest built in is amp_substitute, 20): arithmatex's
        # output is then the final HTML, as an MkDocs on_page_content hook would see it.
        md.postprocessors.register(MathMLPostprocessor(md), "mathml", 1)


def makeExtension(**kwargs) -> MathMLExtension:  # the name Markdown looks for
    return MathMLExtension(**kwargs)
