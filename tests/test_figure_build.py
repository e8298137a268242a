"""The figure build: each page's code draws its figures, as deterministic compact SVG, and a build
cache that runs a page again only when its code, gdtutor or the build changed.

The whole-site guarantees are tested elsewhere: two clean builds give the same bytes and every
image's alt text describes it (tests/test_site.py), and what a reader pastes draws the figure the
site shows (the paste test there).
"""

from __future__ import annotations

import ast
import base64
import datetime
import importlib.util
import io
import logging
import re
import shutil
import sys
from concurrent.futures import Future
from xml.etree import ElementTree

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from PIL import Image

from hooks.figure_build import (
    FigureError,
    compact_svg,
    draw,
    image_size,
    notebook_figures,
    page_figures,
    plan,
    render_svg,
    show_figures,
    site_svg,
    svg_size,
    used_styles,
)
from hooks.pages import parse
from tests.markdown_pages import DOCS, ROOT

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
PNG = re.compile(r"^data:image/png;base64,(.*)$", re.DOTALL)
XLINK = "{http://www.w3.org/1999/xlink}href"
USE, GROUP = "{http://www.w3.org/2000/svg}use", "{http://www.w3.org/2000/svg}g"
FENCE = "```"


def page(body: str) -> str:
    return body.replace("~~~", FENCE)


def small_figure(title="a figure") -> Figure:
    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.plot([0, 1, 2], [2, 0, 1], "o-")
    ax.set_title(title)
    return fig


# --- the build function: a page's code draws its figures ---------------------------------------

GOOD = page(
    """# A page

~~~python
from matplotlib.figure import Figure

fig = Figure(figsize=(3, 2))
ax = fig.subplots()
ax.plot([0, 1, 2], [2, 0, 1], "o-")
~~~

Prose between the block that made the figure and its image.

~~~python
ax.set_title("a figure")
print("printed, and not by the build")
~~~

~~~output
printed, and not by the build
~~~

<!-- invisible-code-block: python
raise AssertionError("the build runs no check")
-->

![A small line chart that falls from 2 to 0 and rises to 1](figures/first.svg)

~~~python
int("not a number")
~~~

~~~output
Traceback (most recent call last):
  ...
ValueError: invalid literal for int() with base 10: 'not a number'
~~~

??? success "Solution"
    ~~~python
    fig = Figure(figsize=(3, 2))
    fig.subplots().bar([0, 1], [1, 2])
    ~~~

    ![A bar chart of two bars, the second twice as tall](figures/second.svg)

~~~python
raise RuntimeError("below the last figure: the build does not run it")
~~~
"""
)


def test_a_pages_code_draws_each_figure_as_fig_stands_at_its_image():
    made = page_figures("page.md", GOOD)
    assert list(made) == ["first", "second"]
    assert made["first"] == site_svg(small_figure())  # after both blocks above the image
    second = Figure(figsize=(3, 2))
    second.subplots().bar([0, 1], [1, 2])
    assert made["second"] == site_svg(second)  # inside a solution box too
    assert page_figures("page.md", GOOD) == made


def test_the_plan_holds_the_code_up_to_the_last_figure_and_not_the_prose():
    first = plan(parse("page.md", GOOD))
    assert [(name, after) for name, _, after in first.figures] == [("first", 2), ("second", 4)]
    assert len(first.blocks) == 4  # not the block below the last figure
    prose = GOOD.replace("Prose between", "Other prose,\n\nmore of it, between").replace(
        "A bar chart", "A chart"
    )
    assert plan(parse("page.md", prose)).digest() == first.digest()
    code = GOOD.replace('"a figure"', '"another title"')
    assert plan(parse("page.md", code)).digest() != first.digest()
    below = GOOD.replace("below the last figure", "still below it")
    assert plan(parse("page.md", below)).digest() == first.digest()
    assert (
        plan(parse("page.md", "# No figure\n\n~~~python\nx = 1\n~~~\n".replace("~", "`"))) is None
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "Prose, then a figure no block made.\n\n![A figure](figures/orphan.svg)\n",
            "page.md, line 3: figures/orphan.svg has no block above it that makes `fig`",
        ),
        (
            "~~~python\nx = 1\n~~~\n\n![A figure](figures/orphan.svg)\n",
            "has no block above it that makes `fig`",
        ),
        (
            "~~~python\nfig = 'a picture'\n~~~\n\n![A figure](figures/text.svg)\n",
            "`fig` is a str, not a matplotlib Figure",
        ),
        (
            "~~~python\nfrom matplotlib.figure import Figure\nfig = Figure()\n~~~\n\n"
            "![One](figures/one.svg)\n\n~~~python\nfig.suptitle('changed')\n~~~\n\n"
            "![Two](figures/two.svg)\n",
            "figures/two.svg: `fig` is still the figure shown as figures/one.svg",
        ),
        (
            "~~~python\nfrom matplotlib.figure import Figure\nfig = Figure()\n1 / 0\n~~~\n\n"
            "![A figure](figures/broken.svg)\n",
            "block at line 1 raised ZeroDivisionError: division by zero, which the page does not",
        ),
        (
            "~~~python\nfrom matplotlib.figure import Figure\nfig = Figure()\n~~~\n\n"
            "![A figure](figures/Not_A_Name.svg)\n",
            "name the figure in lower-case letters, digits and hyphens",
        ),
        (
            "~~~python\nfrom matplotlib.figure import Figure\nfig = Figure()\n~~~\n\n"
            "![A figure](figures/twice.svg)\n\n![Again](figures/twice.svg)\n",
            "figures/twice.svg is shown twice",
        ),
    ],
    ids=["no-block", "no-fig", "not-a-figure", "same-fig", "raises", "bad-name", "twice"],
)
def test_a_figure_without_a_fresh_fig_above_it_fails_with_a_clear_message(body, message):
    with pytest.raises(FigureError, match=re.escape(message)):
        page_figures("page.md", page(body))


def test_drawing_closes_pyplots_figures_and_restores_rc_params():
    import matplotlib.pyplot as plt

    body = page(
        "~~~python\nimport matplotlib\nimport matplotlib.pyplot as plt\n"
        "matplotlib.rcParams['lines.linewidth'] = 7\nfig, ax = plt.subplots()\n"
        "ax.plot([0, 1])\n~~~\n\n![A line](figures/pyplot.svg)\n"
    )
    before = plt.get_fignums(), matplotlib.rcParams["lines.linewidth"]
    made = page_figures("page.md", body)
    assert (plt.get_fignums(), matplotlib.rcParams["lines.linewidth"]) == before
    assert b"stroke-width: 7" in made["pyplot"]  # the page's own settings drew its figure


# --- the files the site serves: deterministic, compact SVG --------------------------------------


def test_render_svg_is_deterministic_dateless_text_as_paths_and_leaves_rc_params_alone():
    rc = (matplotlib.rcParams["svg.hashsalt"], matplotlib.rcParams["svg.fonttype"])
    svg = render_svg(small_figure())
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert svg == render_svg(small_figure())  # two figures drawn alike: the same bytes
    assert b"dc:date" not in svg and datetime.date.today().isoformat().encode() not in svg
    assert b"<text" not in svg  # glyphs as paths: no font needed to view it
    assert (matplotlib.rcParams["svg.hashsalt"], matplotlib.rcParams["svg.fonttype"]) == rc


def drawing(svg: bytes) -> list[tuple]:
    """Every element as (tag, attributes): coordinates as (the text around them, the numbers),
    embedded PNGs as pixel arrays, and a marker's style as it applies, its own or its group's."""
    elements = []

    def walk(element, group_style):
        attributes = {}
        for name, value in element.attrib.items():
            png = PNG.match(value) if name == XLINK else None
            if png:
                with Image.open(io.BytesIO(base64.b64decode(png[1]))) as image:
                    attributes[name] = np.asarray(image.convert("RGBA"))
            elif name in {"d", "x", "y", "transform"}:
                skeleton = re.sub(r"\s", "", NUMBER.sub("#", value))
                attributes[name] = (skeleton, [float(n) for n in NUMBER.findall(value)])
            else:
                attributes[name] = value
        markers = len(element) > 0 and all(child.tag == USE for child in element)
        if element.tag == USE:
            attributes["style"] = element.get("style", group_style)
        elif element.tag == GROUP and markers:
            attributes.pop("style", None)
        elements.append((element.tag, attributes))
        for child in element:
            walk(child, element.get("style") if markers else None)

    walk(ElementTree.fromstring(svg), None)
    return elements


def page_figure(name: str) -> Figure:
    """A figure of the site, drawn by its page's code (only as far as that figure)."""
    source = next(p for p in sorted(DOCS.glob("*.md")) if f"figures/{name}.svg" in p.read_text())
    return next(fig for drawn, fig in draw(plan(parse(source))) if drawn == name)


# Many markers in groups; a rasterised artist (an embedded PNG) among lines and markers.
@pytest.mark.parametrize("name", ["dummy-trap-cost-curve", "linreg-line-iterations"])
def test_compact_svg_draws_the_same_elements_at_the_same_places(name):
    original = render_svg(page_figure(name))
    compact = compact_svg(original)
    assert len(compact) < 0.9 * len(original)
    assert compact_svg(original) == compact, "compact_svg must be deterministic"
    before, after = drawing(original), drawing(compact)
    assert [tag for tag, _ in before] == [tag for tag, _ in after]
    for (tag, old), (_, new) in zip(before, after, strict=True):
        assert old.keys() == new.keys(), tag
        for key, value in old.items():
            if isinstance(value, np.ndarray):
                np.testing.assert_array_equal(new[key], value)  # re-encoded losslessly
            elif isinstance(value, tuple):
                assert new[key][0] == value[0], (tag, key)
                np.testing.assert_allclose(new[key][1], value[1], rtol=0, atol=0.005 + 1e-9)
            else:
                assert new[key] == value, (tag, key)


def test_compact_svg_moves_a_marker_style_to_its_group_only_when_inherited():
    same = b'<g><use x="1" style="fill: #000"/><use x="2" style="fill: #000"/></g>'
    assert compact_svg(same) == b'<g style="fill: #000"><use x="1"/><use x="2"/></g>'
    # opacity is not inherited: on the group it would fade the markers together, not each one
    faded = b'<g><use x="1" style="opacity: 0.5"/><use x="2" style="opacity: 0.5"/></g>'
    assert compact_svg(faded) == faded
    mixed = b'<g><use x="1" style="fill: #000"/><use x="2" style="fill: #fff"/></g>'
    assert compact_svg(mixed) == mixed


def test_compact_svg_keeps_scales_that_two_decimals_would_break():
    glyph = b'<path d="M 0.5 1" transform="scale(0.015625)"/>'
    assert compact_svg(glyph) == b'<path d="M0.5 1" transform="scale(0.015625)"/>'


def test_the_svg_functions_name_the_argument_they_refuse():
    with pytest.raises(TypeError, match="svg must be bytes"):
        compact_svg("<svg/>")
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        render_svg("a picture")


def test_the_library_holds_no_build_machinery_and_no_pyplot():
    package = ROOT / "gdtutor"
    assert not (package / "gallery.py").exists()
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] in {"hooks", "mkdocs", "sybil"} for name in names), (
                f"{module.name} imports {names}: gdtutor is what a learner imports, not the build"
            )
            assert "matplotlib.pyplot" not in names, (
                f"{module.name} imports pyplot: its figures would be pyplot's to keep open"
            )


# --- how pages show figures ---------------------------------------------------------------------


def test_a_figure_is_as_large_as_a_browser_shows_it_in_css_pixels():
    svg = site_svg(small_figure())  # matplotlib: 3 x 2 inches at 72 points an inch
    assert svg_size(svg) == (288, 192)  # 3 x 2 inches at 96 CSS pixels an inch
    box = re.search(rb'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    assert svg_size(svg)[0] / svg_size(svg)[1] == pytest.approx(float(box[1]) / float(box[2]))
    assert image_size(svg) == (288, 192)
    assert svg_size(b'<svg viewBox="0 0 40.4 30.6"/>') == (40, 31)  # no size: its viewBox
    assert svg_size(b'<svg width="2in" height="1cm"/>') == (192, 38)
    buffer = io.BytesIO()
    Image.new("RGB", (7, 3)).save(buffer, format="png")
    assert image_size(buffer.getvalue()) == (7, 3)
    with pytest.raises(ValueError, match="no <svg> element"):
        svg_size(b"<html/>")
    with pytest.raises(ValueError, match="neither a width and height nor a viewBox"):
        svg_size(b"<svg/>")


def test_every_figure_gets_its_size_and_all_but_the_first_load_lazily():
    sizes = {"a.svg": (10, 5), "b.svg": (8, 4), "c.svg": (6, 3)}
    html = (
        '<p><img alt="A" src="a.svg" /></p><img src="logo.png">'
        '<p><img alt="B" src="b.svg" /> <img alt="C" src="c.svg" width="60"></p>'
    )
    shown = show_figures(html, sizes.get)
    assert shown == (
        '<p><img width="10" height="5" alt="A" src="a.svg" /></p><img src="logo.png">'
        '<p><img width="8" height="4" loading="lazy" decoding="async" alt="B" src="b.svg" /> '
        '<img alt="C" src="c.svg" width="60"></p>'  # sized by its page already: left alone
    )
    assert show_figures(shown, sizes.get) == shown
    assert show_figures("<p>No figure</p>", sizes.get) == "<p>No figure</p>"


def test_a_notebooks_inline_figures_become_files_named_by_their_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 2), "red").save(buffer, format="png")
    png = buffer.getvalue()
    data = base64.b64encode(png).decode()
    html = f'<img alt="a" src="data:image/png;base64,{data}"/><a href="data:text/plain,x">x</a>'
    moved, files = notebook_figures(html)
    [(name, content)] = files.items()
    assert re.fullmatch(r"output-[0-9a-f]{16}\.png", name) and content == png
    assert moved == f'<img alt="a" src="{name}"/><a href="data:text/plain,x">x</a>'
    assert notebook_figures(html) == (moved, files)  # the same bytes, the same name


def test_a_page_keeps_only_the_style_rules_that_may_apply_to_it():
    page = '<div class="cell wide"><p class="text">x</p></div>'
    styles = (
        '<style>@charset "UTF-8";'
        ".cell .text{color:red}.toolbar .button{color:blue}"  # no toolbar on the page
        ".cell:not(.toolbar){margin:0}:is(.gone, .cell) p{padding:0}"  # kept: may match
        ".wrapper :root{--unused:1}.cell body{color:red}"  # the root inside an element: never
        "@media (min-width:10em){.button{x:1}.wide{width:100%}}"
        "@media print{.button{x:1}}"  # nothing left in it: dropped
        "@font-face{font-family:f}"  # kept: not a style rule
        ".cell{margin:1px}.text{color:red}.cell{margin:1px}"  # the earlier copy goes
        "</style>"
        "<style>['not css']</style>"
    )
    kept = used_styles(page + styles)
    assert kept == (
        page + "<style>\n"
        ".cell .text{color:red}.cell:not(.toolbar){margin:0}:is(.gone, .cell) p{padding:0}"
        "@media (min-width:10em){.wide{width:100%}}@font-face{font-family:f}"
        ".text{color:red}.cell{margin:1px}\n</style>\n"
    )


# --- the hook's cache ---------------------------------------------------------------------------

PAGE_ONE = page(
    """# One

~~~python
from matplotlib.figure import Figure
fig = Figure()
~~~

![A figure of page one, described in enough words](figures/one-a.svg)
"""
)
PAGE_TWO = page(
    """# Two

~~~python
from matplotlib.figure import Figure
fig = Figure()
~~~

![A figure of page two, described in enough words](figures/two-a.svg)

~~~python
fig = Figure()
~~~

![Another figure of page two, described in enough words](figures/two-b.svg)
"""
)


@pytest.fixture
def hook(monkeypatch, tmp_path):
    """hooks/figures.py, loaded afresh, on a project of two pages with figures and one without,
    its page runs replaced by stand-in bytes and counted.

    The hook drops gdtutor from sys.modules; the modules this test process already imported are
    put back afterwards, so later tests see the classes they were written against.
    """
    for name in [n for n in sys.modules if n == "gdtutor" or n.startswith("gdtutor.")]:
        monkeypatch.setitem(sys.modules, name, sys.modules[name])
    spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "hooks" / "figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.runs = []

    def render(plans):
        module.runs.append(sorted(planned.path for planned in plans.values()))
        futures = {}
        for key, planned in plans.items():
            futures[key] = Future()
            futures[key].set_result(
                {
                    name: f"<svg>{name} {planned.digest()} {module._code_digest}</svg>".encode()
                    for name, _, _ in planned.figures
                }
            )
        return futures

    monkeypatch.setattr(module, "_render", render)
    monkeypatch.setenv("GDTUTOR_BUILD_CACHE", str(tmp_path / "cache"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.md").write_text(PAGE_ONE, "utf-8")
    (tmp_path / "docs" / "two.md").write_text(PAGE_TWO, "utf-8")
    (tmp_path / "docs" / "index.md").write_text("# No figure\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    module.config = load_config(str(tmp_path / "mkdocs.yml"))
    module.config.plugins._current_plugin = "hooks/figures.py"  # as MkDocs sets it for an event
    module.docs = tmp_path / "docs"
    return module


def build(hook) -> dict[str, bytes]:
    config = hook.on_config(hook.config)
    files = hook.on_files(get_files(config), config)
    hook.on_env(None, config, files)
    return {f.src_uri: f.content_bytes for f in files if f.generated_by}


FIGURE_FILES = ["figures/one-a.svg", "figures/two-a.svg", "figures/two-b.svg"]
BOTH = [["docs/one.md", "docs/two.md"]]


def test_the_cache_runs_each_page_once_in_memory_and_on_disk(hook, tmp_path):
    first = build(hook)
    assert hook.runs == BOTH
    assert sorted(first) == FIGURE_FILES
    assert build(hook) == first  # a rebuild of `mkdocs serve`: from memory
    hook._rendered.clear()
    assert build(hook) == first  # a new `mkdocs build`: from .cache/figures
    assert hook.runs == BOTH
    assert len(list((tmp_path / "cache" / "figures").iterdir())) == 2  # one entry per page


def test_editing_prose_runs_no_page_and_editing_code_runs_that_page_only(hook):
    first = build(hook)
    two = hook.docs / "two.md"
    two.write_text(
        PAGE_TWO.replace("# Two", "# Two\n\nA new paragraph.").replace("Another", "One more"),
        "utf-8",
    )
    assert build(hook) == first and hook.runs == BOTH  # prose and alt text: nothing runs
    edited = PAGE_TWO.replace(
        "fig = Figure()\n```\n\n![Another", "fig = Figure(dpi=50)\n```\n\n![Another"
    )
    assert edited != PAGE_TWO
    two.write_text(edited, "utf-8")
    second = build(hook)
    assert hook.runs == [*BOTH, ["docs/two.md"]]
    assert second["figures/one-a.svg"] == first["figures/one-a.svg"]
    assert second["figures/two-b.svg"] != first["figures/two-b.svg"]


def test_editing_any_gdtutor_module_runs_every_page_again(hook, monkeypatch, tmp_path):
    package = tmp_path / "copy" / "gdtutor"
    shutil.copytree(ROOT / "gdtutor", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.syspath_prepend(str(package.parent))
    first = build(hook)
    edited = package / "descent.py"  # a page's figures may depend on any module
    edited.write_text(edited.read_text("utf-8") + "\n# edited\n", "utf-8")
    second = build(hook)
    assert hook.runs == [*BOTH, *BOTH]
    assert first.keys() == second.keys() and all(first[k] != second[k] for k in first)
    assert len(list((tmp_path / "cache" / "figures").iterdir())) == 2  # the stale ones evicted


def test_the_cache_can_be_turned_off_for_a_clean_build(hook, monkeypatch, tmp_path):
    monkeypatch.setenv("GDTUTOR_BUILD_CACHE", "off")
    build(hook)
    hook._rendered.clear()
    build(hook)
    assert hook.runs == [*BOTH, *BOTH]
    assert not (tmp_path / "cache").exists()


def test_a_page_whose_figures_cannot_be_drawn_is_a_build_error(hook, monkeypatch, caplog):
    def render(plans):
        futures = {key: Future() for key in plans}
        for future in futures.values():
            future.set_exception(FigureError("docs/two.md, line 8: figures/two-a.svg has ..."))
        return futures

    monkeypatch.setattr(hook, "_render", render)
    (hook.docs / "three.md").write_text(PAGE_ONE.replace("# One", "# Three"), "utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.figures"):
        build(hook)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert "docs/three.md, line 8: figures/one-a.svg is already shown on docs/one.md" in errors[0]
    assert errors[1:] == ["docs/two.md, line 8: figures/two-a.svg has ..."] * 2  # strict stops


def test_the_notebook_cache_is_keyed_by_the_library_code_too(hook, monkeypatch, tmp_path):
    config = hook.on_config(load_config(str(ROOT / "mkdocs.yml")))
    jupyter = config.plugins["mkdocs-jupyter"].config
    assert jupyter["cache"] is True
    assert jupyter["cache_dir"] == str(
        tmp_path / "cache" / "mkdocs-jupyter" / hook._code_digest[:16]
    )
    monkeypatch.setenv("GDTUTOR_BUILD_CACHE", "off")
    assert hook.on_config(config).plugins["mkdocs-jupyter"].config["cache"] is False
