"""What a course page holds, read once by one parser: the tests, the figure build and the notebook
downloads all take a page's code from here.

* A visible block is a fence whose info string is ``python``, with or without attributes after it
  (```` ```python title="step.py" ````); an ```` ```output ```` fence directly after it is what the
  block prints. The blocks of a page share one namespace, in order.
* A check is an ``<!-- invisible-code-block: python ... -->`` comment.
* A figure is an image ``![alt text](figures/<name>.svg)``: the build draws it from ``fig`` as the
  visible blocks above it left it (hooks/figure_build.py).
* A solution is a collapsible box ``??? success "Solution"`` and its indented content: the
  notebook downloads leave it out (an empty answer cell and the exercise's check take its place),
  and so does the instructor's edition of the site (hooks/solutions.py).

The rules the tests enforce on these are in tests/markdown_pages.py; README's "Writing a page"
explains them to authors.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from sybil import Document
from sybil.evaluators.python import pad
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, RawFencedCodeBlockLexer

TRACEBACK_HEAD = "Traceback (most recent call last):\n  ..."

# The info string: a language, then optional attributes (`python title="x"`, `python hl_lines="2"`).
FENCES = RawFencedCodeBlockLexer(
    info_pattern=re.compile(r"[ \t]*(?P<language>python|output)(?:[ \t]+[^\n]*)?$\n", re.MULTILINE)
)
ANY_FENCE = RawFencedCodeBlockLexer(info_pattern=re.compile(r"[^\n]*$\n", re.MULTILINE))
CHECKS = DirectiveInHTMLCommentLexer(directive="invisible-code-block", arguments="python")
# Alt text may hold brackets, balanced one level deep ("x in [0, 20]").
IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<src>[^)\s]+)(?:[ \t]+\"[^\"]*\")?\)"
)
FIGURE_SRC = re.compile(r"figures/(?P<name>[^/]+)\.svg")
SOLUTION = re.compile(r'^(?P<indent> *)\?\?\?\+?[ \t]+success[ \t]+"Solution[^"\n]*"[ \t]*$', re.M)


@dataclass(frozen=True)
class Block:
    """A visible python block: its code, and the output block after it, if any."""

    line: int  # of the opening fence
    source: str
    expected: str | None
    start: int  # offsets in the page: the opening fence,
    code_end: int  # just past the block's closing fence,
    end: int  # and just past its output block's (code_end when it has none)

    @property
    def raises(self) -> bool:
        """Whether the page shows this block raising an exception."""
        return self.expected is not None and TRACEBACK_HEAD in self.expected


@dataclass(frozen=True)
class Check:
    """An invisible check block."""

    line: int
    source: str
    start: int
    end: int


@dataclass(frozen=True)
class Image:
    """An image on the page, outside code; ``name`` is set for a figure the build draws."""

    line: int
    alt: str
    src: str
    name: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Page:
    path: str
    text: str
    blocks: tuple[Block, ...]
    checks: tuple[Check, ...]
    stray_outputs: tuple[tuple[int, int, int], ...]  # (line, start, end) with no block above
    images: tuple[Image, ...]

    @property
    def figures(self) -> tuple[Image, ...]:
        return tuple(image for image in self.images if image.name is not None)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def parse(path: str | Path, text: str | None = None) -> Page:
    """Read a page (from ``path``, or ``text`` given for it) into its blocks, checks and images."""
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    document = Document(text, str(path))
    fences = sorted(FENCES(document), key=lambda region: region.start)
    blocks, paired = [], set()
    for index, region in enumerate(fences):
        if region.lexemes["language"] != "python":
            continue
        expected, end = None, region.end
        following = fences[index + 1] if index + 1 < len(fences) else None
        if (
            following is not None
            and following.lexemes["language"] == "output"
            and not text[region.end : following.start].strip()
        ):
            expected, end = str(following.lexemes["source"]), following.end
            paired.add(following.start)
        line, source = _line(text, region.start), str(region.lexemes["source"])
        blocks.append(Block(line, source, expected, region.start, region.end, end))
    stray = tuple(
        (_line(text, region.start), region.start, region.end)
        for region in fences
        if region.lexemes["language"] == "output" and region.start not in paired
    )
    checks = tuple(
        Check(_line(text, region.start), str(region.lexemes["source"]), region.start, region.end)
        for region in CHECKS(document)
    )
    code = [(region.start, region.end) for region in ANY_FENCE(document)]
    code += [(check.start, check.end) for check in checks]
    images = []
    for match in IMAGE.finditer(text):
        if any(start <= match.start() < end for start, end in code):
            continue
        figure = FIGURE_SRC.fullmatch(match["src"])
        name = figure["name"] if figure else None
        images.append(
            Image(_line(text, match.start()), match["alt"], match["src"], name, *match.span())
        )
    return Page(str(path), text, tuple(blocks), checks, stray, tuple(images))


def solutions(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each solution in ``text``: its title line and every line after
    it that is blank or indented deeper, up to its last non-blank one."""
    spans = []
    for match in SOLUTION.finditer(text):
        indent, end, offset = len(match["indent"]), match.end(), match.end() + 1
        for line in text[offset:].split("\n"):
            if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
                break
            if line.strip():
                end = offset + len(line)
            offset += len(line) + 1
        spans.append((match.start(), end))
    return spans


def without_solutions(text: str) -> str:
    """``text`` with every solution left out (the instructor's edition)."""
    for start, end in reversed(solutions(text)):
        text = text[:start] + text[end:]
    return text


def run_block(source: str, namespace: dict, path: str, line: int) -> tuple[str, Exception | None]:
    """Run one block in ``namespace``; return what it printed and the exception it raised.

    Tracebacks point at the page: ``path``, and line numbers counted from the page's line ``line``.
    """
    code = compile(pad(source, line), path, "exec", dont_inherit=True)
    printed = io.StringIO()
    error = None
    with contextlib.redirect_stdout(printed):
        try:
            exec(code, namespace)
        except Exception as exc:  # reported or re-raised by the caller
            error = exc
    return printed.getvalue(), error
