"""MkDocs hook: every page with code can be downloaded as a Jupyter notebook.

For each Markdown page with ```` ```python ```` blocks, :func:`page_to_notebook` turns the page into
a notebook (prose into Markdown cells, each python block into a code cell with the same source),
and the build adds it to the site as ``downloads/<page>.ipynb`` through ``File.generated``; nothing
is written into docs/. A "Download as notebook" button at the top of the page links to it. The
notebook pages in ``docs/notebooks/`` (rendered by mkdocs-jupyter) get the same button, linking to
a copy of their source.

The code cells are the page's visible blocks as hooks/pages.py reads them, the parser the tests
and the figure build use; what is left between them is prose. The conversion, piece by piece:

* a python block becomes a code cell, unchanged; the ```` ```output ```` block after it is dropped
  (running the cell prints it). A block whose output is a traceback gets the ``raises-exception``
  tag, so "Run all" goes on past it;
* ``<!-- invisible-code-block: python -->`` checks are dropped: they only test the page;
* a figure ``![alt](figures/name.svg)`` becomes a code cell ``fig``, the figure the blocks above
  it made (the build draws the site's figure from the same ``fig``), so Jupyter draws it there;
  a code cell near the top, ``%matplotlib inline``, lets Jupyter display figures;
* an exercise's solution (``??? success "Solution"``) is left out: an empty code cell for the
  learner's answer takes its place, then a cell calling the exercise's check
  (``check("page", n, ...)`` as the statement shows it, from gdtutor.exercises), whose ``...``
  the learner replaces. Another collapsible box (or a tab) becomes its title in bold, with its
  indented content dedented, so its code becomes code cells; a box such as
  ``!!! info "Before you start"`` becomes a block quote (with any code in it as code cells);
* an in-browser explorer (``<div class="gd-explorer">``) becomes a pointer to the explorers
  notebook; relative links become absolute links to the site.

Every download starts with an install cell (:func:`install_cell`): it installs ``gdtutor`` from
the wheel the site publishes (hooks/wheel.py), and scikit-learn or ipywidgets when the notebook
imports them, if they are missing (in Colab, or a fresh Jupyter), and does nothing where they are
installed. It is plain Python, not ``%pip``, so it runs in any interpreter.

The JSON is deterministic (cell ids from the cell index, no timestamps): two builds of the same
sources give the same bytes.
"""

from __future__ import annotations

import logging
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
from mkdocs.structure.files import File, Files

# hooks/pages.py is imported as part of the package `hooks`, from the project's root.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks import pages, wheel  # noqa: E402

log = logging.getLogger("mkdocs.hooks.notebooks")

DOWNLOADS = "downloads"
EXPLORERS = "notebooks/explorers.ipynb"  # the notebook page of docs/notebooks/
SETUP_SOURCE = "%matplotlib inline"
# What a notebook's code may import beyond gdtutor (which brings numpy and matplotlib), and the
# package that provides it.
EXTRAS = {"sklearn": "scikit-learn", "ipywidgets": "ipywidgets"}
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
# Each download says how it may be reused, as the site's footer does (SPDX identifiers).
LICENSE = {"code": "MIT", "text and figures": "CC-BY-4.0"}
# What stands in the Markdown, while it is split into cells, for a piece the parser read: a
# block (followed by its number), a check or stray output (dropped), a figure.
CELL, DROP, FIGURE = "\0cell ", "\0drop", "\0figure"

FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
ADMONITION = re.compile(r"^(?P<indent>[ ]*)(?P<marker>!!!|\?\?\?\+?|===\+?)[ \t]+(?P<rest>[^\n]*)$")
ADMONITION_REST = re.compile(r'^(?P<kind>[\w-]+(?:[ \t]+[\w-]+)*)?[ \t]*(?:"(?P<title>[^"]*)")?')
EXPLORER_START = re.compile(r"^[ ]*<div\b[^>]*\bgd-explorer\b")
LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<target>[^)\s]+)(?P<title>[ \t]+\"[^\"]*\")?\)"
)
H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$")
# The call of an exercise's check, as its statement shows it in inline code.
CHECK_CALL = re.compile(r'`(?P<call>check\("[\w-]+", \d+(?:, [^`]*)?\))`')


class _Cells:
    """The cells of a notebook being built, Markdown lines gathered until the next code cell."""

    def __init__(self) -> None:
        self.cells: list = []
        self.prose: list[str] = []

    def text(self, line: str) -> None:
        self.prose.append(line)

    def flush(self) -> None:
        text = "\n".join(self.prose).strip("\n")
        if text.strip():
            self.cells.append(nbformat.v4.new_markdown_cell(text))
        self.prose = []

    def code(self, source: str, tags: list[str] | None = None) -> None:
        self.flush()
        cell = nbformat.v4.new_code_cell(source)
        if tags:
            cell.metadata["tags"] = tags
        self.cells.append(cell)


def _dedent(lines: list[str], width: int) -> list[str]:
    return [line[width:] if line[:width].strip() == "" else line.lstrip() for line in lines]


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fence opened at ``start`` (or the end of the text)."""
    closing = re.compile(rf"^[ ]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            return index
    return len(lines) - 1


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """One past the last line of the block indented deeper than ``indent`` after ``start``."""
    end = start + 1
    last = start
    while end < len(lines):
        line = lines[end]
        if line.strip() and _indent_of(line) <= indent:
            break
        if line.strip():
            last = end
        end += 1
    return last + 1


def _marked_lines(page: pages.Page) -> list[str]:
    """The page's lines, each block (with its output), check, stray output and figure replaced
    by one marker line, indented as it was (so a solution box keeps its code)."""
    pieces = [(block.start, block.end, f"{CELL}{i}") for i, block in enumerate(page.blocks)]
    pieces += [(start, end, DROP) for _, start, end in page.stray_outputs]
    pieces += [(check.start, check.end, DROP) for check in page.checks]
    pieces += [(image.start, image.end, FIGURE) for image in page.figures]
    text, kept, last = page.text, [], 0
    for start, end, marker in sorted(pieces):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        kept += [text[last:line_start], " " * _indent_of(text[line_start:end]) + marker]
        last = len(text) if line_end == -1 else line_end
    kept.append(text[last:])
    return "".join(kept).split("\n")


class _Converter:
    def __init__(self, src_uri: str, link, blocks: tuple[pages.Block, ...]):
        self.src_uri = src_uri
        self.link = link
        self.blocks = blocks
        self.out = _Cells()
        self.statement: list[str] = []  # the prose since the last solution

    def prose_line(self, line: str, quote: bool) -> None:
        self.statement.append(line)
        line = (("> " + LINK.sub(self.link, line)) if quote else LINK.sub(self.link, line)).rstrip()
        if line in ("", ">") and self.out.prose and self.out.prose[-1] in ("", ">"):
            return  # a dropped block leaves its blank lines: keep one
        self.out.text(line)

    def convert(self, lines: list[str], quote: bool = False) -> None:
        index = 0
        while index < len(lines):
            line = lines[index]
            marker = line.strip()
            fence = FENCE.match(line)
            admonition = ADMONITION.match(line)
            if marker.startswith(CELL):
                block = self.blocks[int(marker.removeprefix(CELL))]
                tags = ["raises-exception"] if block.raises else []
                self.out.code(block.source.strip("\n"), tags)
                index += 1
            elif marker == FIGURE:
                self.out.code("fig", ["figure"])
                index += 1
            elif marker == DROP:
                index += 1
            elif fence:  # not python (the parser took those): prose, as it is
                end = _fence_end(lines, index, fence["fence"])
                for fenced in lines[index : end + 1]:
                    self.out.text(("> " + fenced).rstrip() if quote else fenced)
                index = end + 1
            elif admonition:
                index = self.admonition(lines, index, admonition, quote)
            elif EXPLORER_START.match(line):
                momentum = 'data-explorer="momentum"' in line
                while index < len(lines) - 1 and "</div>" not in lines[index]:
                    index += 1
                index += 1
                notebook = posixpath.relpath(EXPLORERS, posixpath.dirname(self.src_uri) or ".")
                note = (
                    "*On the web page an explorer runs here, in the browser. In Jupyter, the "
                    f"[explorers notebook]({notebook}) has the same explorers with sliders.*"
                    if not momentum
                    else "*On the web page the momentum explorer runs here, in the browser. In "
                    "Jupyter, call `momentum_bowl` above with your own settings.*"
                )
                self.prose_line(note, quote)
            else:
                self.prose_line(line, quote)
                index += 1

    def admonition(self, lines: list[str], start: int, match: re.Match, quote: bool) -> int:
        indent = len(match["indent"])
        end = _block_end(lines, start, indent)
        if pages.SOLUTION.match(lines[start]):
            return self.exercise(end)
        body = _dedent(lines[start + 1 : end], indent + 4)
        rest = ADMONITION_REST.match(match["rest"].strip())
        title = rest["title"] if rest["title"] is not None else (rest["kind"] or "").title()
        box = match["marker"] == "!!!"
        if title:
            self.out.text(("> " if box or quote else "") + f"**{title}**")
            self.out.text(">" if box or quote else "")
        self.convert(body, quote=box or quote)
        self.prose_line("", quote)
        return end

    def exercise(self, end: int) -> int:
        """In place of a solution: an empty cell for the answer, then the exercise's check."""
        calls = CHECK_CALL.findall(" ".join(self.statement))
        self.statement = []
        self.out.code("", ["answer"])
        if calls:
            self.out.code(f"from gdtutor.exercises import check\n\ncheck{calls[-1][5:]}", ["check"])
        return end


def _front_matter_removed(markdown: str) -> str:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5 :]
    return markdown


def page_title(markdown: str) -> str | None:
    """The page's first level-1 heading, or None."""
    in_fence = None
    for line in _front_matter_removed(markdown).splitlines():
        fence = FENCE.match(line)
        if fence and in_fence is None:
            in_fence = fence["fence"]
        elif in_fence and line.strip().startswith(in_fence):
            in_fence = None
        elif in_fence is None and (heading := H1.match(line)):
            return heading["title"]
    return None


def has_python(markdown: str, src_uri: str = "page.md") -> bool:
    """Whether a page has at least one visible ```python block (and so a notebook)."""
    return bool(pages.parse(src_uri, markdown).blocks)


def absolute_links(src_uri: str, site_url: str, use_directory_urls: bool = True):
    """A ``re.sub`` callback making a page's relative Markdown links absolute site URLs."""
    base = (site_url or "/").rstrip("/") + "/"

    def replace(match: re.Match) -> str:
        target = match["target"]
        parts = urlsplit(target)
        if parts.scheme or target.startswith(("/", "mailto:")):
            return match[0]
        path, _, fragment = target.partition("#")
        if path:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        else:
            path = src_uri
        if path.endswith((".md", ".ipynb")):  # a page (a notebook page too): its URL
            stem = posixpath.splitext(path)[0]
            if use_directory_urls:
                stem = stem.removesuffix("index")
                url = stem if stem.endswith("/") or not stem else stem + "/"
            else:
                url = stem + ".html"
        else:
            url = path
        url = base + url + (f"#{fragment}" if fragment else "")
        return f"[{match['text']}]({url}{match['title'] or ''})"

    return replace


def install_cell(wheel_url: str, code: str) -> nbformat.NotebookNode:
    """The first code cell: installs ``gdtutor`` from ``wheel_url``, and what ``code`` imports
    of :data:`EXTRAS`, when it is not importable; does nothing when it is."""
    needed = {"gdtutor": wheel_url}
    for module, package in EXTRAS.items():
        if re.search(rf"^\s*(?:import|from) {module}\b", code, re.MULTILINE):
            needed[module] = package
    listed = ",\n".join(f"    {module!r}: {package!r}" for module, package in needed.items())
    source = (
        "# Installs what this notebook needs when it is missing (in Colab, or a fresh Jupyter);\n"
        "# does nothing where it is installed. gdtutor comes from the course site.\n"
        "import importlib\nimport importlib.util\nimport subprocess\nimport sys\n\n"
        f"needed = {{\n{listed},\n}}\n"
        "missing = [package for module, package in needed.items()\n"
        "           if importlib.util.find_spec(module) is None]\n"
        "if missing:\n"
        '    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing],\n'
        "                   check=True)\n"
        "    importlib.invalidate_caches()  # so that the new packages import in this kernel"
    )
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["install"]})


def page_to_notebook(
    markdown: str,
    src_uri: str,
    site_url: str = "",
    use_directory_urls: bool = True,
    wheel_url: str = "",
) -> nbformat.NotebookNode:
    """The notebook of one course page: prose as Markdown cells, python blocks as code cells.

    Parameters
    ----------
    markdown : str
        The page's Markdown source.
    src_uri : str
        The page's path inside docs/, such as ``"linear-regression.md"``: relative links are
        resolved from it.
    site_url : str
        The site's address; relative links become absolute links under it.
    use_directory_urls : bool
        MkDocs' setting of the same name: whether ``page.md`` is served as ``page/``.
    wheel_url : str
        The address of the gdtutor wheel the site publishes: the notebook's first code cell
        installs it when gdtutor is missing, and the page's install command names it.
    """
    markdown = _front_matter_removed(markdown)
    if wheel_url:
        markdown = markdown.replace(wheel.MARKER, f"python -m pip install {wheel_url}")
    page = pages.parse(src_uri, markdown)
    link = absolute_links(src_uri, site_url, use_directory_urls)
    converter = _Converter(src_uri, link, page.blocks)
    converter.convert(_marked_lines(page))
    converter.out.flush()
    title = page_title(markdown) or posixpath.splitext(posixpath.basename(src_uri))[0]
    page_url = LINK.sub(link, f"[{title}]({posixpath.basename(src_uri)})")
    header = nbformat.v4.new_markdown_cell(
        f"*This notebook is generated from the course page {page_url} of gdtutor. Its code "
        "cells are the page's code blocks, in order, with these additions: a first cell that "
        "installs `gdtutor` from the course site if it is missing (see "
        + LINK.sub(link, "[Run the code yourself](index.md#run-the-code-yourself)")
        + "), a cell that lets Jupyter show figures, and a cell naming the figure (`fig`) "
        "wherever the page shows one. Run the cells from the top: each prints what the page "
        "shows under its block.*"
    )
    setup = nbformat.v4.new_code_cell(SETUP_SOURCE, metadata={"tags": ["setup"]})
    cells = converter.out.cells
    if wheel_url:
        code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
        cells = [install_cell(wheel_url, code), setup, *cells]
    else:
        cells = [setup, *cells]
    return _finish(nbformat.v4.new_notebook(cells=[header, *cells]))


def _finish(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Kernel metadata, and cell ids from the cell index: the same input gives the same bytes."""
    notebook.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        "license": dict(LICENSE),
    }
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    nbformat.validate(notebook)
    return notebook


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """The notebook as the JSON written to the site."""
    return nbformat.writes(notebook)


def download_uri(src_uri: str) -> str:
    """Where the notebook of the page ``src_uri`` is in the built site."""
    stem = posixpath.splitext(src_uri)[0]
    if stem.startswith("notebooks/"):
        stem = stem.removeprefix("notebooks/")
    return f"{DOWNLOADS}/{stem}.ipynb"


def copied_notebook(
    text: str, src_uri: str, site_url: str, use_directory_urls: bool, wheel_url: str = ""
) -> str:
    """A notebook page's source for download, with its relative links made absolute and, given
    ``wheel_url``, the install cell before its first code cell."""
    notebook = nbformat.reads(text, as_version=4)
    link = absolute_links(src_uri, site_url, use_directory_urls)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK.sub(link, cell.source)
    if wheel_url:
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        first = next(i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code")
        cell = install_cell(wheel_url, code)
        cell.id = "install"  # the other cells keep their ids; no random one
        notebook.cells.insert(first, cell)
    return nbformat.writes(notebook)


# --- the hook ---------------------------------------------------------------------------------

_downloads: dict[str, str] = {}  # page src_uri -> its notebook's uri in the site


def on_files(files: Files, config) -> Files:
    _downloads.clear()
    site_url = config.site_url or ""
    wheel_url = wheel.current_url(config)
    directory_urls = config.use_directory_urls
    for file in list(files):
        if file.generated_by or file.abs_src_path is None:
            continue
        src = file.src_uri
        if src.endswith(".md"):
            text = file.content_string
            if not has_python(text, src):
                continue
            content = notebook_text(
                page_to_notebook(text, src, site_url, directory_urls, wheel_url)
            )
        elif src.endswith(".ipynb") and src.startswith("notebooks/"):
            content = copied_notebook(file.content_string, src, site_url, directory_urls, wheel_url)
        else:
            continue
        uri = download_uri(src)
        files.append(File.generated(config, uri, content=content))
        _downloads[src] = uri
    return files


def _button(href: str, filename: str) -> str:
    return (
        f'[Download as notebook]({href}){{ .md-button .gd-download download="{filename}" '
        'title="This page as a Jupyter notebook (.ipynb): its code as cells you can run" }'
    )


def on_page_markdown(markdown: str, page, config, files) -> str:
    uri = _downloads.get(page.file.src_uri)
    if uri is None:
        return markdown
    href = posixpath.relpath(uri, posixpath.dirname(page.file.src_uri) or ".")
    button = _button(href, posixpath.basename(uri))
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if H1.match(line):  # keep the title first: put the button under it
            return "\n".join([*lines[: index + 1], "", button, "", *lines[index + 1 :]])
        break
    return f"{button}\n\n{markdown}"


NOTEBOOK_LINK = re.compile(r'href="(?P<target>(?![a-z]+:|/|#)[^"#]+\.md)(?P<fragment>#[^"]*)?"')
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
# nbconvert's Mermaid loader: it would import Mermaid from a CDN if a notebook had a diagram.
MERMAID = re.compile(
    r'<script type="module">(?:(?!</script>).)*?\bmermaid\b(?:(?!</script>).)*</script>', re.DOTALL
)


def on_page_content(html: str, page, config, files) -> str:
    """Notebook pages: the download button, links to pages resolved, no MathJax or Mermaid
    loader (nbconvert's templates add both; neither is used, and both point elsewhere)."""
    src = page.file.src_uri
    if not src.endswith(".ipynb"):
        return html

    def resolve(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src), match["target"]))
        file = files.get_file_from_path(target)
        if file is None:
            log.warning("%s links to %s, which is not a page of the site", src, target)
            return match[0]
        return f'href="{file.url_relative_to(page.file)}{match["fragment"] or ""}"'

    html = NOTEBOOK_LINK.sub(resolve, html)
    # mkdocs-jupyter adds a MathJax loader (here with an empty URL, so it loads nothing); the
    # notebooks are written without TeX, and the site loads no maths script.
    html = MATHJAX.sub("", html)
    html = MERMAID.sub("", html)  # no diagrams here, and the site loads nothing from elsewhere
    uri = _downloads.get(src)
    if uri is None:
        return html
    href = _relative_url(uri, page.url)
    button = (
        f'<p><a class="md-button gd-download" href="{href}" '
        f'download="{posixpath.basename(uri)}" '
        'title="This page as a Jupyter notebook (.ipynb), to run in Jupyter">'
        "Download as notebook</a></p>"
    )
    head = html.find("</h1>")  # under the title, as on the other pages
    if head == -1:
        return button + html
    return html[: head + 5] + button + html[head + 5 :]


def _relative_url(target: str, page_url: str) -> str:
    """A site-relative path as seen from a page's URL (``notebooks/explorers/``)."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    return posixpath.relpath(target, base.rstrip("/") or ".")
