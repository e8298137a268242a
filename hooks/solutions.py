"""MkDocs hook: the instructor's edition, the site with every exercise's solution left out.

``make site SOLUTIONS=off`` (or ``GDTUTOR_SOLUTIONS=off`` for any build) builds it: each page's
solutions (``??? success "Solution"`` boxes, hooks/pages.py) are removed from its Markdown before
it is rendered, so they are in no page and not in the search index, and the figures that only a
solution showed are not published. The exercises keep their statements and the call of their
self-check (gdtutor.exercises), so a class can be assigned a chapter and check its own answers.
The notebook downloads have no solutions in either edition (hooks/notebooks.py).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks import pages  # noqa: E402

VARIABLE = "GDTUTOR_SOLUTIONS"


def solutions_shown() -> bool:
    """Whether this build shows the solutions: unless GDTUTOR_SOLUTIONS is off (or 0, false, no)."""
    return os.environ.get(VARIABLE, "on").strip().lower() not in {"off", "0", "false", "no"}


def on_page_markdown(markdown: str, page, config, files) -> str:
    return markdown if solutions_shown() else pages.without_solutions(markdown)


def on_post_build(config) -> None:
    """Without solutions, remove the figures no page shows any more."""
    if solutions_shown():
        return
    site = Path(config.site_dir)
    shown = set()
    for html in site.rglob("*.html"):
        text = html.read_text("utf-8")
        for src in re.findall(r'<img [^>]*src="([^"]+\.svg)"', text):
            shown.add((html.parent / src).resolve())
    for figure in site.glob("**/figures/*.svg"):
        if figure.resolve() not in shown:
            figure.unlink()
