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
from gdtutor.exercises import Verdict, check
from tests.markdown_pages import DOCS


def quartic_grad(w):
    return np.array([2 * w[0], 4 * w[1] ** 3])


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
}
# Pages whose exercises have no check yet.
PENDING = {
    "adaptive.md",
    "autodiff.md",
    "batch-stochastic.md",
    "dummy-variable-trap.md",
    "error-curve.md",
    "explore.md",
    "learning-rate.md",
    "linear-regression.md",
    "logistic.md",
    "momentum.md",
    "neural-network.md",
    "real-data.md",
    "struggles.md",
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
