r"""Linear least squares: the cost, its gradient, the closed form, and a fit by gradient descent.

Every function here uses one convention, the mean squared error without a factor of one half:

.. math::

    J(w) = \frac{1}{n} \lVert y - X w \rVert^2 = \frac{1}{n} \sum_{i=1}^{n} (y_i - x_i^\top w)^2,
    \qquad
    \nabla J(w) = -\frac{2}{n} X^\top (y - X w)

``X`` has one row per sample and one column per parameter; to fit a bias (intercept), give it a
column of ones with :func:`add_bias`. Other conventions (the plain sum of squares, or a factor of
one half in front) differ only by a constant factor, which a learning rate absorbs.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array
from .descent import DescentResult, gradient_descent


def add_bias(X) -> np.ndarray:
    r"""Put a column of ones in front of the features, so that ``w[0]`` acts as the bias.

    Parameters
    ----------
    X : array_like, shape (n_samples,) or (n_samples, n_features)
        The features; a 1-D array is one feature.

    Returns
    -------
    ndarray, shape (n_samples, n_features + 1)
        ``[1, X]``: the column of ones first.

    Raises
    ------
    TypeError
        If ``X`` is not numbers (None, text, a lone bool, complex numbers, ragged lists).
    ValueError
        If ``X`` is empty, holds NaN, infinity or a number too large for a float, or is not
        1-D or 2-D.

    Examples
    --------
    >>> from gdtutor.linear import add_bias
    >>> print(add_bias([0.5, 2.0]))
    [[1.  0.5]
     [1.  2. ]]
    """
    X = as_float_array(X, "X")
    if X.ndim == 1:
        X = X[:, np.newaxis]
    if X.ndim != 2:
        raise ValueError(f"X must be 1-D or 2-D (n_samples, n_features), got shape {X.shape}")
    # Filled in place: np.column_stack copies row by row and is several times slower on big X.
    with_bias = np.empty((X.shape[0], X.shape[1] + 1))
    with_bias[:, 0] = 1.0
    with_bias[:, 1:] = X
    return with_bias


def mse(w, X, y) -> float:
    r"""The mean squared error of the linear model ``X @ w``.

    .. math::

        J(w) = \frac{1}{n} \lVert y - X w \rVert^2

    Parameters
    ----------
    w : array_like, shape (n_features,)
        The parameters.
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample (with a column of ones for a bias, see :func:`add_bias`).
    y : array_like, shape (n_samples,)
        The targets, a 1-D array: a column of shape (n_samples, 1) is rejected, because
        ``y - X @ w`` would silently broadcast to an (n_samples, n_samples) matrix.

    Returns
    -------
    float
        The cost :math:`J(w)`, 0 or more.

    Raises
    ------
    TypeError
        If ``w``, ``X`` or ``y`` is not numbers (None, text even if it spells a number, complex
        numbers, ragged lists).
    ValueError
        If one of them is empty or holds NaN, infinity or a number too large for a float; if
        ``X`` is not 2-D or ``y`` not 1-D; if ``y`` or ``w`` does not match ``X`` (one target
        per row, one parameter per column).
    OverflowError
        If the cost overflows although the inputs are finite (the sum of the squared residuals
        passes the largest float, about 1.8e308); rescale ``X`` and ``y``.

    Examples
    --------
    >>> from gdtutor.linear import add_bias, mse
    >>> X = add_bias([0.0, 1.0, 2.0])
    >>> print(f"{mse([1.0, 2.0], X, [1.0, 3.0, 5.0]):.3f}")
    0.000
    >>> print(f"{mse([0.0, 2.0], X, [1.0, 3.0, 5.0]):.3f}")
    1.000
    """
    X, y = _data(X, y)
    w = _parameters(w, X)
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below, with the fix
        return _finite(_mse(w, X, y), "the mean squared error")


def mse_gradient(w, X, y) -> np.ndarray:
    r"""The gradient of :func:`mse` with respect to ``w``.

    .. math::

        \nabla J(w) = -\frac{2}{n} X^\top (y - X w)

    Parameters
    ----------
    w : array_like, shape (n_features,)
        The parameters.
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample.
    y : array_like, shape (n_samples,)
        The targets, a 1-D array.

    Returns
    -------
    ndarray, shape (n_features,)
        One partial derivative per parameter.

    Raises
    ------
    TypeError
        If ``w``, ``X`` or ``y`` is not numbers (None, text even if it spells a number, complex
        numbers, ragged lists).
    ValueError
        If one of them is empty or holds NaN, infinity or a number too large for a float; if
        ``X`` is not 2-D or ``y`` not 1-D; if ``y`` or ``w`` does not match ``X`` (one target
        per row, one parameter per column).
    OverflowError
        If the gradient overflows although the inputs are finite; rescale ``X`` and ``y``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.linear import add_bias, mse_gradient
    >>> X = add_bias([0.0, 1.0, 2.0])
    >>> print(np.round(mse_gradient([0.0, 2.0], X, [1.0, 3.0, 5.0]), 3))
    [-2. -2.]
    """
    X, y = _data(X, y)
    w = _parameters(w, X)
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(_mse_gradient(w, X, y), "the gradient")


def mse_hessian(X) -> np.ndarray:
    r"""The matrix of second derivatives of :func:`mse`, the same for every ``w``.

    .. math::

        H = \frac{2}{n} X^\top X

    Gradient descent on :func:`mse` with a constant learning rate :math:`\eta` approaches a
    minimiser from every start exactly when :math:`0 < \eta < 2 / \lambda_{\max}(H)`, in exact
    arithmetic. That holds even when :math:`H` is singular: along its null space the cost is flat
    and the steps leave the parameters unchanged there.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample.

    Returns
    -------
    ndarray, shape (n_features, n_features)
        The symmetric matrix :math:`H`.

    Raises
    ------
    TypeError
        If ``X`` is not numbers (None, text even if it spells a number, complex numbers, ragged
        lists).
    ValueError
        If ``X`` is empty, holds NaN, infinity or a number too large for a float, or is not 2-D.
    OverflowError
        If :math:`X^\top X` overflows although ``X`` is finite (products of its entries pass
        about 1.8e308); rescale ``X``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.linear import add_bias, mse_hessian
    >>> print(np.round(mse_hessian(add_bias([0.0, 1.0, 2.0])), 3))
    [[2.    2.   ]
     [2.    3.333]]
    """
    X = _features(X)
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(2.0 / X.shape[0] * (X.T @ X), "the Hessian")


def least_squares(X, y) -> np.ndarray:
    r"""The parameters that minimise :func:`mse`, in closed form.

    They solve the normal equations :math:`X^\top X w = X^\top y`. When several ``w`` do (for
    example when two columns of ``X`` are equal), this returns the one with the smallest norm,
    :math:`X^{+} y` with :math:`X^{+}` the pseudo-inverse. It uses :func:`numpy.linalg.lstsq`
    with its default cutoff: singular values of ``X`` below machine epsilon times
    ``max(n_samples, n_features)`` times the largest one count as 0, so columns that are
    dependent to within rounding are treated as dependent.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample.
    y : array_like, shape (n_samples,)
        The targets, a 1-D array.

    Returns
    -------
    ndarray, shape (n_features,)
        The minimiser of the mean squared error with the smallest norm.

    Raises
    ------
    TypeError
        If ``X`` or ``y`` is not numbers (None, text even if it spells a number, complex
        numbers, ragged lists).
    ValueError
        If ``X`` or ``y`` is empty or holds NaN, infinity or a number too large for a float, if
        ``X`` is not 2-D or ``y`` not 1-D, or if they have different numbers of rows.
    OverflowError
        If the minimiser overflows although the inputs are finite (``y`` is so large, or ``X``
        so small, that some parameter passes about 1.8e308); rescale ``X`` and ``y``.
    numpy.linalg.LinAlgError
        If the singular value decomposition inside :func:`numpy.linalg.lstsq` does not
        converge (numpy documents this; it is not expected for finite inputs).

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.linear import add_bias, least_squares
    >>> print(np.round(least_squares(add_bias([0.0, 1.0, 2.0]), [1.0, 3.0, 5.0]), 6))
    [1. 2.]
    """
    X, y = _data(X, y)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        w = np.linalg.lstsq(X, y, rcond=None)[0]
    return _finite(w, "the least-squares solution", "X is too small or y too large")


def fit_gradient_descent(
    X,
    y,
    learning_rate: float,
    steps: int,
    *,
    start=None,
    tol: float | None = None,
    update=None,
) -> DescentResult:
    r"""Fit a linear model by running :func:`gdtutor.gradient_descent` on :func:`mse`.

    .. math::

        w_{t+1} = w_t + \frac{2 \eta}{n} X^\top (y - X w_t)

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample (with a column of ones for a bias, see :func:`add_bias`).
    y : array_like, shape (n_samples,)
        The targets, a 1-D array.
    learning_rate : float
        The step size :math:`\eta`, greater than 0 (a schedule, as
        :func:`gdtutor.gradient_descent` takes, also works). Below the stability bound
        ``2 / max(numpy.linalg.eigvalsh(mse_hessian(X)))`` the parameters approach a minimiser
        (see :func:`mse_hessian`). Above it, the part of the error along the Hessian's top
        eigenvector is multiplied at every step by :math:`1 - \eta \lambda_{\max}`, which is
        larger than 1 in size, so the parameters run away from every start with such a part.
    steps : int
        The largest number of steps, 0 or more.
    start : array_like, shape (n_features,), optional
        The first parameters; zeros by default. From zeros and below the stability bound, the
        parameters approach the smallest-norm minimiser, which :func:`least_squares` computes
        directly (it is the only minimiser when ``X`` has full column rank).
    tol : float, optional
        Stop once a step is no longer than ``tol`` (its Euclidean length), greater than 0.
    update : object with ``init`` and ``step``, optional
        An update rule from :mod:`gdtutor.optimizers` (momentum, Adam, ...); plain steps
        without it. The stability bound above is for plain steps.

    Returns
    -------
    DescentResult
        The path, one row per point (the start, then each step taken), and :func:`mse` at
        every point of it.

    Raises
    ------
    TypeError
        If an argument has the wrong type: ``X``, ``y`` or ``start`` not numbers (None, text
        even if it spells a number, complex numbers, ragged lists), ``steps`` not a whole
        number, ``tol`` not a real number, ``learning_rate`` neither a real number nor a
        function; or if a schedule returns something that is not a real number.
    ValueError
        If ``X``, ``y`` or ``start`` is empty or holds NaN, infinity or a number too large for
        a float; if their shapes do not match (``X`` 2-D, ``y`` 1-D with one target per row of
        ``X``, ``start`` one number per column); if ``learning_rate`` (or a rate a schedule
        returns) or ``tol`` is not a finite number greater than 0, or ``steps`` is negative;
        or if the cost at ``start`` overflows to infinity.
    gdtutor.DivergenceError
        If at some step the parameters, the gradient or the cost become NaN or infinite, or the
        parameters grow past ``1e10 * max(1, max(abs(start)))`` in size. Above the stability
        bound that happens after enough steps when the error of ``start`` (its difference from
        a minimiser) has a part along the Hessian's top eigenvector, however small; from a
        start without one the run can approach the minimiser (unless rounding creates such a
        part). The bound itself is not checked, so a run above it can end without an error,
        far from the minimum. The run up to and including the step that diverged is
        ``error.result``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.linear import add_bias, fit_gradient_descent
    >>> X = add_bias([0.0, 1.0, 2.0])
    >>> fit = fit_gradient_descent(X, [1.0, 3.0, 5.0], learning_rate=0.2, steps=1000, tol=1e-10)
    >>> print(np.round(fit.w, 6), fit.converged)
    [1. 2.] True
    """
    X, y = _data(X, y)
    start = np.zeros(X.shape[1]) if start is None else _parameters(start, X, "start")

    # The cost and the gradient both need the residual y - X w: one call computes it once, into
    # a buffer reused at every step, so a step is one X @ w and one X.T @ residual.
    residual = np.empty(X.shape[0])

    def cost_and_grad(w):
        return _mse_and_gradient(w, X, y, out=residual)

    return gradient_descent(
        cost_and_grad, start, learning_rate, steps, tol=tol, update=update, value_and_grad=True
    )


# The formulas themselves, once, for arguments already checked (the loops call them every step).
def _residual(w: np.ndarray, X: np.ndarray, y: np.ndarray, out=None) -> np.ndarray:
    """``y - X @ w``, written into ``out`` (shape (n_samples,)) when it is given."""
    out = np.matmul(X, w, out=out)
    return np.subtract(y, out, out=out)


def _mse(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    residual = _residual(w, X, y)
    return float(residual @ residual) / X.shape[0]


def _mse_gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    return -2.0 / X.shape[0] * (X.T @ _residual(w, X, y))


def _mse_and_gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray, out=None):
    """``(_mse(w, X, y), _mse_gradient(w, X, y))`` from one residual, the same bits as those."""
    residual = _residual(w, X, y, out)
    return float(residual @ residual) / X.shape[0], -2.0 / X.shape[0] * (X.T @ residual)


def _finite(
    value,
    what: str,
    cause: str = "the numbers in X, y or w are too large (squares of them exceed 1.8e308)",
):
    """``value`` if it is finite; an overflow from finite inputs is refused, never returned."""
    if not np.all(np.isfinite(value)):
        raise OverflowError(
            f"{what} overflowed: {cause}; rescale X and y, for example to unit standard deviation"
        )
    return value


def _features(X) -> np.ndarray:
    X = as_float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D, shape (n_samples, n_features), got shape {X.shape}; "
            "for a single feature use add_bias(x) or x.reshape(-1, 1)"
        )
    return X


def _data(X, y) -> tuple[np.ndarray, np.ndarray]:
    """Convert and check the features and targets; return them as float arrays."""
    X = _features(X)
    y = as_float_array(y, "y")
    if y.ndim != 1:
        raise ValueError(
            f"y must be 1-D, shape (n_samples,), got shape {y.shape}; flatten it with y.ravel() "
            "(a column y minus the 1-D predictions X @ w would broadcast to a square matrix)"
        )
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} values; they must match")
    return X, y


def _parameters(w, X: np.ndarray, name: str = "w") -> np.ndarray:
    """Convert and check parameters: one per column of ``X``."""
    w = as_float_array(w, name)
    if w.shape != (X.shape[1],):
        raise ValueError(
            f"{name} must have shape ({X.shape[1]},), one parameter per column of X, "
            f"got shape {w.shape}"
        )
    return w
