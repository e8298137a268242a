"""MkDocs hook: serve a maths font with the site, cut down to the characters its formulas use.

Browsers lay MathML out by the font's OpenType MATH table: the display size of ∑ and where its
limits go, how far scripts move up and down, fraction bars, which bigger bracket or which pieces
fit a tall formula, where an accent sits. A font without one (what a system offers by default)
gives text-sized sums, squeezed limits, uneven scripts and misplaced accents. So the site serves
STIX Two Math (version 2.11, © The STIX Fonts Project Authors, SIL Open Font License 1.1, stated in
the font's own name table and kept in the subset), the copy the ``ziamath`` package on PyPI ships
(the docs extra installs it): a Times-like design made by and for scientific publishers, with one
of the most complete MATH tables among free fonts. Nothing is fetched at build time.

After the build (on_post_build, so it also sees the API reference, rendered by mkdocstrings), the
hook reads the ``<math>`` elements of every built page and writes ``assets/fonts/`` FONT_NAME, a
WOFF2 subset made with ``fontTools.subset`` (and Brotli; both are in the docs extra):

* the glyph of each character of the formulas, and of ``√`` where there is a root (the browser
  draws the radical sign itself);
* the mathematical italic letter of each one-letter ``<mi>``: MathML Core's
  ``text-transform: math-auto`` draws ``<mi>x</mi>`` as U+1D465 𝑥, not as x;
* what the MATH table reaches from these (bigger sizes, pieces of stretched brackets and arrows)
  and its constants, which the subsetter keeps;
* the font's default layout features (kerning and the like), not ``ssty``, its script-size
  forms: they would double the subset (to about 45 KiB), Chromium does not apply them, and where
  CSS asks it to, scripts change by a hair at the site's sizes (compared by screenshot).

The subset has no TrueType hints, a quarter of its bytes: macOS ignores them and high-density
screens do without; they matter only on low-density Windows screens.

docs/stylesheets/extra.css declares the font (``font-display: swap``) and sets ``math`` in it;
pages without maths never fetch it. A page with maths asks for it at once (on_post_page adds a
``<link rel="preload">``): found only when the page is laid out, it would arrive after the first
paint, and the formulas, redrawn in it, would move the text around them (Lighthouse, median of
three runs: a layout shift of 0.17 on a page that opens with formulas without the preload, none
with it; the largest contentful paint of four pages with maths moved by 0.2 s at most).
The subset is deterministic (the font's own timestamp is kept, Brotli has no randomness): two
builds of the same pages give the same bytes.
"""

from __future__ import annotations

import html.parser
import importlib.util
import io
import logging
import re
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.mathfont")

FAMILY = "STIX Two Math"
FONT_NAME = "stix-two-math.woff2"
FONT_PATH = f"assets/fonts/{FONT_NAME}"  # in the site; extra.css points at it
SOURCE_PACKAGE, SOURCE_FILE = "ziamath", "fonts/STIXTwoMath-Regular.ttf"
# name records kept: copyright, family, style, unique id, full name, version, PostScript name,
# and the licence with its address (the OFL asks that the font carry its notice and licence).
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]

# MathML Core's italic mapping where Unicode's names do not line up: the italic h is U+210E, the
# Planck constant (the italic alphabet has a hole there), and ϵ is "lunate" only as a Greek letter.
ITALIC_EXCEPTIONS = {
    "h": "\N{PLANCK CONSTANT}",
    "\N{GREEK LUNATE EPSILON SYMBOL}": "\N{MATHEMATICAL ITALIC EPSILON SYMBOL}",
}


def italic(char: str) -> str | None:
    """The mathematical italic form a one-letter <mi> is drawn with, or None if it has none."""
    if char in ITALIC_EXCEPTIONS:
        return ITALIC_EXCEPTIONS[char]
    name = re.sub(r"^(LATIN|GREEK) ", "", unicodedata.name(char, "")).replace("LETTER ", "")
    try:
        return unicodedata.lookup(f"MATHEMATICAL ITALIC {name}")
    except KeyError:
        return None


class MathText(html.parser.HTMLParser):
    """The characters the <math> elements of HTML pages draw, with the italic letter of each
    one-letter <mi> counted as drawn, and the radical sign of each root."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: set[str] = set()
        self._open: list[tuple[str, dict, list[str]]] = []  # inside <math>: tag, attributes, text

    def handle_starttag(self, tag, attrs):
        if self._open or tag == "math":
            self._open.append((tag, dict(attrs), []))
            if tag in {"msqrt", "mroot"}:
                self.chars.add("\N{SQUARE ROOT}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self._open:
            name, attrs, text = self._open.pop()
            text = "".join(text).strip()
            if name == "mi" and len(text) == 1 and "mathvariant" not in attrs:
                self.chars.add(italic(text) or text)

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)
            self.chars.update(data)


def maths_characters(pages) -> set[str]:
    """Every character the formulas of these HTML pages draw."""
    parser = MathText()
    for page in pages:
        parser.feed(Path(page).read_text("utf-8"))
        parser.close()
    return parser.chars


def source_font() -> Path:
    """STIX Two Math as the ziamath package ships it (found without importing ziamath)."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    font = Path(spec.origin).parent / SOURCE_FILE if spec and spec.origin else None
    if font is None or not font.is_file():
        raise PluginError(
            f"the maths font is {SOURCE_FILE} of the `{SOURCE_PACKAGE}` package, not found: "
            'pip install -e ".[docs]" (make install does)'
        )
    return font


def subset_font(chars: set[str], source: Path | None = None) -> bytes:
    """WOFF2 bytes of the maths font cut down to ``chars``."""
    options = subset.Options()
    options.name_IDs = NAME_IDS
    options.notdef_outline = True  # a missing glyph shows as a box, not as nothing
    options.hinting = False  # a quarter of the bytes (see above)
    font = TTFont(source or source_font(), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(map(ord, chars)))
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def on_post_page(output: str, page, config) -> str:
    """A page with maths asks for the font before its style sheets."""
    if "<math" not in output:
        return output
    href = get_relative_url(FONT_PATH, page.url)
    link = f'<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin>'
    head = output.find('<link rel="stylesheet"')
    head = head if head >= 0 else output.find("</head>")
    return output[:head] + link + "\n" + output[head:]


def on_post_build(config) -> None:
    site = Path(config.site_dir)
    chars = maths_characters(sorted(site.rglob("*.html")))
    if not chars:
        return
    data = subset_font(chars)
    target = site / FONT_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    log.info("maths font: %s, %d characters, %.1f KiB", FONT_PATH, len(chars), len(data) / 1024)
