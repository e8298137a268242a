"""The live explorers (docs/javascripts/explorers.js) in a real browser, moved as a reader would.

Each slider is found by its label, set with Playwright's ``fill`` (which sets the value and fires
``input`` and ``change``, as dragging does) or with the keyboard, and the numbers the page then
shows must equal what ``gdtutor.linear.fit_gradient_descent`` returns for the same settings; past
the stability bound, where it may raise ``DivergenceError``, the page must say so at the same step
and show the run the error carries, and nothing drawn may be NaN, infinite or far off the panel.
The momentum explorer (docs/explore.md only) is checked the same way against
``gradient_descent(..., update=Momentum(beta))``, with its settings applied and read back in one
call into the page, and its redraw at the largest settings is timed.
Each page is loaded once, and every check runs on that load as a subtest named after it. The
fixtures ``site_url`` and ``page`` (a strict build, and a fresh page in Debian's Chromium that
shows it and logs problems) are in tests/conftest.py.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from gdtutor import DivergenceError, gradient_descent
from gdtutor.linear import add_bias, fit_gradient_descent, mse_hessian
from gdtutor.optimizers import Momentum
from tests.markdown_pages import DOCS

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
    """The explorer of this kind on the page, once it has drawn: scrolled to, as it is set up only
    when it nears the viewport."""
    explorer = page.locator(f'.gd-explorer[data-explorer="{kind}"]')
    explorer.scroll_into_view_if_needed()
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


# ---- the momentum explorer ---------------------------------------------------------------------


def js_number(text: str) -> str:
    """A decimal as JavaScript's String(Number(text)) writes it (the shortest form, as Python's
    repr, but "5" for 5.0)."""
    shortest = repr(float(text))
    return shortest.removesuffix(".0")


# The log-scale sliders step through these decimals (explorers.js: KAPPAS, ETAS); the input's
# value is the position in the list, and the text beside it the decimal.
KAPPAS = [
    js_number(f"{m}e{e}") for e in (-1, 0, 1) for m in (10, 12, 15, 20, 25, 30, 40, 50, 60, 80)
] + ["1000"]
ETAS = [js_number(f"{m}e{e}") for e in (-4, -3, -2) for m in range(10, 100)] + [
    js_number(f"{m}e-1") for m in range(10, 51)
]
# label, then (min, max, step, default) of the input; a list slider's default is the decimal.
MOMENTUM_SLIDERS = {
    "steps": ("Steps N", ("1", "300", "1", "100")),
    "kappa": ("Condition number κ", KAPPAS, "100"),
    "eta": ("Learning rate η", ETAS, "0.033"),
    "beta": ("Momentum β", ("0", "0.99", "0.01", "0.67")),
    "start1": ("Start w₁", ("-2", "2", "0.1", "-2")),
    "start2": ("Start w₂", ("-2", "2", "0.1", "1")),
}
MOMENTUM_DEFAULTS = {
    key: spec[2] if len(spec) == 3 else spec[1][3] for key, spec in MOMENTUM_SLIDERS.items()
}


def momentum(**changes: str) -> dict[str, str]:
    """A setting: the defaults with some sliders moved (as the page shows their values)."""
    return {**MOMENTUM_DEFAULTS, **changes}


MOMENTUM_SETTINGS = [
    momentum(),
    momentum(beta="0", eta="0.019"),  # plain gradient descent at its best slider position
    momentum(beta="0.9"),  # too much momentum: swings along the valley
    momentum(beta="0.99", eta="0.001", steps="300"),
    momentum(steps="1", kappa="1", eta="1", beta="0", start1="2", start2="1"),  # to 0 in a step
    momentum(steps="300", kappa="1", eta="0.9", beta="0", start1="2", start2="-1.3"),  # to 1e-300
    momentum(start1="0", start2="0"),  # at the minimum: the cost is 0 throughout
    momentum(start1="-1.7", start2="0"),  # on the valley floor
    momentum(start1="0", start2="2", kappa="12", eta="0.2", beta="0.3"),
    momentum(kappa="1000", eta="0.0037", beta="0.88", steps="300"),  # tuned for 1000, rounded
    momentum(kappa="1000", eta="0.0036", beta="0.88", steps="300"),
    momentum(kappa="1.2", eta="0.91", beta="0", start1="2", start2="2"),
    momentum(kappa="2.5", eta="0.6", beta="0.05", start1="-0.3", start2="1.9", steps="7"),
    momentum(kappa="400", eta="0.009", beta="0.82", start1="1.1", start2="-0.4", steps="250"),
    # past the bound 2(1 + beta)/kappa
    momentum(eta="0.034"),  # grows to 2.4e6 in 100 steps, no error
    momentum(eta="0.035"),  # DivergenceError at step 82
    momentum(eta="0.035", steps="82"),  # ... the last step
    momentum(eta="0.035", steps="81"),  # ... one step short of it: no error
    momentum(eta="0.035", beta="0.9"),  # under the bound of beta = 0.9: converges
    momentum(kappa="1000", eta="0.0038", beta="0.88", steps="300"),  # DivergenceError at 146
    momentum(kappa="1000", eta="5", beta="0", start1="2", start2="-2"),  # the fastest blow-up
    momentum(kappa="1000", eta="5", beta="0.99", start1="-2", start2="-2", steps="300"),
    momentum(kappa="1", eta="5", beta="0.99", steps="300"),  # bound 3.98
    momentum(kappa="1", eta="4", beta="0.99", steps="300"),  # just past it: grows slowly
    momentum(kappa="1", eta="3.9", beta="0.99", steps="300"),  # just below it
    momentum(kappa="1", eta="2", beta="0", steps="300", start1="1.5", start2="-0.5"),  # at it
    momentum(kappa="80", eta="0.09", beta="0.4", start1="0.1", start2="0.1", steps="300"),
]
# Settings no one chose: every slider at a random position, past the bound or not.
_RANDOM = np.random.default_rng(20240607)
MOMENTUM_SETTINGS += [
    {
        "steps": str(_RANDOM.integers(1, 301)),
        "kappa": str(_RANDOM.choice(KAPPAS)),
        "eta": str(_RANDOM.choice(ETAS)),
        "beta": js_number(f"{_RANDOM.integers(0, 100)}e-2"),
        "start1": js_number(f"{_RANDOM.integers(-20, 21)}e-1"),
        "start2": js_number(f"{_RANDOM.integers(-20, 21)}e-1"),
    }
    for _ in range(24)
]


def momentum_run(values: dict[str, str]):
    """What docs/explore.md's momentum_bowl returns for the explorer's settings, and its
    DivergenceError (None when it raised none; the run is then the one the error carries)."""
    v = {key: float(value) for key, value in values.items()}
    kappa = v["kappa"]
    curvatures = np.array([1.0, kappa])
    try:
        fit = gradient_descent(
            lambda w: curvatures * w,
            [v["start1"], v["start2"]],
            v["eta"],
            int(v["steps"]),
            cost=lambda w: (w[0] ** 2 + kappa * w[1] ** 2) / 2,
            update=Momentum(v["beta"]),
        )
    except DivergenceError as error:
        return error.result, error
    return fit, None


def momentum_matches(got: dict[str, float], fit) -> bool:
    """The explorer's final numbers are gdtutor's to 1e-9 relative, however small (the two do the
    same operations in the same order: w comes out as the same doubles, J within a rounding
    error, since numpy's w**2 can differ from w*w in the last bit)."""
    want = {"w1": fit.w[0], "w2": fit.w[1], "cost": fit.costs[-1]}
    return got.keys() == want.keys() and all(
        got[key] == pytest.approx(want[key], rel=1e-9, abs=0.0) for key in want
    )


def input_value(key: str, shown_value: str) -> str:
    """The input's value for a slider's shown value: a list slider's value is the position."""
    spec = MOMENTUM_SLIDERS[key]
    return str(spec[1].index(shown_value)) if len(spec) == 3 else shown_value


# Applies each setting as a reader would, one slider at a time (an input event each, as a drag
# fires), and reads back what the explorer then shows: one call for all the settings.
APPLY_AND_READ = (
    """(root, settings) => {
    const drawnSanely = """
    + DRAWN_SANELY
    + """;
    const results = [];
    for (const setting of settings) {
        for (const [name, value] of Object.entries(setting)) {
            const input = root.querySelector(`input[name="${name}"]`);
            input.value = value;
            input.dispatchEvent(new Event("input", { bubbles: true }));
        }
        const svgs = [...root.querySelectorAll("svg")];
        results.push({
            inputs: Object.fromEntries([...root.querySelectorAll("input")].map(
                (i) => [i.name, [i.value, i.nextElementSibling.textContent,
                                 i.getAttribute("aria-valuetext")]])),
            readout: root.querySelector(".gd-readout").textContent,
            values: Object.fromEntries([...root.querySelectorAll("[data-result]")].map(
                (s) => [s.dataset.result, [s.dataset.value, s.textContent]])),
            labels: svgs.map((svg) => [svg.getAttribute("aria-label"),
                                       svg.querySelector("title").textContent]),
            dots: svgs[0].querySelectorAll(".gd-steps circle").length,
            problems: drawnSanely(root),
        });
    }
    return results;
}"""
)


# The redraw at the largest settings (κ 1000, 300 steps, momentum swinging all the way): moving
# the β slider back and forth, each move timed from the input event to the end of the layout it
# forces (the run, the SVG rebuilt, style and layout; not the paint).
def momentum_checked(result: dict, values: dict[str, str]) -> list[str]:
    """What disagrees between what the explorer shows for a setting and what gdtutor computes."""
    problems = []
    fit, error = momentum_run(values)
    for key, shown_value in values.items():
        value, beside, valuetext = result["inputs"][key]
        if value != input_value(key, shown_value) or beside.replace("−", "-") != shown_value:
            problems.append(f"{key} shows {beside} (input value {value}), not {shown_value}")
        if len(MOMENTUM_SLIDERS[key]) == 3 and valuetext != shown_value:
            problems.append(f"{key}: aria-valuetext {valuetext}, not {shown_value}")
    got = {}
    for key, (exact, text) in result["values"].items():
        got[key] = float(exact)
        if not np.isfinite(got[key]):
            problems.append(f"{key} is {text}")
        elif float(text.replace("−", "-")) != pytest.approx(got[key], rel=1e-11, abs=1e-300):
            problems.append(f"{key} shows {text} for {exact}")
    if not momentum_matches(got, fit):
        want = [fit.w[0], fit.w[1], fit.costs[-1]]
        problems.append(f"the explorer shows {got}, gdtutor gives {want}")
    readout = result["readout"]
    if error is None and not readout.startswith(f"After {fit.steps} step"):
        problems.append(f"gdtutor took {fit.steps} steps without an error: {readout}")
    if error is not None:  # the step gdtutor reports, its reason in its words, and its engine
        reason = re.search(r"the parameters grew past \S+ in size", str(error))[0]
        if not readout.startswith(f"Diverged at step {fit.steps}: {reason}, where ") or (
            "gradient_descent raises a DivergenceError" not in readout
        ):
            problems.append(f"gdtutor: {error}; the explorer: {readout}")
    for label, title in result["labels"]:  # each panel says what it shows
        if label != title or len(label.split()) < 10:
            problems.append(f"a panel is described as {label!r}, titled {title!r}")
    if error is not None and "diverged at step" not in result["labels"][1][0]:
        problems.append(f"the cost panel does not say the run diverged: {result['labels'][1][0]}")
    reach = 8  # explorers.js: the panel follows the path up to 8 from the minimum
    if np.all(np.abs(fit.path) <= reach) and result["dots"] != fit.steps:  # a dot per step
        problems.append(f"{result['dots']} dots for {fit.steps} steps")
    if result["dots"] > fit.steps:
        problems.append(f"{result['dots']} dots for {fit.steps} steps")
    return problems + result["problems"]


def check_the_momentum_sliders(explorer) -> None:
    assert explorer.locator("input[type=range]").count() == len(MOMENTUM_SLIDERS)
    for key, (label, *spec) in MOMENTUM_SLIDERS.items():
        control = explorer.get_by_role("slider", name=label, exact=True)
        assert control.is_visible() and control.get_attribute("name") == key
        assert explorer.get_by_text(label, exact=True).is_visible(), f"{label} is not shown"
        attributes = [control.get_attribute(name) for name in ("min", "max", "step")]
        if len(spec) == 2:  # a list: positions 0, 1, ...; the decimal beside it and read out
            values, default = spec
            assert attributes == ["0", str(len(values) - 1), "1"], label
            assert control.input_value() == str(values.index(default)), label
            assert control.get_attribute("aria-valuetext") == default, label
        else:
            low, high, step, default = spec[0]
            assert attributes == [low, high, step], label
            assert control.input_value() == default, label
        beside = control.locator("xpath=following-sibling::output[1]")
        assert beside.inner_text().replace("−", "-") == default, label


def check_the_momentum_keyboard(page, explorer) -> None:
    """From the defaults: the arrow keys, Home, End and Tab move the sliders, and each move
    reruns the descent."""
    values = dict(MOMENTUM_DEFAULTS)
    before = explorer.locator("svg").first.inner_html()

    def agrees() -> None:
        result = explorer.evaluate(APPLY_AND_READ, [{}])[0]
        assert momentum_checked(result, values) == [], values

    eta = explorer.get_by_role("slider", name="Learning rate η", exact=True)
    eta.focus()
    page.keyboard.press("ArrowRight")  # the next position of the list: past the bound
    values["eta"] = "0.034"
    assert eta.get_attribute("aria-valuetext") == "0.034"
    assert explorer.locator("svg").first.inner_html() != before
    agrees()
    page.keyboard.press("End")  # the largest learning rate: diverges at once
    values["eta"] = "5"
    agrees()
    assert explorer.locator(".gd-readout").inner_text().startswith("Diverged at step ")
    page.keyboard.press("Home")
    values["eta"] = "0.001"
    agrees()
    page.keyboard.press("Tab")  # on to the momentum
    beta = explorer.get_by_role("slider", name="Momentum β", exact=True)
    assert beta.evaluate("element => element === document.activeElement")
    page.keyboard.press("ArrowLeft")
    values["beta"] = "0.66"
    assert beta.input_value() == "0.66"
    agrees()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # back to the condition number
    page.keyboard.press("End")
    values["kappa"] = "1000"
    agrees()


def check_the_momentum_explorer(page, subtests) -> None:
    explorer = page.locator('.gd-explorer[data-explorer="momentum"]')
    explorer.scroll_into_view_if_needed()
    explorer.locator("[data-result=cost]").wait_for()
    with subtests.test("momentum: every slider is labelled with its range"):
        check_the_momentum_sliders(explorer)
    with subtests.test("momentum: the defaults show what gdtutor computes, as the page prints"):
        result = explorer.evaluate(APPLY_AND_READ, [{}])[0]
        assert momentum_checked(result, MOMENTUM_DEFAULTS) == []
        # docs/explore.md prints momentum_bowl's run at the defaults to 12 digits
        fit, _ = momentum_run(MOMENTUM_DEFAULTS)
        printed = f"w1 = {fit.w[0]:.12g}, w2 = {fit.w[1]:.12g}, J = {fit.costs[-1]:.12g}"
        assert printed in (DOCS / "explore.md").read_text("utf-8")
    with subtests.test("momentum: the keyboard moves the sliders and redraws"):
        check_the_momentum_keyboard(page, explorer)
    with subtests.test("momentum: every setting shows what gdtutor computes"):
        moves = [
            {key: input_value(key, value) for key, value in values.items()}
            for values in MOMENTUM_SETTINGS
        ]
        results = explorer.evaluate(APPLY_AND_READ, moves)
        problems = {
            index: found
            for index, (result, values) in enumerate(zip(results, MOMENTUM_SETTINGS, strict=True))
            if (found := momentum_checked(result, values))
        }
        assert problems == {}, {i: (MOMENTUM_SETTINGS[i], p) for i, p in problems.items()}
    # How long a redraw takes at the largest settings is measured by `make bench`
    # (benchmarks/site.py), not here: a timed test fails on a loaded machine.


def test_the_momentum_sliders_go_past_the_bound_and_the_settings_do_too():
    """η reaches past 2(1 + β)/κ for every κ and β the sliders allow (at most 3.98), and the
    settings include runs past it, some of which raise DivergenceError, at the last step too."""
    assert float(ETAS[-1]) > 1.25 * 2 * (1 + 0.99) / 1
    past = [
        values
        for values in MOMENTUM_SETTINGS
        if float(values["eta"]) * float(values["kappa"]) > 2 * (1 + float(values["beta"]))
    ]
    assert len(past) >= 8
    raised = [momentum_run(values) for values in MOMENTUM_SETTINGS]
    steps = [
        (fit.steps, int(values["steps"]))
        for (fit, error), values in zip(raised, MOMENTUM_SETTINGS, strict=True)
        if error
    ]
    assert len(steps) >= 4 and any(taken == asked for taken, asked in steps)
    assert len(ETAS) == len(set(ETAS)) == 311 and len(KAPPAS) == 31
    assert [ETAS[0], ETAS[-1], KAPPAS[0], KAPPAS[-1]] == ["0.001", "5", "1", "1000"]


def test_the_sliders_go_past_the_stability_bounds_and_the_settings_do_too():
    for kind, bound in [("one-parameter", ONE_BOUND), ("two-parameter", TWO_BOUND)]:
        assert float(SLIDERS[kind]["alpha"][1][1]) > 1.25 * bound
        past = [values for values in SETTINGS[kind] if float(values["alpha"]) > bound]
        assert len(past) >= 4, kind
    raised = [gdtutor_run("one-parameter", values)[1] for values in SETTINGS["one-parameter"]]
    assert sum(error is not None for error in raised) >= 2  # the page must say "Diverged"


READY = "[...document.querySelectorAll('.gd-explorer')].map(root => root.dataset.ready ?? null)"


def test_an_explorer_is_set_up_only_as_it_nears_the_viewport(page, site_url):
    page.goto(site_url + "linear-regression/")
    page.wait_for_function("typeof document$ === 'object'")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 200)))")
    assert page.evaluate(READY) == [None, None]  # both far below the first screen
    explorer_on(page, "one-parameter")
    assert page.evaluate(READY) == ["true", None]


def test_the_chapter_embeds_both_explorers(page, site_url, subtests):
    page.goto(site_url + "linear-regression/")
    check_the_explorers(page, subtests)
    with subtests.test("no error or failed request"):
        assert page.problems == []


def test_the_explore_page(page, site_url, subtests):
    page.goto(site_url + "explore/")
    check_the_explorers(page, subtests)
    check_the_momentum_explorer(page, subtests)
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
