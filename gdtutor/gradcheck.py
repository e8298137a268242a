r"""Finite-difference gradient checks: trust a hand-derived gradient only after comparing it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validate import as_float_array, call_cost, call_grad, callable_arg, positive_float


def numerical_gradient(cost: Callable, w, eps: float = 1e-6) -> np.ndarray:
    r"""Estimate the gradient of ``cost`` at ``w`` by central differences.

    .. math::

        \frac{\partial J}{\partial w_i}
        \approx \frac{J(w + \epsilon e_i) - J(w - \epsilon e_i)}{2 \epsilon}

    Parameters
    ----------
    cost : callable
        ``cost(w)`` returns :math:`J(w)` as a scalar.
    w : float or array_like, any shape
        Where to estimate the gradient. Integers are converted to floats.
    eps : float, default 1e-6
        The half-width :math:`\epsilon` of each difference, greater than 0.

    Returns
    -------
    ndarray, same shape as w
        The estimated gradient.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor import numerical_gradient
    >>> print(np.round(numerical_gradient(lambda w: np.sum(w**2), [1.0, -2.0]), 6))
    [ 2. -4.]
    """
    cost = callable_arg(cost, "cost")
    w = as_float_array(w, "w")
    eps = positive_float(eps, "eps")
    estimate = np.empty_like(w)
    for index in np.ndindex(w.shape):
        up, down = w.copy(), w.copy()
        up[index] += eps
        down[index] -= eps
        estimate[index] = (call_cost(cost, up) - call_cost(cost, down)) / (2 * eps)
    if not np.all(np.isfinite(estimate)):
        raise ValueError(
            f"cost is NaN or infinite within eps={eps:g} of w, so the finite differences are "
            "undefined; check the cost at w, or compare at a point where it is defined"
        )
    return estimate


def gradient_error(cost: Callable, grad: Callable, w, eps: float = 1e-6) -> float:
    r"""Relative difference between ``grad(w)`` and the finite-difference estimate.

    .. math::

        \text{error} = \frac{\|g - \hat g\|}{\max(\|g\| + \|\hat g\|, 10^{-12})}

    The error lies between 0 and 1. Values around 1e-8 or smaller mean the gradient is right; a
    wrong gradient gives a value far from zero, though not necessarily near 1: a gradient off by a
    factor of 2 gives 1/3, one with its sign flipped gives 1.

    Parameters
    ----------
    cost : callable
        ``cost(w)`` returns :math:`J(w)` as a scalar.
    grad : callable
        ``grad(w)`` returns the hand-derived gradient :math:`g`, the same shape as ``w``.
    w : float or array_like, any shape
        Where to compare. Choose a generic point, not one where the gradient is zero.
    eps : float, default 1e-6
        The half-width of each central difference.

    Returns
    -------
    float
        The relative error, 0 when the two agree exactly.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor import gradient_error
    >>> cost = lambda w: w[0] ** 2 + 3 * w[1]
    >>> print(gradient_error(cost, lambda w: np.array([2 * w[0], 3.0]), [1.5, 2.0]) < 1e-8)
    True
    >>> print(gradient_error(cost, lambda w: np.array([w[0], 3.0]), [1.5, 2.0]) < 1e-8)
    False

    How wrong gradients of :math:`w^2` score, with the factor 2 forgotten and with the sign flipped:

    >>> print(f"{gradient_error(lambda w: w**2, lambda w: w, 3.0):.3f}")
    0.333
    >>> print(f"{gradient_error(lambda w: w**2, lambda w: -2 * w, 3.0):.3f}")
    1.000
    """
    grad = callable_arg(grad, "grad")
    w = as_float_array(w, "w")
    analytic = call_grad(grad, w)
    if not np.all(np.isfinite(analytic)):
        raise ValueError("grad returned NaN or infinity at w; it must be finite where you compare")
    estimate = numerical_gradient(cost, w, eps)
    scale = max(float(np.linalg.norm(analytic) + np.linalg.norm(estimate)), 1e-12)
    return float(np.linalg.norm(analytic - estimate) / scale)
