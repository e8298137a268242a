"""The live explorers (docs/javascripts/explorers.js) in a real browser, moved as a reader would.

Each slider is found by its label, set with Playwright's ``fill`` (which sets the value and fires
``input`` and ``change``, as dragging does) or with the keyboard, and the numbers the page then
shows must equal what ``gdtutor.linear.fit_gradient_descent`` returns for the same settings.
The fixtures ``site_url`` and ``page`` (a strict build served on 127.0.0.1, and a fresh page in
Debian's Chromium that logs problems) are in tests/conftest.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from gdtutor.linear import add_bias, fit_gradient_descent

PAGES = ["explore/", "linear-regression/"]  # the Explore page, and the chapter's embeds
X = np.linspace(-1, 1, 20)

# The sliders of the issue: label, then (min, max, step, default) as the page must offer them.
SLIDERS = {
    "one-parameter": {
        "steps": ("Steps N", ("1", "100", "1", "20")),
        "alpha": ("Learning rate α", ("0.1", "2", "0.05", "1.15")),
        "start1": ("Start θ₁", ("-0.2", "1.2", "0.1", "0")),
    },
    "two-parameter": {
        "steps": ("Steps N", ("2", "20", "1", "15")),
        "alpha": ("Learning rate α", ("0.1", "1", "0.01", "0.7")),
        "true0": ("True θ₀", ("-4", "4", "0.1", "2")),
        "true1": ("True θ₁", ("-4", "4", "0.1", "2")),
        "start0": ("Start θ₀", ("-4", "4", "0.1", "0")),
        "start1": ("Start θ₁", ("-4", "4", "0.1", "0")),
    },
}

# Settings applied one after another to the same explorer; the defaults are checked first.
SETTINGS = {
    "one-parameter": [
        {"steps": "1", "alpha": "2", "start1": "1.2"},  # one step, the largest learning rate
        {"steps": "100", "alpha": "2", "start1": "-0.2"},  # overshooting, the most steps
        {"steps": "100", "alpha": "0.1", "start1": "1.2"},  # creeping
        {"steps": "7", "alpha": "1.35", "start1": "-0.2"},  # next to the one-step rate 1/h
        {"steps": "3", "alpha": "0.55", "start1": "0.5"},  # starting at the answer
    ],
    "two-parameter": [
        {"steps": "2", "alpha": "0.1", "true0": "-4", "true1": "4", "start0": "4", "start1": "-4"},
        {"steps": "20", "alpha": "1", "true0": "2", "true1": "2", "start0": "0", "start1": "0"},
        # at the stability bound, far away: theta0 bounces between -4 and 12
        {"steps": "20", "alpha": "1", "true0": "4", "true1": "-4", "start0": "-4", "start1": "4"},
        {
            "steps": "17",
            "alpha": "0.99",
            "true0": "-3.7",
            "true1": "-2.2",
            "start0": "3.9",
            "start1": "0.3",
        },
        {
            "steps": "9",
            "alpha": "0.5",
            "true0": "0.1",
            "true1": "-0.1",
            "start0": "-4",
            "start1": "-4",
        },
    ],
}
EXPLORERS = list(SLIDERS)
CASES = [(path, kind) for path in PAGES for kind in EXPLORERS]
CASE_IDS = [f"{path.strip('/')}-{kind}" for path, kind in CASES]


def expected(kind: str, values: dict[str, str]) -> dict[str, float]:
    """What gdtutor computes for the explorer's settings (the slider strings, as the page has)."""
    v = {key: float(value) for key, value in values.items()}
    if kind == "one-parameter":
        fit = fit_gradient_descent(
            X.reshape(-1, 1),
            0.5 * X,
            learning_rate=v["alpha"],
            steps=int(v["steps"]),
            start=[v["start1"]],
        )
        return {"theta1": fit.w[0], "cost": fit.costs[-1]}
    y = v["true0"] + v["true1"] * X
    fit = fit_gradient_descent(
        add_bias(X),
        y,
        learning_rate=v["alpha"],
        steps=int(v["steps"]),
        start=[v["start0"], v["start1"]],
    )
    return {"theta0": fit.w[0], "theta1": fit.w[1], "cost": fit.costs[-1]}


def open_explorer(page, site_url: str, path: str, kind: str):
    page.goto(site_url + path)
    explorer = page.locator(f'.gd-explorer[data-explorer="{kind}"]')
    explorer.locator("[data-result=cost]").wait_for()
    return explorer


def slider(explorer, kind: str, key: str):
    """The slider as a reader (or a screen reader) finds it: by its label."""
    return explorer.get_by_role("slider", name=SLIDERS[kind][key][0], exact=True)


def shown(explorer) -> dict[str, float]:
    """The final numbers the explorer shows as text, checked against their exact data-value."""
    numbers = {}
    spans = explorer.locator("[data-result]")
    for index in range(spans.count()):
        span = spans.nth(index)
        text = span.inner_text().replace("−", "-")
        exact = float(span.get_attribute("data-value"))
        assert np.isfinite(exact), f"{span.get_attribute('data-result')} shows {text}"
        assert float(text) == pytest.approx(exact, rel=1e-11, abs=1e-300)
        numbers[span.get_attribute("data-result")] = float(text)
    return numbers


def matches(got: dict[str, float], want: dict[str, float]) -> bool:
    return got.keys() == want.keys() and all(
        got[key] == pytest.approx(want[key], rel=1e-9, abs=1e-12) for key in want
    )


def apply(explorer, kind: str, values: dict[str, str]) -> None:
    for key, value in values.items():
        control = slider(explorer, kind, key)
        control.fill(value)  # sets the value and fires input and change, as a drag does
        # The value display beside the slider is rewritten only by the input handler.
        shown_value = control.locator("xpath=following-sibling::output[1]")
        assert shown_value.inner_text().replace("−", "-") == value


def fitted_lines(explorer) -> int:
    return explorer.locator(".gd-fits line").count()


@pytest.mark.parametrize(("path", "kind"), CASES, ids=CASE_IDS)
def test_explorer_shows_what_gdtutor_computes(page, site_url, path, kind):
    explorer = open_explorer(page, site_url, path, kind)
    defaults = {key: spec[1][3] for key, spec in SLIDERS[kind].items()}
    assert matches(shown(explorer), expected(kind, defaults)), "the defaults disagree"
    for values in SETTINGS[kind]:
        apply(explorer, kind, values)
        got, want = shown(explorer), expected(kind, values)
        assert matches(got, want), f"{values}: the page shows {got}, gdtutor gives {want}"
        steps = int(values["steps"])
        assert explorer.locator(".gd-readout").inner_text().startswith(f"After {steps} step")
        assert fitted_lines(explorer) == steps + 1  # one line per point of the path
        assert explorer.locator(".gd-steps circle").count() == steps  # and the start's square
    assert page.problems == []


@pytest.mark.parametrize(("path", "kind"), CASES, ids=CASE_IDS)
def test_every_slider_is_labelled_with_the_range_of_the_issue(page, site_url, path, kind):
    explorer = open_explorer(page, site_url, path, kind)
    assert explorer.locator("input[type=range]").count() == len(SLIDERS[kind])
    for key, (label, (low, high, step, default)) in SLIDERS[kind].items():
        control = slider(explorer, kind, key)  # fails unless the label names exactly one slider
        assert control.is_visible()
        assert explorer.get_by_text(label, exact=True).is_visible(), f"{label} is not shown"
        attributes = [control.get_attribute(name) for name in ("min", "max", "step")]
        assert attributes == [low, high, step], label
        assert control.input_value() == default, label
        beside = control.locator("xpath=following-sibling::output[1]")
        assert beside.inner_text().replace("−", "-") == default
    for panel in explorer.locator("svg").all():  # every panel says what it shows
        assert panel.get_attribute("role") == "img"
        assert len(panel.get_attribute("aria-label").split()) >= 10
        assert panel.locator("title").text_content() == panel.get_attribute("aria-label")
    assert page.problems == []


@pytest.mark.parametrize("kind", EXPLORERS)
def test_keyboard_moves_a_slider_and_redraws(page, site_url, kind):
    explorer = open_explorer(page, site_url, "explore/", kind)
    values = {key: spec[1][3] for key, spec in SLIDERS[kind].items()}
    before = explorer.locator("svg").first.inner_html()
    steps = slider(explorer, kind, "steps")
    steps.focus()
    page.keyboard.press("ArrowRight")
    values["steps"] = str(int(values["steps"]) + 1)
    assert steps.input_value() == values["steps"]
    assert fitted_lines(explorer) == int(values["steps"]) + 1
    assert explorer.locator("svg").first.inner_html() != before
    assert matches(shown(explorer), expected(kind, values))
    # Tab reaches the learning rate next; Home takes it to its smallest value.
    page.keyboard.press("Tab")
    alpha = slider(explorer, kind, "alpha")
    assert alpha.evaluate("element => element === document.activeElement")
    page.keyboard.press("Home")
    values["alpha"] = "0.1"
    assert alpha.input_value() == values["alpha"]
    assert matches(shown(explorer), expected(kind, values))
    page.keyboard.press("ArrowRight")
    values["alpha"] = "0.11" if kind == "two-parameter" else "0.15"
    assert alpha.input_value() == values["alpha"]
    assert matches(shown(explorer), expected(kind, values))
    assert page.problems == []


def test_the_path_stays_inside_the_contour_panel_when_it_swings_wide(page, site_url):
    explorer = open_explorer(page, site_url, "explore/", "two-parameter")
    apply(explorer, "two-parameter", SETTINGS["two-parameter"][2])  # theta0 reaches 12
    inside = (
        explorer.locator("svg")
        .nth(1)
        .evaluate(
            """svg => {
            const frame = svg.querySelector(".gd-frame").getBoundingClientRect();
            return [...svg.querySelectorAll(".gd-steps circle, .gd-steps rect, .gd-minimum")]
                .map(mark => mark.getBoundingClientRect())
                .every(box => box.left >= frame.left - 8 && box.right <= frame.right + 8
                              && box.top >= frame.top - 8 && box.bottom <= frame.bottom + 8);
        }"""
        )
    )
    assert inside, "part of the path is drawn outside the panel"


def test_explorers_start_after_instant_navigation(page, site_url):
    # Material swaps pages without reloading scripts; the explorers must still set themselves up.
    open_explorer(page, site_url, "explore/", "one-parameter")
    page.evaluate("window.stillTheSameDocument = true")
    # Material makes the links absolute; the first one in the article is in the intro.
    page.locator("article a[href$='/linear-regression/']").first.click()
    page.wait_for_url(site_url + "linear-regression/")
    for kind in EXPLORERS:
        explorer = page.locator(f'.gd-explorer[data-explorer="{kind}"]')
        explorer.locator("[data-result=cost]").wait_for()
        defaults = {key: spec[1][3] for key, spec in SLIDERS[kind].items()}
        assert matches(shown(explorer), expected(kind, defaults))
    assert page.evaluate("window.stillTheSameDocument === true"), "the page was reloaded"
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(element => element.id)")
    assert len(ids) == len(set(ids)), "two elements share an id"
    assert page.problems == []


def test_dark_mode_recolours_the_panels(page, site_url):
    explorer = open_explorer(page, site_url, "explore/", "two-parameter")
    colours = """root => [".gd-fits line", ".gd-points circle", ".gd-steps line", "svg text"]
        .map(selector => {
            const style = getComputedStyle(root.querySelector(selector));
            const filled = selector === "svg text" || selector.endsWith("circle");
            return filled ? style.fill : style.stroke;
        })"""
    light = explorer.evaluate(colours)
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    dark = explorer.evaluate(colours)
    assert all(a != b for a, b in zip(light, dark, strict=True)), (light, dark)
    assert page.problems == []
