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
    """``got``, or its one entry if it is an array of one entry (such as a fit's w); a fraction
    as a float, and an integer too large for a float as an infinite one."""
    got = got.item() if isinstance(got, np.ndarray) and got.size == 1 else got
    if isinstance(got, int) and not isinstance(got, bool) and abs(got) > 1e308:
        return float("inf") if got > 0 else float("-inf")
    if isinstance(got, numbers.Real) and not isinstance(got, numbers.Integral | float):
        return float(got)  # a Fraction, say
    return got


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
    if isinstance(want, numbers.Integral) and got.is_integer() and abs(got - want) == 1:  # counts
        return [f"{name}: off by one: count again where the count starts and ends."]
    return [f"{name}: not right; yours is too {'large' if got > want else 'small'}."]


def _choice(name: str, got, want, options, hint: str = "look at the run again") -> list[str]:
    """What is wrong with picking ``got`` from ``options`` where ``want`` is right; ``hint``
    says where to look again."""
    if isinstance(got, np.bool_):
        got = bool(got)
    if isinstance(got, numbers.Real) and not isinstance(got, bool):  # 0.1 * 3 is 0.3
        got = next((option for option in options if _same(got, option)), got)
    wrong_type = isinstance(want, bool) != isinstance(got, bool)  # 0 == False, 1 == True, but no
    if isinstance(got, np.ndarray) or wrong_type or got not in options:
        listed = ", ".join(repr(option) for option in options)
        return [f"{name}: answer one of {listed}."]
    stop = "" if hint.endswith("?") else "."
    return [] if got == want else [f"{name}: not that one; {hint}{stop}"]


def _same(got, option) -> bool:
    """Whether the number ``got`` is the number ``option`` up to rounding (not a bool)."""
    number = isinstance(option, numbers.Real) and not isinstance(option, bool)
    return number and bool(np.isclose(got, option, rtol=1e-6, atol=1e-12))


def _array(name: str, got, want, atol: float = 1e-6) -> list[str]:
    """What is wrong with the array ``got`` where ``want`` is right: its shape, its sign, a
    constant factor, its order; nothing when it is right (to ``atol``, scaled by ``want``)."""
    want = np.asarray(want, dtype=float)
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError, OverflowError):
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
    ratios, close = [], []
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
        close.append(np.isclose(got, want, rtol=1e-5, atol=1e-6 * scale).ravel())
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios.append(np.where(np.abs(want) > 1e-9 * scale, got / want, np.nan).ravel())
    if np.all(close):
        return []
    # A component's ratios at every point, those where it is right too: a constant factor holds
    # at all of them, and a slip that only some points show (|w| for w, say) is not one.
    kinds = []
    for column, right in zip(np.array(ratios).T, np.array(close).T, strict=True):
        values = column[np.isfinite(column)]
        if right.all():
            kinds.append(None)
        elif values.size == 0 or not np.allclose(values, values[0], rtol=1e-5):
            kinds.append("wrong, and not by a constant factor: check the power or the chain rule")
        elif np.isclose(values[0], 1.0, rtol=1e-5):
            kinds.append("close, but not right to 5 digits")
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
    elif isinstance(factor, numbers.Real) and factor and np.isclose(factor, 1 / shrink):
        problems.append("factor: each step divides the distance by that; give what multiplies it.")
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
                "distance: only the shrinking; multiply by the distance at the start (x̄ is not"
                " exactly 2).",
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


# --- learning-rate: the 50-point line's rates, iterations and the error curve's bound -----------


def _line_descent(learning_rate: float, steps: int, tol: float | None = None):
    """Gradient descent on the MSE of the page's 50-point line from w = 0, in plain numpy: the
    costs J(w_0), ..., and the number of steps taken (inf if it left the finite numbers)."""
    x, y = _line()
    X = np.column_stack([np.ones_like(x), x])
    w, costs = np.zeros(2), [np.mean(y**2)]
    for taken in range(1, steps + 1):
        step = learning_rate * (-2 / len(y)) * X.T @ (y - X @ w)
        w = w - step
        costs.append(np.mean((y - X @ w) ** 2))
        if not np.all(np.abs(w) < 1e10):
            return np.array(costs), np.inf
        if tol is not None and np.linalg.norm(step) <= tol:
            return np.array(costs), taken
    return np.array(costs), steps


def _line_curvatures() -> np.ndarray:
    """The eigenvalues of the Hessian (2/n) XᵀX of the 50-point line's MSE, smallest first."""
    x, _ = _line()
    X = np.column_stack([np.ones_like(x), x])
    return np.linalg.eigvalsh(2 / len(x) * X.T @ X)


@_exercise("learning-rate", 1)
def _learning_rate_1(fastest, steep_factor):
    """On the 50-point line, of the rates 0.1, 0.2, 0.3, 0.4, 0.44 and 0.45: the one that takes
    the fewest steps until a step is shorter than 1e−8, and the factor 1 − 0.44 λ_max by which
    a step at η = 0.44 multiplies the error along the steepest direction."""
    rates = (0.1, 0.2, 0.3, 0.4, 0.44, 0.45)
    steps = {rate: _line_descent(rate, 100_000, tol=1e-8)[1] for rate in rates}
    low, high = _line_curvatures()
    hints = {
        0.45: "that run never gets there: what is |1 − 0.45 λ_max|?",
        0.44: "look at the steep direction's error, step by step.",
    }
    fastest = bool(fastest) if isinstance(fastest, np.bool_) else _scalar(fastest)
    problems = _choice("fastest", fastest, min(steps, key=steps.get), rates)
    if problems and problems[0].endswith("not that one; look at the run again."):
        fastest = next((rate for rate in rates if _same(fastest, rate)), fastest)  # a float32
        problems = [f"fastest: not that one; {hints.get(fastest, 'count the steps again.')}"]
    want, got = 1 - 0.44 * high, _scalar(steep_factor)
    if isinstance(got, numbers.Real) and not isinstance(got, bool):
        if np.isclose(got, 1 - 0.44 * low, rtol=0, atol=5e-3):
            return [*problems, "steep_factor: that is the shallow direction's factor, λ_min's."]
        if np.isclose(got, abs(want), rtol=0, atol=5e-3):
            return [*problems, "steep_factor: that is its size; give the factor with its sign."]
    if isinstance(got, numbers.Real) and np.isclose(got, want, rtol=0, atol=5e-3):
        return problems  # to the two decimals the page shows, or better
    return problems + _number("steep_factor", got, want, rtol=1e-3)


@_exercise("learning-rate", 2)
def _learning_rate_2(at_0_02, at_0_4):
    """On the 50-point line from w = 0: after how many iterations the MSE is first within 1% of
    its lowest value, at η = 0.02 and at η = 0.4."""
    x, y = _line()
    X = np.column_stack([np.ones_like(x), x])
    lowest = np.mean((y - X @ np.linalg.lstsq(X, y, rcond=None)[0]) ** 2)
    problems, answers = [], {"at_0_02": (0.02, at_0_02), "at_0_4": (0.4, at_0_4)}
    wants = {}
    for name, (rate, got) in answers.items():
        costs = _line_descent(rate, 2000)[0]
        wants[name] = int(np.argmax(costs <= 1.01 * lowest))
        absolute = int(np.argmax(costs <= lowest + 0.01))  # within 0.01, not 1%
        got = _scalar(got)
        if isinstance(got, numbers.Real) and not isinstance(got, bool):
            if got != wants[name] and got == absolute and abs(got - wants[name]) > 1:
                problems.append(f"{name}: that is within 0.01 of the lowest; 1% of it is less.")
                continue
        problems += _number(name, got, wants[name])
    if len(problems) == 2 and (_scalar(at_0_02), _scalar(at_0_4)) == (
        wants["at_0_4"],
        wants["at_0_02"],
    ):
        return ["at_0_02 and at_0_4: the right counts, swapped."]
    return problems


@_exercise("learning-rate", 3)
def _learning_rate_3(hessian, bound):
    """For the error curve's model ŷ = m, a single column of 1000 ones: the Hessian of its MSE
    and the learning rate above which gradient descent on it diverges."""
    ones = np.ones((1000, 1))
    want = (2 / len(ones) * ones.T @ ones).item()  # (2/n) XᵀX
    got = _scalar(hessian)
    problems = []
    named = {
        2 * len(ones): "2 XᵀX, the Hessian of the sum of squares; the MSE divides by n",
        len(ones): "XᵀX; the Hessian of the MSE is (2/n) XᵀX",
    }
    for value, mistake in named.items():
        if isinstance(got, numbers.Real) and np.isclose(got, value):
            problems = [f"hessian: that is {mistake}."]
    problems = problems or _number("hessian", got, want)
    bound = _scalar(bound)
    if isinstance(bound, numbers.Real) and not isinstance(bound, bool):
        if np.isclose(bound, 1 / want):
            return [*problems, "bound: that is 1/λ_max, the rate that lands in one step."]
        wrong = isinstance(got, numbers.Real) and got and np.isfinite(float(got))
        wrong = wrong and not np.isclose(got, want)
        if wrong and np.isclose(bound, 2 / got):
            return [*problems, "bound: 2/λ_max is right, for the wrong Hessian."]
    return problems + _number("bound", bound, 2 / want)


# --- batch-stochastic: the 1000-point line, its rates and noise balls ---------------------------


def _thousand() -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The page's 1000 points about y = 2 + 3x, as X (with a column of ones) and y, with the
    least-squares w* and its MSE J*."""
    from .datasets import noisy_line

    x, y = noisy_line(1000, intercept=2.0, slope=3.0, noise=1.0, x_range=(-1.0, 1.0), rng=0)
    X = np.column_stack([np.ones_like(x), x])
    w_best = np.linalg.lstsq(X, y, rcond=None)[0]
    return X, y, w_best, float(np.mean((y - X @ w_best) ** 2))


@_exercise("batch-stochastic", 1)
def _batch_stochastic_1(rate, epochs):
    """On the 1000-point line: the balanced rate 2/(λ_min + λ_max) for batch gradient descent,
    and the number of epochs it needs at that rate, from w = 0, to end below the excess cost
    J − J* of the mini-batch run (b = 32, η = 0.05, rng=1) after 5 epochs."""
    from .stochastic import fit_minibatch

    X, y, _, best = _thousand()
    n = len(y)
    low, high = np.linalg.eigvalsh(2 / n * X.T @ X)
    good = 2 / (low + high)
    target = fit_minibatch(X, y, 32, 0.05, 5, rng=1).costs[-1] - best
    w, gaps = np.zeros(2), [np.mean(y**2) - best]  # batch steps, one per epoch
    while gaps[-1] >= target and len(gaps) < 100:
        w = w + good * 2 / n * X.T @ (y - X @ w)
        gaps.append(np.mean((y - X @ w) ** 2) - best)
    problems, got = [], _scalar(rate)
    mistakes = {
        2 / high: "2/λ_max, the stability bound; balance λ_min and λ_max",
        1 / high: "1/λ_max; balance λ_min and λ_max",
        good * n / 2: "the balanced rate for XᵀX; the Hessian of the MSE is (2/N) XᵀX",
    }
    number = isinstance(got, numbers.Real) and not isinstance(got, bool)
    if not (number and np.isclose(got, good, rtol=2e-3)):  # 3 decimals, as the page shows
        for value, mistake in mistakes.items():
            if number and np.isclose(got, value, rtol=2e-3):
                problems = [f"rate: that is {mistake}."]
        problems = problems or _number("rate", got, good)
    got = _scalar(epochs)
    if isinstance(got, numbers.Real) and got == 5 != len(gaps) - 1:
        return [*problems, "epochs: that is the mini-batch run's; count the batch run's."]
    return problems + _number("epochs", got, len(gaps) - 1)


@_exercise("batch-stochastic", 2)
def _batch_stochastic_2(cost_power, distance_power):
    """The powers p of η in "mean excess cost ∝ η^p" and "RMS distance to w* ∝ η^p" for
    stochastic gradient descent on the 1000-point line at constant rates 0.08 to 0.01 (epochs
    2 to 5 of 5, rng=2)."""
    from .stochastic import fit_minibatch

    X, y, w_best, best = _thousand()
    rates, excess, radius = np.array([0.08, 0.04, 0.02, 0.01]), [], []
    for rate in rates:
        path = fit_minibatch(X, y, 1, rate, 5, rng=2, record_costs=False).path[len(y) :]
        excess.append(np.mean(np.mean((y - path @ X.T) ** 2, axis=1)) - best)
        radius.append(np.sqrt(np.mean(np.sum((path - w_best) ** 2, axis=1))))
    wants = {
        "cost_power": np.polyfit(np.log(rates), np.log(excess), 1)[0],
        "distance_power": np.polyfit(np.log(rates), np.log(radius), 1)[0],
    }
    gots = {"cost_power": _scalar(cost_power), "distance_power": _scalar(distance_power)}
    if all(isinstance(got, numbers.Real) and not isinstance(got, bool) for got in gots.values()):
        close = lambda got, want: abs(got - want) <= 0.15  # noqa: E731 - a power, roughly
        if close(gots["cost_power"], wants["distance_power"]) and close(
            gots["distance_power"], wants["cost_power"]
        ):
            return ["cost_power and distance_power: the right powers, swapped."]
        problems = []
        for name, got in gots.items():
            if not np.isfinite(float(got)):
                problems += _number(name, got, wants[name])
                continue
            if close(got, wants[name]):
                continue
            if close(-got, wants[name]):
                problems.append(f"{name}: right size, wrong sign; it grows with η.")
            elif name == "distance_power" and close(got, 2 * wants[name]):
                problems.append(f"{name}: that is the squared distance's; take the square root.")
            else:
                size = "large" if got > wants[name] else "small"
                problems.append(f"{name}: not right; yours is too {size}.")
        return problems
    return [problem for name in gots for problem in _number(name, gots[name], wants[name])]


@_exercise("batch-stochastic", 3)
def _batch_stochastic_3(closest, decays_too_fast):
    """Stochastic gradient descent on the 1000-point line with InverseTimeDecay(0.05, tau) for
    5 epochs (rng=1), tau = 1, 10, 100 or 1000: the tau whose last epoch is closest to the
    minimum, and the one whose rate falls so fast that its run stalls far from it."""
    from .stochastic import fit_minibatch

    X, y, _, best = _thousand()
    taus, after = (1, 10, 100, 1000), {}
    for tau in taus:
        schedule = lambda t, tau=tau: 0.05 / (1 + t / tau)  # noqa: E731 - InverseTimeDecay
        path = fit_minibatch(X, y, 1, schedule, 5, rng=1, record_costs=False).path[-len(y) :]
        after[tau] = np.mean((y - path @ X.T) ** 2) - best
    hint = "compare the mean J − J* over the last epoch"
    return _choice("closest", _scalar(closest), min(after, key=after.get), taus, hint) + _choice(
        "decays_too_fast",
        _scalar(decays_too_fast),
        max(after, key=after.get),
        taus,
        "look at how far each rate has fallen after the first few updates",
    )


# --- momentum: the ravine J(w) = w₁² + κ w₂² from (−10, 1) --------------------------------------


def _heavy_ball(rates, betas, kappa: float = 50.0, steps: int = 1000) -> np.ndarray:
    """Heavy-ball runs on the ravine from (−10, 1), one per pair of ``rates`` and ``betas``
    (arrays of one shape, n), in plain numpy: the points, shape (steps + 1, n, 2)."""
    eta, beta = np.asarray(rates, dtype=float)[:, None], np.asarray(betas, dtype=float)[:, None]
    curvature = np.array([2.0, 2.0 * kappa])
    w = np.tile([-10.0, 1.0], (len(eta), 1))
    v, path = np.zeros_like(w), [w]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            v = beta * v + curvature * w
            w = w - eta * v
            path.append(w)
    return np.array(path)


def _arrival(path: np.ndarray) -> np.ndarray:
    """For each run of ``path``, the step from which it stays within 1e−6 of (0, 0): the
    page's steps_to_minimum; inf for a run that ends farther away."""
    with np.errstate(over="ignore", invalid="ignore"):  # diverged runs: inf or NaN, away
        away = ~(np.linalg.norm(path, axis=-1) <= 1e-6)
    last_away = len(path) - 1 - np.argmax(away[::-1], axis=0)
    return np.where(away[-1], np.inf, last_away + 1.0)


@_exercise("momentum", 1)
def _momentum_1(plain, momentum):
    """For the ravine with κ = 400 from (−10, 1): the number of steps to within 1e−6 of the
    minimum predicted from the factor per step alone, for plain descent at its best rate and for
    tuned momentum."""
    distance = np.log(np.sqrt(101) / 1e-6)

    def predicted(kappa):
        plain_factor = (kappa - 1) / (kappa + 1)
        beta = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
        return distance / np.log(1 / plain_factor), distance / np.log(1 / np.sqrt(beta)), beta

    want_plain, want_momentum, beta = predicted(400)
    problems = []
    for name, got, want in (("plain", plain, want_plain), ("momentum", momentum, want_momentum)):
        got = _scalar(got)
        if not isinstance(got, numbers.Real) or isinstance(got, bool):
            problems += _number(name, got, want)
            continue
        if abs(got - want) <= 0.051 or got == np.ceil(want):  # as the page prints, or whole
            continue
        if name == "momentum" and np.isclose(got, distance / np.log(1 / beta), rtol=1e-3):
            problems.append("momentum: that is with the factor β; the factor per step is √β.")
        elif name == "momentum" and abs(got - 199) <= 0.5:
            problems.append("momentum: that is the measured count; predict from the factor.")
        elif np.isclose(got, predicted(50)[name == "momentum"], rtol=1e-3):
            problems.append(f"{name}: that is for κ = 50; this ravine has κ = 400.")
        elif np.isclose(got, want * np.log(10 / 1e-6) / distance, rtol=1e-4):
            problems.append(f"{name}: the start is √101 from the minimum, not 10.")
        else:
            problems += _number(name, got, want, rtol=1e-4)
    return problems


@_exercise("momentum", 2)
def _momentum_2(best_at_0_005, best_at_1_51):
    """On the ravine (κ = 50) from (−10, 1), of β = 0, 0.5, 0.6, 0.7, 0.8, 0.9 and 0.95: the one
    that reaches the minimum in the fewest steps (of at most 2000) at η = 0.005, and at 1/51."""
    betas, answers = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95), (best_at_0_005, best_at_1_51)
    wants = [
        betas[int(np.argmin(_arrival(_heavy_ball(np.full(len(betas), eta), betas, steps=2000))))]
        for eta in (0.005, 1 / 51)
    ]
    answers = [_scalar(answer) for answer in answers]
    if wants[0] != wants[1] and answers == wants[::-1]:
        return ["best_at_0_005 and best_at_1_51: the right β's, swapped."]
    hint = "count the steps of each run again"
    names = ("best_at_0_005", "best_at_1_51")
    return [
        problem
        for name, got, want in zip(names, answers, wants, strict=True)
        for problem in _choice(name, got, want, betas, hint)
    ]


@_exercise("momentum", 3)
def _momentum_3(largest, edge):
    """On the ravine (κ = 50, L = 100) with β = 0.9: the largest learning rate of 0.034, 0.035,
    …, 0.041 at which a run from (−10, 1) reaches the minimum within 3000 steps, and the edge of
    stability 2(1 + β)/L."""
    grid = np.round(np.arange(0.034, 0.0415, 0.001), 3)
    arrives = np.isfinite(_arrival(_heavy_ball(grid, np.full(len(grid), 0.9), steps=3000)))
    want, top = grid[arrives].max(), 2 * (1 + 0.9) / 100.0
    problems, got = [], _scalar(largest)
    if isinstance(got, numbers.Real) and not isinstance(got, bool):
        if np.isclose(got, top) and not np.isclose(got, want):
            problems = ["largest: at the edge itself the steep direction never shrinks."]
        elif not np.any(np.isclose(got, grid)):
            problems = ["largest: give a rate of the grid 0.034, 0.035, …, 0.041."]
    problems = problems or _number("largest", got, want)
    got = _scalar(edge)
    if isinstance(got, numbers.Real) and not isinstance(got, bool) and not np.isclose(got, top):
        mistakes = {
            2 / 100.0: "plain descent's 2/L; momentum's edge has a factor 1 + β",
            2 * 1.9 / 2.0: "for the shallow curvature μ; the steep one, L, sets the edge",
            2 * (1 - 0.9) / 100.0: "with 1 − β; the edge has 1 + β",
        }
        for value, mistake in mistakes.items():
            if np.isclose(got, value):
                return [*problems, f"edge: that is {mistake}."]
    return problems + _number("edge", got, top)


# --- adaptive: AdaGrad's rate, Adam without its correction, RMSProp with a decaying rate --------


def _ravine_gradient(w: np.ndarray) -> np.ndarray:
    """The gradient (2 w₁, 100 w₂) of the ravine w₁² + 50 w₂², at w or at every row of w."""
    return w * np.array([2.0, 100.0])


@_exercise("adaptive", 1)
def _adaptive_1(best_rate, old_rate_steps):
    """AdaGrad on the ravine (κ = 50) from (−100, 10), 1000 steps: the rate of
    np.geomspace(1e-3, 100, 51) after which it stays within 1e−6 of the minimum soonest, and the
    step from which it does so at the old best rate, 10."""
    rates = np.geomspace(1e-3, 100, 51)
    every = np.append(rates, 10.0)[:, None]
    w = np.tile([-100.0, 10.0], (len(every), 1))
    squares, path = np.zeros_like(w), [w]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(1000):
            g = _ravine_gradient(w)
            squares = squares + g**2
            w = w - every * g / (np.sqrt(squares) + 1e-8)
            path.append(w)
    arrival = _arrival(np.array(path))
    best, old = int(np.argmin(arrival[:-1])), int(arrival[-1])
    problems, got = [], _scalar(best_rate)
    if isinstance(got, numbers.Real) and not isinstance(got, bool):
        if np.isclose(got, 10.0) and not np.isclose(rates[best], 10.0):
            problems = ["best_rate: that was the best from (−10, 1); the start has changed."]
        elif not np.any(np.isclose(got, rates, rtol=1e-3)):
            problems = ["best_rate: give a rate of the grid np.geomspace(1e-3, 100, 51)."]
        elif np.isclose(got, rates[best], rtol=1e-3):  # to the 3 digits the page shows
            got = rates[best]
    problems = problems or _number("best_rate", got, rates[best])
    got = _scalar(old_rate_steps)
    if isinstance(got, numbers.Real) and got == arrival[best] != old:
        return [*problems, "old_rate_steps: that is the count at the new best rate; use 10."]
    return problems + _number("old_rate_steps", got, old)


def _adam_directions(
    gradients, correct=(False, False), swap=(False, False), root=True, inside=False
) -> np.ndarray:
    """The directions of Adam without the bias correction for the gradients one by one, or of a
    slip of it: ``correct`` m and s by 1 − β^t, ``swap`` β and 1 − β in m and s, the square
    ``root`` left out, ε ``inside`` the square root."""
    m = s = np.zeros_like(gradients[0])
    directions = []
    for t, g in enumerate(gradients, start=1):
        m = (0.1 * m + 0.9 * g) if swap[0] else (0.9 * m + 0.1 * g)
        s = (0.001 * s + 0.999 * g**2) if swap[1] else (0.999 * s + 0.001 * g**2)
        m_hat = m / (1 - 0.9**t) if correct[0] else m
        s_hat = s / (1 - 0.999**t) if correct[1] else s
        scale = np.sqrt(s_hat + 1e-8) if inside else (np.sqrt(s_hat) if root else s_hat) + 1e-8
        directions.append(m_hat / scale)
    return np.array(directions)


@_exercise("adaptive", 2)
def _adaptive_2(rule, longest):
    """An update rule for gdtutor's engine, an object with init(w) and step(g, state), that is
    Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e−8) without the bias correction; and the longest of its
    first 1000 steps on the slope J(w) = w, in units of η."""
    # Gradients of two sizes: the second coordinate's are so small that ε matters there.
    gradients = np.array(
        [[1.0, 2e-6], [-0.5, -1e-6], [2.0, 3e-6], [0.25, -2e-6], [-1.5, 1e-6], [1.0, 4e-6]]
    )
    problems = []
    if not (callable(getattr(rule, "init", None)) and callable(getattr(rule, "step", None))):
        problems = [f"rule: expected an object with init and step, got {type(rule).__name__}."]
    else:
        got, doing = [], "init"
        try:
            state = rule.init(np.zeros(2))
            doing = "step"
            for g in gradients:
                direction, state = rule.step(g.copy(), state)
                got.append(np.asarray(direction, dtype=float))
            got = np.array(got)
        except Exception as error:  # noqa: BLE001 - any mistake in the learner's code is reported
            problems = [f"rule: calling its {doing} raised {type(error).__name__}: {error}"]
        if not problems and got.shape != gradients.shape:
            problems = [f"rule: step returns directions of shape {got.shape[1:]}; w has (2,)."]
        elif not problems:
            slips = {
                "divides by 1 − β^t: that is Adam's bias correction, which this rule leaves out": {
                    "correct": (True, True)
                },
                "corrects the average m by 1 − β₁^t; leave the correction out": {
                    "correct": (True, False)
                },
                "corrects the average s by 1 − β₂^t; leave the correction out": {
                    "correct": (False, True)
                },
                "β and 1 − β are swapped in the average of gradients": {"swap": (True, False)},
                "β and 1 − β are swapped in the average of squares": {"swap": (False, True)},
                "β and 1 − β are swapped in both averages": {"swap": (True, True)},
                "the square root of s is missing": {"root": False},
                "ε is inside the square root; add it to √s": {"inside": True},
            }
            want = _adam_directions(gradients)
            if np.allclose(got, -want, rtol=1e-7, atol=0):
                problems = ["rule: right size, wrong sign: the engine subtracts η times it."]
            elif not np.allclose(got, want, rtol=1e-7, atol=0):
                problems = ["rule: its directions are not right."]
                for slip, how in slips.items():
                    if np.allclose(got, _adam_directions(gradients, **how), rtol=1e-7, atol=0):
                        problems = [f"rule: {slip}."]
                        break
    t = np.arange(1, 1001)  # with a constant gradient 1: m_t = 1 − 0.9^t, s_t = 1 − 0.999^t
    lengths = (1 - 0.9**t) / (np.sqrt(1 - 0.999**t) + 1e-8)
    got = _scalar(longest)
    if isinstance(got, numbers.Real) and not isinstance(got, bool):
        if np.isclose(got, 1.0, rtol=1e-3):
            return [*problems, "longest: that is Adam's, with the correction."]
        if np.isclose(got, lengths[99], rtol=2e-3):
            return [*problems, "longest: that is the longest with the warm-up; leave it out."]
        if np.isclose(got, lengths.max(), rtol=2e-3):  # to the 3 digits the page shows
            return problems
        if np.isclose(got, 0.1 * lengths.max(), rtol=2e-3):
            return [*problems, "longest: that is in units of w; divide by η = 0.1."]
    return problems + _number("longest", got, lengths.max(), rtol=2e-3)


@_exercise("adaptive", 3)
def _adaptive_3(converges, distance):
    """RMSProp (ρ = 0.9, ε = 1e−8) on the ravine (κ = 50) from (−10, 1) with the schedule
    InverseTimeDecay(0.1, tau=100): whether it converges (True or False), and its distance from
    the minimum after 2000 steps."""
    w, s = np.array([-10.0, 1.0]), np.zeros(2)
    for t in range(2000):
        g = _ravine_gradient(w)
        s = 0.9 * s + 0.1 * g**2
        w = w - 0.1 / (1 + t / 100) * g / (np.sqrt(s) + 1e-8)
    want = float(np.linalg.norm(w))
    hint = "see whether its distance keeps falling as the rate does"
    problems = _choice("converges", converges, True, (True, False), hint)
    got = _scalar(distance)
    if isinstance(got, numbers.Real) and not isinstance(got, bool):
        if np.isclose(got, want, rtol=2e-3):  # to the 3 digits the page shows
            return problems
        if np.isclose(got, 0.1 / (1 + 2000 / 100) / np.sqrt(2), rtol=1e-3):
            return [*problems, "distance: that is η_t/√2, the estimate; give the run's."]
        if np.isclose(got, 0.1 / np.sqrt(2), rtol=1e-3):
            return [*problems, "distance: that is η/√2 at the constant rate; the rate decays."]
    return problems + _number("distance", got, want, rtol=2e-3)


# (helper A: insert page sections above this line)


# --- autodiff: a sigmoid for Value, a colleague's bug, a ridge penalty ---------------------------


def _slips(name: str, function, slips: dict[str, Callable], points) -> list[str]:
    """The slip among ``slips`` (what to say: the function that slip computes) that ``function``
    matches at every one of ``points``, as a problem for ``name``; nothing when none matches."""
    try:
        got = [np.asarray(function(np.array(p, dtype=float)), dtype=float) for p in points]
    except Exception:  # noqa: BLE001 - the caller's own comparison reports the error
        return []
    for says, slip in slips.items():
        wants = [np.asarray(slip(np.array(p, dtype=float)), dtype=float) for p in points]
        if all(
            g.shape == w.shape and np.allclose(g, w, rtol=1e-6, atol=1e-9)
            for g, w in zip(got, wants, strict=True)
        ):
            return [f"{name}: {says}"]
    return []


def _mistaken(name: str, got, mistakes: dict[str, np.ndarray], atol: float) -> list[str]:
    """``name``: that is the mistake in ``mistakes`` whose value ``got`` is, if any."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return []
    for says, value in mistakes.items():
        value = np.asarray(value, dtype=float)
        if got.shape == value.shape and np.allclose(got, value, rtol=0, atol=atol):
            return [f"{name}: {says}"]
    return []


def _sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


@_exercise("autodiff", 1)
def _autodiff_1(value_class):
    """The page's class Value with a method sigmoid added: its value σ(x) = 1/(1 + e^(−x)) and
    its backward step, alone and inside larger expressions."""
    if not isinstance(value_class, type) or not callable(getattr(value_class, "sigmoid", None)):
        return ["value_class: expected the class Value, with your method sigmoid attached."]
    x = np.array([-3.0, -0.4, 0.0, 0.7, 2.5])

    def slope(expression, point):  # ∂expression(v)/∂v at v = point, by the class's backward
        v = value_class(point)
        expression(v).backward()
        return v.grad

    try:
        values = [value_class(point).sigmoid().data for point in x]
        alone = [slope(lambda v: v.sigmoid(), point) for point in x]
        tripled = [slope(lambda v: v.sigmoid() * 3.0, point) for point in x]
        shared = [slope(lambda v: v.sigmoid() + v, point) for point in x]
        inner = None  # σ(2v), if the class's products have the method (a subclass's may not)
        if callable(getattr(value_class(1.0) * 2.0, "sigmoid", None)):
            inner = [slope(lambda v: (v * 2.0).sigmoid(), point) for point in x]
    except Exception as error:  # noqa: BLE001 - any mistake in the learner's code is reported
        return [f"sigmoid: using it raised {type(error).__name__}: {error}"]
    s, close = _sigmoid(x), lambda a, b: np.allclose(a, b, rtol=1e-9, atol=1e-12)  # noqa: E731
    problems = []
    if close(values, _sigmoid(-x)):
        problems.append("sigmoid: its value is σ(−x); look at the sign in the exponent.")
    elif not close(values, s):
        problems.append("sigmoid: its value is not σ(x) = 1/(1 + e^(−x)).")
    step = "sigmoid's backward step"
    if close(alone, s * (1 + s)):
        return [*problems, f"{step}: σ(1 + σ) is not the derivative; look at the sign."]
    if close(alone, x * (1 - x)):
        return [*problems, f"{step}: it uses the input x where σ(x), the output, belongs."]
    if close(alone, 0.0):
        return [*problems, f"{step}: x gets nothing; is it attached as out.backward_step?"]
    if not close(alone, s * (1 - s)):
        return [*problems, *_array(step, alone, s * (1 - s), atol=1e-9)]
    if close(tripled, s * (1 - s)):
        return [*problems, f"{step}: it leaves out out.grad, the chain rule's factor from later."]
    if close(shared, s * (1 - s)):
        return [*problems, f"{step}: it assigns to self.grad instead of adding to it."]
    if not (close(tripled, 3 * s * (1 - s)) and close(shared, s * (1 - s) + 1)):
        return [*problems, f"{step}: right alone, wrong inside a larger expression."]
    if inner is not None and not close(inner, 2 * _sigmoid(2 * x) * (1 - _sigmoid(2 * x))):
        return [*problems, f"{step}: wrong on a computed input, such as σ(2x): is x out's parent?"]
    return problems


@_exercise("autodiff", 2)
def _autodiff_2(culprit, t_plus_t):
    """The colleague's class: which of its operations, "+" or "*", is wrong, and the gradient it
    gives for t + t (at any t)."""
    problems = _choice(
        "culprit", culprit, "+", ("+", "*"), "test each one on an expression that uses t twice"
    )
    t_plus_t = _scalar(t_plus_t)
    if isinstance(t_plus_t, numbers.Real) and np.isclose(t_plus_t, 2.0):
        return [*problems, "t_plus_t: that is the right derivative; what does their class give?"]
    # Their sum's backward step assigns out.grad to each parent in turn: the last share wins.
    return problems + _number("t_plus_t", t_plus_t, 1.0)


def _autodiff_line() -> tuple[np.ndarray, np.ndarray]:
    """The page's 50 points about y = 8 + 6x, as X with its column of ones, and y."""
    x, y = _line()
    return np.column_stack([np.ones_like(x), x]), y


@_exercise("autodiff", 3)
def _autodiff_3(gradient, w):
    """For J(w) = (1/n)‖y − Xw‖² + λ‖w‖², λ = 0.5, on the page's 50 points: its gradient as a
    function of w, and its minimiser w."""
    X, y = _autodiff_line()
    n, penalty = len(y), 0.5

    def cost(v):
        return np.mean((y - X @ v) ** 2) + penalty * v @ v

    def data_part(v):  # the MSE's gradient, −(2/n) Xᵀ(y − Xv)
        return -2 / n * X.T @ (y - X @ v)

    slips = {
        "that is the gradient of the MSE alone; the penalty has one too.": data_part,
        "the penalty's part is λw; the derivative of λ‖w‖² is not.": lambda v: (
            data_part(v) + penalty * v
        ),
        "the penalty's part has the wrong sign.": lambda v: data_part(v) - 2 * penalty * v,
        "the MSE's part has the wrong sign; the chain rule through y − Xw brings a minus.": (
            lambda v: -data_part(v) + 2 * penalty * v
        ),
        "the MSE's part is n times too large: a sum where the cost has a mean.": lambda v: (
            n * data_part(v) + 2 * penalty * v
        ),
    }
    rng = np.random.default_rng(16)
    points = [[1.0, -2.0], *rng.uniform(-5.0, 10.0, size=(4, 2))]
    problems = _slips("gradient", gradient, slips, points) or _gradient(
        "gradient", gradient, cost, points, {n: f"n = {n} (a sum for a mean?)"}
    )

    def minimiser(strength):
        return np.linalg.solve(X.T @ X / n + strength * np.eye(2), X.T @ y / n)

    mistakes = {
        "that is the least-squares fit; the penalty moves the minimum.": minimiser(0.0),
        "that is the minimum for a penalty half as strong (a gradient λw?).": minimiser(0.25),
        "that is the minimum for a penalty twice as strong.": minimiser(1.0),
    }
    return problems + (_mistaken("w", w, mistakes, 1e-4) or _array("w", w, minimiser(0.5), 1e-5))


# --- logistic: a free intercept, two moons, two classes by softmax ------------------------------


def _logistic_data(moons: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The page's data, X with its column of ones and y: the two overlapping blobs, or the moons
    of exercise 2."""
    from .datasets import two_blobs, two_moons

    if moons:
        points, y = two_moons(200, noise=0.1, rng=0)
    else:
        points, y = two_blobs(200, separation=2.0, rng=0)
    return np.column_stack([np.ones(len(y)), points]), y


def _newton_logistic(X, y, penalty) -> np.ndarray:
    """The minimiser of mean(log(1 + e^z) − y z) + ½ wᵀ diag(penalty) w, z = X w, by Newton's
    method (the cost is convex and, on data no line separates, has one minimiser)."""
    w = np.zeros(X.shape[1])
    for _ in range(100):
        p = _sigmoid(X @ w)
        g = X.T @ (p - y) / len(y) + penalty * w
        hessian = X.T @ (X * (p * (1 - p))[:, None]) / len(y) + np.diag(penalty)
        w = w - np.linalg.solve(hessian, g)
    return w


@_exercise("logistic", 1)
def _logistic_1(gradient, w):
    """For J(w) + (λ/2)(w₁² + w₂²), λ = 0.01, on the page's two overlapping classes: its gradient
    as a function of w, and its minimiser w."""
    X, y = _logistic_data()
    n, l2 = len(y), 0.01
    free, every = l2 * np.array([0.0, 1.0, 1.0]), l2 * np.ones(3)

    def cost(v):
        z = X @ v
        return np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * v @ (free * v)

    def data_part(v):  # the cross-entropy's gradient, Xᵀ(σ(Xv) − y)/n
        return X.T @ (_sigmoid(X @ v) - y) / n

    slips = {
        "the penalty reaches the bias too; leave w₀ out of it.": lambda v: data_part(v) + every * v,
        "that is the gradient of the cross-entropy alone; the penalty has one too.": data_part,
        "the penalty's part is 2λ times the weights; (λ/2) w² has derivative λ w.": lambda v: (
            data_part(v) + 2 * free * v
        ),
        "the cross-entropy's part has the wrong sign: that is the log-likelihood's gradient.": (
            lambda v: -data_part(v) + free * v
        ),
        "the penalty's part has the wrong sign.": lambda v: data_part(v) - free * v,
        "the cross-entropy's part is n times too large: a sum where the cost has a mean.": (
            lambda v: n * data_part(v) + free * v
        ),
    }
    rng = np.random.default_rng(16)
    points = [[0.5, -1.0, 2.0], *rng.normal(0.0, 2.0, size=(4, 3))]
    problems = _slips("gradient", gradient, slips, points) or _gradient(
        "gradient", gradient, cost, points, {n: f"n = {n} (a sum for a mean?)"}
    )
    mistakes = {
        "that is the fit without a penalty.": _newton_logistic(X, y, np.zeros(3)),
        "that is the fit with the bias penalised too.": _newton_logistic(X, y, every),
        "that is the fit with a penalty twice as strong.": _newton_logistic(X, y, 2 * free),
    }
    want = _newton_logistic(X, y, free)
    # to the 4 decimals the page prints, or better
    return problems + (_mistaken("w", w, mistakes, 1e-5) or _array("w", w, want, 5e-5))


@_exercise("logistic", 2)
def _logistic_2(accuracy, misclassified):
    """Logistic regression fitted to two_moons(200, noise=0.1, rng=0): the fraction of the points
    it classifies right, and the number it misclassifies."""
    X, y = _logistic_data(moons=True)
    right = int(np.sum((X @ _newton_logistic(X, y, np.zeros(3)) > 0) == y))
    problems, accuracy = [], _scalar(accuracy)
    if isinstance(accuracy, numbers.Real) and not isinstance(accuracy, bool):
        if np.isclose(accuracy, 1.0):
            problems = ["accuracy: no line puts every point of the moons on its own side."]
        elif np.isclose(accuracy, 1 - right / len(y)):
            problems = ["accuracy: that is the fraction misclassified."]
        elif np.isclose(accuracy, 100 * right / len(y)):
            problems = ["accuracy: that is a percentage; give a fraction, from 0 to 1."]
        elif np.isclose(accuracy, right):
            problems = ["accuracy: that is a count; give a fraction, from 0 to 1."]
    problems = problems or _number("accuracy", accuracy, right / len(y))
    misclassified = _scalar(misclassified)
    if isinstance(misclassified, numbers.Real) and not isinstance(misclassified, bool):
        if np.isclose(misclassified, right):
            return [*problems, "misclassified: that is the number classified right."]
        if 0 < misclassified < 1:
            return [*problems, "misclassified: that is a fraction; give the number of points."]
    return problems + _number("misclassified", misclassified, len(y) - right)


@_exercise("logistic", 3)
def _logistic_3(W, to_logistic):
    """Softmax regression on the page's two overlapping classes from all-zero weights: its
    weights W, shape (3, 2), and the function of W that gives logistic regression's weights."""
    X, y = _logistic_data()
    w = _newton_logistic(X, y, np.zeros(3))
    # From zeros the columns of W keep summing to 0 (each gradient's rows sum to 0), and
    # softmax's P₁ is σ(z₁ − z₀): so W = [−w/2, w/2].
    want = np.column_stack([-w / 2, w / 2])
    problems = _array("W", W, want, atol=1e-5)
    if problems and np.shape(W) == (2, 3):
        problems = ["W: has shape (2, 3); one row per column of X, one column per class."]
    if not callable(to_logistic):
        return [
            *problems,
            f"to_logistic: expected a function of W, got {type(to_logistic).__name__}.",
        ]
    shifts = np.random.default_rng(16).normal(0.0, 1.0, size=(3, 3))
    for W_any in (want, *(want + shift[:, None] for shift in shifts)):
        try:
            got = to_logistic(W_any.copy())
        except Exception as error:  # noqa: BLE001 - any mistake in the learner's code is reported
            return [*problems, f"to_logistic: it raised {type(error).__name__}: {error}"]
        wrong = _array("to_logistic(W)", got, w, atol=1e-9)
        if wrong and W_any is want:
            return problems + wrong
        if wrong:
            return [
                *problems,
                "to_logistic: right for the W from zeros, but not for every minimiser: adding"
                " one vector to both columns of W changes no probability.",
            ]
    return problems


# --- explore: a step predicted, the fastest rate for two parameters -----------------------------


def _explore_curvatures() -> tuple[float, float]:
    """The curvatures of the explorers' cost on 20 points evenly spaced on [−1, 1]: that of the
    slope, h = (2/n) Σ xᵢ², and of the bias, 2 (the points are symmetric, so no cross term)."""
    x = np.linspace(-1.0, 1.0, 20)
    X = np.column_stack([np.ones_like(x), x])
    bias, slope = np.diag(2 / len(x) * X.T @ X)
    return float(slope), float(bias)


@_exercise("explore", 1)
def _explore_1(theta1):
    """θ₁ after 3 steps of the one-parameter explorer from θ₁ = 1.2 with α = 2.0."""
    h, theta1 = _explore_curvatures()[0], _scalar(theta1)

    def after(steps, factor=1 - 2.0 * h, start=1.2):
        return 0.5 + (start - 0.5) * factor**steps

    if isinstance(theta1, numbers.Real) and not isinstance(theta1, bool):
        mistakes = {
            "that is the distance θ₁ − 0.5; add the bottom, 0.5.": after(3) - 0.5,
            "that shrinks θ₁ itself; the factor multiplies its distance to the bottom, 0.5.": (
                1.2 * (1 - 2.0 * h) ** 3
            ),
            "that is with the factor 1 − αh/2, as for half the mean squared error.": after(
                3, 1 - h
            ),
        }
        for steps in (2, 4):
            mistakes[f"off by one step: yours is θ₁ after {steps} steps."] = after(steps)
        for says, value in mistakes.items():
            if np.isclose(theta1, value, rtol=0, atol=1e-5):
                return [f"theta1: {says}"]
    return _number("theta1", theta1, after(3), rtol=2e-5)  # right to 5 digits or more


@_exercise("explore", 2)
def _explore_2(alpha):
    """The learning rate α that makes the larger of |1 − 2α| and |1 − hα| as small as possible."""
    h, bias = _explore_curvatures()
    # max(|1 − 2α|, |1 − hα|) is least where the two are equal in size with opposite signs:
    # 2α − 1 = 1 − hα, at one over the mean of the two curvatures.
    want, alpha = 2 / (bias + h), _scalar(alpha)
    if isinstance(alpha, numbers.Real) and not isinstance(alpha, bool):
        mistakes = {
            "that lands the slope in one step, but leaves the bias's factor large.": 1 / h,
            "that lands the bias in one step, but leaves the slope's factor large.": 1 / bias,
            "close: that is the nearest slider position; give α to 4 digits.": round(want, 2),
        }
        for says, value in mistakes.items():
            if np.isclose(alpha, value, rtol=0, atol=1e-9):
                return [f"alpha: {says}"]
    return _number("alpha", alpha, want, rtol=1e-4)


# --- neural-network: ReLU, counting parameters, half the weights at zero -----------------------

_LAYERS = ("W1", "b1", "W2", "b2")


def _network(w, X, y, activation: str = "tanh") -> tuple[float, np.ndarray]:
    """The page's network with one hidden layer, in numpy: its mean cross-entropy at the flat
    parameters w = (W1, b1, W2, b2) and its gradient, by backpropagation."""
    m = (len(w) - 2) // 5
    W1, b1 = w[: 2 * m].reshape(2, m), w[2 * m : 3 * m]
    W2, b2 = w[3 * m : 5 * m].reshape(m, 2), w[5 * m :]
    A = X @ W1 + b1
    H = np.tanh(A) if activation == "tanh" else np.maximum(A, 0.0)
    Z = H @ W2 + b2
    Z = Z - Z.max(axis=1, keepdims=True)
    log_P = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    Y = np.eye(2)[y]
    dZ = (np.exp(log_P) - Y) / len(y)
    dH = dZ @ W2.T
    dA = dH * (1 - H * H) if activation == "tanh" else dH * (A > 0)
    gradient = [X.T @ dA, dA.sum(axis=0), H.T @ dZ, dZ.sum(axis=0)]
    return -np.mean(np.sum(Y * log_P, axis=1)), np.concatenate([g.ravel() for g in gradient])


def _moons_start() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The page's moons X, y and its start w₀ (width 8, standard normal, seed 0)."""
    from .datasets import two_moons

    X, y = two_moons(200, noise=0.2, rng=0)
    return X, y, np.random.default_rng(0).normal(0.0, 1.0, size=5 * 8 + 2)


_RELU_RATES = (0.01, 0.03, 0.1, 0.3)


def _relu_best_rate() -> float:
    """The rate of Adam's grid at which the ReLU network, from w₀, on the page's mini-batches
    (20 at a time, shuffled each epoch by a generator seeded 1), ends with the lowest mean cost
    over the last 10 epochs of its 400 steps."""
    from .descent import gradient_descent
    from .optimizers import Adam

    if (found := getattr(_relu_best_rate, "found", None)) is not None:
        return found
    X, y, w0 = _moons_start()
    late = {}
    for rate in _RELU_RATES:
        rng, batches = np.random.default_rng(1), []
        for _ in range(40):  # 40 epochs of 10 batches of 20
            order = rng.permutation(len(y))
            batches += [order[start : start + 20] for start in range(0, len(y), 20)]
        batches = iter(batches)

        def gradient(w, batches=batches):
            rows = next(batches)
            return _network(w, X[rows], y[rows], "relu")[1]

        run = gradient_descent(gradient, w0, rate, 400, update=Adam())
        late[rate] = np.mean([_network(w, X, y, "relu")[0] for w in run.path[-100:]])
    _relu_best_rate.found = min(late, key=late.get)
    return _relu_best_rate.found


@_exercise("neural-network", 1)
def _neural_network_1(cost, best_rate, boundary):
    """The ReLU network: its cost as a function of (w, X, y), the best rate of Adam's grid 0.01,
    0.03, 0.1, 0.3 for it, and the shape of its boundary, one of "straight pieces", "one straight
    line", "a smooth curve"."""
    rng = np.random.default_rng(16)
    problems = []
    if not callable(cost):
        problems = [f"cost: expected a function of (w, X, y), got {type(cost).__name__}."]
    for m in (8, 3):
        if problems:
            break
        w, X = rng.normal(0.0, 1.0, size=5 * m + 2), rng.normal(0.0, 1.0, size=(6, 2))
        y = np.array([0, 1, 1, 0, 1, 0])
        try:
            got = _scalar(np.asarray(getattr(value := cost(w, X, y), "value", value)))
        except Exception as error:  # noqa: BLE001 - any mistake in the learner's code is reported
            problems = [f"cost: calling it raised {type(error).__name__}: {error}"]
            break
        want = _network(w, X, y, "relu")[0]
        if isinstance(got, numbers.Real) and np.isclose(got, _network(w, X, y)[0], rtol=1e-9):
            problems = ["cost: that is the tanh network's cost; give the network ReLU."]
        elif isinstance(got, numbers.Real) and np.isclose(got, len(y) * want, rtol=1e-9):
            problems = ["cost: a sum over the points where the cost is their mean."]
        else:
            problems = _number("cost", got, want, rtol=1e-9)
    best_rate = _scalar(best_rate)
    if isinstance(best_rate, numbers.Real) and np.isclose(best_rate, 0.1):
        rate = ["best_rate: that is the best rate for tanh; ReLU needs its own."]
    else:
        rate = _choice("best_rate", best_rate, _relu_best_rate(), _RELU_RATES, "compare late costs")
    options = ("straight pieces", "one straight line", "a smooth curve")
    hint = "what is max(a, 0) on each side of 0, and so the logits where no unit changes sign?"
    return problems + rate + _choice("boundary", boundary, options[0], options, hint)


@_exercise("neural-network", 2)
def _neural_network_2(count_parameters, one_hidden, two_hidden):
    """Your count of a fully connected network's parameters as a function of its layer sizes
    (inputs first), and the counts for 784 inputs, 10 classes and one or two hidden layers of
    100 units."""

    def count(sizes):  # weights and biases, layer by layer, from their shapes
        shapes = [((a, b), (b,)) for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
        return sum(int(np.prod(weights)) + int(np.prod(biases)) for weights, biases in shapes)

    problems = []
    if not callable(count_parameters):
        problems = [
            f"count_parameters: expected a function, got {type(count_parameters).__name__}."
        ]
    for sizes in ((2, 8, 2), (2, 1, 2), (2, 32, 2), (3, 5, 4, 2), (784, 100, 10), (1, 1)):
        if problems:
            break
        try:
            got = count_parameters(sizes)
        except Exception as error:  # noqa: BLE001 - any mistake in the learner's code is reported
            problems = [f"count_parameters: calling it raised {type(error).__name__}: {error}"]
            break
        layers = list(zip(sizes[:-1], sizes[1:], strict=True))
        slips = {
            "it leaves out the biases.": sum(a * b for a, b in layers),
            "it gives each layer a bias per input, not per output.": sum(
                a * b + a for a, b in layers
            ),
        }
        for says, value in slips.items():
            if got == value and value != count(sizes):
                problems = [f"count_parameters: {says}"]
                break
        else:
            problems = _number(f"count_parameters({sizes})", got, count(sizes))
    digits = {"one_hidden": (784, 100, 10), "two_hidden": (784, 100, 100, 10)}
    for name, got in {"one_hidden": one_hidden, "two_hidden": two_hidden}.items():
        sizes = digits[name]
        if isinstance(got, numbers.Real) and got == count(sizes[:2]):
            problems.append(f"{name}: that is the first layer only.")
        elif isinstance(got, numbers.Real) and got == count(sizes) - sum(sizes[1:]):
            problems.append(f"{name}: that leaves out the biases.")
        else:
            problems += _number(name, got, count(sizes))
    return problems


@_exercise("neural-network", 3)
def _neural_network_3(output_zero, hidden_zero):
    """Which gradients, of "W1", "b1", "W2", "b2", are zero at the start when only the output
    layer starts at zero, and when only the hidden layer does (the others from w₀)."""
    X, y, w0 = _moons_start()
    m = (len(w0) - 2) // 5
    starts = {"output_zero": w0.copy(), "hidden_zero": w0.copy()}
    starts["output_zero"][3 * m :] = 0.0  # W2 and b2
    starts["hidden_zero"][: 3 * m] = 0.0  # W1 and b1
    bounds = np.cumsum([0, 2 * m, m, 2 * m, 2])
    want = {}
    for name, start in starts.items():
        gradient = _network(start, X, y)[1]
        parts = [gradient[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        want[name] = {layer for layer, part in zip(_LAYERS, parts, strict=True) if not part.any()}
    got = {"output_zero": output_zero, "hidden_zero": hidden_zero}
    got = {name: list(v) if isinstance(v, set | frozenset) else v for name, v in got.items()}
    for name, answer in got.items():
        if isinstance(answer, str) or not all(part in _LAYERS for part in np.ravel(answer)):
            return [f"{name}: give a list of names among {', '.join(map(repr, _LAYERS))}."]
    got = {name: set(np.ravel(answer).tolist()) for name, answer in got.items()}
    if got["output_zero"] == want["hidden_zero"] and got["hidden_zero"] == want["output_zero"]:
        return ["output_zero and hidden_zero: the right answers, swapped."]
    problems = []
    for name in got:
        if "b2" in got[name] - want[name]:
            problems.append(f"{name}: b2's gradient is the sum of dZ's rows, which are not 0.")
        elif got[name] - want[name]:
            problems.append(f"{name}: it names a gradient that is not zero at this start.")
        if want[name] - got[name]:
            problems.append(f"{name}: it misses a gradient that is zero at this start.")
    return problems


# --- real-data: SGDRegressor's penalty, early stopping on other splits and on noise -------------
# The diabetes data come from scikit-learn, which gdtutor does not depend on, so these checks
# take the data as the page has them: they check that the data are right, then compute the
# reference from them in numpy.


def _diabetes(X, y) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The raw diabetes features X, (442, 10), and targets y, (442,), as arrays, and what is
    wrong with them."""
    try:
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return X, y, ["X, y: expected arrays of numbers; pass the page's X and y."]
    if X.shape != (442, 10) or y.shape != (442,):
        return X, y, [f"X, y: have shapes {X.shape}, {y.shape}; pass the page's X and y."]
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y)) and np.all(X.std(axis=0) > 0)):
        return X, y, ["X, y: not the page's data; pass the page's X and y."]
    if np.allclose(X.mean(axis=0), 0.0, atol=1e-6):
        return X, y, ["X: already scaled; pass the features in their units, as the page has X."]
    return X, y, []


def _standardised(X, rows, by) -> np.ndarray:
    """The rows of X standardised with the means and standard deviations of the rows ``by``,
    behind a column of ones."""
    scaled = (X[rows] - X[by].mean(axis=0)) / X[by].std(axis=0)
    return np.column_stack([np.ones(len(rows)), scaled])


def _batch_path(A, y, epochs: int) -> np.ndarray:
    """Batch gradient descent on the MSE of (A, y) from zeros with η = 1/λ_max of its Hessian
    (2/n) AᵀA: the parameters after every epoch, the start included."""
    hessian = 2 / len(y) * A.T @ A
    eta, path = 1 / np.linalg.eigvalsh(hessian)[-1], [np.zeros(A.shape[1])]
    for _ in range(epochs):
        path.append(path[-1] - eta * 2 / len(y) * A.T @ (A @ path[-1] - y))
    return np.array(path)


def _keep(curve, patience: int = 20) -> tuple[int, int]:
    """The page's rule: the epoch to keep, the lowest validation error so far, and the epoch to
    stop at, once ``patience`` epochs in a row have not beaten it."""
    kept, waited = 0, 0
    for epoch in range(1, len(curve)):
        if curve[epoch] < curve[kept]:
            kept, waited = epoch, 0
        else:
            waited += 1
            if waited == patience:
                return kept, epoch
    return kept, len(curve) - 1


@_exercise("real-data", 1)
def _real_data_1(gradient, w, moved, A, y):
    """For SGDRegressor's default cost, α = 0.0001, the intercept left out of the penalty, on the
    standardised training set (A, y) of the page: the gradient of twice the cost,
    MSE + α‖w₁:‖², as a function of w (that of the cost itself will do), its minimiser w, and
    how far it moved from w*, the least-squares fit: the largest change of a single weight."""
    try:
        A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return ["A, y: expected arrays of numbers; pass A_train and y_train."]
    if A.shape != (342, 11) or y.shape != (342,) or not np.allclose(A[:, 0], 1.0):
        return [f"A, y: have shapes {A.shape}, {y.shape}; pass A_train and y_train."]
    n, alpha, free = len(y), 1e-4, np.concatenate([[0.0], np.ones(10)])

    def cost(v):
        return np.mean((y - A @ v) ** 2) + alpha * np.sum((free * v) ** 2)

    def data_part(v):
        return -2 / n * A.T @ (y - A @ v)

    slips = {
        "the penalty reaches the bias too; the intercept is left out of it.": lambda v: (
            data_part(v) + 2 * alpha * v
        ),
        "that is the gradient of the MSE alone; the penalty has one too.": data_part,
        "the penalty's part is half its size next to the MSE's: doubling a cost doubles both.": (
            lambda v: data_part(v) + alpha * free * v
        ),
        "the penalty's part has the wrong sign.": lambda v: data_part(v) - 2 * alpha * free * v,
    }
    rng = np.random.default_rng(16)
    points = [np.ones(11), *rng.normal(0.0, 30.0, size=(3, 11))]

    def doubled(v):  # the gradient of the cost itself, made that of twice the cost
        return 2 * np.asarray(gradient(v), dtype=float)

    problems = _slips("gradient", gradient, slips, points) or _slips(
        "gradient", doubled, slips, points
    )
    if not problems and _gradient("gradient", doubled, cost, points):
        problems = _gradient("gradient", gradient, cost, points, {n: f"n = {n} (a sum?)"})

    def minimiser(strength, penalised=free):
        return np.linalg.solve(A.T @ A / n + strength * np.diag(penalised), A.T @ y / n)

    w_star, want = minimiser(0.0), minimiser(alpha)
    mistakes = {
        "that is w*, the least-squares fit; the penalty moves it, if only a little.": w_star,
        "that is the fit with the bias penalised too.": minimiser(alpha, np.ones(11)),
        "that is the fit for a penalty half as strong.": minimiser(alpha / 2),
        "that is the fit for a penalty twice as strong.": minimiser(2 * alpha),
    }
    # to 1e−6 of the largest weight: gradient descent with tol=1e-8 gets there, and the closest
    # mistake, the bias penalised too, is 1e−4 of it away
    problems += _mistaken("w", w, mistakes, 1e-4) or _array("w", w, want, atol=1e-6)
    change, moved = want - w_star, _scalar(moved)
    if isinstance(moved, numbers.Real) and not isinstance(moved, bool):
        if np.isclose(moved, np.linalg.norm(change), rtol=1e-2):
            return [*problems, "moved: that is the length of the change; give its largest entry."]
        if np.isclose(moved, np.abs(change[1:]).sum(), rtol=1e-2):
            return [*problems, "moved: that is the sum of the changes; give the largest."]
    return problems + _number("moved", moved, np.abs(change).max(), rtol=1e-2)


@_exercise("real-data", 2)
def _real_data_2(better, largest, X, y):
    """Early stopping against least squares on the ten splits of seeds 1 to 10 (the page's
    X, y): on how many of them early stopping has the lower test MSE, and the largest size of
    a change (kept epoch minus least squares) in its own standard errors."""
    X, y, problems = _diabetes(X, y)
    if problems:
        return problems
    changes, errors = [], []
    for seed in range(1, 11):
        shuffled = np.random.default_rng(seed).permutation(len(y))
        held, checked, fitted = shuffled[:100], shuffled[100:180], shuffled[180:]
        F, V, T = (_standardised(X, rows, fitted) for rows in (fitted, checked, held))
        path = _batch_path(F, y[fitted], 500)
        kept = _keep(np.mean((y[checked] - path @ V.T) ** 2, axis=1))[0]
        w_star = np.linalg.lstsq(F, y[fitted], rcond=None)[0]
        change = (y[held] - T @ path[kept]) ** 2 - (y[held] - T @ w_star) ** 2
        changes.append(change.mean())
        errors.append(np.std(change, ddof=1) / np.sqrt(len(change)))
    z = np.abs(changes) / np.array(errors)
    want = int(np.sum(np.array(changes) < 0))
    better, largest = _scalar(better), _scalar(largest)
    if isinstance(better, numbers.Real) and better == 10 - want != want:
        problems = ["better: that is the number of splits where early stopping did worse."]
    else:
        problems = _number("better", better, want)
    if isinstance(largest, numbers.Real) and not isinstance(largest, bool):
        if np.isclose(largest, np.max(z) * np.sqrt(100 / 99), rtol=1e-3):
            return [*problems, "largest: a standard deviation over n; divide by n − 1."]
        if np.isclose(largest, np.max(np.abs(changes)) / np.mean(errors), rtol=1e-3):
            return [*problems, "largest: measure each change in its own standard error."]
    return problems + _number("largest", largest, np.max(z), rtol=2e-3)


@_exercise("real-data", 3)
def _real_data_3(kept, test_least_squares, test_kept, X, y):
    """With 100 columns of noise added (standard normal, seed 2) and the chapter's split, at
    most 200 epochs: the epoch early stopping keeps, and the test MSE of least squares and of
    the kept epoch."""
    X, y, problems = _diabetes(X, y)
    if problems:
        return problems
    order = np.random.default_rng(0).permutation(len(y))
    test, validation, fitting = order[:100], order[100:180], order[180:]
    wide = np.column_stack([X, np.random.default_rng(2).normal(size=(len(y), 100))])
    F, V, T = (_standardised(wide, rows, fitting) for rows in (fitting, validation, test))
    path = _batch_path(F, y[fitting], 200)
    want_kept, stopped = _keep(np.mean((y[validation] - path @ V.T) ** 2, axis=1))
    w_star = np.linalg.lstsq(F, y[fitting], rcond=None)[0]

    def test_error(v):
        return float(np.mean((y[test] - T @ v) ** 2))

    def train_error(v):
        return float(np.mean((y[fitting] - F @ v) ** 2))

    kept = _scalar(kept)
    if isinstance(kept, numbers.Real) and kept == stopped != want_kept:
        problems = ["kept: that is where the run stops; keep the epoch of the lowest error."]
    else:
        problems = _number("kept", kept, want_kept)
    want = {"test_least_squares": w_star, "test_kept": path[want_kept]}
    got = {"test_least_squares": _scalar(test_least_squares), "test_kept": _scalar(test_kept)}
    reals = all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in got.values())
    if reals and np.allclose(list(got.values())[::-1], [test_error(v) for v in want.values()]):
        return [*problems, "test_least_squares and test_kept: the right errors, swapped."]
    for name, value in got.items():
        if reals and np.isclose(value, train_error(want[name]), rtol=1e-4):
            problems.append(f"{name}: that is the training error; give the test error.")
        else:
            problems += _number(name, value, test_error(want[name]), rtol=1e-4)
    return problems


# (helper B: insert page sections above this line)
