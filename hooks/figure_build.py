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


# --- how pages show figures ---------------------------------------------------------------------
# A page downloads its figures as a reader reaches them: each <img> gets its size (width and
# height, so the browser keeps its place before the file arrives and nothing below it moves), and
# every figure after a page's first loads lazily (loading="lazy": only near the viewport) and is
# decoded off the main thread. The first figure loads at once: on a wide screen it may be in view.

_IMG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = r'\s{}="([^"]*)"'
_SVG_ROOT = re.compile(rb"<svg\b[^>]*>")
_LENGTH = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(px|pt|pc|in|cm|mm)?\s*")
_PX_PER_UNIT = {"px": 1, "pt": 4 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4}


def _attribute(tag: str | bytes, name: str) -> str | None:
    if isinstance(tag, bytes):
        tag = tag.decode("utf-8", "replace")
    found = re.search(_ATTRIBUTE.format(name), tag)
    return found[1] if found else None


def svg_size(svg: bytes) -> tuple[int, int]:
    """The size in CSS pixels at which a browser shows ``svg`` as an image: its root's width and
    height (matplotlib's are in points, 4/3 of a pixel), or its viewBox if it has none, rounded.

    Raises
    ------
    ValueError
        If ``svg`` has no root <svg> element with a size or a viewBox.
    """
    root = _SVG_ROOT.search(svg)
    if root is None:
        raise ValueError("not an SVG document: no <svg> element")
    width, height = _attribute(root[0], "width"), _attribute(root[0], "height")
    lengths = [_LENGTH.fullmatch(value or "") for value in (width, height)]
    if all(lengths):
        return tuple(round(float(m[1]) * _PX_PER_UNIT[m[2] or "px"]) for m in lengths)
    box = (_attribute(root[0], "viewBox") or "").replace(",", " ").split()
    if len(box) != 4:
        raise ValueError("the <svg> element has neither a width and height nor a viewBox")
    return round(float(box[2])), round(float(box[3]))


def image_size(data: bytes) -> tuple[int, int]:
    """The size in CSS pixels of an image file: an SVG's by :func:`svg_size`, a bitmap's in its
    pixels (what a browser shows when the <img> sets no size)."""
    if _SVG_ROOT.search(data[:4096]) or data.lstrip()[:5] in (b"<?xml", b"<svg "):
        return svg_size(data)
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def show_figures(html: str, size_of) -> str:
    """``html`` with the <img> of each figure sized, and all but the first loading lazily.

    ``size_of(src)`` gives the (width, height) of the image an ``src`` names, or None for an
    image that is not a figure of the site (left as it is). An <img> that sets its own width or
    loading is left as it is too.
    """
    figures = 0

    def show(match: re.Match) -> str:
        nonlocal figures
        tag = match[0]
        src = _attribute(tag, "src")
        size = size_of(src) if src is not None else None
        if size is None:
            return tag
        figures += 1
        if _attribute(tag, "width") is not None or _attribute(tag, "loading") is not None:
            return tag
        added = f' width="{size[0]}" height="{size[1]}"'
        if figures > 1:
            added += ' loading="lazy" decoding="async"'
        return tag[:4] + added + tag[4:]

    return _IMG.sub(show, html)


# --- the notebook page --------------------------------------------------------------------------
# mkdocs-jupyter writes a notebook's figures into its page as data: URIs and puts all of
# JupyterLab's style sheet (about 600 KB, in <style> elements in the page) before the notebook;
# the page could not be shown before all of that had arrived. :func:`notebook_figures` moves the
# figures into files beside the page (which show_figures then loads lazily), and
# :func:`used_styles` keeps only the style rules that can apply to the page.

_DATA_IMAGE = re.compile(r'(<img\b[^>]*\ssrc=")data:image/(png|jpeg|gif|webp);base64,([^"]*)"')


def notebook_figures(html: str) -> tuple[str, dict[str, bytes]]:
    """``html`` with each image given as a data: URI in an <img> replaced by a file, named by a
    digest of its bytes (output-<16 hex digits>.<type>), and those files by name."""
    files: dict[str, bytes] = {}

    def move(match: re.Match) -> str:
        data = base64.b64decode("".join(match[3].split()))
        suffix = "jpg" if match[2] == "jpeg" else match[2]
        name = f"output-{hashlib.sha256(data).hexdigest()[:16]}.{suffix}"
        files[name] = data
        return f'{match[1]}{name}"'

    return _DATA_IMAGE.sub(move, html), files


_STYLE_ELEMENT = re.compile(r"(<style\b[^>]*>)(.*?)</style>\s*", re.DOTALL)
_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
_CLASS = re.compile(r"\.(-?[_a-zA-Z][-\w]*)")
_PARENTHESES = re.compile(r"\([^()]*\)")
# :root, html and body are the document's top: inside another element they match nothing.
_NESTED_TOP = re.compile(r"[\s>+~](?::root|html|body)(?![-\w])")
_GROUPING = {"media", "supports", "layer", "container"}


def _may_match(selector: str, classes: set[str]) -> bool:
    """Whether ``selector`` may match an element of a page whose class attributes name only
    ``classes``: False only if it needs a class the page lacks (outside :not(), :is() and the
    like, whose arguments are dropped first) or puts the document's root inside an element."""
    selector = selector.strip()
    if _NESTED_TOP.search(selector):
        return False
    while _PARENTHESES.search(selector):
        selector = _PARENTHESES.sub("", selector)
    return all(name in classes for name in _CLASS.findall(selector))


def _used_rules(rules, classes: set[str]) -> list[str]:
    import tinycss2  # mkdocs-jupyter's nbconvert brings it (bleach[css]); only this page needs it

    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors, part = [], []  # split at the commas outside any brackets
            for token in [*rule.prelude, ","]:
                if token == ",":
                    selectors.append(tinycss2.serialize(part))
                    part = []
                else:
                    part.append(token)
            if any(_may_match(selector, classes) for selector in selectors):
                kept.append(rule.serialize())
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            used = _used_rules(inner, classes)
            if used:
                prelude = tinycss2.serialize(rule.prelude)
                kept.append(f"@{rule.at_keyword}{prelude}{{{''.join(used)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
            kept.append(rule.serialize())
    # A rule written again later in the same place: the later one alone decides the same.
    last = {text: index for index, text in enumerate(kept)}
    return [text for index, text in enumerate(kept) if last[text] == index]


def used_styles(html: str) -> str:
    """``html`` with its <style> elements holding only the rules that may apply to it.

    A rule is kept if one of its selectors may match (:func:`_may_match`, judged by the classes
    of the page's elements); at-rules that group rules (@media, @supports) keep their used rules,
    and are dropped with none; other at-rules (@font-face, @keyframes) are kept, @charset (which
    means nothing inside a page) is not. Comments, text that is not CSS and an earlier copy of a
    rule written twice go; an element left empty goes too. Classes that scripts add later are
    not seen, so this is for pages whose styled classes are all in their HTML, such as a
    notebook's.
    """
    import tinycss2

    classes = {name for value in _CLASS_ATTRIBUTE.findall(html) for name in value.split()}

    def prune(match: re.Match) -> str:
        rules = tinycss2.parse_stylesheet(match[2], skip_comments=True, skip_whitespace=True)
        used = "".join(_used_rules(rules, classes))
        return f"{match[1]}\n{used}\n</style>\n" if used else ""

    return _STYLE_ELEMENT.sub(prune, html)
