r"""The gradient-descent engine: one loop that every chapter of the course reuses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import (
    as_float_array,
    boolean,
    call_cost,
    call_grad,
    callable_arg,
    non_negative_int,
    positive_float,
    returned_array,
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

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> result = gradient_descent(lambda w: 2 * w, start=1.0, learning_rate=0.25, steps=2,
    ...                           cost=lambda w: w**2)
    >>> print(result.path, result.costs, result.steps, result.converged)
    [1.   0.5  0.25] [1.     0.25   0.0625] 2 False
    >>> print(result.w)
    0.25
    """

    path: np.ndarray
    costs: np.ndarray | None
    steps: int
    converged: bool

    def __post_init__(self):
        # Checked here, so that every result, the engine's or one made by hand, is consistent
        # and read-only. NaN and infinity are allowed: a diverged run's path ends in them.
        steps = non_negative_int(self.steps, "steps")
        path = _read_only(self.path, "path")
        if path.ndim == 0 or path.shape[0] != steps + 1:
            raise ValueError(
                f"path must have steps + 1 = {steps + 1} rows, the start and one per step; "
                f"got shape {path.shape}"
            )
        costs = None if self.costs is None else _read_only(self.costs, "costs")
        if costs is not None and costs.shape != (steps + 1,):
            raise ValueError(
                f"costs must have shape ({steps + 1},), one per point of path, got {costs.shape}"
            )
        if not isinstance(self.converged, (bool, np.bool_)):
            kind = type(self.converged).__name__
            raise TypeError(f"converged must be True or False, got {kind}")
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "costs", costs)
        object.__setattr__(self, "steps", steps)
        object.__setattr__(self, "converged", bool(self.converged))

    @property
    def w(self):
        """The parameters after the last step (a float for a scalar start)."""
        return self.path[-1]


class DivergenceError(ArithmeticError):
    r"""Gradient descent left the finite numbers or exploded; ``.result`` holds the run so far.

    Attributes
    ----------
    result : DescentResult
        The run up to and including the step that diverged.

    Examples
    --------
    >>> from gdtutor import DivergenceError, gradient_descent
    >>> try:
    ...     gradient_descent(lambda w: 2 * w, start=1.0, learning_rate=1.5, steps=100)
    ... except DivergenceError as error:
    ...     print(error.result.steps, error.result.path[:4])
    34 [ 1. -2.  4. -8.]
    """

    def __init__(self, message: str, result: DescentResult):
        if not isinstance(message, str):
            raise TypeError(f"message must be a str, got {type(message).__name__}")
        if not isinstance(result, DescentResult):
            raise TypeError(f"result must be a DescentResult, got {type(result).__name__}")
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
    update=None,
    value_and_grad: bool = False,
) -> DescentResult:
    r"""Minimise a function by repeatedly stepping against its gradient.

    Each step moves the parameters a little way downhill:

    .. math::

        w_{t+1} = w_t - \eta \, \nabla J(w_t)

    With a learning-rate schedule :math:`\eta_t` and an update rule (momentum, Adam and others
    in :mod:`gdtutor.optimizers`), the step is along the direction :math:`d_t` that the rule
    makes from the gradients so far; without a rule, :math:`d_t = \nabla J(w_t)`, and with a
    constant rate this is the rule above:

    .. math::

        w_{t+1} = w_t - \eta_t \, d_t

    Parameters
    ----------
    grad : callable
        ``grad(w)`` returns :math:`\nabla J(w)`, an array of the same shape as ``w``; with
        ``value_and_grad=True``, the pair :math:`(J(w), \nabla J(w))`.
    start : float or array_like, shape (n,) or any shape
        The starting parameters :math:`w_0`. Integers are converted to floats.
    learning_rate : float or callable
        The step size :math:`\eta`, greater than 0; or a schedule: ``learning_rate(t)`` returns
        :math:`\eta_t > 0` for the step from :math:`w_t` to :math:`w_{t+1}`, ``t = 0, 1, ...``
        (see :class:`gdtutor.schedules.InverseTimeDecay`).
    steps : int
        The largest number of steps to take, 0 or more.
    cost : callable, optional
        ``cost(w)`` returns :math:`J(w)` as a scalar; when given, it is recorded at every point.
    tol : float, optional
        Stop as soon as a step :math:`\eta_t d_t` (without a rule, :math:`\eta_t \nabla J(w_t)`)
        has Euclidean length at most ``tol``.
    blowup : float, default 1e10
        Declare divergence when :math:`\max_i |w_i|` exceeds ``blowup`` times
        :math:`\max(1, \max_i |w_{0,i}|)`.
    update : object with ``init`` and ``step``, optional
        An update rule from :mod:`gdtutor.optimizers`, such as ``Momentum(beta=0.9)`` or
        ``Adam()``: ``update.init(start)`` makes its state, and at every step
        ``update.step(gradient, state)`` returns the direction :math:`d_t` and the new state.
        Without it, plain gradient descent.
    value_and_grad : bool, default False
        If True, ``grad(w)`` returns the cost and the gradient together, as a pair
        ``(J(w), gradient)``, and the cost is recorded at every point as with ``cost`` (which must
        then be left out). Use it when the two share most of their work: for least squares both
        need the residual :math:`y - X w`, so one call per step computes it once instead of twice.
        ``grad`` is then called once at every point of the path, the last point included.

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
        If the parameters, the gradient, the cost or the update rule's state become NaN or
        infinite, or the parameters exceed the ``blowup`` bound. The partial run is attached as
        ``error.result``.

    Examples
    --------
    Minimise :math:`J(w) = w^2`, whose gradient is :math:`2w`:

    >>> from gdtutor import gradient_descent
    >>> result = gradient_descent(lambda w: 2 * w, start=20.0, learning_rate=0.1, steps=3)
    >>> print(result.path)
    [20.   16.   12.8  10.24]
    >>> print(result.steps, result.converged)
    3 False

    The same run with the cost computed alongside the gradient, in one function:

    >>> def cost_and_grad(w):
    ...     return w**2, 2 * w
    ...
    >>> result = gradient_descent(cost_and_grad, 20.0, 0.1, 3, value_and_grad=True)
    >>> print(result.path, result.costs)
    [20.   16.   12.8  10.24] [400.     256.     163.84   104.8576]

    The same start with heavy-ball momentum, an update rule:

    >>> from gdtutor.optimizers import Momentum
    >>> print(gradient_descent(lambda w: 2 * w, 20.0, 0.1, 3, update=Momentum(0.5)).path)
    [20.   16.   10.8   6.04]
    """
    grad = callable_arg(grad, "grad")
    w = as_float_array(start, "start")
    schedule = learning_rate if callable(learning_rate) else None
    eta = None if schedule is not None else positive_float(learning_rate, "learning_rate")
    rule = _rule(update)
    steps = non_negative_int(steps, "steps")
    value_and_grad = boolean(value_and_grad, "value_and_grad")
    if cost is not None:
        cost = callable_arg(cost, "cost")
        if value_and_grad:
            raise ValueError(
                "give either cost or value_and_grad=True, not both: with value_and_grad=True, "
                "grad(w) already returns the cost"
            )
    if tol is not None:
        tol = positive_float(tol, "tol")
    limit = positive_float(blowup, "blowup") * max(1.0, float(np.max(np.abs(w))))

    # Two ways to get the gradient at w_t and the cost at w_{t+1}: separate functions, or one
    # call to grad at w_{t+1} that returns both (its gradient is kept for the next step).
    if value_and_grad:
        pending = None

        def gradient_at(point):
            return pending

        def cost_at(point):
            nonlocal pending
            value, pending = _call_value_and_grad(grad, point)
            return value

    else:

        def gradient_at(point):
            return call_grad(grad, point)

        cost_at = None if cost is None else lambda point: call_cost(cost, point)

    path = np.empty((steps + 1, *w.shape))
    costs = np.empty(steps + 1) if cost_at is not None else None
    path[0] = w
    if costs is not None:
        with np.errstate(over="ignore", invalid="ignore"):  # a non-finite cost is refused below
            costs[0] = cost_at(w)
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
    state = None if rule is None else rule.init(w.copy())
    # Overflow is not warned about here: non-finite values are caught below and reported.
    with np.errstate(over="ignore", invalid="ignore"):
        while taken < steps:
            g = gradient_at(w)
            if schedule is not None:
                eta = positive_float(schedule(taken), f"learning_rate({taken})")
            if rule is None or not np.isfinite(g).all():  # a non-finite g: reported below
                step = eta * g
            else:
                direction, state = rule.step(g, state)
                step = eta * direction
            w = w - step
            taken += 1
            path[taken] = w
            if costs is not None:
                costs[taken] = cost_at(w)
            problem = _divergence(g, w, None if costs is None else costs[taken], limit, state)
            if problem:
                extra = f", update={update!r}" if rule is not None else ""
                raise DivergenceError(
                    f"gradient descent diverged at step {taken}: {problem} "
                    f"(learning_rate={learning_rate!r}{extra}); try a smaller learning_rate. "
                    "The run up to this step is in error.result.",
                    result(taken, False),
                )
            if tol is not None and np.linalg.norm(step) <= tol:
                return result(taken, True)
    return result(taken, False)


def _call_value_and_grad(fun: Callable, w: np.ndarray) -> tuple[float, np.ndarray]:
    """Evaluate ``fun(w)`` on a copy of ``w``; check it returned (a number, one per parameter)."""
    pair = fun(w.copy())
    if not isinstance(pair, (tuple, list)) or len(pair) != 2:
        raise TypeError(
            "with value_and_grad=True, grad must return a pair (cost, gradient), "
            f"got {type(pair).__name__}"
        )
    value = returned_array(pair[0], "grad (its cost)")
    if value.ndim != 0:
        raise ValueError(
            "with value_and_grad=True, the cost grad returns first must be a single number, "
            f"got an array of shape {value.shape}"
        )
    g = returned_array(pair[1], "grad (its gradient)")
    if g.shape != w.shape:
        raise ValueError(
            f"grad returned a gradient of shape {g.shape} for parameters of shape {w.shape}; "
            "it must return one partial derivative per parameter, in the same shape"
        )
    return float(value), g


def _rule(update):
    """Return ``update`` if it is an update rule (or None); refuse anything else clearly."""
    if update is None:
        return None
    if isinstance(update, type):
        raise TypeError(
            f"update must be an update rule object, got the class {update.__name__}; "
            f"call it: update={update.__name__}()"
        )
    if not (callable(getattr(update, "init", None)) and callable(getattr(update, "step", None))):
        raise TypeError(
            "update must be an update rule with init and step methods, such as "
            f"gdtutor.optimizers.Momentum(beta=0.9), got {type(update).__name__}"
        )
    return update


def _divergence(g, w, cost, limit, state=None) -> str:
    """Say what went wrong in this step, or return '' when nothing did."""
    if not np.isfinite(g).all():
        return "the gradient became NaN or infinite"
    parts = state if isinstance(state, (tuple, list)) else (state,)  # a rule's own layout
    if state is not None and not all(np.isfinite(part).all() for part in parts):
        return "the update rule's state became NaN or infinite"
    if not np.isfinite(w).all():
        return "the parameters became NaN or infinite"
    if cost is not None and not np.isfinite(cost):
        return "the cost became NaN or infinite"
    if np.abs(w).max() > limit:
        return f"the parameters grew past {limit:.3g} in size"
    return ""


def _read_only(value, name: str) -> np.ndarray:
    """``value`` as a read-only float array: the engine's own arrays as they are, others copied."""
    if isinstance(value, np.ndarray) and value.dtype == float and not value.flags.writeable:
        return value
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    try:  # a ragged list fails at the first asarray, text or None at the second
        raw = np.asarray(value)
        complex_ = np.iscomplexobj(raw)
        array = None if complex_ else np.asarray(raw, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}") from exc
    if complex_:
        raise TypeError(f"{name} must be real, got complex numbers")
    if array.size == 0:
        raise ValueError(f"{name} is empty; a run has at least its start")
    return _frozen(array)


def _frozen(array: np.ndarray) -> np.ndarray:
    array = array.copy()
    array.flags.writeable = False
    return array
