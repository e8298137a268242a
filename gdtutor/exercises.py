"""Checks for the course's exercises: call one with your answer to learn whether it is right.

Each exercise on the site has a check, named by its page and number. Give it your answer (a
number, an array, or a function: your gradient, your update rule, your loop); it returns a
:class:`Verdict`, which says whether the answer is right and, when it is not, what kind of wrong
(a constant factor, a flipped sign, an off-by-one, a wrong shape, a rate past the stability
bound) without giving the answer away. The checks compare with the course's tested solutions
numerically: functions at random points, numbers to a tolerance, gradients with
:func:`gdtutor.gradient_error`.

Examples
--------
>>> from gdtutor.exercises import check
>>> check("one-dimension", 1, one_step=1 / 3, diverges_above=1 / 3)
Not yet. one_step: off by a factor of 2 (yours is 2 times the right value).
>>> check("one-dimension", 1, one_step=1 / 6, diverges_above=1 / 3).right
True
"""

from __future__ import annotations

import inspect
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .gradcheck import numerical_gradient

__all__ = ["Verdict", "check", "exercises"]

# Factors a slip of the pen makes: a derivative's 2 forgotten or doubled, a sign, a mean for a sum.
FACTORS = {
    2.0: "2",
    0.5: "1/2",
    3.0: "3",
    1 / 3: "1/3",
    4.0: "4",
    0.25: "1/4",
    10.0: "10",
    0.1: "1/10",
}


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is right, and what is wrong with it if it is not.

    Attributes
    ----------
    right : bool
        True when every part of the answer is right.
    problems : tuple of str
        One sentence per wrong part, naming the part and the kind of mistake; empty when right.

    Examples
    --------
    >>> from gdtutor.exercises import Verdict
    >>> Verdict(False, ("rate: right size, wrong sign.",))
    Not yet. rate: right size, wrong sign.
    """

    right: bool
    problems: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.right

    def __repr__(self) -> str:
        if self.right:
            return "Right."
        return "Not yet. " + " ".join(self.problems)

    __str__ = __repr__


_CHECKS: dict[tuple[str, int], Callable[..., Verdict]] = {}


def _exercise(page: str, number: int):
    """Register a check as the one for exercise ``number`` of ``page``."""

    def register(function: Callable[..., list[str]]) -> Callable[..., Verdict]:
        def run(*args, **kwargs) -> Verdict:
            problems = function(*args, **kwargs)
            return Verdict(not problems, tuple(problems))

        run.__signature__ = inspect.signature(function)
        run.__doc__ = function.__doc__
        _CHECKS[page, number] = run
        return run

    return register


def exercises() -> list[tuple[str, int]]:
    """Every exercise that has a check, as (page, number), in the course's order.

    Examples
    --------
    >>> from gdtutor.exercises import exercises
    >>> exercises()[0]
    ('one-dimension', 1)
    """
    return list(_CHECKS)


def check(page: str, number: int, /, *args, **kwargs) -> Verdict:
    """Check your answer to exercise ``number`` of the course page ``page``.

    Parameters
    ----------
    page : str
        The page's name as in its address, such as ``"one-dimension"``.
    number : int
        The exercise's number on that page.
    *args, **kwargs
        Your answer, as the page's exercise asks for it; each page shows the call.

    Returns
    -------
    Verdict
        Shows ``Right.`` or ``Not yet.`` with what is wrong; ``bool(verdict)`` is whether it
        is right.

    Raises
    ------
    ValueError
        If the page has no exercise of that number (the message lists those that do).
    TypeError
        If the answer is not given as the exercise's check takes it (the message shows how).

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.exercises import check
    >>> check("one-dimension", 2, gradient=lambda w: np.array([w[0], 4 * w[1] ** 3]), first="w1")
    Not yet. gradient, component 1: off by a constant factor of 1/2.
    """
    if (page, number) not in _CHECKS:
        known = ", ".join(f"({p!r}, {n})" for p, n in _CHECKS)
        raise ValueError(f"no exercise {number} on page {page!r}; the checks are: {known}")
    run = _CHECKS[page, number]
    try:
        bound = run.__signature__.bind(*args, **kwargs)
    except TypeError:
        raise TypeError(
            f"check({page!r}, {number}, ...) takes your answer as {run.__signature__}"
        ) from None
    return run(*bound.args, **bound.kwargs)


# --- kinds of wrong ----------------------------------------------------------------------------


def _factor(ratio: float, named: dict[float, str] | None = None) -> str | None:
    """The slip that turns the right value into ``ratio`` times it, if it is a common one or one
    of the exercise's own ``named`` factors (such as its number of data points)."""
    for factor, name in {**FACTORS, **(named or {})}.items():
        if np.isclose(abs(ratio), factor, rtol=1e-6):
            sign = "-" if ratio < 0 else ""
            return f"{sign}{name}"
    return None


def _scalar(got):
    """``got``, or its one entry if it is an array of one entry (such as a fit's w)."""
    return got.item() if isinstance(got, np.ndarray) and got.size == 1 else got


def _number(name: str, got, want: float, rtol: float = 1e-6) -> list[str]:
    """What is wrong with the number ``got`` where ``want`` is right; nothing when it is right."""
    got = _scalar(got)
    if isinstance(got, bool) or not isinstance(got, numbers.Real | np.floating | np.integer):
        return [f"{name}: expected a number, got {type(got).__name__}."]
    got = float(got)
    if not np.isfinite(got):
        return [f"{name}: {got} is not a finite number."]
    if np.isclose(got, want, rtol=rtol, atol=1e-12):
        return []
    if want != 0 and got != 0:
        ratio = got / want
        if np.isclose(ratio, -1.0, rtol=rtol):
            return [f"{name}: right size, wrong sign."]
        if (factor := _factor(ratio)) is not None:
            return [
                f"{name}: off by a factor of {factor} (yours is {factor} times the right value)."
            ]
    if float(want).is_integer() and got.is_integer() and abs(got - want) == 1:
        return [f"{name}: off by one: count again where the count starts and ends."]
    return [f"{name}: not right; yours is too {'large' if got > want else 'small'}."]


def _choice(name: str, got, want, options, hint: str = "look at the run again") -> list[str]:
    """What is wrong with picking ``got`` from ``options`` where ``want`` is right; ``hint``
    says where to look again."""
    if isinstance(got, np.bool_):
        got = bool(got)
    wrong_type = isinstance(want, bool) and not isinstance(got, bool)  # 0 == False, but no
    if isinstance(got, np.ndarray) or wrong_type or got not in options:
        listed = ", ".join(repr(option) for option in options)
        return [f"{name}: answer one of {listed}."]
    return [] if got == want else [f"{name}: not that one; {hint}."]


def _array(name: str, got, want, atol: float = 1e-6) -> list[str]:
    """What is wrong with the array ``got`` where ``want`` is right: its shape, its sign, a
    constant factor, its order; nothing when it is right (to ``atol``, scaled by ``want``)."""
    want = np.asarray(want, dtype=float)
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return [f"{name}: expected an array of numbers, got {type(got).__name__}."]
    if got.shape != want.shape:
        return [f"{name}: has shape {got.shape}; expected shape {want.shape}."]
    if not np.all(np.isfinite(got)):
        return [f"{name}: has entries that are not finite numbers."]
    tol = atol * max(1.0, float(np.max(np.abs(want), initial=0.0)))
    if np.allclose(got, want, rtol=0, atol=tol):
        return []
    if np.allclose(got, -want, rtol=0, atol=tol):
        return [f"{name}: right size, wrong sign."]
    scale = float(np.max(np.abs(want), initial=0.0))
    if scale > 0 and np.max(np.abs(got)) > 0:
        ratio = float(got.ravel()[np.argmax(np.abs(want))] / want.ravel()[np.argmax(np.abs(want))])
        if np.allclose(got, ratio * want, rtol=0, atol=tol) and (factor := _factor(ratio)):
            return [
                f"{name}: off by a factor of {factor} (yours is {factor} times the right value)."
            ]
    if got.ndim == 1 and np.allclose(np.sort(got), np.sort(want), rtol=0, atol=tol):
        return [f"{name}: the right numbers in the wrong order."]
    return [f"{name}: not right."]


def _solution(name: str, got, X, y, want, hint: str, atol: float = 1e-6) -> list[str]:
    """What is wrong with ``got`` as the weights w that solve X w = y where ``want`` is the one
    asked for, when X has a null space and so many w fit: ``hint``, a sentence's end with its
    stop, is what to say to a w that fits the data but is not the one asked for."""
    problems = _array(name, got, want, atol)
    if not problems or not problems[0].endswith(": not right."):
        return problems  # right, or a kind of wrong named already
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    got = np.asarray(got, dtype=float)
    if not np.allclose(X @ got, y, rtol=0, atol=atol * max(1.0, float(np.max(np.abs(y))))):
        return [f"{name}: does not fit the data: X w is not y, so the cost is not 0 there."]
    return [f"{name}: fits the data exactly, but {hint}"]


def _gradient(
    name: str, grad, cost: Callable, points, named: dict[float, str] | None = None
) -> list[str]:
    """What is wrong with ``grad`` as the gradient of ``cost``, from its values at ``points``;
    ``named`` adds factors the exercise's slips make (see :func:`_factor`)."""
    if not callable(grad):
        return [f"{name}: expected a function of w, got {type(grad).__name__}."]
    ratios = []
    for w in points:
        w = np.asarray(w, dtype=float)
        want = numerical_gradient(cost, w)
        try:
            got = np.asarray(grad(w.copy()), dtype=float)
        except Exception as error:  # noqa: BLE001 - any mistake in the learner's code is reported
            return [
                f"{name}: calling it at w = {w.tolist()} raised {type(error).__name__}: {error}"
            ]
        if got.shape != want.shape:
            return [
                f"{name}: returns shape {got.shape}; the gradient has the shape of w, {want.shape}."
            ]
        scale = max(1.0, float(np.max(np.abs(want))))
        if np.allclose(got, want, rtol=1e-5, atol=1e-6 * scale):
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios.append(np.where(np.abs(want) > 1e-9 * scale, got / want, np.nan))
    if not ratios:
        return []
    ratios = np.array(ratios).reshape(len(ratios), -1)
    kinds = []
    for column in ratios.T:
        values = column[np.isfinite(column)]
        if values.size == 0 or not np.allclose(values, values[0], rtol=1e-5):
            kinds.append("wrong, and not by a constant factor: check the power or the chain rule")
        elif np.isclose(values[0], 1.0, rtol=1e-5):
            kinds.append(None)
        elif np.allclose(values, 0.0, atol=1e-9):
            kinds.append("it is 0 where the gradient is not")
        elif np.isclose(values[0], -1.0, rtol=1e-5):
            kinds.append("the sign is flipped")
        else:
            factor = _factor(values[0], named) or f"{values[0]:.3g}"
            kinds.append(f"off by a constant factor of {factor}")
    wrong = [(column, kind) for column, kind in enumerate(kinds, start=1) if kind]
    if len(kinds) == 1 or (len(wrong) == len(kinds) and len(set(kinds)) == 1):
        return [f"{name}: {wrong[0][1]}."]
    return [f"{name}, component {column}: {kind}." for column, kind in wrong]


def _learning_rate(name: str, eta, curvature: float, label: str) -> list[str]:
    """A learning rate for gradient descent on a bowl of curvature ``curvature``: a problem if
    the run diverges (|1 − curvature·η| > 1); ``label`` is how the page writes 1 − curvature·η."""
    eta = _scalar(eta)
    if isinstance(eta, bool) or not isinstance(eta, numbers.Real | np.floating | np.integer):
        return [f"{name}: expected a number, got {type(eta).__name__}."]
    factor = abs(1 - curvature * float(eta))
    if factor > 1:
        return [f"{name}: your learning rate diverges: |{label}| = {factor:.3g} > 1."]
    return []


# --- the checks, page by page ------------------------------------------------------------------


@_exercise("one-dimension", 1)
def _one_dimension_1(one_step, diverges_above):
    """For J(w) = 3w²: the learning rate that lands on the minimum in one step, and the one
    above which gradient descent diverges."""
    problems = _learning_rate("one_step", one_step, 6.0, "1 − 6η") or _number(
        "one_step", one_step, 1 / 6
    )
    return problems + _number("diverges_above", diverges_above, 1 / 3)


@_exercise("one-dimension", 2)
def _one_dimension_2(gradient, first):
    """For J(w₁, w₂) = w₁² + w₂⁴: its gradient as a function of w, and which coordinate,
    "w1" or "w2", gets close to 0 first from (1, 1) with η = 0.1."""
    rng = np.random.default_rng(0)
    points = [[0.7, -1.2], *rng.uniform(-2, 2, size=(4, 2))]
    problems = _gradient("gradient", gradient, lambda w: w[0] ** 2 + w[1] ** 4, points)
    return problems + _choice("first", first, "w1", ("w1", "w2"))


# --- error-curve: the mean as the bottom of the mean squared error -----------------------------


def _readings() -> np.ndarray:
    """The page's 1000 readings, x."""
    from .datasets import normal_sample

    return normal_sample(1000, mean=2.0, std=0.3, rng=0)


@_exercise("error-curve", 1)
def _error_curve_1(factor, distance):
    """For J(m) = mean((x_i − m)²) from m = 1 with η = 0.25: the factor by which each step
    shrinks the distance to x̄, and the distance to x̄ after 10 steps."""
    x_bar = float(np.mean(_readings()))
    shrink = 1 - 2 * 0.25  # J'(m) = 2 (m − x̄), so m − x̄ is multiplied by 1 − 2η
    want = abs(1.0 - x_bar) * shrink**10
    problems, factor, distance = [], _scalar(factor), _scalar(distance)
    if isinstance(factor, numbers.Real) and np.isclose(factor, 1 - 0.25):
        problems.append("factor: that is 1 − η, as if J'(m) had no factor 2.")
    else:
        problems += _number("factor", factor, shrink)
    if isinstance(distance, numbers.Real) and not isinstance(distance, bool) and distance > 0:
        for steps in (9, 11):
            if np.isclose(distance, abs(1.0 - x_bar) * shrink**steps, rtol=1e-3):
                return [
                    *problems,
                    f"distance: off by one step: yours is the distance after {steps} steps.",
                ]
        if np.isclose(distance, shrink**10, rtol=1e-3):
            return [
                *problems,
                "distance: only the shrinking; multiply by the distance at the start.",
            ]
        if np.isclose(distance, x_bar, atol=5e-3):
            return [*problems, "distance: that is where the run is; how far is that from x̄?"]
    return problems + _number("distance", distance, want, rtol=1e-3)


@_exercise("error-curve", 2)
def _error_curve_2(eta_1, eta_1_05):
    """For J(m) = mean((x_i − m)²) from m = 1: what gradient descent does with η = 1 and with
    η = 1.05, each one of "converges", "bounces" (for ever between two points), "diverges"."""
    options = ("converges", "bounces", "diverges")

    def behaviour(eta):  # each step multiplies m − x̄ by 1 − 2η
        size = abs(1 - 2 * eta)
        return "converges" if size < 1 else "bounces" if size == 1 else "diverges"

    hint = "work out the factor 1 − 2η that each step multiplies m − x̄ by"
    return _choice("eta_1", eta_1, behaviour(1.0), options, hint) + _choice(
        "eta_1_05", eta_1_05, behaviour(1.05), options, hint
    )


@_exercise("error-curve", 3)
def _error_curve_3(gradient, centre):
    """For the robust cost J_r(m) = mean(log(1 + (x_i − m)²/c²)), c = 0.3, on the readings with
    50 more misrecorded as 10: its derivative as a function of m, and the m where it is least."""
    c, clean = 0.3, _readings()
    readings = np.concatenate([clean, np.full(50, 10.0)])

    def cost(m, data=readings):
        return np.mean(np.log1p((data - m) ** 2 / c**2))

    def bottom(data):  # J_r' = 0 by bisection: J_r' < 0 left of the readings' centre, > 0 right
        slope = lambda m: np.mean(-2 * (data - m) / (c**2 + (data - m) ** 2))  # noqa: E731
        low, high = 1.5, 2.5
        for _ in range(60):
            middle = (low + high) / 2
            low, high = (middle, high) if slope(middle) < 0 else (low, middle)
        return (low + high) / 2

    rng = np.random.default_rng(3)
    points = [np.array(m) for m in (1.7, 2.6, -1.0, 10.5, *rng.uniform(0.0, 4.0, size=3))]
    n = readings.size  # a sum for the mean, or the mean of the sum
    named = {n: f"n = {n} (a sum for a mean?)", 1 / n: f"1/n = 1/{n}"}
    problems = _gradient("gradient", gradient, cost, points, named)
    mistakes = {
        "the mean of the readings; the centre is the bottom of J_r": np.mean(readings),
        "the mean of the clean readings; the centre is the bottom of J_r": np.mean(clean),
        "the robust centre of the clean readings: add the 50 misrecorded ones": bottom(clean),
    }
    want, centre = bottom(readings), _scalar(centre)
    if isinstance(centre, numbers.Real) and not np.isclose(centre, want, rtol=0, atol=1e-4):
        for mistake, value in mistakes.items():
            if np.isclose(centre, value, rtol=0, atol=1e-4):
                return [*problems, f"centre: that is {mistake}."]
    return problems + _number("centre", centre, want, rtol=5e-5)


# --- struggles: valleys, a hump and a saddle ---------------------------------------------------


@_exercise("struggles", 1)
def _struggles_1(left_up_to, right_from):
    """For J(w) = w⁴ − 3w² + w, descending from 401 starts evenly spread over [−2, 2] with
    η = 0.02: the last start whose run ends in the left valley and the first whose run ends in
    the right one."""
    critical = np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)  # J'(w) = 4w³ − 6w + 1 = 0
    hump, starts = critical[1], np.linspace(-2.0, 2.0, 401)
    # No run crosses the hump (the page shows why), so the switch is at the hump.
    want = {"left_up_to": starts[starts < hump].max(), "right_from": starts[starts > hump].min()}
    left_up_to, right_from = _scalar(left_up_to), _scalar(right_from)
    got = {"left_up_to": left_up_to, "right_from": right_from}
    if all(isinstance(value, numbers.Real) for value in got.values()) and np.allclose(
        [right_from, left_up_to], list(want.values()), rtol=0, atol=1e-6
    ):
        return ["left_up_to and right_from: the right starts, swapped."]
    problems = []
    for name, value in got.items():
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            if np.isclose(value, hump, rtol=0, atol=1e-5) and not np.isclose(
                value, want[name], rtol=0, atol=1e-6
            ):
                problems.append(f"{name}: that is the hump; give a start from the 401.")
                continue
            if np.any(np.isclose(value, critical[[0, 2]], rtol=0, atol=1e-3)):
                problems.append(f"{name}: that is where runs end, not where they start.")
                continue
            if np.isclose(abs(value - want[name]), 0.01, rtol=0, atol=1e-6):
                problems.append(f"{name}: off by one start; the starts are 0.01 apart.")
                continue
        problems += _number(name, value, want[name], rtol=1e-6)
    return problems


@_exercise("struggles", 2)
def _struggles_2(stops_at, found_minimum):
    """For J(w) = w₁² + w₂⁴/4 − w₂²/2 from (1.5, 0) with η = 0.1 and tolerance 1e−10: where the
    run stops, and whether `converged` says that it found a minimum (True or False)."""
    # On the axis w₂³ − w₂ = 0, so w₂ stays 0, while w₁ is multiplied by 1 − 2η at every step.
    want = np.array([0.0, 0.0])
    problems = _array("stops_at", stops_at, want, atol=1e-6)
    if problems and "shape" not in problems[0] and "numbers" not in problems[0]:
        got = np.asarray(stops_at, dtype=float)
        mistakes = {
            (0.0, 1.0): "a minimum; does w₂ ever move on this run?",
            (0.0, -1.0): "a minimum; does w₂ ever move on this run?",
            (1.5, 0.0): "the start; where do the steps take w₁?",
        }
        for place, mistake in mistakes.items():
            if np.allclose(got, place, rtol=0, atol=1e-3):
                problems = [f"stops_at: that is {mistake}"]
        if problems == ["stops_at: not right."]:
            problems = ["stops_at: not where this run stops."]
    hint = "look at the curvatures where it stops"
    return problems + _choice("found_minimum", found_minimum, False, (True, False), hint)


# --- dummy-variable-trap: a null space, and the solution of least norm -------------------------


def _rank(got, X) -> list[str]:
    """What is wrong with ``got`` as the rank of ``X``."""
    columns, want = X.shape[1], np.linalg.matrix_rank(X)
    problems = _number("rank", got, want)
    if not problems or "number" in problems[0]:
        return problems
    if got > columns:
        return [f"rank: X has only {columns} columns, so its rank is at most {columns}."]
    if got == columns:
        return ["rank: that is the number of columns; are they independent?"]
    return ["rank: too small; how many of the columns are independent?"]


def _dummies(groups: int, rows: int, intercept: bool) -> tuple[np.ndarray, np.ndarray]:
    """One-hot columns for ``groups`` groups of ``rows`` rows, behind a column of ones if
    ``intercept``, and the targets 0, 1, ... of the groups."""
    X = np.kron(np.eye(groups), np.ones((rows, 1)))
    if intercept:
        X = np.column_stack([np.ones(groups * rows), X])
    return X, np.repeat(np.arange(groups, dtype=float), rows)


@_exercise("dummy-variable-trap", 1)
def _dummy_variable_trap_1(rank, XtX, w, two_answers):
    """For dummy_dataset(2, 5, intercept=False): the rank of X, the matrix XᵀX, the solution w
    of the normal equation, and whether gradient descent from two seeds gives two answers."""
    X, y = _dummies(2, 5, intercept=False)
    problems = _rank(rank, X)
    gram = _array("XtX", XtX, X.T @ X)
    if gram and np.shape(XtX) == (len(y), len(y)):
        gram = [f"XtX: has shape {np.shape(XtX)}, that of X Xᵀ; XᵀX has one row per column of X."]
    weights = _array("w", w, np.linalg.lstsq(X, y, rcond=None)[0])
    hint = "look for a null space of X for the runs to differ along"
    return (
        problems + gram + weights + _choice("two_answers", two_answers, False, (True, False), hint)
    )


@_exercise("dummy-variable-trap", 2)
def _dummy_variable_trap_2(rank, null_vector, w_plus):
    """For dummy_dataset(3, 4): the rank of X, a vector spanning its null space, and the
    minimum-norm solution w⁺ of X w = y."""
    X, y = _dummies(3, 4, intercept=True)
    problems = _rank(rank, X)
    v = _array("null_vector", null_vector, np.zeros(X.shape[1]))  # its shape, and is it 0?
    if v and "shape" not in v[0] and "numbers" not in v[0]:
        v = np.asarray(null_vector, dtype=float)
        v = (
            []
            if np.allclose(X @ v, 0, rtol=0, atol=1e-9 * np.max(np.abs(v)))
            else ["null_vector: X v is not 0, so it is not in the null space."]
        )
    elif not v:
        v = ["null_vector: the zero vector spans nothing; give one that is not 0."]
    hint = "it is not the one of least norm: it has a part along the null space."
    return problems + v + _solution("w_plus", w_plus, X, y, np.linalg.pinv(X) @ y, hint)


# --- linear-regression: the 50-point line and the identical columns -----------------------------


def _line() -> tuple[np.ndarray, np.ndarray]:
    """The page's 50 points about the line y = 8 + 6x."""
    from .datasets import noisy_line

    return noisy_line(50, intercept=8.0, slope=6.0, noise=1.0, x_range=(0.0, 2.0), rng=1)


@_exercise("linear-regression", 1)
def _linear_regression_1(learning_rate):
    """The learning rate for gradient descent on the sum of squares J(w) = ‖y − Xw‖² of the
    50-point line whose path is the MSE run's with η = 0.1."""
    x, y = _line()
    X, learning_rate = np.column_stack([np.ones_like(x), x]), _scalar(learning_rate)
    n, steepest = len(y), np.linalg.eigvalsh(2 * X.T @ X)[-1]  # J = n · MSE, Hessian 2 XᵀX
    problems = _learning_rate("learning_rate", learning_rate, steepest, "1 − λ_max η")
    if problems:
        return problems
    if np.any(np.isclose(float(learning_rate), [0.1 / (n - 1), 0.1 / (n + 1)], rtol=1e-9)):
        return ["learning_rate: off by one in n; count the points again."]
    if np.isclose(float(learning_rate), 0.1 / n**2, rtol=1e-6):
        return [f"learning_rate: off by a factor of 1/n = 1/{n}: divided by n twice?"]
    return _number("learning_rate", learning_rate, 0.1 / n)


@_exercise("linear-regression", 2)
def _linear_regression_2(slope):
    """The slope w₁ of the least-squares line through the origin, ŷ = w₁ x, on the 50 points."""
    x, y = _line()
    want = np.linalg.lstsq(x.reshape(-1, 1), y, rcond=None)[0][0]
    slope = _scalar(slope)  # the fit's w, an array of one weight, will do
    with_bias = np.linalg.lstsq(np.column_stack([np.ones_like(x), x]), y, rcond=None)[0]
    if isinstance(slope, numbers.Real) and not isinstance(slope, bool):
        if np.isclose(slope, with_bias[1], rtol=1e-3) or np.isclose(slope, 6.0, rtol=1e-3):
            return ["slope: that is the slope of the line with a bias; this line has none."]
        if np.isclose(slope, with_bias[0], rtol=1e-3):
            return ["slope: that is the bias of a line with a bias; give the slope of one without."]
    return _number("slope", slope, want, rtol=1e-4)


@_exercise("linear-regression", 3)
def _linear_regression_3(w):
    """Where gradient descent on the MSE of X = [[1, 1], [2, 2], [3, 3]], y = (1, 2, 3) ends
    from w = (1, −1)."""
    X, y = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]), np.array([1.0, 2.0, 3.0])
    start = np.array([1.0, -1.0])
    # The steps lie in the row space of X: the part of the start in the null space stays.
    _, _, vt = np.linalg.svd(X)
    null = vt[np.linalg.matrix_rank(X) :]
    want = np.linalg.pinv(X) @ y + null.T @ (null @ start)
    problems = _array("w", w, want)
    if problems and problems[0] == "w: not right.":
        if np.allclose(np.asarray(w, dtype=float), start, rtol=0, atol=1e-6):
            return ["w: that is the start; the run moves from there."]
        if np.allclose(np.asarray(w, dtype=float), np.linalg.pinv(X) @ y, rtol=0, atol=1e-6):
            return ["w: that is the minimum-norm solution, where the run from zero ends."]
    hint = "is not where this run ends: what does each step do to w₁ − w₂?"
    return _solution("w", w, X, y, want, hint)
