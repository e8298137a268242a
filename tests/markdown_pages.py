"""How every page of the course is tested: the sybil evaluators behind the root ``conftest.py``.

The page is read by hooks/pages.py, the one parser that the figure build and the notebook
downloads use too; this module turns what it reads into sybil regions and checks them.

The rules it enforces (the README's "Writing a page" explains them to authors):

* Every fence whose info string is ``python``, with or without attributes after it
  (```` ```python title="step.py" ````), is run; the blocks of a page share one namespace, in order.
* An ```` ```output ```` fence directly after a python fence is what that block must print.
  Both are compared after :func:`normalise`: trailing spaces dropped, blank lines at the ends
  dropped; nothing else. A python block with no output fence must print nothing.
* A measurement that differs from run to run (a timing) is written ``<varies>`` in the output
  block; it matches any text within that one line. Use it for nothing else.
* A block may show an exception: its output fence then ends with the two lines
  ``Traceback (most recent call last):`` / ``  ...`` and the line Python prints last
  (``numpy.linalg.LinAlgError: Singular matrix``).
* ``<!-- invisible-code-block: python -->`` blocks only check: they run on a copy of the page's
  namespace, so nothing they define reaches the blocks after them, and they must print nothing.
* No ``>>>`` prompts: Material's copy button would copy them.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

from sybil import Document, Example, Region, Sybil
from sybil.parsers.rest import DocTestParser

from hooks import pages
from hooks.pages import TRACEBACK_HEAD, run_block

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
VARIES = "<varies>"


def normalise(text: str) -> str:
    """The only normalisation before comparing output: trailing spaces and end blank lines."""
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def shown(printed: str, error: Exception | None) -> str:
    """What a page shows for a run: the printed text, then the exception as Python reports it."""
    if error is None:
        return normalise(printed)
    last = traceback.format_exception_only(type(error), error)[-1]
    return normalise(f"{printed}\n{TRACEBACK_HEAD}\n{last}")


def mismatch(expected: str | None, printed: str, error: Exception | None) -> str | None:
    """Explain how a run differs from its output block, or return None when it matches."""
    want = "" if expected is None else normalise(expected)
    if error is not None and TRACEBACK_HEAD not in want:
        raise error  # an unexpected exception: let pytest show the whole traceback
    got = shown(printed, error)
    if matches(want, got):
        return None
    if expected is None:
        return f"this block printed output but the page shows none; add an output block:\n{got}"
    return (
        f"printed output differs from the page.\n--- page shows:\n{want}\n--- code printed:\n{got}"
    )


def matches(want: str, got: str) -> bool:
    """Exact comparison, except that ``<varies>`` in ``want`` stands for any text on its line."""
    pattern = ".+?".join(re.escape(part) for part in want.split(VARIES))  # "." stops at newlines
    return re.fullmatch(pattern, got) is not None


class PageBlock:
    """Evaluator for a visible python block and the output block after it (if any)."""

    def __init__(self, expected: str | None):
        self.expected = expected

    def __call__(self, example: Example) -> str | None:
        if any(line.lstrip().startswith(">>>") for line in example.parsed.splitlines()):
            return (
                "remove the >>> prompts: the copy button would copy them into the reader's python"
            )
        printed, error = run_block(example.parsed, example.namespace, example.path, example.line)
        return mismatch(self.expected, printed, error)


def check_block(example: Example) -> str | None:
    """Evaluator for an invisible block: it may check, never set up state for later blocks."""
    printed, error = run_block(example.parsed, dict(example.namespace), example.path, example.line)
    if error is not None:
        raise error
    if printed.strip():
        return f"an invisible check block must print nothing; it printed:\n{printed}"
    return None


def orphan_output(example: Example) -> str:
    return "this output block has no python block directly above it, so nothing checks it"


def parse_page(document: Document):
    """Yield one sybil region per python block, check block and stray output block, as
    hooks/pages.py reads them (the build takes the pages' code from the same parser)."""
    page = pages.parse(document.path, document.text)
    for block in page.blocks:
        yield Region(block.start, block.code_end, block.source, PageBlock(block.expected))
    for _, start, end in page.stray_outputs:
        yield Region(start, end, evaluator=orphan_output)
    for check in page.checks:
        yield Region(check.start, check.end, check.source, check_block)


def close_figures(namespace: dict) -> None:
    """Teardown after each page: close any pyplot figures a page opened."""
    import matplotlib.pyplot as plt

    plt.close("all")


PAGES = Sybil(parsers=[parse_page], path=str(DOCS), patterns=["*.md"], teardown=close_figures)
DOCSTRINGS = Sybil(
    parsers=[DocTestParser()], path=str(ROOT / "gdtutor"), patterns=["*.py"], name="docstrings"
)


# Any fence a reader would take for Python: ```py, ```python3, ```pycon, ```{.python}, ```Python ...
PYTHONISH_FENCE = re.compile(
    r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(?:py|python\d?|pycon|ipython\d?)(?![\w-])",
    re.IGNORECASE | re.MULTILINE,
)


def uncollected_fences(path: Path) -> list[int]:
    """Line numbers of Python-looking fences in a page that the harness would not run."""
    text = path.read_text(encoding="utf-8")
    candidates = {
        text.count("\n", 0, match.start()) + 1 for match in PYTHONISH_FENCE.finditer(text)
    }
    collected = {line for line, _, _ in visible_blocks(path)}
    return sorted(candidates - collected)


# A number a reader could check: a decimal (0.0248, 2.5e7 counts by its 2.5) or an integer of three
# or more digits (1000, 10,000). Exponents (10^{-6}) and parts of words (x1, log2) do not count.
PROSE_NUMBER = re.compile(
    r"(?<![\w.^{])(\d+\.\d+|\d{1,3}(?:,\d{3})+|\d{3,})(?=e[-+]?\d|(?!\w|\.\d))"
)
# Numbers that are not results: versions of the tools a reader needs, addresses.
NOT_A_RESULT = re.compile(
    r"(?:Python|NumPy|numpy|matplotlib|MkDocs|version)\s+\d+(?:\.\d+)*|https?://\S+|[\d.]+:\d+"
)


def unbacked_numbers(path: Path) -> list[tuple[int, str]]:
    """Numbers in a page's prose that appear in none of its python, output or check blocks.

    A number the prose quotes should be printed by a block or asserted by a check, so its digits
    are somewhere in the page's code or output (``10,000`` may be written ``10_000`` or ``10000``).
    Finding the digits does not prove the claim; not finding them means nothing backs it.
    """
    page = pages.parse(path)
    regions = sorted(
        [(b.start, b.end) for b in page.blocks]
        + [(start, end) for _, start, end in page.stray_outputs]
        + [(check.start, check.end) for check in page.checks]
    )
    code = "\n".join(page.text[start:end] for start, end in regions)
    prose, last = [], 0
    for start, end in regions:
        prose.append(page.text[last:start])
        prose.append("\n" * page.text.count("\n", start, end))
        last = end
    prose.append(page.text[last:])
    text = NOT_A_RESULT.sub("", re.sub(r"\]\([^)\s]*\)", "]", "".join(prose)))
    missing, tokens = [], _tokens(code)
    for match in PROSE_NUMBER.finditer(text):
        number = match.group(1)
        if not {number, number.replace(",", ""), number.replace(",", "_")} & tokens and not any(
            _rounds_to(token, number) for token in tokens
        ):
            missing.append((text.count("\n", 0, match.start()) + 1, number))
    return missing


def _rounds_to(token: str, number: str) -> bool:
    """``1.3008`` backs ``1.30`` and ``1.301``: a quote of three or more significant digits may
    round a longer printed value (``0.5`` must be printed as 0.5: too many values round to it)."""
    decimal = re.compile(r"\d+\.\d+")
    if not (decimal.fullmatch(token) and decimal.fullmatch(number)):
        return False
    if len(number.replace(".", "").lstrip("0")) < 3:
        return False
    decimals = len(number.split(".")[1])
    return len(token.split(".")[1]) > decimals and f"{float(token):.{decimals}f}" == number


def _tokens(code: str) -> set[str]:
    """Every run of digits in code or output, whole (``1,000``, ``0.0248``) and split at , and ."""
    whole = set(re.findall(r"\d[\d_,.]*\d|\d", code))
    return whole | {part for token in whole for part in re.split(r"[,.]", token)}


def visible_blocks(path: Path) -> list[tuple[int, str, str | None]]:
    """The visible python blocks of a page as (line, source, expected output), in order."""
    return [(block.line, block.source, block.expected) for block in pages.parse(path).blocks]
