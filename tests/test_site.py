"""Whole-site checks: pages paste-run and draw the site's figures, figures are described, builds
are offline."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
import zipfile
from html import unescape
from pathlib import Path

import pytest
import yaml

from hooks import figure_build, pages, wheel
from tests.conftest import EDIT_URI, REPO_URL, SITE_URL, home_page_commands, quiet_env
from tests.markdown_pages import (
    DOCS,
    ROOT,
    matches,
    normalise,
    unbacked_numbers,
    uncollected_fences,
    visible_blocks,
)

PAGES = sorted(DOCS.rglob("*.md"))
PAGE_IDS = [str(page.relative_to(DOCS)) for page in PAGES]
FIGURES = {image.name: page for page in PAGES for image in pages.parse(page).figures}

# Types a page's visible blocks, line by line, into an interactive console in a fresh interpreter,
# as a reader pasting them into `python` does: no conftest, no check blocks, and the console's
# rules (a compound statement ends at a blank line; a bare expression echoes its value). At each
# figure's image it renders `fig` as the site build does and notes the bytes' digest. Every
# warning is an error, as in the page tests: set here, not with `python -W error`, which also
# turns on pyparsing's grammar diagnostics, and matplotlib 3.8's maths parser trips those.
PASTE_DRIVER = """
import warnings
warnings.simplefilter("error")
import code, contextlib, hashlib, io, json, sys
from tests.markdown_pages import TRACEBACK_HEAD, normalise
with open(sys.argv[1], encoding="utf-8") as file:
    paste = json.load(file)
console = code.InteractiveConsole(locals={"__name__": "__main__"})
shown, figures = [], {}
for count, (_, source, _) in enumerate(paste["blocks"], start=1):
    errors, printed = [], io.StringIO()
    console.write = errors.append
    with contextlib.redirect_stdout(printed):
        for line in [*source.splitlines(), ""]:  # the Enter after the paste ends a last statement
            console.push(line)
    text = printed.getvalue()
    if errors:
        last = "".join(errors).strip().splitlines()[-1]
        text = f"{text}\\n{TRACEBACK_HEAD}\\n{last}"
    shown.append(normalise(text))
    for name, after in paste["figures"]:
        if after == count:
            from hooks.figure_build import site_svg
            svg = site_svg(console.locals["fig"])
            figures[name] = hashlib.sha256(svg).hexdigest()
where = getattr(sys.modules.get("gdtutor"), "__file__", None)
print(json.dumps({"shown": shown, "figures": figures, "gdtutor": where}))
"""


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_python_fence_is_run(page):
    assert uncollected_fences(page) == [], (
        f"{page.name}: these lines open a Python-looking fence the tests would skip; "
        "write ```python (attributes after it are fine)"
    )


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_number_in_the_prose_is_printed_or_checked(page):
    assert unbacked_numbers(page) == [], (
        f"{page.name}: these (line, number) pairs of the prose appear in no python, output or "
        "check block of the page; print them in a block above, or assert them in a check block"
    )


@pytest.mark.parametrize("page", [p for p in PAGES if visible_blocks(p)], ids=lambda p: p.name)
def test_page_runs_the_same_pasted_into_a_fresh_python_and_draws_the_sites_figures(
    page, tmp_path, built_sites, learner
):
    """The learner's path: the blocks typed into a console of a fresh virtual environment that
    the home page's install commands set up from the served site (tests/conftest.py, learner)."""
    blocks = visible_blocks(page)
    plan = figure_build.plan(pages.parse(page))
    figures = [(name, after) for name, _, after in plan.figures] if plan else []
    paste = pasted(blocks, tmp_path, figures, learner["python"], learner["tools"])
    if paste["gdtutor"]:  # the installed wheel, not the source tree
        venv = Path(learner["python"]).parent.parent
        assert Path(paste["gdtutor"]).is_relative_to(venv), paste["gdtutor"]
    for (line, _, expected), got in zip(blocks, paste["shown"], strict=True):
        assert matches(normalise(expected or ""), got), (
            f"{page.name}, block at line {line}, pasted into a fresh python, printed:\n{got}"
        )
    # The figures the site shows: the files of the first clean build.
    folder = built_sites[0] / page.parent.relative_to(DOCS) / "figures"
    built = {
        name: hashlib.sha256((folder / f"{name}.svg").read_bytes()).hexdigest()
        for name, _ in figures
    }
    assert paste["figures"] == built, (
        f"{page.name}: `fig` at these images, pasted, draws other figures than the site shows: "
        f"{sorted(name for name in built if paste['figures'].get(name) != built[name])}"
    )


def test_the_paste_run_follows_the_consoles_rules(tmp_path):
    loop_then_print = "for i in range(2):\n    x = i\nprint(x)"  # needs a blank line in a console
    echo = "len('abc')"  # a bare expression echoes its value
    shown = pasted([(1, loop_then_print, None), (5, echo, None)], tmp_path)["shown"]
    assert shown[0].endswith("SyntaxError: invalid syntax") and shown[1] == "3"
    fixed = pasted([(1, loop_then_print.replace("\nprint", "\n\nprint"), None)], tmp_path)
    assert fixed["shown"] == ["1"]
    warned = pasted([(1, "import warnings\nwarnings.warn('careful')", None)], tmp_path)
    assert warned["shown"][0].endswith("UserWarning: careful"), "a warning must be an error"


def test_the_paste_run_renders_fig_at_each_image_as_the_build_does(tmp_path):
    make = "from matplotlib.figure import Figure\nfig = Figure()\nfig.subplots().plot([0, 1])"
    redraw = "fig = Figure()\nfig.subplots().plot([1, 0])"
    paste = pasted([(1, make, None), (6, redraw, None)], tmp_path, [("up", 1), ("down", 2)])
    page = f"```python\n{make}\n```\n\n![up](figures/up.svg)\n\n```python\n{redraw}\n```\n"
    page += "\n![down](figures/down.svg)\n"
    built = figure_build.page_figures("page.md", page)
    assert paste["figures"] == {
        name: hashlib.sha256(svg).hexdigest() for name, svg in built.items()
    }
    assert paste["figures"]["up"] != paste["figures"]["down"]


def pasted(blocks, tmp_path, figures=(), python=sys.executable, path=ROOT) -> dict:
    """What each block shows when the blocks are typed into one fresh console of ``python``, in
    order, and the digest of ``fig`` rendered for each (name, after how many blocks) of
    ``figures``. ``path`` is where the driver finds ``hooks`` and ``tests``."""
    source = tmp_path / "blocks.json"
    source.write_text(json.dumps({"blocks": blocks, "figures": figures}), encoding="utf-8")
    run = subprocess.run(
        [str(python), "-c", PASTE_DRIVER, str(source)],
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        env=quiet_env(PYTHONPATH=str(path)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_image_has_meaningful_alt_text(page):
    for image in pages.parse(page).images:
        alt = image.alt.strip()
        assert len(alt.split()) >= 8, (
            f"{page.name}: describe what {image.src} shows in its alt text"
        )
        assert Path(image.src).stem not in alt, f"{page.name}: alt text is the file name"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_no_placeholder_is_left_for_the_reader_to_fill_in(page):
    placeholders = re.findall(
        r"<(?:this|your|the|my) [\w ]+>|\b(?:TODO|FIXME|XXX)\b", page.read_text()
    )
    assert placeholders == [], f"{page.name}: write what the reader should type, not {placeholders}"


def test_nothing_generated_is_kept_in_docs():
    generated = [p for p in DOCS.rglob("*") if p.suffix in {".svg", ".png", ".ipynb"}]
    notebooks_ok = [p for p in generated if p.suffix == ".ipynb" and "notebooks" in p.parts]
    assert sorted(set(generated) - set(notebooks_ok)) == []


def test_site_configuration_is_strict_and_offline():
    # mkdocs.yml uses !ENV tags; read it with a loader that accepts any tag.
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=loader)
    assert config["strict"] is True
    assert config["theme"]["font"] is False
    checks = [v for group in config["validation"].values() for v in group.values()]
    assert checks and set(checks) == {"warn"}, (
        "strict mode turns every validation warning into a failure"
    )
    jupyter = next(
        p["mkdocs-jupyter"]
        for p in config["plugins"]
        if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    assert jupyter["allow_errors"] is False
    assert all(pattern.endswith(".ipynb") for pattern in jupyter["include"])


def test_strict_build_renders_every_figure_identically_twice(built_sites):
    first, second = built_sites
    assert len(FIGURES) >= 20, "the pages' figures were not found"
    for site in built_sites:  # every figure a page shows, and no other
        assert sorted(p.stem for p in (site / "figures").iterdir()) == sorted(FIGURES)
    for name in FIGURES:
        one, two = (site / "figures" / f"{name}.svg" for site in built_sites)
        assert one.read_bytes() == two.read_bytes(), f"{name} differs between two builds"
        assert one.read_bytes().startswith(b"<?xml") and b"<dc:date>" not in one.read_bytes()


def test_strict_build_writes_every_download_identically_twice(built_sites):
    """The notebooks (hooks/notebooks.py) and the wheel (hooks/wheel.py)."""
    first, second = built_sites
    downloads = sorted(p.relative_to(first) for p in (first / "downloads").glob("*"))
    assert {p.suffix for p in downloads} == {".ipynb", ".whl"}, downloads
    assert downloads == sorted(p.relative_to(second) for p in (second / "downloads").glob("*"))
    for path in downloads:
        one, two = (site / path for site in built_sites)
        assert one.read_bytes() == two.read_bytes(), f"{path} differs between two builds"


def test_every_page_and_the_package_say_how_they_may_be_reused():
    """MIT for the code, CC BY 4.0 for the text and figures: LICENSE files, package metadata, and
    the footer of every page (test_built_pages_need_no_network_and_show_no_raw_tex)."""
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License\n\nCopyright (c) 2026")
    cc = (ROOT / "LICENSE-CC-BY-4.0").read_text("utf-8")
    assert cc.startswith("Creative Commons Attribution 4.0 International") and len(cc) > 15000
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]


def test_built_pages_need_no_network_and_show_no_raw_tex(built_sites):
    site = built_sites[0]
    for html in site.rglob("*.html"):
        text, where = html.read_text("utf-8"), html.relative_to(site)
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', text)
        # Links a reader may follow are fine; nothing the page loads may come from elsewhere.
        loaded = [url for url in external if re.search(r"\.(js|css|woff2?|ttf|svg|png)(\?|$)", url)]
        assert loaded == [], f"{where} loads {loaded}"
        assert 'class="arithmatex"' not in text, f"{where}: TeX left unconverted"
        licence = "MIT License; text and figures under CC BY 4.0"
        assert licence in text.partition('class="md-copyright"')[2], f"{where}: no licence line"
        # A check block that Markdown failed to read as a comment (inside a box, say) shows
        # its code to the reader as a paragraph.
        assert "&lt;!-- invisible-code-block" not in text, f"{where} shows a check block as text"
        assert not re.search(
            r"\\\(|\\\[", re.sub(r"<(pre|code)[^>]*>.*?</\1>", "", text, flags=re.S)
        ), f"{where}: raw TeX outside the page body (maths in a heading reaches the TOC as TeX)"
    chapter = (site / "one-dimension" / "index.html").read_text("utf-8")
    assert chapter.count("<math") > 20


def test_the_home_page_and_every_chapter_show_one_command_that_installs_the_published_wheel(
    built_sites,
):
    site = built_sites[0]
    url = wheel.wheel_url(SITE_URL, wheel.wheel_name())
    command = f"python -m pip install {url}"
    assert home_page_commands(site) == [command, "python -m pip install scikit-learn"]
    boxes = 0
    for page in PAGES:
        text = page.read_text("utf-8")
        if '!!! info "Before you start"' in text:
            boxes += 1
            box = text.split('!!! info "Before you start"')[1].split("\n\n")[0]
            assert wheel.MARKER in box, f"{page.name}: the box does not show the install command"
            built = site / page.relative_to(DOCS).with_suffix("") / "index.html"
            assert command in built.read_text("utf-8"), built
    assert boxes >= 12
    # The wheel is this checkout's package: every module, the licence, the dependencies.
    with zipfile.ZipFile(site / url.removeprefix(SITE_URL)) as published:
        names = published.namelist()
        modules = sorted(n for n in names if n.startswith("gdtutor/"))
        assert modules == sorted(
            p.relative_to(ROOT).as_posix() for p in (ROOT / "gdtutor").glob("*.py")
        )
        for name in modules:
            assert published.read(name) == (ROOT / name).read_bytes(), name
        metadata = published.read(next(n for n in names if n.endswith("/METADATA"))).decode()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "License-Expression: MIT" in metadata
    assert f"Requires-Python: {project['requires-python']}" in metadata
    for requirement in project["dependencies"]:
        assert f"Requires-Dist: {requirement}" in metadata


def test_every_page_links_its_source_without_asking_github_for_anything(built_sites):
    """With REPO_URL and EDIT_URI set, as the workflows set them: the header links the
    repository (a plain link: Material's repository widget would call api.github.com, which the
    browser tests would catch), and each page has an "Edit this page" button to its source."""
    site = built_sites[0]
    sources = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    sources += sorted(p.relative_to(DOCS).as_posix() for p in (DOCS / "notebooks").glob("*.ipynb"))
    for src in sources:
        folder = src.rsplit(".", 1)[0].removesuffix("index")
        text = (site / folder / "index.html").read_text("utf-8")
        assert f'href="{REPO_URL}/{EDIT_URI}{src}"' in text and 'rel="edit"' in text, src
        assert f'<a href="{REPO_URL}" title="Go to repository" class="md-source">' in text, src
        assert 'data-md-component="source"' not in text, src


def test_nothing_on_the_built_site_is_a_placeholder(built_sites):
    """No ``<this repository>``-style text for the reader to fill in, and no marker a hook
    should have replaced (``{{ name }}``, as hooks/wheel.py's), on any page, in the search index
    or a notebook. (An f-string's ``{{x}}`` in code is not one.)"""
    site = built_sites[0]
    outputs = [*site.rglob("*.html"), *site.rglob("*.ipynb"), site / "search" / "search_index.json"]
    for path in outputs:
        text = path.read_text("utf-8")
        found = re.findall(r"(?:<|&lt;)(?:this|your|the|my) [\w ]+(?:>|&gt;)|\{\{ \w+ \}\}", text)
        assert found == [], f"{path.relative_to(site)}: {found}"


def visible_text(path: Path) -> str:
    """What a file of the site says: HTML without its tags, a notebook's or the search index's
    JSON strings, unescaped."""
    text = path.read_text("utf-8")
    if path.suffix in {".json", ".ipynb"}:
        text = "\n".join(strings(json.loads(text)))
    return unescape(re.sub(r"<[^>]+>", "", text))


def strings(value) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in strings(item)] if isinstance(value, list) else []


def solution_samples(page: Path) -> list[list[str]]:
    """For each solution on the page, lines of its code that no page shows outside a solution."""
    text = page.read_text("utf-8")
    spans = pages.solutions(text)
    outside = "\n".join(pages.without_solutions(p.read_text("utf-8")) for p in PAGES)
    samples = []
    for start, end in spans:
        code = [block.source for block in pages.parse(page).blocks if start <= block.start < end]
        lines = {line.strip() for source in code for line in source.splitlines()}
        # Not the check's import: the notebooks' check cells carry it in both editions.
        lines.discard("from gdtutor.exercises import check")
        samples.append(sorted(s for s in lines if len(s) >= 25 and s not in outside))
    return samples


def test_the_instructors_edition_leaves_out_every_solution_and_keeps_the_checks(
    built_sites, instructor_site
):
    """`make site SOLUTIONS=off`: no solution's code in any page, the search index or a
    notebook; the figures only solutions show are gone; the exercises and their checks stay.
    The same samples are found in the readers' edition, so the test can fail."""
    readers, instructors = built_sites[0], instructor_site
    said = {
        site: "\n".join(
            visible_text(path)
            for path in [*site.rglob("*.html"), *site.rglob("*.ipynb"), *site.rglob("*.json")]
        )
        for site in (readers, instructors)
    }
    solved = 0
    for page in PAGES:
        text = page.read_text("utf-8")
        for samples in solution_samples(page):
            solved += 1
            assert samples, f"{page.name}: a solution with no code to recognise it by"
            assert all(s in said[readers] for s in samples), f"{page.name}: {samples}"
            left = [s for s in samples if s in said[instructors]]
            assert left == [], f"{page.name}: the instructor's edition shows {left}"
        for call in re.findall(r'`(check\("[\w-]+", \d+[^`]*)`', text):
            built = instructors / page.stem.removesuffix("index") / "index.html"
            assert call in visible_text(built), f"{page.name}: {call} is gone"
        for start, end in pages.solutions(text):
            for image in pages.parse(page).figures:
                if start <= image.start < end:
                    assert (readers / "figures" / f"{image.name}.svg").is_file()
                    assert not (instructors / "figures" / f"{image.name}.svg").exists()
    assert solved >= 38


# --- every page fast (issue 15): Lighthouse's findings, checked on the built site --------------

FIGURE_SRC = re.compile(r'src="((?:[^"]*/)?figures/[\w-]+\.svg|output-[0-9a-f]{16}\.png)"')


def tag_attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found[1] if found else None


def test_figures_keep_their_place_and_all_but_a_pages_first_load_lazily(built_sites):
    """Each figure's <img> has the width and height of its file (an SVG's viewBox is in points,
    4/3 of a CSS pixel), so nothing moves when it arrives; after a page's first, figures load
    only near the viewport and decode off the main thread."""
    from io import BytesIO

    from PIL import Image

    site, shown = built_sites[0], set()
    for path in sorted(site.rglob("index.html")):
        html = path.read_text("utf-8")
        figures = [tag for tag in re.findall(r"<img\b[^>]*>", html) if FIGURE_SRC.search(tag)]
        for index, tag in enumerate(figures):
            file = (path.parent / FIGURE_SRC.search(tag)[1]).resolve()
            data = file.read_bytes()
            if file.suffix == ".svg":
                root = re.search(rb"<svg\b[^>]*>", data)[0].decode()
                box = [float(v) for v in tag_attribute(root, "viewBox").split()]
                natural = (box[2] * 4 / 3, box[3] * 4 / 3)
                shown.add(file.stem)
            else:
                with Image.open(BytesIO(data)) as image:
                    natural = image.size
            where = f"{path.relative_to(site)}, {file.name}"
            size = (int(tag_attribute(tag, "width")), int(tag_attribute(tag, "height")))
            assert all(abs(a - b) <= 0.5 for a, b in zip(size, natural, strict=True)), where
            lazy = (tag_attribute(tag, "loading"), tag_attribute(tag, "decoding"))
            assert lazy == ((None, None) if index == 0 else ("lazy", "async")), where
    assert shown == set(FIGURES), "a figure of the site is not shown as the hook shows figures"


def test_the_notebook_page_holds_no_inline_figure_and_only_the_styles_it_uses(built_sites):
    """mkdocs-jupyter puts the notebook's figures (data: URIs) and all of JupyterLab's style sheet
    (about 600 KB) into the page; the build moves the figures into files and keeps only the
    rules that can apply: each kept rule has a selector whose jp- classes are all on the page
    (outside :not() and the like)."""
    import gzip

    html = (built_sites[0] / "notebooks" / "explorers" / "index.html").read_text("utf-8")
    assert re.findall(r'<img\b[^>]*src="data:', html) == []
    assert len(re.findall(r'<img\b[^>]*src="output-[0-9a-f]{16}\.png"', html)) == 2
    styles = "".join(re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.DOTALL))
    assert 1_000 < len(styles) < 100_000
    classes = {name for value in re.findall(r'\sclass="([^"]*)"', html) for name in value.split()}
    for group in re.findall(r"([^{}@;]+)\{", re.sub(r"@[^{};]*\{", "", styles)):
        while re.search(r"\([^()]*\)", group):
            group = re.sub(r"\([^()]*\)", "", group)
        needs = [set(re.findall(r"\.(jp-[\w-]+)", part)) for part in group.split(",")]
        assert any(need <= classes for need in needs), f"a rule for nothing here: {group.strip()}"
    assert len(gzip.compress(html.encode())) < 40_000  # it was 260 KB


def test_no_page_waits_for_a_script_before_it_shows(built_sites):
    """Every script a page loads is deferred (the theme's bundle by overrides/main.html, the
    site's own by mkdocs.yml): they run once the page is parsed, in order, the bundle (which
    defines document$) first, never before the page's first paint."""
    site, bundles = built_sites[0], 0
    for path in sorted(site.rglob("*.html")):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", path.read_text("utf-8"))
        for tag in tags:
            assert re.search(r"\sdefer[\s>=]", tag), f"{path.relative_to(site)}: {tag}"
        sources = [re.search(r'src="([^"]*)"', tag)[1] for tag in tags]
        if sources:
            assert re.search(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", sources[0])
            bundles += 1
    assert bundles >= len(PAGES)


def test_only_the_api_reference_waits_for_mkdocstrings_style_sheet(built_sites):
    """A style sheet a page links holds up its first paint: mkdocstrings' is linked only from the
    pages that show an API entry (the reference's module pages), which need it."""
    site, linking = built_sites[0], set()
    for path in sorted(site.rglob("index.html")):
        html = path.read_text("utf-8")
        links = re.search(r'<link rel="stylesheet" href="[^"]*_mkdocstrings\.css">', html)
        assert bool(links) == ('class="doc ' in html), path.relative_to(site)
        if links:
            linking.add(path.parent.parent.name)
    assert linking == {"reference"}
