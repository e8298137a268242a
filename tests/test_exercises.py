"""The exercises' checks (gdtutor.exercises).

* Every check fails at least two typical wrong answers, each with a message that names the
  mistake: a check that passes everything is a defect, and this is what shows it cannot.
* Every page's own solution passes its check: the solution calls it, and its output block, which
  the page tests compare, shows "Right.".
* Every exercise on the site shows the call of its check under it, except the pages in PENDING
  (issue 16 is adding them page by page; each is a strict xfail, which fails once its page has
  checks, so the list can only shrink).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from gdtutor import exercises
from gdtutor.datasets import normal_sample
from gdtutor.exercises import Verdict, check
from tests.markdown_pages import DOCS


def quartic_grad(w):
    return np.array([2 * w[0], 4 * w[1] ** 3])


# error-curve: the readings, the distance to their mean after 10 halvings, the robust derivative.
READINGS = normal_sample(1000, mean=2.0, std=0.3, rng=0)
SPOILT = np.concatenate([READINGS, np.full(50, 10.0)])
HALVED = (READINGS.mean() - 1) * 0.5**10


def robust_grad(m, data=SPOILT, c=0.3):
    return np.mean(-2 * (data - m) / (c**2 + (data - m) ** 2))


# (page, number) -> typical wrong answers: (keyword arguments, what the message must say).
WRONG = {
    ("one-dimension", 1): [
        ({"one_step": 1 / 3, "diverges_above": 1 / 3}, "one_step: off by a factor of 2 "),
        ({"one_step": 0.4, "diverges_above": 1 / 3}, "diverges: |1 − 6η| = 1.4 > 1"),
        ({"one_step": -1 / 6, "diverges_above": 1 / 3}, "one_step: your learning rate diverges"),
        ({"one_step": 1 / 6, "diverges_above": 1 / 6}, "diverges_above: off by a factor of 1/2"),
        (
            {"one_step": 1 / 6, "diverges_above": 0.3},
            "diverges_above: not right; yours is too small",
        ),
        ({"one_step": "1/6", "diverges_above": 1 / 3}, "one_step: expected a number, got str"),
    ],
    ("one-dimension", 2): [
        (
            {"gradient": lambda w: np.array([w[0], 4 * w[1] ** 3]), "first": "w1"},
            "gradient, component 1: off by a constant factor of 1/2.",
        ),
        (
            {"gradient": lambda w: np.array([2 * w[0], 4 * w[1] ** 2]), "first": "w1"},
            "gradient, component 2: wrong, and not by a constant factor",
        ),
        ({"gradient": lambda w: -quartic_grad(w), "first": "w1"}, "gradient: the sign is flipped."),
        ({"gradient": lambda w: 2 * w[:1], "first": "w1"}, "returns shape (1,)"),
        ({"gradient": lambda w: quartic_grad(w).T @ w, "first": "w1"}, "returns shape ()"),
        ({"gradient": quartic_grad, "first": "w2"}, "first: not that one"),
        ({"gradient": quartic_grad, "first": 1}, "first: answer one of 'w1', 'w2'"),
    ],
    ("error-curve", 1): [
        (
            {"factor": 0.75, "distance": HALVED},
            "factor: that is 1 − η, as if J'(m) had no factor 2",
        ),
        ({"factor": -0.5, "distance": HALVED}, "factor: right size, wrong sign"),
        (
            {"factor": 0.5, "distance": HALVED / 2},
            "off by one step: yours is the distance after 11",
        ),
        ({"factor": 0.5, "distance": 0.5**10}, "distance: only the shrinking; multiply by the"),
        ({"factor": 0.5, "distance": 1e-3}, "distance: not right; yours is too large"),
        (
            {"factor": 0.5, "distance": READINGS.mean() - HALVED},
            "distance: that is where the run is; how far is that from x̄?",
        ),
    ],
    ("error-curve", 2): [
        ({"eta_1": "converges", "eta_1_05": "diverges"}, "eta_1: not that one; work out the"),
        ({"eta_1": "bounces", "eta_1_05": "bounces"}, "eta_1_05: not that one; work out the"),
        ({"eta_1": "oscillates", "eta_1_05": "diverges"}, "eta_1: answer one of 'converges',"),
    ],
    ("error-curve", 3): [
        ({"gradient": lambda m: -robust_grad(m), "centre": 1.9832}, "gradient: the sign is flip"),
        ({"gradient": lambda m: robust_grad(m) / 2, "centre": 1.9832}, "factor of 1/2."),
        (
            {"gradient": lambda m: robust_grad(m) * 1050, "centre": 1.9832},
            "gradient: off by a constant factor of n = 1050 (a sum for a mean?)",
        ),
        (
            {"gradient": lambda m: robust_grad(m, c=np.sqrt(0.3)), "centre": 1.9832},
            "gradient: wrong, and not by a constant factor",
        ),
        (
            {"gradient": lambda m: robust_grad(m, READINGS), "centre": 1.9832},
            "gradient: wrong, and not by a constant factor",
        ),
        ({"gradient": robust_grad, "centre": SPOILT.mean()}, "centre: that is the mean of the"),
        ({"gradient": robust_grad, "centre": 1.9817}, "the robust centre of the clean readings"),
        ({"gradient": robust_grad, "centre": 1.99}, "centre: not right; yours is too large"),
        ({"gradient": 1.9832, "centre": 1.9832}, "gradient: expected a function of w, got float"),
        ({"gradient": lambda m: 0 * m, "centre": 1.9832}, "gradient: it is 0 where the gradient"),
    ],
    ("struggles", 1): [
        ({"left_up_to": 0.17, "right_from": 0.16}, "the right starts, swapped."),
        ({"left_up_to": 0.15, "right_from": 0.17}, "left_up_to: off by one start; the starts are"),
        ({"left_up_to": 0.16, "right_from": 0.18}, "right_from: off by one start"),
        ({"left_up_to": 0.16, "right_from": 0.16993844}, "right_from: that is the hump; give a"),
        ({"left_up_to": -1.30084, "right_from": 0.17}, "left_up_to: that is where runs end, not"),
        ({"left_up_to": 0.16, "right_from": 1.1309}, "right_from: that is where runs end"),
        ({"left_up_to": 0.1, "right_from": 0.17}, "left_up_to: not right; yours is too small"),
        ({"left_up_to": "0.16", "right_from": 0.17}, "left_up_to: expected a number, got str"),
    ],
    ("struggles", 2): [
        ({"stops_at": [0.0, 0.0], "found_minimum": True}, "found_minimum: not that one; look at"),
        ({"stops_at": [0.0, 1.0], "found_minimum": False}, "stops_at: that is a minimum; does w₂"),
        ({"stops_at": [1.5, 0.0], "found_minimum": False}, "stops_at: that is the start;"),
        ({"stops_at": [0.0, 0.5], "found_minimum": False}, "stops_at: not where this run stops."),
        ({"stops_at": 0.0, "found_minimum": False}, "stops_at: has shape (); expected shape (2,)"),
        ({"stops_at": [0, 0], "found_minimum": "no"}, "found_minimum: answer one of True, False"),
    ],
}
# dummy-variable-trap: two groups of 5 without an intercept; three groups of 4 with one.
X_NO = np.kron(np.eye(2), np.ones((5, 1)))
RIGHT_NO = {"rank": 2, "XtX": 5 * np.eye(2), "w": [0.0, 1.0], "two_answers": False}
W_PLUS = np.array([0.75, -0.75, 0.25, 1.25])
RIGHT_3 = {"rank": 3, "null_vector": [1.0, -1.0, -1.0, -1.0], "w_plus": W_PLUS}
WRONG |= {
    ("dummy-variable-trap", 1): [
        (RIGHT_NO | {"rank": 3}, "rank: X has only 2 columns, so its rank is at most 2."),
        (RIGHT_NO | {"rank": 1}, "rank: too small; how many of the columns are independent?"),
        (RIGHT_NO | {"XtX": 10 * np.eye(2)}, "XtX: off by a factor of 2 "),
        (RIGHT_NO | {"XtX": np.eye(2) / 2}, "XtX: off by a factor of 1/10 "),
        (RIGHT_NO | {"XtX": X_NO @ X_NO.T}, "XtX: has shape (10, 10), that of X Xᵀ"),
        (RIGHT_NO | {"w": [1.0, 0.0]}, "w: the right numbers in the wrong order."),
        (RIGHT_NO | {"w": [1 / 3, -1 / 3, 2 / 3]}, "w: has shape (3,); expected shape (2,)."),
        (RIGHT_NO | {"w": [0.0, 0.5]}, "w: off by a factor of 1/2 "),
        (RIGHT_NO | {"two_answers": True}, "two_answers: not that one; look for a null space"),
        (RIGHT_NO | {"two_answers": 0}, "two_answers: answer one of True, False."),
    ],
    ("dummy-variable-trap", 2): [
        (RIGHT_3 | {"rank": 4}, "rank: that is the number of columns; are they independent?"),
        (RIGHT_3 | {"null_vector": [1.0, 1.0, 1.0, 1.0]}, "null_vector: X v is not 0, so it is"),
        (RIGHT_3 | {"null_vector": np.zeros(4)}, "null_vector: the zero vector spans nothing"),
        (RIGHT_3 | {"null_vector": [-1.0, -1.0, -1.0]}, "null_vector: has shape (3,); expected"),
        (
            RIGHT_3 | {"w_plus": [0.0, 0.0, 1.0, 2.0]},
            "w_plus: fits the data exactly, but it is not the one of least norm",
        ),
        (RIGHT_3 | {"w_plus": W_PLUS + [0.1, 0, 0, 0]}, "w_plus: does not fit the data"),
        (RIGHT_3 | {"w_plus": -W_PLUS}, "w_plus: right size, wrong sign."),
        (RIGHT_3 | {"w_plus": W_PLUS[1:]}, "w_plus: has shape (3,); expected shape (4,)."),
    ],
}
WRONG |= {
    ("linear-regression", 1): [
        (
            {"learning_rate": 0.1},
            "learning_rate: your learning rate diverges: |1 − λ_max η| = 21.5",
        ),
        ({"learning_rate": 0.1 * 50}, "learning_rate: your learning rate diverges"),
        ({"learning_rate": -0.1 / 50}, "learning_rate: your learning rate diverges"),
        ({"learning_rate": 0.1 / 49}, "learning_rate: off by one in n"),
        ({"learning_rate": 0.1 / 50 / 2}, "learning_rate: off by a factor of 1/2 "),
        ({"learning_rate": 0.1 / 50**2}, "off by a factor of 1/n = 1/50: divided by n twice?"),
        ({"learning_rate": 0.0021}, "learning_rate: not right; yours is too large."),
    ],
    ("linear-regression", 2): [
        ({"slope": 6.0445}, "slope: that is the slope of the line with a bias"),
        ({"slope": 6.0}, "slope: that is the slope of the line with a bias"),
        ({"slope": 7.8538}, "slope: that is the bias of a line with a bias"),
        ({"slope": 2 * 11.926584}, "slope: off by a factor of 2 "),
        ({"slope": 11.93}, "slope: not right; yours is too large."),
        ({"slope": np.array([11.927, 7.854])}, "slope: expected a number, got ndarray."),
    ],
    ("linear-regression", 3): [
        ({"w": [0.5, 0.5]}, "w: that is the minimum-norm solution, where the run from zero"),
        ({"w": [1.0, -1.0]}, "w: that is the start; the run moves from there."),
        ({"w": [2.0, -1.0]}, "w: fits the data exactly, but is not where this run ends"),
        ({"w": [1.5, 0.5]}, "w: does not fit the data"),
        ({"w": [-0.5, 1.5]}, "w: the right numbers in the wrong order."),
        ({"w": [1.5]}, "w: has shape (1,); expected shape (2,)."),
    ],
}
# Pages whose exercises have no check yet.
PENDING = {
    "adaptive.md",
    "autodiff.md",
    "batch-stochastic.md",
    "explore.md",
    "learning-rate.md",
    "logistic.md",
    "momentum.md",
    "neural-network.md",
    "real-data.md",
}
PAGES = sorted(p for p in DOCS.glob("*.md") if "\n## Exercises" in p.read_text("utf-8"))
EXERCISE = re.compile(r"^\*\*(\d+)\. ", re.MULTILINE)


def page_exercises(page) -> dict[int, str]:
    """Each exercise's number and its text, statement and solution, up to the next one."""
    text = page.read_text("utf-8").split("\n## Exercises", 1)[1]
    starts = list(EXERCISE.finditer(text))
    ends = [match.start() for match in starts[1:]] + [len(text)]
    return {int(m[1]): text[m.start() : end] for m, end in zip(starts, ends, strict=True)}


@pytest.mark.parametrize("exercise", exercises.exercises(), ids=lambda e: f"{e[0]}-{e[1]}")
def test_typical_wrong_answers_fail_with_a_message_that_names_the_mistake(exercise):
    wrong = WRONG.get(exercise, [])
    assert len(wrong) >= 2, f"{exercise}: give at least two typical wrong answers in WRONG"
    for answer, says in wrong:
        verdict = check(*exercise, **answer)
        assert not verdict.right and not verdict, (exercise, answer)
        assert says in repr(verdict), (exercise, answer, repr(verdict))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_exercise_shows_its_check_and_its_solution_passes_it(page, request):
    if page.name in PENDING:
        request.applymarker(pytest.mark.xfail(reason="issue 16: no checks yet", strict=True))
    stem = page.stem
    for number, text in page_exercises(page).items():
        statement, _, solution = text.partition('??? success "Solution')
        call = f'check("{stem}", {number}, '
        assert call in statement, f"{page.name}, exercise {number}: show `{call}...)` under it"
        assert (stem, number) in exercises.exercises(), f"{page.name} {number}: no check"
        # The solution runs the check on its own answer, and the page shows "Right." under it.
        runs = re.search(
            rf"```python\n(?:(?!```).)*?{re.escape(call)}.*?```\s*```output\n\s*Right\.\n",
            solution,
            re.DOTALL,
        )
        assert runs, f"{page.name}, exercise {number}: the solution does not pass its check"


def test_a_verdict_reads_as_right_or_as_what_is_wrong():
    assert repr(Verdict(True)) == "Right." and bool(Verdict(True))
    wrong = Verdict(False, ("a: too large.", "b: wrong sign."))
    assert str(wrong) == "Not yet. a: too large. b: wrong sign." and not wrong


def test_check_names_the_exercises_and_the_answer_it_takes():
    with pytest.raises(
        ValueError, match=r"no exercise 9 on page 'one-dimension'.*'one-dimension', 1"
    ):
        check("one-dimension", 9, 1.0)
    with pytest.raises(TypeError, match=r"takes your answer as \(one_step, diverges_above\)"):
        check("one-dimension", 1, 0.1)
    verdict = check("one-dimension", 2, gradient=lambda w: 1 / 0, first="w1")
    assert "raised ZeroDivisionError" in repr(verdict)
