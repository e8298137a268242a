"""MkDocs hook: the copy button of a ``>>>`` example copies only its code, ready to paste.

The API reference shows docstring examples as Python console sessions (``pycon``). Material's
copy button copies a block's text as shown, prompts and printed output included, unless an
ancestor of the code carries a ``data-copy`` attribute: then it copies that attribute instead.
This hook gives every console block a ``data-copy`` holding its code alone: the lines after
``>>> `` and ``... ``, without the prompts and without the output lines.
"""

from __future__ import annotations

import html
import re

PYCON = re.compile(
    r'<div class="language-pycon highlight"(?P<attrs>[^>]*)>(?P<pre><pre\b.*?</pre>)', re.DOTALL
)
PROMPTS = (">>> ", "... ")


def console_code(text: str) -> str:
    """The code of a console session: prompted lines without their prompts; output dropped."""
    code = []
    for line in text.splitlines():
        if line.startswith(PROMPTS):
            code.append(line[len(PROMPTS[0]) :])
        elif line.rstrip() in (">>>", "..."):
            code.append("")
    return "\n".join(code).strip("\n")


def shown_text(pre: str) -> str:
    """The text of a highlighted ``<pre>`` block, as the browser shows it."""
    return html.unescape(re.sub(r"<[^>]*>", "", pre))


def with_copy_text(match: re.Match) -> str:
    code = html.escape(console_code(shown_text(match["pre"])), quote=True).replace("\n", "&#10;")
    return (
        f'<div class="language-pycon highlight"{match["attrs"]} data-copy="{code}">{match["pre"]}'
    )


def on_page_content(content: str, page, config, files) -> str:
    return PYCON.sub(with_copy_text, content)
