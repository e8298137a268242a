r"""Batch, stochastic and mini-batch gradient descent for linear least squares.

The cost is the mean squared error of :mod:`gdtutor.linear`, an average over the samples, so its
gradient is an average of one gradient per sample. A *mini-batch* of :math:`b` samples gives a
cheap, noisy estimate of it:

.. math::

    \nabla J_B(w) = -\frac{2}{b} X_B^\top (y_B - X_B w)

:func:`fit_minibatch` shuffles the samples at the start of every epoch (when a mini-batch is
smaller than the data), cuts them into mini-batches and takes one gradient-descent step per
mini-batch. It does not have a loop of its own: it hands :func:`gdtutor.gradient_descent` a
gradient function that serves the next mini-batch each time the engine calls it, so the
validation, the divergence checks and the record of the run are the engine's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import as_generator, boolean, non_negative_int, positive_int
from .descent import DescentResult, gradient_descent
from .linear import _data, _mse, _mse_gradient, _parameters
from .schedules import InverseTimeDecay  # noqa: F401  (its home until gdtutor.schedules)


@dataclass(frozen=True, eq=False)
class MinibatchResult(DescentResult):
    r"""What one run of :func:`fit_minibatch` did: a :class:`gdtutor.DescentResult` with epochs.

    Attributes
    ----------
    path : ndarray, shape (steps + 1, n_features)
        The parameters before the first update and after every update. Read-only.
    costs : ndarray, shape (steps + 1,), or None
        The mean squared error on *all* the data at each point of ``path``; None when the run was
        made with ``record_costs=False``. Read-only.
    steps : int
        The number of updates, ``epochs * updates_per_epoch``.
    converged : bool
        Always False: a mini-batch run stops after its epochs (True is refused).
    batch_size : int
        The number of samples :math:`b` in each mini-batch (the last of an epoch may be smaller).
    updates_per_epoch : int
        :math:`\lceil n / b \rceil`, the number of updates in one pass over the data.
    n_samples : int
        The number of samples :math:`n`.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.stochastic import fit_minibatch
    >>> X = np.column_stack([np.ones(5), [0.0, 1.0, 2.0, 3.0, 4.0]])
    >>> fit = fit_minibatch(X, [1.0, 3.0, 5.0, 7.0, 9.0], batch_size=2, learning_rate=0.05,
    ...                     epochs=2, rng=0)
    >>> print(fit.updates_per_epoch, fit.steps, fit.epochs, fit.epoch_path.shape)
    3 6 2 (3, 2)
    >>> print(fit.samples_seen)
    [ 0  2  4  5  7  9 10]
    """

    batch_size: int
    updates_per_epoch: int
    n_samples: int

    def __post_init__(self):
        super().__post_init__()
        n_samples = positive_int(self.n_samples, "n_samples")
        batch_size = _batch_size(self.batch_size, n_samples)
        updates = positive_int(self.updates_per_epoch, "updates_per_epoch")
        if updates != -(-n_samples // batch_size):
            raise ValueError(
                f"updates_per_epoch must be ceil(n_samples / batch_size) = "
                f"{-(-n_samples // batch_size)}, got {updates}"
            )
        if self.converged:
            raise ValueError(
                "converged must be False: a mini-batch run has no tolerance and stops after its "
                "epochs"
            )
        if self.steps % updates:
            raise ValueError(
                f"steps must be a whole number of epochs ({updates} updates each), got {self.steps}"
            )
        object.__setattr__(self, "n_samples", n_samples)
        object.__setattr__(self, "batch_size", batch_size)
        object.__setattr__(self, "updates_per_epoch", updates)

    @property
    def epochs(self) -> int:
        """The number of complete passes over the data."""
        return self.steps // self.updates_per_epoch

    @property
    def epoch_path(self) -> np.ndarray:
        """The parameters at the start and after each epoch, shape (epochs + 1, n_features)."""
        return self.path[:: self.updates_per_epoch]

    @property
    def epoch_costs(self) -> np.ndarray | None:
        """The cost at the start and after each epoch, shape (epochs + 1,), or None."""
        return None if self.costs is None else self.costs[:: self.updates_per_epoch]

    @property
    def samples_seen(self) -> np.ndarray:
        """How many one-sample gradients the run had evaluated at each point of ``path``.

        An update on a mini-batch of :math:`b` samples costs :math:`b` of them, so after each epoch
        the count has grown by :math:`n`, whatever the batch size. Shape (steps + 1,).
        """
        sizes = np.full(self.updates_per_epoch, self.batch_size)
        sizes[-1] = self.n_samples - self.batch_size * (self.updates_per_epoch - 1)
        every_update = np.tile(sizes, self.epochs + 1)[: self.steps]
        return np.concatenate([[0], np.cumsum(every_update)])


def minibatch_gradients(X, y, batch_size: int, rng) -> Callable:
    r"""A gradient function that returns the gradient on the next mini-batch at every call.

    When ``batch_size`` is less than :math:`n`, the first call, and the first call after every
    :math:`\lceil n / b \rceil` calls, shuffles the samples with ``rng`` (a new epoch). With
    ``batch_size`` equal to :math:`n` there is no shuffling: every call uses all the data in
    its original order and returns the full gradient, the same numbers as
    :func:`gdtutor.linear.mse_gradient`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample.
    y : array_like, shape (n_samples,)
        The targets, a 1-D array.
    batch_size : int
        The number of samples :math:`b` per mini-batch, from 1 to ``n_samples``.
    rng : int or numpy.random.Generator
        A seed, or the generator that shuffles the samples (and is advanced by it); checked,
        but not used, when ``batch_size`` is :math:`n`.

    Returns
    -------
    callable
        ``grad(w)`` for ``w`` of shape (n_features,), returning an array of shape (n_features,).
        It does not check ``w``: :func:`gdtutor.gradient_descent` does.

    Raises
    ------
    TypeError
        If ``X`` or ``y`` is not numbers (None, text even if it spells a number, complex
        numbers, ragged lists), ``batch_size`` is not a whole number, or ``rng`` is neither an
        int nor a :class:`numpy.random.Generator`.
    ValueError
        If ``X`` or ``y`` is empty or holds NaN, infinity or a number too large for a float,
        ``X`` is not 2-D, ``y`` is not 1-D or has a different number of rows, ``batch_size``
        is not from 1 to :math:`n`, or the seed ``rng`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.stochastic import minibatch_gradients
    >>> X, y = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), np.array([1.0, 3.0, 5.0])
    >>> grad = minibatch_gradients(X, y, batch_size=3, rng=0)
    >>> print(np.round(grad(np.zeros(2)), 3))
    [-6.    -8.667]
    """
    X, y = _data(X, y)
    n = X.shape[0]
    batch_size = _batch_size(batch_size, n)
    generator = as_generator(rng)
    shuffled_X, shuffled_y = X, y
    position = n  # the current epoch is used up: the first call starts a new one

    def grad(w: np.ndarray) -> np.ndarray:
        nonlocal shuffled_X, shuffled_y, position
        if position >= n:  # a new epoch: shuffle once, then serve contiguous slices (views)
            if batch_size < n:
                order = generator.permutation(n)
                # np.take copies the same rows as X[order], several times faster.
                shuffled_X, shuffled_y = np.take(X, order, axis=0), np.take(y, order)
            position = 0
        X_batch = shuffled_X[position : position + batch_size]
        y_batch = shuffled_y[position : position + batch_size]
        position += batch_size
        return _mse_gradient(w, X_batch, y_batch)

    return grad


def fit_minibatch(
    X,
    y,
    batch_size: int,
    learning_rate: float | Callable,
    epochs: int,
    *,
    rng,
    start=None,
    record_costs: bool = True,
    update=None,
) -> MinibatchResult:
    r"""Fit a linear model by mini-batch gradient descent on :func:`gdtutor.linear.mse`.

    Every epoch shuffles the samples (unless ``batch_size`` is :math:`n`: then every step uses
    all of them in their original order) and takes one step per mini-batch of ``batch_size`` of
    them:

    .. math::

        w_{t+1} = w_t + \frac{2 \eta_t}{b} X_{B_t}^\top (y_{B_t} - X_{B_t} w_t)

    ``batch_size`` equal to the number of samples :math:`n` is *batch* gradient descent (one
    step per epoch, the steps of :func:`gdtutor.linear.fit_gradient_descent`), 1 is
    *stochastic* gradient descent (:math:`n` steps per epoch), anything between is
    *mini-batch*.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The features, one row per sample (with a column of ones for a bias, see
        :func:`gdtutor.linear.add_bias`).
    y : array_like, shape (n_samples,)
        The targets, a 1-D array.
    batch_size : int
        The number of samples :math:`b` per update, from 1 to ``n_samples``. When it does not
        divide ``n_samples``, the last mini-batch of each epoch is smaller.
    learning_rate : float or callable
        The step size :math:`\eta`, greater than 0, or a schedule ``learning_rate(t)`` of the
        update number :math:`t` such as :class:`InverseTimeDecay`.
    epochs : int
        The number of passes over the data, 0 or more.
    rng : int or numpy.random.Generator
        A seed, or the generator that shuffles the samples each epoch (checked, but not used,
        when ``batch_size`` is :math:`n`).
    start : array_like, shape (n_features,), optional
        The first parameters; zeros by default.
    record_costs : bool, default True
        Record the mean squared error on all the data after every update. That is a product
        with all of ``X`` per update, more work than the update itself when the batches are
        small; turn it off to time the fit itself.
    update : object with ``init`` and ``step``, optional
        An update rule from :mod:`gdtutor.optimizers` (momentum, Adam, ...), applied to the
        mini-batch gradients as :func:`gdtutor.gradient_descent` applies it; plain steps
        without it.

    Returns
    -------
    MinibatchResult
        The path, shape (epochs * updates_per_epoch + 1, n_features), the cost at every point
        of it, and the per-epoch views ``epoch_path`` and ``epoch_costs``.

    Raises
    ------
    TypeError
        If an argument has the wrong type: ``X``, ``y`` or ``start`` not numbers (None, text
        even if it spells a number, complex numbers, ragged lists), ``batch_size`` or
        ``epochs`` not a whole number, ``learning_rate`` neither a real number nor a function,
        ``rng`` neither an int nor a :class:`numpy.random.Generator`, ``record_costs`` not True
        or False; or if a schedule returns something that is not a real number.
    ValueError
        If ``X``, ``y`` or ``start`` is empty or holds NaN, infinity or a number too large for
        a float; if their shapes do not match (``X`` 2-D, ``y`` 1-D with one target per row of
        ``X``, ``start`` one number per column); if ``batch_size`` is not from 1 to :math:`n`,
        ``epochs`` or the seed ``rng`` is negative, or ``learning_rate`` (or a rate a schedule
        returns) is not a finite number greater than 0; or, with ``record_costs``, if the cost
        at ``start`` overflows to infinity.
    gdtutor.DivergenceError
        If at some update the parameters, the mini-batch gradient or the recorded cost become
        NaN or infinite, or the parameters grow past ``1e10 * max(1, max(abs(start)))`` in
        size (usually because the learning rate is too large). The run up to and including
        that update is ``error.result``, a :class:`gdtutor.DescentResult`.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.stochastic import fit_minibatch
    >>> X = np.column_stack([np.ones(4), [0.0, 1.0, 2.0, 3.0]])
    >>> fit = fit_minibatch(X, [1.0, 3.0, 5.0, 7.0], batch_size=2, learning_rate=0.05,
    ...                     epochs=300, rng=0)
    >>> print(fit.steps, fit.updates_per_epoch, np.round(fit.w, 4))
    600 2 [1. 2.]
    """
    X, y = _data(X, y)
    n = X.shape[0]
    batch_size = _batch_size(batch_size, n)
    epochs = non_negative_int(epochs, "epochs")
    start = np.zeros(X.shape[1]) if start is None else _parameters(start, X, "start")
    record_costs = boolean(record_costs, "record_costs")
    updates_per_epoch = -(-n // batch_size)

    def cost(w):
        return _mse(w, X, y)

    result = gradient_descent(
        minibatch_gradients(X, y, batch_size, rng),
        start,
        learning_rate,
        epochs * updates_per_epoch,
        cost=cost if record_costs else None,
        update=update,
    )
    return MinibatchResult(
        path=result.path,
        costs=result.costs,
        steps=result.steps,
        converged=result.converged,
        batch_size=batch_size,
        updates_per_epoch=updates_per_epoch,
        n_samples=n,
    )


def _batch_size(value, n_samples: int) -> int:
    batch_size = non_negative_int(value, "batch_size")
    if not 1 <= batch_size <= n_samples:
        raise ValueError(
            f"batch_size must be from 1 to the number of samples ({n_samples}), got {batch_size}"
        )
    return batch_size
