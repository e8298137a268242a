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


def _factor(ratio: float) -> str | None:
    """The slip that turns the right value into ``ratio`` times it, if it is a common one."""
    for factor, name in FACTORS.items():
        if np.isclose(abs(ratio), factor, rtol=1e-6):
            sign = "-" if ratio < 0 else ""
            return f"{sign}{name}"
    return None


def _number(name: str, got, want: float, rtol: float = 1e-6) -> list[str]:
    """What is wrong with the number ``got`` where ``want`` is right; nothing when it is right."""
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


def _choice(name: str, got, want, options) -> list[str]:
    """What is wrong with picking ``got`` from ``options`` where ``want`` is right."""
    if got not in options:
        listed = ", ".join(repr(option) for option in options)
        return [f"{name}: answer one of {listed}."]
    return [] if got == want else [f"{name}: not that one; look at the run again."]


def _gradient(name: str, grad, cost: Callable, points) -> list[str]:
    """What is wrong with ``grad`` as the gradient of ``cost``, from its values at ``points``."""
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
        elif np.isclose(values[0], -1.0, rtol=1e-5):
            kinds.append("the sign is flipped")
        else:
            kinds.append(f"off by a constant factor of {_factor(values[0]) or f'{values[0]:.3g}'}")
    wrong = [(column, kind) for column, kind in enumerate(kinds, start=1) if kind]
    if len(kinds) == 1 or (len(wrong) == len(kinds) and len(set(kinds)) == 1):
        return [f"{name}: {wrong[0][1]}."]
    return [f"{name}, component {column}: {kind}." for column, kind in wrong]


def _learning_rate(name: str, eta, curvature: float, label: str) -> list[str]:
    """A learning rate for gradient descent on a bowl of curvature ``curvature``: a problem if
    the run diverges (|1 − curvature·η| > 1); ``label`` is how the page writes 1 − curvature·η."""
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
