r"""The gradient-descent engine: one loop that every chapter of the course reuses."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import (
    as_float_array,
    call_cost,
    call_grad,
    callable_arg,
    non_negative_int,
    positive_float,
)


@dataclass(frozen=True, eq=False)
class DescentResult:
    r"""What one run of gradient descent did.

    Attributes
    ----------
    path : ndarray, shape (steps + 1, *start.shape)
        The parameters before the first step and after every step; ``path[0]`` is the start.
        Read-only.
    costs : ndarray, shape (steps + 1,), or None
        The cost at each point of ``path``, or None when no ``cost`` function was given.
        Read-only.
    steps : int
        How many steps were taken (fewer than asked for when the tolerance stopped the run).
    converged : bool
        True when a step no longer than ``tol`` stopped the run; always False without ``tol``.
    """

    path: np.ndarray
    costs: np.ndarray | None
    steps: int
    converged: bool

    @property
    def w(self):
        """The parameters after the last step (a float for a scalar start)."""
        return self.path[-1]


class DivergenceError(ArithmeticError):
    """Gradient descent left the finite numbers or exploded; ``.result`` holds the run so far."""

    def __init__(self, message: str, result: DescentResult):
        super().__init__(message)
        self.result = result


def gradient_descent(
    grad: Callable,
    start,
    learning_rate: float | Callable,
    steps: int,
    *,
    cost: Callable | None = None,
    tol: float | None = None,
    blowup: float = 1e10,
    momentum: float = 0.0,
) -> DescentResult:
    r"""Minimise a function by repeatedly stepping against its gradient.

    Each step moves the parameters a little way downhill:

    .. math::

        w_{t+1} = w_t - \eta \, \nabla J(w_t)

    With a learning-rate schedule :math:`\eta_t` and heavy-ball momentum :math:`\beta`, the step
    follows a running sum of past gradients instead (:math:`v_0 = 0`); with the defaults
    (:math:`\beta = 0`, :math:`\eta_t = \eta`) this is the rule above:

    .. math::

        v_{t+1} = \beta \, v_t + \nabla J(w_t), \qquad w_{t+1} = w_t - \eta_t \, v_{t+1}

    Parameters
    ----------
    grad : callable
        ``grad(w)`` returns :math:`\nabla J(w)`, an array of the same shape as ``w``.
    start : float or array_like, shape (n,) or any shape
        The starting parameters :math:`w_0`. Integers are converted to floats.
    learning_rate : float or callable
        The step size :math:`\eta`, greater than 0; or a schedule: ``learning_rate(t)`` returns
        :math:`\eta_t > 0` for the step from :math:`w_t` to :math:`w_{t+1}`, ``t = 0, 1, ...``
        (see :class:`gdtutor.stochastic.InverseTimeDecay`).
    steps : int
        The largest number of steps to take, 0 or more.
    cost : callable, optional
        ``cost(w)`` returns :math:`J(w)` as a scalar; when given, it is recorded at every point.
    tol : float, optional
        Stop as soon as a step :math:`\eta_t v_{t+1}` (without momentum, :math:`\eta \nabla J(w_t)`)
        has Euclidean length at most ``tol``.
    blowup : float, default 1e10
        Declare divergence when :math:`\max_i |w_i|` exceeds ``blowup`` times
        :math:`\max(1, \max_i |w_{0,i}|)`.
    momentum : float, default 0.0
        The heavy-ball momentum :math:`\beta`, with :math:`0 \le \beta < 1`; 0 is plain gradient
        descent.

    Returns
    -------
    DescentResult
        The path, the cost at each point, the number of steps taken and whether ``tol`` was met.

    Raises
    ------
    TypeError, ValueError
        If an argument has the wrong type or value (the message names it), or the cost is NaN or
        infinite at ``start``.
    DivergenceError
        If the parameters, the gradient or the cost become NaN or infinite, or the parameters
        exceed the ``blowup`` bound. The partial run is attached as ``error.result``.

    Examples
    --------
    Minimise :math:`J(w) = w^2`, whose gradient is :math:`2w`:

    >>> result = gradient_descent(lambda w: 2 * w, start=20.0, learning_rate=0.1, steps=3)
    >>> print(result.path)
    [20.   16.   12.8  10.24]
    >>> print(result.steps, result.converged)
    3 False
    """
    grad = callable_arg(grad, "grad")
    w = as_float_array(start, "start")
    schedule = learning_rate if callable(learning_rate) else None
    eta = None if schedule is not None else positive_float(learning_rate, "learning_rate")
    beta = _momentum(momentum)
    steps = non_negative_int(steps, "steps")
    if cost is not None:
        cost = callable_arg(cost, "cost")
    if tol is not None:
        tol = positive_float(tol, "tol")
    limit = positive_float(blowup, "blowup") * max(1.0, float(np.max(np.abs(w))))

    path = np.empty((steps + 1, *w.shape))
    costs = np.empty(steps + 1) if cost is not None else None
    path[0] = w
    if costs is not None:
        costs[0] = call_cost(cost, w)
        if not np.isfinite(costs[0]):
            raise ValueError("cost is NaN or infinite at start; choose a start where it is defined")

    def result(taken: int, converged: bool) -> DescentResult:
        return DescentResult(
            path=_frozen(path[: taken + 1]),
            costs=None if costs is None else _frozen(costs[: taken + 1]),
            steps=taken,
            converged=converged,
        )

    taken = 0
    velocity = np.zeros_like(w)
    # Overflow is not warned about here: non-finite values are caught below and reported.
    with np.errstate(over="ignore", invalid="ignore"):
        while taken < steps:
            g = call_grad(grad, w)
            if schedule is not None:
                eta = positive_float(schedule(taken), f"learning_rate({taken})")
            velocity = g if beta == 0.0 else beta * velocity + g
            step = eta * velocity
            w = w - step
            taken += 1
            path[taken] = w
            if costs is not None:
                costs[taken] = call_cost(cost, w)
            problem = _divergence(g, w, None if costs is None else costs[taken], limit)
            if problem:
                extra = f", momentum={momentum!r}" if beta else ""
                raise DivergenceError(
                    f"gradient descent diverged at step {taken}: {problem} "
                    f"(learning_rate={learning_rate!r}{extra}); try a smaller learning_rate. "
                    "The run up to this step is in error.result.",
                    result(taken, False),
                )
            if tol is not None and np.linalg.norm(step) <= tol:
                return result(taken, True)
    return result(taken, False)


def _momentum(value) -> float:
    """Return the momentum as a float in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"momentum must be a real number, got {type(value).__name__}")
    beta = float(value)
    if not 0.0 <= beta < 1.0:  # also rejects NaN
        raise ValueError(f"momentum must be at least 0 and less than 1, got {value!r}")
    return beta


def _divergence(g: np.ndarray, w: np.ndarray, cost: float | None, limit: float) -> str:
    """Say what went wrong in this step, or return '' when nothing did."""
    if not np.all(np.isfinite(g)):
        return "the gradient became NaN or infinite"
    if not np.all(np.isfinite(w)):
        return "the parameters became NaN or infinite"
    if cost is not None and not np.isfinite(cost):
        return "the cost became NaN or infinite"
    if np.max(np.abs(w)) > limit:
        return f"the parameters grew past {limit:.3g} in size"
    return ""


def _frozen(array: np.ndarray) -> np.ndarray:
    array = array.copy()
    array.flags.writeable = False
    return array
