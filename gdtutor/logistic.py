r"""Logistic regression: the sigmoid, the cross-entropy and its gradient, and a fit by descent.

The model gives each sample the probability :math:`p_i = \sigma(x_i^\top w)` of class 1, with
the logistic function (sigmoid) :math:`\sigma(z) = 1 / (1 + e^{-z})`. Every function here uses
one cost, the mean binary cross-entropy, with an optional L2 penalty on *every* entry of ``w``:

.. math::

    J(w) = -\frac{1}{n} \sum_{i=1}^{n} \bigl( y_i \log p_i + (1 - y_i) \log (1 - p_i) \bigr)
         + \frac{\lambda}{2} \lVert w \rVert^2,
    \qquad
    \nabla J(w) = \frac{1}{n} X^\top (p - y) + \lambda w

``X`` has one row per sample and one column per parameter; to fit a bias (intercept), give it a
column of ones with :func:`gdtutor.linear.add_bias`. The penalty :math:`\lambda` (``l2``) then
applies to the bias too. That is scikit-learn's ``LogisticRegression(C=1 / (l2 * n_samples),
fit_intercept=False)`` on the same ``X``; with its default ``fit_intercept=True`` and its default
solver, lbfgs, scikit-learn leaves the intercept out of the penalty, a slightly different cost.

The cross-entropy is :math:`-1/n` times the log-likelihood of the labels, so minimising it by
gradient descent is maximising the likelihood by gradient ascent. It is computed from the
logits :math:`z_i = x_i^\top w`, as :math:`\log(1 + e^{z_i}) - y_i z_i`, which stays finite
where :math:`\log p_i` or :math:`\log(1 - p_i)` would round to the log of 0.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, finite_real
from .descent import DescentResult, gradient_descent
from .linear import _data as _linear_data
from .linear import _parameters


def sigmoid(z):
    r"""The logistic function, computed without overflow for any finite ``z``.

    .. math::

        \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    The first form is used where :math:`z \ge 0` and the second where :math:`z < 0`, so the
    exponential is only ever taken of :math:`-|z| \le 0`, which cannot overflow. The result
    lies between 0 and 1; it rounds to exactly 1 for :math:`z` above about 37, and to 0 only
    for :math:`z` below about -745 (where :math:`e^z` underflows).

    Parameters
    ----------
    z : float or array_like, any shape
        The logits.

    Returns
    -------
    float or ndarray, same shape as z
        :math:`\sigma(z)`, a float for a single number.

    Raises
    ------
    TypeError
        If ``z`` is not numbers (None, text even if it spells a number, a lone bool, complex
        numbers, ragged lists).
    ValueError
        If ``z`` is empty or holds NaN, infinity or a number too large for a float.

    Examples
    --------
    >>> from gdtutor.logistic import sigmoid
    >>> print(sigmoid(0.0), sigmoid([-1000.0, 1000.0]))
    0.5 [0. 1.]
    >>> print(f"{sigmoid(2.0):.4f} {1 - sigmoid(-2.0):.4f}")
    0.8808 0.8808
    """
    z = as_float_array(z, "z")
    p = _sigmoid(z)
    return float(p) if p.ndim == 0 else p


def cross_entropy(w, X, y, l2: float = 0.0) -> float:
    r"""The mean binary cross-entropy of the model :math:`p = \sigma(X w)`, plus an L2 penalty.

    .. math::

        J(w) = \frac{1}{n} \sum_{i=1}^{n} \bigl( \log(1 + e^{z_i}) - y_i z_i \bigr)
             + \frac{\lambda}{2} \lVert w \rVert^2,
        \qquad z = X w

    which is :math:`-\frac{1}{n} \sum_i \bigl(y_i \log p_i + (1 - y_i) \log(1 - p_i)\bigr)`
    plus the penalty, computed from the logits so that it stays finite however large they are.

    Parameters
    ----------
    w : array_like, shape (n_features,)
        The parameters.
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample (with a column of ones for a bias, see
        :func:`gdtutor.linear.add_bias`).
    y : array_like, shape (n_samples,)
        The labels, each 0 or 1 (ints, floats or bools).
    l2 : float, default 0.0
        The strength :math:`\lambda` of the penalty :math:`\frac{\lambda}{2} \lVert w \rVert^2`,
        0 or more. It penalises every entry of ``w``, the bias included.

    Returns
    -------
    float
        The cost :math:`J(w)`, 0 or more (and above 0 for finite ``w``).

    Raises
    ------
    TypeError
        If ``w``, ``X`` or ``y`` is not numbers (None, text even if it spells a number, complex
        numbers, ragged lists), or ``l2`` is not a real number.
    ValueError
        If one of ``w``, ``X``, ``y`` is empty or holds NaN, infinity or a number too large for
        a float; if ``X`` is not 2-D or ``y`` not 1-D; if ``y`` or ``w`` does not match ``X``
        (one label per row, one parameter per column); if a label is neither 0 nor 1; or if
        ``l2`` is negative or not finite.
    OverflowError
        If the cost overflows although the inputs are finite (a logit or the penalty passes
        about 1.8e308); rescale ``X``.

    Examples
    --------
    At :math:`w = 0` every probability is one half, and the cost is :math:`\log 2`:

    >>> from gdtutor.logistic import cross_entropy
    >>> X = [[1.0, -2.0], [1.0, 0.5], [1.0, 3.0]]
    >>> print(f"{cross_entropy([0.0, 0.0], X, [0, 1, 1]):.4f}")
    0.6931
    >>> print(f"{cross_entropy([0.0, 1000.0], X, [0, 1, 1]):.4f}")
    0.0000
    >>> print(f"{cross_entropy([0.0, 1000.0], X, [1, 1, 1]):.1f}")
    666.7
    """
    X, y = _data(X, y)
    w = _parameters(w, X)
    l2 = _penalty(l2)
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below, with the fix
        return _finite(_cost(X @ w, w, y, l2), "the cross-entropy")


def cross_entropy_gradient(w, X, y, l2: float = 0.0) -> np.ndarray:
    r"""The gradient of :func:`cross_entropy` with respect to ``w``.

    .. math::

        \nabla J(w) = \frac{1}{n} X^\top \bigl(\sigma(X w) - y\bigr) + \lambda w

    Parameters
    ----------
    w : array_like, shape (n_features,)
        The parameters.
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample.
    y : array_like, shape (n_samples,)
        The labels, each 0 or 1.
    l2 : float, default 0.0
        The strength :math:`\lambda` of the L2 penalty on every entry of ``w``, 0 or more.

    Returns
    -------
    ndarray, shape (n_features,)
        One partial derivative per parameter.

    Raises
    ------
    TypeError
        If ``w``, ``X`` or ``y`` is not numbers (None, text even if it spells a number, complex
        numbers, ragged lists), or ``l2`` is not a real number.
    ValueError
        If one of ``w``, ``X``, ``y`` is empty or holds NaN, infinity or a number too large for
        a float; if ``X`` is not 2-D or ``y`` not 1-D; if ``y`` or ``w`` does not match ``X``;
        if a label is neither 0 nor 1; or if ``l2`` is negative or not finite.
    OverflowError
        If the gradient overflows although the inputs are finite; rescale ``X``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.logistic import cross_entropy_gradient
    >>> X = [[1.0, -2.0], [1.0, 0.5], [1.0, 3.0]]
    >>> print(np.round(cross_entropy_gradient([0.0, 0.0], X, [0, 1, 1]), 4))
    [-0.1667 -0.9167]

    The penalty adds :math:`\lambda w`:

    >>> plain = cross_entropy_gradient([1.0, 0.5], X, [0, 1, 1])
    >>> penalised = cross_entropy_gradient([1.0, 0.5], X, [0, 1, 1], l2=0.1)
    >>> print(np.round(plain, 4), np.round(penalised - plain, 4))
    [ 0.0671 -0.4463] [0.1  0.05]
    """
    X, y = _data(X, y)
    w = _parameters(w, X)
    l2 = _penalty(l2)
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(_gradient(X @ w, w, X, y, l2), "the gradient")


def fit_logistic(
    X,
    y,
    learning_rate: float,
    steps: int,
    *,
    l2: float = 0.0,
    start=None,
    tol: float | None = None,
) -> DescentResult:
    r"""Fit logistic regression by running :func:`gdtutor.gradient_descent` on
    :func:`cross_entropy`.

    .. math::

        w_{t+1} = w_t - \eta \Bigl( \frac{1}{n} X^\top \bigl(\sigma(X w_t) - y\bigr)
                  + \lambda w_t \Bigr)

    The cost is convex, and with ``l2 > 0`` strictly convex with one minimiser. Its Hessian
    :math:`\frac{1}{n} X^\top \operatorname{diag}(p_i (1 - p_i)) X + \lambda I` is at most
    :math:`L I` with :math:`L = \lambda_{\max}(X^\top X) / (4 n) + \lambda`, because
    :math:`p_i (1 - p_i) \le 1/4`; every learning rate below :math:`2 / L` lowers the cost at
    every step that is not at a minimiser, and :math:`1 / L` is a safe choice.

    Without a penalty, on *linearly separable* data (some :math:`v` has :math:`x_i^\top v > 0`
    for every sample of class 1 and :math:`x_i^\top v < 0` for every sample of class 0), the
    cost has no minimiser: it keeps falling towards 0 as ``w`` grows along :math:`v`, and the
    parameters grow without bound. The steps still shrink, so a ``tol`` ends such a run too
    and reports ``converged=True``: that means only that a step was short, not that a
    minimiser was reached.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample (with a column of ones for a bias, see
        :func:`gdtutor.linear.add_bias`).
    y : array_like, shape (n_samples,)
        The labels, each 0 or 1.
    learning_rate : float
        The step size :math:`\eta`, greater than 0 (a schedule, as
        :func:`gdtutor.gradient_descent` takes, also works).
    steps : int
        The largest number of steps, 0 or more.
    l2 : float, default 0.0
        The strength :math:`\lambda` of the L2 penalty on every entry of ``w``, 0 or more.
    start : array_like, shape (n_features,), optional
        The first parameters; zeros by default.
    tol : float, optional
        Stop once a step is no longer than ``tol`` (its Euclidean length), greater than 0.

    Returns
    -------
    DescentResult
        The path, one row per point (the start, then each step taken), and
        :func:`cross_entropy` (with the penalty) at every point of it.

    Raises
    ------
    TypeError
        If an argument has the wrong type: ``X``, ``y`` or ``start`` not numbers (None, text
        even if it spells a number, complex numbers, ragged lists), ``steps`` not a whole
        number, ``l2`` or ``tol`` not a real number, ``learning_rate`` neither a real number
        nor a function; or if a schedule returns something that is not a real number.
    ValueError
        If ``X``, ``y`` or ``start`` is empty or holds NaN, infinity or a number too large for
        a float; if their shapes do not match (``X`` 2-D, ``y`` 1-D with one label per row of
        ``X``, ``start`` one number per column); if a label is neither 0 nor 1; if
        ``learning_rate`` (or a rate a schedule returns) or ``tol`` is not a finite number
        greater than 0, ``steps`` is negative, or ``l2`` is negative or not finite; or if the
        cost at ``start`` overflows to infinity.
    gdtutor.DivergenceError
        If at some step the parameters, the gradient or the cost become NaN or infinite, or the
        parameters grow past ``1e10 * max(1, max(abs(start)))`` in size (a learning rate far
        above :math:`2 / L` can do that). The run up to and including the step that diverged is
        ``error.result``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.logistic import fit_logistic
    >>> X = [[1.0, -2.0], [1.0, -1.0], [1.0, 0.5], [1.0, 1.0], [1.0, 3.0]]
    >>> fit = fit_logistic(X, [0, 1, 0, 1, 1], learning_rate=1.0, steps=10_000, tol=1e-10)
    >>> print(np.round(fit.w, 4), f"{fit.costs[-1]:.4f}", fit.converged)
    [0.354  0.7517] 0.5334 True
    """
    X, y = _data(X, y)
    l2 = _penalty(l2)
    start = np.zeros(X.shape[1]) if start is None else _parameters(start, X, "start")

    def cost_and_grad(w):
        logits = X @ w  # once per step, for both the cost and the gradient
        return _cost(logits, w, y, l2), _gradient(logits, w, X, y, l2)

    return gradient_descent(
        cost_and_grad, start, learning_rate, steps, tol=tol, value_and_grad=True
    )


# The formulas themselves, once, for arguments already checked (the fit calls them every step).
def _sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-z) for z >= 0 and e^z / (1 + e^z) below: e is only raised to -|z| <= 0."""
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, small) / (1.0 + small)


def _cost(logits: np.ndarray, w: np.ndarray, y: np.ndarray, l2: float) -> float:
    # log(1 + e^z) - y z: the log-likelihood of one label, negated, from its logit.
    data = float(np.mean(np.logaddexp(0.0, logits) - y * logits))
    return data + 0.5 * l2 * float(w @ w) if l2 else data


def _gradient(logits, w: np.ndarray, X: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    gradient = X.T @ (_sigmoid(logits) - y) / X.shape[0]
    return gradient + l2 * w if l2 else gradient


def _finite(value, what: str):
    """``value`` if it is finite; an overflow from finite inputs is refused, never returned."""
    if not np.all(np.isfinite(value)):
        raise OverflowError(
            f"{what} overflowed: the numbers in X or w are too large (a logit X @ w or the "
            "penalty passes 1.8e308); rescale X, for example to unit standard deviation"
        )
    return value


def _data(X, y) -> tuple[np.ndarray, np.ndarray]:
    """Convert and check the features and the 0/1 labels; return them as float arrays."""
    X, y = _linear_data(X, y)  # the same shapes as least squares
    odd = y[(y != 0) & (y != 1)]
    if odd.size:
        raise ValueError(
            f"y must hold the labels 0 and 1 only, got {odd[0]:g}; recode the classes, for "
            "example y = (labels == positive_class).astype(int)"
        )
    return X, y


def _penalty(l2) -> float:
    """The strength of the L2 penalty: a finite number, 0 or more."""
    l2 = finite_real(l2, "l2")
    if l2 < 0:
        raise ValueError(f"l2 must be 0 or more (0 for no penalty), got {l2!r}")
    return l2
