"""The live explorers (docs/javascripts/explorers.js) in a real browser, moved as a reader would.

Each slider is found by its label, set with Playwright's ``fill`` (which sets the value and fires
``input`` and ``change``, as dragging does) or with the keyboard, and the numbers the page then
shows must equal what ``gdtutor.linear.fit_gradient_descent`` returns for the same settings; past
the stability bound, where it may raise ``DivergenceError``, the page must say so at the same step
and show the run the error carries, and nothing drawn may be NaN, infinite or far off the panel.
Each page is loaded once, and every check runs on that load as a subtest named after it. The
fixtures ``site_url`` and ``page`` (a strict build, and a fresh page in Debian's Chromium that
shows it and logs problems) are in tests/conftest.py.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from gdtutor import DivergenceError
from gdtutor.linear import add_bias, fit_gradient_descent, mse_hessian

X = np.linspace(-1, 1, 20)
# The stability bounds 2 / largest curvature: the learning-rate sliders must go past them.
ONE_BOUND = 2 / mse_hessian(X.reshape(-1, 1))[0, 0]  # 2.714
TWO_BOUND = 2 / np.max(np.linalg.eigvalsh(mse_hessian(add_bias(X))))  # 1.0
CURVATURES = {  # the eigenvalues of the Hessians: every step multiplies by 1 - alpha * these
    "one-parameter": np.linalg.eigvalsh(mse_hessian(X.reshape(-1, 1))),
    "two-parameter": np.linalg.eigvalsh(mse_hessian(add_bias(X))),
}

# The sliders of the issue: label, then (min, max, step, default) as the page must offer them.
SLIDERS = {
    "one-parameter": {
        "steps": ("Steps N", ("1", "100", "1", "20")),
        "alpha": ("Learning rate α", ("0.1", "3.5", "0.05", "1.15")),
        "start1": ("Start θ₁", ("-0.2", "1.2", "0.1", "0")),
    },
    "two-parameter": {
        "steps": ("Steps N", ("2", "20", "1", "15")),
        "alpha": ("Learning rate α", ("0.1", "1.5", "0.01", "0.7")),
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
        # past the bound 2/h = 2.714
        {"steps": "100", "alpha": "2.7", "start1": "1.2"},  # just below: shrinking slowly
        {"steps": "100", "alpha": "2.75", "start1": "1.2"},  # just above: growing slowly
        {"steps": "100", "alpha": "2.8", "start1": "0"},  # grows to -228, no error
        {"steps": "100", "alpha": "3", "start1": "0"},  # grows to -9.9e7: no error yet
        {"steps": "100", "alpha": "3.1", "start1": "-0.2"},  # the smallest that raises: step 94
        {"steps": "100", "alpha": "3.5", "start1": "1.2"},  # raises at step 52, limit 1.2e+10
        {"steps": "100", "alpha": "3.5", "start1": "0.5"},  # at the answer: never moves
        {"steps": "37", "alpha": "3.5", "start1": "0"},  # stops short of the error
        # costs at the level of rounding: about 1e-31, and 2.9e-15
        {"steps": "43", "alpha": "0.75", "start1": "0"},
        {"steps": "78", "alpha": "0.25", "start1": "-0.2"},
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
        # past the bound 1.0: theta0 zig-zags outwards while theta1 still settles
        {"steps": "20", "alpha": "1.01", "true0": "2", "true1": "2", "start0": "0", "start1": "0"},
        {"steps": "15", "alpha": "1.2", "true0": "2", "true1": "2", "start0": "0", "start1": "0"},
        # the farthest the sliders reach: theta0 about 8.4e6 after 20 steps, still no error
        {"steps": "20", "alpha": "1.5", "true0": "4", "true1": "4", "start0": "-4", "start1": "-4"},
        {"steps": "20", "alpha": "1.5", "true0": "-4", "true1": "4", "start0": "4", "start1": "4"},
        # theta0 starts at the minimum: only rounding errors move it, and past the bound they grow
        {
            "steps": "19",
            "alpha": "1.49",
            "true0": "-1.4",
            "true1": "2.7",
            "start0": "-1.4",
            "start1": "1.7",
        },
        # the edge of stability after 4 steps: theta0 is 0 up to rounding
        {"steps": "4", "alpha": "1", "true0": "2", "true1": "2", "start0": "0", "start1": "0"},
    ],
}
EXPLORERS = list(SLIDERS)


def gdtutor_run(kind: str, values: dict[str, str]):
    """gdtutor's run for the explorer's settings (the slider strings, as the page has them), and
    its DivergenceError, or None when it raised none (the run is then the one in the error)."""
    v = {key: float(value) for key, value in values.items()}
    if kind == "one-parameter":
        X_, y, start = X.reshape(-1, 1), 0.5 * X, [v["start1"]]
    else:
        X_, y, start = add_bias(X), v["true0"] + v["true1"] * X, [v["start0"], v["start1"]]
    try:
        fit = fit_gradient_descent(
            X_, y, learning_rate=v["alpha"], steps=int(v["steps"]), start=start
        )
    except DivergenceError as error:
        return error.result, error
    return fit, None


def expected(kind: str, values: dict[str, str]) -> dict[str, float]:
    """The final numbers gdtutor gives for the explorer's settings (for a run that diverged, the
    last step of the run its DivergenceError carries)."""
    fit, _ = gdtutor_run(kind, values)
    names = ["theta1"] if kind == "one-parameter" else ["theta0", "theta1"]
    return {**dict(zip(names, fit.w, strict=True)), "cost": fit.costs[-1]}


def in_reach(kind: str, values: dict[str, str], fit) -> bool:
    """Whether the whole run is as near the minimum as the panels follow it (explorers.js's
    reach: 3 for theta1, 12 for each of theta0 and theta1)."""
    if kind == "one-parameter":
        return bool(np.all(np.abs(fit.path - 0.5) <= 3))
    truth = [float(values["true0"]), float(values["true1"])]
    return bool(np.all(np.abs(fit.path - truth) <= 12))


def explorer_on(page, kind: str):
    """The explorer of this kind on the page, once it has drawn."""
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


def matches(got: dict[str, float], kind: str, values: dict[str, str]) -> bool:
    """Whether the numbers shown are gdtutor's as closely as docs/explore.md says ("The data and
    the rule"): to 11 significant digits, or, below the stability bound, within a few times
    1e-15 for a parameter and 1e-18 for a cost (the rounding error of adding up in another
    order); at the bound these add up over the steps, past it each step multiplies them by the
    largest factor |1 - alpha * curvature|."""
    fit, _ = gdtutor_run(kind, values)
    want = expected(kind, values)
    factor = np.max(np.abs(1 - float(values["alpha"]) * CURVATURES[kind]))
    growth = fit.steps if np.isclose(factor, 1) else max(1.0, factor) ** fit.steps
    rounding = {key: (1e-18 if key == "cost" else 5e-15) * growth for key in want}
    return got.keys() == want.keys() and all(
        got[key] == pytest.approx(want[key], rel=1e-11, abs=rounding[key]) for key in want
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


# Every number the explorer drew: finite, and close to its panel (a segment of a run that blew up
# is clipped to the panel before it is drawn); no NaN or Infinity in any text.
DRAWN_SANELY = """root => {
    const problems = [];
    for (const svg of root.querySelectorAll("svg")) {
        const frame = svg.querySelector(".gd-frame").getBoundingClientRect();
        for (const node of svg.querySelectorAll("*")) {
            for (const attribute of node.attributes) {
                const numbers = attribute.value.match(/-?[0-9.]+(e[-+]?[0-9]+)?|NaN|Infinity/g);
                if (["d", "points", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width",
                     "height", "transform"].includes(attribute.name))
                    for (const n of numbers || [])
                        if (!(Math.abs(Number(n)) < 2000))
                            problems.push(`${node.tagName} ${attribute.name}=${attribute.value}`);
            }
        }
        for (const mark of svg.querySelectorAll(".gd-steps circle, .gd-steps rect, .gd-minimum")) {
            const box = mark.getBoundingClientRect();
            if (box.left < frame.left - 8 || box.right > frame.right + 8
                || box.top < frame.top - 8 || box.bottom > frame.bottom + 8)
                problems.push(`a ${mark.tagName} outside the panel`);
        }
    }
    if (/NaN|Infinity/.test(root.textContent)) problems.push("NaN or Infinity in the text");
    return problems;
}"""


def drawn_sanely(explorer) -> list[str]:
    return explorer.evaluate(DRAWN_SANELY)


def defaults(kind: str) -> dict[str, str]:
    return {key: spec[1][3] for key, spec in SLIDERS[kind].items()}


def check_every_slider_is_labelled_with_the_range_of_the_issue(explorer, kind: str) -> None:
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


def check_keyboard_moves_a_slider_and_redraws(page, explorer, kind: str) -> None:
    """From the defaults: the arrow keys, Tab, Home and End, as a keyboard user moves them."""
    values = defaults(kind)
    before = explorer.locator("svg").first.inner_html()
    steps = slider(explorer, kind, "steps")
    steps.focus()
    page.keyboard.press("ArrowRight")
    values["steps"] = str(int(values["steps"]) + 1)
    assert steps.input_value() == values["steps"]
    assert fitted_lines(explorer) == int(values["steps"]) + 1
    assert explorer.locator("svg").first.inner_html() != before
    assert matches(shown(explorer), kind, values)
    # Tab reaches the learning rate next; Home takes it to its smallest value.
    page.keyboard.press("Tab")
    alpha = slider(explorer, kind, "alpha")
    assert alpha.evaluate("element => element === document.activeElement")
    page.keyboard.press("Home")
    values["alpha"] = "0.1"
    assert alpha.input_value() == values["alpha"]
    assert matches(shown(explorer), kind, values)
    page.keyboard.press("ArrowRight")
    values["alpha"] = "0.11" if kind == "two-parameter" else "0.15"
    assert alpha.input_value() == values["alpha"]
    assert matches(shown(explorer), kind, values)
    # End: the largest learning rate, past the stability bound.
    page.keyboard.press("End")
    values["alpha"] = SLIDERS[kind]["alpha"][1][1]
    assert alpha.input_value() == values["alpha"]
    assert matches(shown(explorer), kind, values)
    assert drawn_sanely(explorer) == []


def check_every_setting_shows_what_gdtutor_computes(explorer, kind: str) -> None:
    """SETTINGS one after another; at each, nothing drawn off its panel (DRAWN_SANELY), so also
    the contour panel's path when it swings wide (two-parameter SETTINGS[2]: theta0 reaches 12)."""
    for values in SETTINGS[kind]:
        apply(explorer, kind, values)
        got, want = shown(explorer), expected(kind, values)
        assert matches(got, kind, values), f"{values}: the page shows {got}, gdtutor gives {want}"
        fit, error = gdtutor_run(kind, values)
        readout = explorer.locator(".gd-readout").inner_text()
        if error is None:
            assert readout.startswith(f"After {fit.steps} step"), readout
        else:  # the step gdtutor reports, and its reason, in its words
            assert readout.startswith(f"Diverged at step {fit.steps}: "), readout
            reason = re.search(r"the parameters grew past \S+ in size", str(error))[0]
            assert reason in readout and "DivergenceError" in readout, (readout, str(error))
        assert drawn_sanely(explorer) == [], values
        if in_reach(kind, values, fit):  # all in view: a line per point, a dot per step
            assert fitted_lines(explorer) == fit.steps + 1
            assert explorer.locator(".gd-steps circle").count() == fit.steps  # and the square
        else:  # a run that left the panels: no more marks than that (none outside, see above)
            assert fitted_lines(explorer) <= fit.steps + 1
            assert explorer.locator(".gd-steps circle").count() <= fit.steps


def check_the_explorers(page, subtests) -> None:
    """Every check of each explorer on the loaded page, in an order that needs no reload: what
    needs the defaults first, then the keyboard, then SETTINGS (each sets every slider)."""
    for kind in EXPLORERS:
        explorer = explorer_on(page, kind)
        with subtests.test(f"{kind}: every slider is labelled with the range of the issue"):
            check_every_slider_is_labelled_with_the_range_of_the_issue(explorer, kind)
        with subtests.test(f"{kind}: the defaults show what gdtutor computes"):
            assert matches(shown(explorer), kind, defaults(kind)), "the defaults disagree"
        with subtests.test(f"{kind}: the keyboard moves a slider and redraws"):
            check_keyboard_moves_a_slider_and_redraws(page, explorer, kind)
        with subtests.test(f"{kind}: every setting shows what gdtutor computes"):
            check_every_setting_shows_what_gdtutor_computes(explorer, kind)


def test_the_sliders_go_past_the_stability_bounds_and_the_settings_do_too():
    for kind, bound in [("one-parameter", ONE_BOUND), ("two-parameter", TWO_BOUND)]:
        assert float(SLIDERS[kind]["alpha"][1][1]) > 1.25 * bound
        past = [values for values in SETTINGS[kind] if float(values["alpha"]) > bound]
        assert len(past) >= 4, kind
    raised = [gdtutor_run("one-parameter", values)[1] for values in SETTINGS["one-parameter"]]
    assert sum(error is not None for error in raised) >= 2  # the page must say "Diverged"


def test_the_chapter_embeds_both_explorers(page, site_url, subtests):
    page.goto(site_url + "linear-regression/")
    check_the_explorers(page, subtests)
    with subtests.test("no error or failed request"):
        assert page.problems == []


def test_the_explore_page(page, site_url, subtests):
    page.goto(site_url + "explore/")
    check_the_explorers(page, subtests)
    with subtests.test("dark mode recolours the panels"):
        explorer = explorer_on(page, "two-parameter")
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
    with subtests.test("the explorers start after instant navigation"):
        # Material swaps pages without reloading scripts; the explorers must still set
        # themselves up.
        page.evaluate("window.stillTheSameDocument = true")
        # The explorers of this page are marked, so the checks below read the new page's.
        page.evaluate("document.querySelectorAll('.gd-explorer').forEach(e => e.dataset.left = 1)")
        # Material makes the links absolute; the first one in the article is in the intro.
        page.locator("article a[href$='/linear-regression/']").first.click()
        page.wait_for_url(site_url + "linear-regression/")
        page.wait_for_function(
            "document.querySelectorAll('.gd-explorer').length > 0"
            " && !document.querySelector('.gd-explorer[data-left]')"
        )
        for kind in EXPLORERS:
            assert matches(shown(explorer_on(page, kind)), kind, defaults(kind)), kind
        assert page.evaluate("window.stillTheSameDocument === true"), "the page was reloaded"
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(element => element.id)")
        assert len(ids) == len(set(ids)), "two elements share an id"
    with subtests.test("no error or failed request"):
        assert page.problems == []
