"""Every page of the built site, in a real browser (Debian's Chromium, driven by Playwright).

A reader's view of each page: nothing fails or errors, nothing is fetched from another host,
every image loads and is described, maths is typeset rather than shown as TeX, the light/dark
toggle really changes the colours, the copy button copies exactly the code the tests run, and
axe-core finds no accessibility violation.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.markdown_pages import DOCS, ROOT, visible_blocks

MARKDOWN = sorted(DOCS.rglob("*.md"))
NOTEBOOKS = sorted((DOCS / "notebooks").glob("*.ipynb"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TEX = re.compile(r"\\[A-Za-z]{2,}|\\[()[\]]|\$\$")


def url_path(source: Path) -> str:
    """Where MkDocs (use_directory_urls) publishes a page: docs/a.md -> a/, docs/index.md -> ''."""
    relative = source.relative_to(DOCS).with_suffix("")
    return "" if relative.name == "index" else f"{relative.as_posix()}/"


SOURCES = MARKDOWN + NOTEBOOKS
PATHS = [url_path(source) for source in SOURCES]


def open_page(page, site_url: str, path: str):
    page.goto(site_url + path, wait_until="networkidle")
    # Material adds the copy buttons and wires the toggle once its bundle has run.
    page.wait_for_function("typeof document$ === 'object'")
    return page


def test_every_built_page_is_checked(built_sites):
    built = {
        "" if p.parent == built_sites[0] else f"{p.parent.relative_to(built_sites[0]).as_posix()}/"
        for p in built_sites[0].rglob("index.html")
    }
    assert built == set(PATHS), "a page was added without a source these tests know about"


@pytest.mark.parametrize("path", PATHS, ids=[p or "home" for p in PATHS])
def test_page_loads_cleanly_offline(page, site_url, path):
    open_page(page, site_url, path)
    images = page.evaluate(
        """async () => {
            const found = [];
            for (const img of document.querySelectorAll("img")) {
                img.scrollIntoView();  // lazy images load only when near the viewport
                try { await img.decode(); } catch (error) {}
                found.push({src: img.getAttribute("src"), width: img.naturalWidth,
                            alt: (img.getAttribute("alt") || "").trim()});
            }
            return found;
        }"""
    )
    for image in images:
        assert image["width"] > 0, f"{image['src'][:80]} did not load"
        assert image["alt"], f"{image['src'][:80]} has no alt text"
    assert page.problems == []


@pytest.mark.parametrize("source", MARKDOWN, ids=[p.name for p in MARKDOWN])
def test_maths_is_typeset_not_shown_as_tex(page, site_url, source):
    open_page(page, site_url, url_path(source))
    prose = page.evaluate(
        """() => {
            const article = document.querySelector("article").cloneNode(true);
            article.querySelectorAll("pre, code, math").forEach(node => node.remove());
            return article.innerText;
        }"""
    )
    assert TEX.findall(prose) == [], "TeX left visible on the page"
    if "$" in source.read_text("utf-8"):
        widths = page.evaluate(
            "() => [...document.querySelectorAll('article math')]"
            ".map(m => m.getBoundingClientRect().width)"
        )
        assert widths and min(widths) > 0, "maths is missing or not laid out"


def test_dark_and_light_toggle_changes_the_colours(page, site_url):
    open_page(page, site_url, "")
    palette = "() => [document.body.dataset.mdColorScheme, getComputedStyle(document.body).color]"
    light = page.evaluate(palette)
    assert light[0] == "default"
    page.get_by_title("Switch to dark mode").click()
    dark = page.evaluate(palette)
    assert dark[0] == "slate" and dark[1] != light[1]
    page.get_by_title("Switch to light mode").click()
    assert page.evaluate(palette) == light
    assert page.problems == []


@pytest.mark.parametrize("source", [p for p in MARKDOWN if visible_blocks(p)], ids=lambda p: p.name)
def test_copy_button_copies_exactly_the_code_that_is_tested(page, site_url, source):
    # The blocks the page tests run (and run pasted into a fresh python, in test_site.py) are
    # these sources; so if the copy button gives them back verbatim, what a reader copies runs.
    open_page(page, site_url, url_path(source))
    copied = []
    blocks = page.locator("article div.language-python")
    for index in range(blocks.count()):
        block = blocks.nth(index)
        closed = block.locator("xpath=ancestor::details[not(@open)]")
        for summary in range(closed.count()):  # open a collapsed solution as a reader would
            closed.nth(summary).locator("summary").first.click()
        block.hover()
        block.locator("button[data-md-type=copy]").click()
        copied.append(page.evaluate("navigator.clipboard.readText()"))
    expected = [source_code.rstrip() for _, source_code, _ in visible_blocks(source)]
    assert copied == expected
    assert page.problems == []


@pytest.mark.parametrize("path", PATHS, ids=[p or "home" for p in PATHS])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(page, site_url, path, scheme):
    if not AXE.exists():
        message = f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make install does)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    page.emulate_media(color_scheme=scheme)
    open_page(page, site_url, path)
    if scheme == "dark":
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => `${v.id} (${v.impact}): ${v.help} -- ${v.nodes.length} node(s), e.g. `
                      + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "))"""
    )
    assert violations == []
