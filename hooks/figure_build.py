"""The figures of the site, drawn by the pages' own code.

Convention: a ```python block makes ``fig``, and an image ``![alt text](figures/<name>.svg)``
after it shows it. The figure is ``fig`` as it stands after the last visible block above the
image, so the code a reader sees (and pastes) is the code that drew it; nothing repeats it.

:func:`plan` reads what a page needs (its visible blocks up to its last figure, and after which
block each figure is taken); :func:`draw` runs those blocks once, in order, in one namespace, as
the tests and a pasting reader do, and yields each figure; :func:`render` turns them into the
files the site serves (:func:`site_svg`: deterministic, compact SVG). hooks/figures.py calls
:func:`render` from the build, in worker processes, and caches what it returns.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from hooks.pages import Page, parse, run_block

FIGURE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class FigureError(Exception):
    """A page whose figures cannot be drawn; the message says where and how to fix it."""


@dataclass(frozen=True)
class Plan:
    """What drawing a page's figures takes: the page's visible blocks up to its last figure, as
    (line, source, whether the page shows it raising), and each figure as (name, the image's line,
    how many blocks run before it)."""

    path: str
    blocks: tuple[tuple[int, str, bool], ...]
    figures: tuple[tuple[str, int, int], ...]

    def digest(self) -> str:
        """A digest of everything in the plan that decides the figures' bytes: the code and where
        each figure is taken, not the line numbers (prose above a block moves them)."""
        digest = hashlib.sha256(f"{self.path}\0".encode())
        for _, source, raises in self.blocks:
            digest.update(f"{source}\0{raises}\0".encode())
        for name, _, after in self.figures:
            digest.update(f"{name}\0{after}\0".encode())
        return digest.hexdigest()


def plan(page: Page) -> Plan | None:
    """The plan for ``page``'s figures, or None if it shows none.

    Raises
    ------
    FigureError
        If a figure's name is not a plain file name, or the page shows one figure twice.
    """
    figures, seen = [], set()
    for image in page.figures:
        if not FIGURE_NAME.fullmatch(image.name):
            raise FigureError(
                f"{page.path}, line {image.line}: name the figure in lower-case letters, digits "
                f"and hyphens (figures/what-it-shows.svg), not {image.src!r}"
            )
        if image.name in seen:
            raise FigureError(
                f"{page.path}, line {image.line}: figures/{image.name}.svg is shown twice; "
                "give each figure its own name"
            )
        seen.add(image.name)
        after = sum(block.code_end <= image.start for block in page.blocks)
        figures.append((image.name, image.line, after))
    if not figures:
        return None
    last = max(after for _, _, after in figures)
    blocks = tuple((b.line, b.source, b.raises) for b in page.blocks[:last])
    return Plan(page.path, blocks, tuple(figures))


def draw(plan: Plan) -> Iterator[tuple[str, Figure]]:
    """Run the plan's blocks in one fresh namespace (their printing discarded) and yield each
    figure as (name, ``fig``) at its image, before the blocks below the image run.

    Raises
    ------
    FigureError
        If a block raises where the page shows no exception, or an image has no fresh ``fig``
        above it: none, not a Figure, or the one an earlier image showed.
    """
    namespace = {"__name__": "__main__"}
    shown: list[tuple[Figure, str]] = []
    done = 0
    with matplotlib.rc_context():  # a page that sets rcParams leaves the next page alone
        try:
            for name, line, after in plan.figures:
                for block_line, source, raises in plan.blocks[done:after]:
                    _, error = run_block(source, namespace, plan.path, block_line)
                    if error is not None and not raises:
                        last = traceback.format_exception_only(type(error), error)[-1].strip()
                        raise FigureError(
                            f"{plan.path}, block at line {block_line} raised {last}, which the "
                            "page does not show; its figures after it cannot be drawn"
                        ) from error
                done = after
                fig = namespace.get("fig")
                where = f"{plan.path}, line {line}: figures/{name}.svg"
                if done == 0 or fig is None:
                    raise FigureError(
                        f"{where} has no block above it that makes `fig`; draw the figure in a "
                        "```python block just above the image (fig = ...)"
                    )
                if not isinstance(fig, Figure):
                    raise FigureError(
                        f"{where}: `fig` is a {type(fig).__name__}, not a matplotlib Figure"
                    )
                earlier = next((other for figure, other in shown if figure is fig), None)
                if earlier is not None:
                    raise FigureError(
                        f"{where}: `fig` is still the figure shown as figures/{earlier}.svg; "
                        "make the new figure (fig = ...) in a block between the two images"
                    )
                shown.append((fig, name))
                yield name, fig
                _close(fig)
        finally:
            _close("all")


def _close(fig) -> None:
    """Close pyplot's hold on figures, if the page used pyplot (gdtutor's figures are not
    pyplot's, and importing pyplot for nothing would cost time)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(fig)


def render(plan: Plan) -> dict[str, bytes]:
    """Every figure of the plan as the file the site serves, by name."""
    return {name: site_svg(fig) for name, fig in draw(plan)}


def page_figures(path: str | Path, text: str | None = None) -> dict[str, bytes]:
    """The files the site serves for the figures of the page at ``path`` (or of ``text``)."""
    page_plan = plan(parse(path, text))
    return {} if page_plan is None else render(page_plan)


# --- the files the site serves -----------------------------------------------------------------


def render_svg(fig: Figure) -> bytes:
    """SVG bytes that depend only on the figure: no date, fixed ids, text drawn as paths."""
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "gdtutor", "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def site_svg(fig: Figure) -> bytes:
    """The file the site serves for ``fig``: :func:`render_svg`, made smaller by
    :func:`compact_svg`. The same figure gives the same bytes."""
    return compact_svg(render_svg(fig))


# What the site serves for a figure is its SVG made smaller without changing what it shows.
# Coordinates are in points (1/72 inch), so two decimals are far below a device pixel.
_DECIMAL = re.compile(rb"-?\d+\.\d+")
_PATH_DATA = re.compile(rb' d="([^"]*)"')
_POSITION = re.compile(rb' (x|y)="(-?\d+\.\d+)"')
_TRANSLATE = re.compile(rb"translate\(([^)]*)\)")
_COMMAND = re.compile(rb"\s*([MLQCz])\s*")
_PNG = re.compile(rb'data:image/png;base64,([^"]*)"')
_MARKER_GROUP = re.compile(rb'<g( clip-path="[^"]*")?>((?:<use [^>]*/>){2,})</g>')
_STYLE = re.compile(rb' style="([^"]*)"')
# Properties that children inherit, so setting them once on the group instead of on each <use>
# draws the same (``opacity`` is not inherited: a group's opacity is not each marker's).
_INHERITED = {b"fill", b"fill-opacity", b"stroke", b"stroke-opacity", b"stroke-width"}


def _round(number: bytes) -> bytes:
    text = (b"%.2f" % float(number)).rstrip(b"0").rstrip(b".")
    return b"0" if text == b"-0" else text


def _round_all(text: bytes) -> bytes:
    return _DECIMAL.sub(lambda m: _round(m[0]), text)


def _path_data(match: re.Match) -> bytes:
    data = _COMMAND.sub(rb"\1", _round_all(match[1]))
    return b' d="' + b" ".join(data.split()) + b'"'


def _marker_group(match: re.Match) -> bytes:
    uses = match[2]
    styles = _STYLE.findall(uses)
    if len(styles) != uses.count(b"<use ") or len(set(styles)) != 1:
        return match[0]
    names = {part.split(b":")[0].strip() for part in styles[0].split(b";") if part.strip()}
    if not names <= _INHERITED:
        return match[0]
    clip = match[1] or b""
    return b"<g" + clip + b' style="' + styles[0] + b'">' + _STYLE.sub(b"", uses) + b"</g>"


def _smaller_png(match: re.Match) -> bytes:
    """A rasterised artist's PNG re-encoded losslessly, as a palette image if it fits one."""
    original = base64.b64decode(b"".join(match[1].split()))
    with Image.open(io.BytesIO(original)) as image:
        pixels = np.ascontiguousarray(image.convert("RGBA"))
    # One uint32 per RGBA pixel, so finding the distinct colours is one fast 1-D np.unique.
    colours, index = np.unique(pixels.view(np.uint32), return_inverse=True)
    if len(colours) <= 256:
        smaller = Image.fromarray(index.reshape(pixels.shape[:2]).astype(np.uint8), mode="P")
        smaller.putpalette(colours.tobytes(), rawmode="RGBA")
    else:
        smaller = Image.fromarray(pixels, mode="RGBA")
    buffer = io.BytesIO()
    smaller.save(buffer, format="png", optimize=True)
    best = min(original, buffer.getvalue(), key=len)
    return b"data:image/png;base64," + base64.b64encode(best) + b'"'


def compact_svg(svg: bytes) -> bytes:
    """The same picture in fewer bytes: what the site serves for a figure.

    Coordinates are rounded to two decimals of a point, path data and layout whitespace are
    squeezed, comments are dropped, a marker style repeated on every ``<use>`` of a line is set
    once on its group, and embedded PNGs (rasterised artists) are re-encoded losslessly, as
    palette images when they have at most 256 colours. The same input gives the same bytes.
    """
    if not isinstance(svg, bytes):
        raise TypeError(f"svg must be bytes (an SVG document), not {type(svg).__name__}")
    svg = re.sub(rb"<!--.*?-->", b"", svg, flags=re.DOTALL)
    svg = _PATH_DATA.sub(_path_data, svg)
    svg = _POSITION.sub(lambda m: b" " + m[1] + b'="' + _round(m[2]) + b'"', svg)
    svg = _TRANSLATE.sub(lambda m: b"translate(" + _round_all(m[1]) + b")", svg)
    svg = _PNG.sub(_smaller_png, svg)
    svg = re.sub(rb">\s+<", b"><", svg)
    return _MARKER_GROUP.sub(_marker_group, svg)
