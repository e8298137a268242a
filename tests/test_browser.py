"""Every page of the built site, in a real browser (Debian's Chromium, driven by Playwright).

A reader's view of each page, loaded once, with every check a subtest named after it: nothing
fails or errors, nothing is fetched from another host, every image loads and is described, maths
is typeset rather than shown as TeX, axe-core finds no accessibility violation in the light and
in the dark palette, the light/dark toggle really changes the colours, and each copy button
copies exactly the code the tests run (a console example: its code alone, no prompts, no output).
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
    if relative.name == "index":
        relative = relative.parent
    return "" if relative == Path(".") else f"{relative.as_posix()}/"


SOURCES = MARKDOWN + NOTEBOOKS
PATHS = [url_path(source) for source in SOURCES]


def copied_from_console(shown: str) -> str:
    """What the copy button of a console (``>>>``) block copies. While Material reads the code's
    text it marks it ``data-md-copying``, and extra.css then hides the prompts and the output:
    each prompted line loses its prompt, each output line is left empty, and Material drops
    the blank lines at the end."""
    lines = [line[4:] if line.startswith((">>> ", "... ")) else "" for line in shown.splitlines()]
    return "\n".join(lines).rstrip()


def open_page(page, site_url: str, path: str):
    page.goto(site_url + path)  # until "load"; requests after it are checked at the end
    # Material adds the copy buttons and wires the toggle once its bundle has run.
    page.wait_for_function("typeof document$ === 'object'")
    return page


def test_every_built_page_is_checked(built_sites):
    built = {
        "" if p.parent == built_sites[0] else f"{p.parent.relative_to(built_sites[0]).as_posix()}/"
        for p in built_sites[0].rglob("index.html")
    }
    assert built == set(PATHS), "a page was added without a source these tests know about"


def images_missing_or_undescribed(page) -> list[str]:
    images = page.evaluate(
        """async () => {
            const found = [];
            for (const img of document.querySelectorAll("img")) {
                // Lazy images load only when shown near the viewport: open the boxes around one
                // (a solution's figure), and close them again, as axe checks the page after this.
                const closed = [];
                for (let box = img.closest("details:not([open])"); box;
                     box = box.parentElement.closest("details:not([open])")) {
                    box.open = true;
                    closed.push(box);
                }
                img.scrollIntoView();
                try { await img.decode(); } catch (error) {}
                closed.forEach((box) => { box.open = false; });
                found.push({src: img.getAttribute("src"), width: img.naturalWidth,
                            alt: (img.getAttribute("alt") || "").trim()});
            }
            window.scrollTo(0, 0);
            return found;
        }"""
    )
    return [f"{image['src'][:80]} did not load" for image in images if image["width"] == 0] + [
        f"{image['src'][:80]} has no alt text" for image in images if not image["alt"]
    ]


def visible_tex(page) -> list[str]:
    prose = page.evaluate(
        """() => {
            const article = document.querySelector("article").cloneNode(true);
            article.querySelectorAll("pre, code, math").forEach(node => node.remove());
            return article.innerText;
        }"""
    )
    return TEX.findall(prose)


# The rules whose result can change with the palette: only colours change between the two (the
# same DOM, the same names, roles and structure, which the light palette's full run checks).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Rules the full run checks although a later axe-core turns them off by default: 4.11.0 runs
# this one; 4.14.1 marks it deprecated and skips it unless asked. Asking keeps every rule
# checked today checked after an upgrade (axe-core 4.14 runs color-contrast twice as fast).
ALSO_ENABLED = {"landmark-complementary-is-top-level": {"enabled": True}}


# Blocks that extra.css lets the browser skip while far from the viewport (content-visibility:
# auto) have no real geometry and may keep an earlier palette's computed colours: axe-core then
# reports contrast it cannot see (dequelabs/axe-core#2768), and innerText reads them as empty.
# A reader sees a block only once it is near the viewport, rendered; so the page's accessibility
# and what its blocks show are checked with every block rendered, as a reader finds each one.
RENDER_EVERY_BLOCK = "* { content-visibility: visible !important; }"


def render_every_block(page) -> None:
    if not page.evaluate("!!document.getElementById('render-every-block')"):
        page.add_style_tag(content=RENDER_EVERY_BLOCK)
        page.evaluate("document.head.lastElementChild.id = 'render-every-block'")


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    render_every_block(page)
    if not AXE.exists():
        message = f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make install does)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    if not page.evaluate("typeof axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([rules, also]) => (await axe.run(document, Object.assign(
                {resultTypes: ["violations"]},
                rules ? {runOnly: {type: "rule", values: rules}} : {rules: also}))).violations
            .map(v => `${v.id} (${v.impact}): ${v.help} -- ${v.nodes.length} node(s), e.g. `
                      + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "))""",
        [rules, ALSO_ENABLED],
    )


PALETTE = "() => [document.body.dataset.mdColorScheme, getComputedStyle(document.body).color]"


def switch_palette(page, title: str, scheme: str) -> list[str]:
    """Click the header's palette toggle as a reader does (with the system preference to match),
    and return the palette it leaves: [Material's scheme, the text colour]."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.get_by_title(title).click()
    page.wait_for_function(
        f"document.body.dataset.mdColorScheme === '{scheme}'"
        " && !document.body.hasAttribute('data-md-color-switching')"
    )
    page.mouse.move(0, 0)  # off the toggle: no hover state left for axe to see
    return page.evaluate(PALETTE)


# Clicks each copy button of the blocks that match a selector, in order, after opening the
# solution boxes around it, and reads what the click put on the clipboard (emptied before each
# click, so a button that copies nothing shows). The click is dispatched in the page, to the
# button's own handler, as a reader's click is: one round trip for all of a page's buttons.
COPY_EACH = """async (selector) => {
    const copied = [];
    for (const block of document.querySelectorAll(selector)) {
        for (let box = block.closest("details"); box; box = box.parentElement.closest("details")) {
            box.open = true;
        }
        // Material adds a block's buttons when it first comes into view (content.lazy).
        block.scrollIntoView();
        const copy = "button[data-md-type=copy]";
        for (let frame = 0; frame < 120 && !block.querySelector(copy); frame++) {
            await new Promise(requestAnimationFrame);
        }
        // On a busy machine the emptying write can land after the button's copy: a click that
        // leaves the clipboard empty is tried again, up to three times in all.
        let text = "";
        for (let attempt = 0; attempt < 3 && !text; attempt++) {
            await navigator.clipboard.writeText("");
            await new Promise(requestAnimationFrame);
            block.querySelector(copy).click();
            text = await navigator.clipboard.readText();
        }
        copied.push(text);
    }
    return copied;
}"""


def copy_mismatches(page, source: Path) -> list[str]:
    """The copy buttons that do not copy exactly the tested code. The blocks the page tests run
    (and run pasted into a fresh python, in test_site.py) are its visible blocks; the console
    examples of the API reference are run by sybil and pasted in test_reference.py."""
    found = []
    got = page.evaluate(COPY_EACH, "article div.language-python:not(.doc-signature)")
    expected = [source_code.rstrip() for _, source_code, _ in visible_blocks(source)]
    if got != expected:
        found.append(f"python blocks copy {got}, the page's tests run {expected}")
    texts = page.evaluate(COPY_EACH, "article div.language-pycon")
    render_every_block(page)
    shown = page.locator("article div.language-pycon code").all_inner_texts()
    for index, (text, code) in enumerate(zip(texts, shown, strict=True), start=1):
        if text != copied_from_console(code) or ">>>" in text or not text:
            found.append(f"console block {index} copies {text!r}, shows {code!r}")
    return found


@pytest.mark.parametrize("source", SOURCES, ids=[p or "home" for p in PATHS])
def test_page_in_the_browser(page, site_url, subtests, source):
    markdown = source.suffix == ".md"
    open_page(page, site_url, url_path(source))
    with subtests.test("every image loads and has alt text"):
        assert images_missing_or_undescribed(page) == []
    with subtests.test("loads cleanly offline: no error, failed or foreign request"):
        assert page.problems == []
    seen = len(page.problems)
    if markdown:  # (a notebook's outputs may hold backslashes that are not TeX)
        with subtests.test("maths is typeset, not shown as TeX"):
            assert visible_tex(page) == [], "TeX left visible on the page"
            if "$" in source.read_text("utf-8"):
                widths = page.evaluate(
                    "() => [...document.querySelectorAll('article math')]"
                    ".map(m => m.getBoundingClientRect().width)"
                )
                assert widths and min(widths) > 0, "maths is missing or not laid out"
    with subtests.test("no accessibility violations, light palette"):
        assert axe_violations(page) == []
    light = page.evaluate(PALETTE)
    with subtests.test("the toggle switches to the dark palette"):
        assert light[0] == "default"
        dark = switch_palette(page, "Switch to dark mode", "slate")
        assert dark[0] == "slate" and dark[1] != light[1]
    with subtests.test("no accessibility violations, dark palette"):
        assert page.evaluate(PALETTE)[0] == "slate"
        assert axe_violations(page, COLOUR_RULES) == []
    with subtests.test("the toggle switches back to the light palette"):
        assert switch_palette(page, "Switch to light mode", "default") == light
    if markdown:
        with subtests.test("copy buttons copy exactly the code that is tested"):
            assert copy_mismatches(page, source) == []
    with subtests.test("no error or failed request while checking"):
        assert page.problems[seen:] == []


# The last code block of a long chapter outside its solutions: whether the browser renders its
# text yet or skips it (content-visibility, extra.css), whether it has its copy button yet
# (content.lazy, mkdocs.yml) and that button's name (docs/javascripts/a11y.js).
LAST_CODE = """[...document.querySelectorAll("article pre > code")]
    .filter(code => !code.closest("details")).pop()"""
LAST_BLOCK = f"""() => {{
    const code = {LAST_CODE};
    const nav = code.closest("pre").querySelector(".md-code__nav");
    return {{rendered: code.firstElementChild.checkVisibility({{contentVisibilityAuto: true}}),
             button: !!nav, named: !!nav && /^Code block \\d+ actions$/.test(nav.ariaLabel)}};
}}"""


def test_code_far_down_a_page_is_laid_out_and_given_buttons_only_as_it_comes_into_view(
    page, site_url
):
    open_page(page, site_url, "adaptive/")
    assert page.evaluate(LAST_BLOCK) == {"rendered": False, "button": False, "named": False}
    page.evaluate(f"() => {LAST_CODE}.scrollIntoView()")
    page.wait_for_function(f"({LAST_BLOCK})().named")
    assert page.evaluate(LAST_BLOCK) == {"rendered": True, "button": True, "named": True}


# The maths font (hooks/mathfont.py, docs/stylesheets/extra.css): the formulas are drawn with it,
# and it lays them out as a maths font does. The chapter on linear regression has all four kinds.
FONT_PAGE = "linear-regression/"
FORMULAS = """() => {
    const blocks = [...document.querySelectorAll("article math[display=block]")];
    const first = test => blocks.find(test);
    return {
        sum: first(m => m.querySelector("munderover") && !m.querySelector("mfrac")),
        fraction: first(m => m.querySelector("mfrac") && m.querySelector("munderover")),
        matrix: first(m => m.querySelectorAll("mtable").length >= 2),
        hat: [...document.querySelectorAll("article p math")].find(
            m => m.querySelector("mover[accent=true]")),
    };
}"""
GEOMETRY = """(formulas) => {
    const box = e => e.getBoundingClientRect().toJSON();
    const [sum, under, over] = formulas.sum.querySelector("munderover").children;
    const fraction = formulas.fraction.querySelector("mfrac").children;
    const matrices = [...formulas.matrix.querySelectorAll("mtable")].map(table => ({
        table: box(table),
        fences: [box(table.previousElementSibling), box(table.nextElementSibling)],
    }));
    const [letter, accent] = formulas.hat.querySelector("mover[accent=true]").children;
    return {
        em: parseFloat(getComputedStyle(sum).fontSize),
        sum: box(sum), under: box(under), over: box(over),
        numerator: box(fraction[0]), denominator: box(fraction[1]),
        matrices, letter: box(letter), accent: box(accent),
    };
}"""


def layout_faults(geometry: dict) -> list[str]:
    """What in the formulas' boxes shows maths laid out without a maths font."""
    g, faults = geometry, []
    if g["sum"]["height"] < 1.3 * g["em"]:
        faults.append(f"the displayed ∑ is text-sized: {g['sum']['height']:.1f}px")
    if g["under"]["top"] < g["sum"]["bottom"] + 1 or g["over"]["bottom"] > g["sum"]["top"] - 1:
        faults.append("the sum's limits touch it")
    for limit in ("under", "over"):
        if abs(centre(g[limit]) - centre(g["sum"])) > 1:
            faults.append(f"the {limit} limit is not centred on the sum")
    if g["numerator"]["bottom"] > g["denominator"]["top"] or (
        abs(centre(g["numerator"]) - centre(g["denominator"])) > 1
    ):
        faults.append("the fraction's numerator is not centred over its denominator")
    for n, matrix in enumerate(g["matrices"], start=1):
        height = matrix["table"]["height"]
        for fence in matrix["fences"]:
            if not height <= fence["height"] <= 1.25 * height:
                faults.append(f"matrix {n}: a bracket {fence['height']:.0f}px for {height:.0f}px")
    if g["accent"]["height"] > 0.3 * g["em"] or g["accent"]["bottom"] > g["letter"]["top"] + 1:
        faults.append(f"the hat is a tall caret: {g['accent']['height']:.1f}px, not an accent")
    return faults


def centre(box: dict) -> float:
    return box["x"] + box["width"] / 2


def fonts_drawing(page, selector: str) -> set[tuple[str, bool]]:
    """(family, is a web font) of every font Chromium drew the text of ``selector``'s elements
    with, as DevTools reports it: the font really used, glyph by glyph, not the CSS asked for."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    used = {
        (font["familyName"], font["isCustomFont"])
        for node in nodes
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    }
    cdp.detach()
    return used


def test_formulas_are_drawn_and_laid_out_with_the_served_maths_font(page, site_url, tmp_path):
    """A sum with limits, a fraction, matrices and a hat, in both palettes: drawn with the font the
    site serves (requested, loaded, the one Chromium used), laid out by its MATH table. The
    screenshots are left in this test's temporary folder."""
    from hooks import mathfont

    fetched = []
    page.on("response", lambda r: r.url.endswith(mathfont.FONT_NAME) and fetched.append(r))
    open_page(page, site_url, FONT_PAGE)
    page.evaluate("document.fonts.ready")
    assert [(r.url, r.status) for r in fetched] == [(site_url + mathfont.FONT_PATH, 200)]
    faces = page.evaluate(
        "[...document.fonts].map(f => [f.family.replaceAll('\"', ''), f.status, f.display])"
    )
    assert [mathfont.FAMILY, "loaded", "swap"] in faces
    assert page.evaluate(f"document.fonts.check('16px \"{mathfont.FAMILY}\"', '∑𝑥')")
    families = page.evaluate(
        "[...new Set([...document.querySelectorAll('article math')]"
        ".map(m => getComputedStyle(m).fontFamily))]"
    )
    assert families == [f'"{mathfont.FAMILY}", math']
    formulas = page.evaluate_handle(FORMULAS)
    page.evaluate(
        "(f) => Object.values(f).forEach(m => m.querySelectorAll('*').forEach("
        "e => e.setAttribute('data-checked', '')))",
        formulas,
    )
    assert fonts_drawing(page, "[data-checked]") == {(mathfont.FAMILY, True)}
    assert layout_faults(page.evaluate(GEOMETRY, formulas)) == []

    colours = {}
    for scheme, title in (("default", None), ("slate", "Switch to dark mode")):
        if title:
            switch_palette(page, title, scheme)
        colours[scheme] = page.evaluate(
            "(f) => [getComputedStyle(f.sum).color, getComputedStyle(document.body).color]",
            formulas,
        )
        for name in ("sum", "fraction", "matrix", "hat"):
            element = formulas.get_property(name).as_element()
            element.scroll_into_view_if_needed()
            element.screenshot(path=tmp_path / f"{name}-{scheme}.png")
    # The maths takes the text's colour in each palette, so it changes with it.
    assert colours["default"][0] == colours["default"][1] != colours["slate"][0]
    assert colours["slate"][0] == colours["slate"][1]
    assert page.problems == []


@pytest.mark.parametrize("source", SOURCES, ids=[p or "home" for p in PATHS])
def test_every_formula_is_drawn_entirely_with_the_served_maths_font(page, site_url, source):
    """No character of any formula falls back to another font: the subset has every glyph the
    page's maths needs, as Chromium draws it (one element of each kind and text is asked)."""
    from hooks import mathfont

    open_page(page, site_url, url_path(source))
    render_every_block(page)  # what a reader sees of each formula once it is in view
    page.evaluate("document.fonts.ready")
    kinds = page.evaluate(
        """() => {
            const seen = new Set();
            for (const e of document.querySelectorAll("math mi, math mo, math mn, math mtext")) {
                const kind = e.localName + e.textContent + e.getAttribute("mathvariant");
                if (!seen.has(kind)) { seen.add(kind); e.setAttribute("data-checked", ""); }
            }
            return seen.size;
        }"""
    )
    if not kinds:
        pytest.skip("no maths on this page")
    assert fonts_drawing(page, "[data-checked]") == {(mathfont.FAMILY, True)}
