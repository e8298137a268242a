"""MkDocs hook: turn the page's TeX (kept intact by pymdownx.arithmatex) into MathML at build time.

Browsers render MathML themselves, so the site needs no maths script, no web font and no network.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError

INLINE = re.compile(r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.DOTALL)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.DOTALL)


def to_mathml(tex: str, display: str, where: str) -> str:
    """MathML for one formula; a formula that cannot be converted fails the build."""
    tex = html.unescape(tex).strip()
    # latex2mathml knows align* but not aligned; inside $$ ... $$ the two mean the same.
    tex = tex.replace(r"\begin{aligned}", r"\begin{align*}").replace(
        r"\end{aligned}", r"\end{align*}"
    )
    try:
        mathml = convert(tex, display=display)
    except Exception as exc:
        raise PluginError(f"{where}: cannot render the formula {tex!r}: {exc}") from exc
    if "\\" in re.sub(r"<[^>]*>", "", mathml) or ">&<" in mathml:
        raise PluginError(f"{where}: the formula {tex!r} uses a command latex2mathml does not know")
    return mathml


def on_page_content(content: str, page, config, files) -> str:
    where = page.file.src_uri
    # A wide display formula scrolls sideways (extra.css); tabindex lets a keyboard scroll it too.
    content = BLOCK.sub(
        lambda m: to_mathml(m["tex"], "block", where).replace("<math ", '<math tabindex="0" ', 1),
        content,
    )
    return INLINE.sub(lambda m: to_mathml(m["tex"], "inline", where), content)
