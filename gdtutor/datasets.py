r"""Seeded data sets for the course: the same arguments and seed give the same numbers.

Every generator takes ``rng``, either an int seed or a :class:`numpy.random.Generator`
(:func:`dummy_dataset` needs it only when it adds noise). With an int, the call is reproducible
on its own; with a Generator, the call draws from (and advances) that generator, so successive
calls give different data, except for data with nothing random in them: :func:`normal_sample`
with ``std=0`` and :func:`dummy_dataset` with ``noise=0`` give the same numbers at every call
(the Generator is still advanced). Reproducible means from run to run with the same numpy: that is
what numpy promises for its generators, not the same numbers across numpy versions.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validate import as_float_array, as_generator, boolean, positive_int, real_to_float


def normal_sample(n_samples: int, mean: float = 0.0, std: float = 1.0, *, rng) -> np.ndarray:
    r"""Draw independent numbers from a normal distribution :math:`\mathcal{N}(\mu, \sigma^2)`.

    Parameters
    ----------
    n_samples : int
        How many numbers to draw, 1 or more.
    mean : float, default 0.0
        The centre :math:`\mu` of the distribution.
    std : float, default 1.0
        The standard deviation :math:`\sigma`, 0 or more.
    rng : int or numpy.random.Generator
        A seed (0 or more) or a generator to draw from.

    Returns
    -------
    ndarray, shape (n_samples,)
        The sample.

    Raises
    ------
    TypeError
        If ``n_samples`` is not a whole number, ``mean`` or ``std`` is not a real number (None,
        text, a bool, a complex number), or ``rng`` is neither an int nor a
        :class:`numpy.random.Generator`.
    ValueError
        If ``n_samples`` is less than 1, ``mean`` or ``std`` is not finite, ``std`` is
        negative, or the seed ``rng`` is negative.
    OverflowError
        If a drawn number overflows although ``mean`` and ``std`` are finite (it would pass
        about 1.8e308); make them smaller.

    Examples
    --------
    >>> from gdtutor.datasets import normal_sample
    >>> sample = normal_sample(1000, mean=2.0, std=0.3, rng=0)
    >>> print(sample.shape, f"{sample.mean():.1f}", f"{sample.std():.1f}")
    (1000,) 2.0 0.3
    """
    n_samples = positive_int(n_samples, "n_samples")
    mean = _real(mean, "mean")
    std = _real(std, "std", minimum=0.0)
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below, with the fix
        sample = as_generator(rng).normal(mean, std, size=n_samples)
    return _finite(sample, "the sample", "mean or std")


def noisy_line(
    n_samples: int,
    intercept: float,
    slope: float,
    *,
    noise: float,
    x_range: tuple[float, float] = (0.0, 1.0),
    rng,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Points scattered about a straight line, :math:`y = \text{intercept} + \text{slope} \, x`.

    Each :math:`x_i` is drawn uniformly from ``x_range`` and
    :math:`y_i = \text{intercept} + \text{slope} \cdot x_i + \varepsilon_i` with
    :math:`\varepsilon_i \sim \mathcal{N}(0, \text{noise}^2)`.

    Parameters
    ----------
    n_samples : int
        How many points, 1 or more.
    intercept, slope : float
        The true line.
    noise : float
        The standard deviation of the vertical scatter, 0 or more (0 puts every point on the line).
    x_range : tuple of two floats, default (0.0, 1.0)
        ``(low, high)`` with ``low < high``: where the :math:`x_i` are drawn from.
    rng : int or numpy.random.Generator
        A seed (0 or more) or a generator to draw from.

    Returns
    -------
    x : ndarray, shape (n_samples,)
        The inputs, in the order they were drawn (not sorted).
    y : ndarray, shape (n_samples,)
        The noisy outputs.

    Raises
    ------
    TypeError
        If ``n_samples`` is not a whole number, ``intercept``, ``slope`` or ``noise`` is not a
        real number (None, text, a bool, a complex number), ``x_range`` is not a pair of real
        numbers, or ``rng`` is neither an int nor a :class:`numpy.random.Generator`.
    ValueError
        If ``n_samples`` is less than 1; ``intercept``, ``slope``, ``noise`` or a bound of
        ``x_range`` is not finite; ``noise`` is negative; ``x_range`` is not ``(low, high)``
        with ``low < high``, or is so wide that ``high - low`` passes about 1.8e308; or the
        seed ``rng`` is negative.
    OverflowError
        If a ``y`` overflows although the arguments are finite (it would pass about 1.8e308);
        make ``intercept``, ``slope``, ``noise`` or ``x_range`` smaller.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.datasets import noisy_line
    >>> x, y = noisy_line(50, intercept=8.0, slope=6.0, noise=0.0, x_range=(0.0, 2.0), rng=0)
    >>> print(x.shape, y.shape, bool(np.allclose(y, 8 + 6 * x)))
    (50,) (50,) True
    """
    n_samples = positive_int(n_samples, "n_samples")
    intercept = _real(intercept, "intercept")
    slope = _real(slope, "slope")
    noise = _real(noise, "noise", minimum=0.0)
    low, high = _interval(x_range, "x_range")
    generator = as_generator(rng)
    x = generator.uniform(low, high, size=n_samples)
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below, with the fix
        y = intercept + slope * x + generator.normal(0.0, noise, size=n_samples)
    return x, _finite(y, "y", "intercept, slope, noise or x_range")


def linear_dataset(
    n_samples: int, weights, bias: float = 0.0, *, noise: float, rng
) -> tuple[np.ndarray, np.ndarray]:
    r"""Features and targets from a linear model :math:`y = X w + b + \varepsilon`.

    Every feature is drawn independently from the standard normal distribution, and
    :math:`\varepsilon_i \sim \mathcal{N}(0, \text{noise}^2)`.

    Parameters
    ----------
    n_samples : int
        How many rows, 1 or more.
    weights : array_like, shape (n_features,)
        The true weight of each feature.
    bias : float, default 0.0
        The true bias (intercept) :math:`b`.
    noise : float
        The standard deviation of :math:`\varepsilon`, 0 or more.
    rng : int or numpy.random.Generator
        A seed (0 or more) or a generator to draw from.

    Returns
    -------
    X : ndarray, shape (n_samples, n_features)
        The features, without a column of ones.
    y : ndarray, shape (n_samples,)
        The targets.

    Raises
    ------
    TypeError
        If ``n_samples`` is not a whole number, ``weights`` is not numbers (None, text even if
        it spells a number, complex numbers, ragged lists), ``bias`` or ``noise`` is not a real
        number, or ``rng`` is neither an int nor a :class:`numpy.random.Generator`.
    ValueError
        If ``n_samples`` is less than 1; ``weights`` is empty, not 1-D, or holds NaN, infinity
        or a number too large for a float; ``bias`` or ``noise`` is not finite; ``noise`` is
        negative; or the seed ``rng`` is negative.
    OverflowError
        If a target overflows although the arguments are finite (it would pass about
        1.8e308); make ``weights``, ``bias`` or ``noise`` smaller.

    Examples
    --------
    >>> from gdtutor.datasets import linear_dataset
    >>> X, y = linear_dataset(5000, [2, 4, 5, 9, 11], bias=2.0, noise=1.0, rng=0)
    >>> print(X.shape, y.shape)
    (5000, 5) (5000,)
    """
    n_samples = positive_int(n_samples, "n_samples")
    weights = as_float_array(weights, "weights")
    if weights.ndim != 1:
        raise ValueError(
            f"weights must be a 1-D list of numbers, one per feature; got shape {weights.shape}"
        )
    bias = _real(bias, "bias")
    noise = _real(noise, "noise", minimum=0.0)
    generator = as_generator(rng)
    X = generator.standard_normal((n_samples, weights.size))
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below, with the fix
        y = X @ weights + bias + generator.normal(0.0, noise, size=n_samples)
    return X, _finite(y, "y", "weights, bias or noise")


def _real(value, name: str, minimum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    number = real_to_float(value, name)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be {minimum:g} or more, got {value!r}")
    return number


def _interval(value, name: str) -> tuple[float, float]:
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a pair of numbers (low, high), got {type(value).__name__}")
    try:
        low, high = value
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a pair of numbers (low, high), got {value!r}") from exc
    low, high = _real(low, f"{name}[0]"), _real(high, f"{name}[1]")
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got {value!r}")
    if not np.isfinite(high - low):
        raise ValueError(
            f"{name} is too wide: high - low must not pass about 1.8e308, got {value!r}"
        )
    return low, high


def _finite(values: np.ndarray, what: str, arguments: str) -> np.ndarray:
    """``values`` if they are finite; an overflow from finite arguments is refused."""
    if not np.all(np.isfinite(values)):
        raise OverflowError(
            f"{what} overflowed (a number passed about 1.8e308); make {arguments} smaller"
        )
    return values


def dummy_dataset(
    n_groups: int,
    rows_per_group: int,
    *,
    intercept: bool = True,
    means=None,
    noise: float = 0.0,
    rng=None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""A design matrix that codes group membership with one-hot (dummy) columns, and targets.

    The rows come group by group: rows ``0`` to ``rows_per_group - 1`` are in group 0, the next
    ``rows_per_group`` rows in group 1, and so on. Dummy column :math:`g` is 1 in the rows of group
    :math:`g` and 0 elsewhere. The target of a row in group :math:`g` is
    :math:`y_i = \text{means}_g + \varepsilon_i` with :math:`\varepsilon_i \sim \mathcal{N}(0,
    \text{noise}^2)`.

    With ``intercept=True`` the dummy columns add up to the column of ones, so ``X`` has
    ``n_groups + 1`` columns but rank ``n_groups``: this is the dummy-variable trap, and
    :math:`X^\top X` is singular.

    Parameters
    ----------
    n_groups : int
        How many groups, 1 or more.
    rows_per_group : int
        How many rows in each group, 1 or more.
    intercept : bool, default True
        Put a column of ones in front of the dummy columns.
    means : array_like, shape (n_groups,), optional
        The target of each group before noise; ``0, 1, ..., n_groups - 1`` by default.
    noise : float, default 0.0
        The standard deviation of :math:`\varepsilon`, 0 or more (0 gives every row its group's
        mean exactly).
    rng : int or numpy.random.Generator, optional
        A seed (0 or more) or a generator to draw the noise from; needed only when ``noise`` is
        greater than 0. With ``noise=0`` a given ``rng`` is still checked, and a Generator is
        still advanced, by the draw of the (zero) noise.

    Returns
    -------
    X : ndarray, shape (n_groups * rows_per_group, n_groups + 1)
        ``[1, d_0, ..., d_{n_groups - 1}]``: the column of ones first, then one dummy column per
        group. Without the intercept there is no column of ones, so the shape is
        ``(n_groups * rows_per_group, n_groups)``.
    y : ndarray, shape (n_groups * rows_per_group,)
        The targets.

    Raises
    ------
    TypeError
        If ``n_groups`` or ``rows_per_group`` is not a whole number, ``intercept`` is not True
        or False, ``means`` is not numbers (text even if it spells a number, None among them,
        complex numbers, ragged lists), ``noise`` is
        not a real number, ``rng`` is neither an int nor a :class:`numpy.random.Generator`, or
        ``rng`` is left out while ``noise`` is greater than 0.
    ValueError
        If ``n_groups`` or ``rows_per_group`` is less than 1; if ``means`` is empty, holds NaN,
        infinity or a number too large for a float, or is not ``n_groups`` numbers; if
        ``noise`` is negative or not finite; or if the seed ``rng`` is negative.
    OverflowError
        If a target overflows although the arguments are finite (it would pass about
        1.8e308); make ``means`` or ``noise`` smaller.

    Examples
    --------
    Without noise no ``rng`` is needed:

    >>> import numpy as np
    >>> from gdtutor.datasets import dummy_dataset
    >>> X, y = dummy_dataset(2, 3)
    >>> print(X)
    [[1. 1. 0.]
     [1. 1. 0.]
     [1. 1. 0.]
     [1. 0. 1.]
     [1. 0. 1.]
     [1. 0. 1.]]
    >>> print(y)
    [0. 0. 0. 1. 1. 1.]
    >>> print(np.linalg.matrix_rank(X), np.linalg.matrix_rank(X[:, 1:]))
    2 2
    """
    n_groups = positive_int(n_groups, "n_groups")
    rows_per_group = positive_int(rows_per_group, "rows_per_group")
    intercept = boolean(intercept, "intercept")
    if means is None:
        means = np.arange(n_groups, dtype=float)
    else:
        means = as_float_array(means, "means")
        if means.shape != (n_groups,):
            raise ValueError(
                f"means must be a 1-D list of {n_groups} numbers, one per group; "
                f"got shape {means.shape}"
            )
    noise = _real(noise, "noise", minimum=0.0)
    if rng is None and noise > 0:
        raise TypeError(
            f"rng is needed to draw the noise (noise={noise!r}): pass an int seed or a "
            "numpy.random.Generator, for example rng=0, or leave noise at 0"
        )
    generator = None if rng is None else as_generator(rng)
    group = np.repeat(np.arange(n_groups), rows_per_group)
    dummies = (group[:, np.newaxis] == np.arange(n_groups)).astype(float)
    X = np.column_stack([np.ones(group.size), dummies]) if intercept else dummies
    if generator is None:  # no noise to draw
        return X, means[group]
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below, with the fix
        y = means[group] + generator.normal(0.0, noise, size=group.size)
    return X, _finite(y, "y", "means or noise")


def two_blobs(
    n_samples: int, *, separation: float, std: float = 1.0, rng
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two round clouds of points in the plane, one per class, labelled 0 and 1.

    Class 0 is centred at :math:`c_0 = (0, 0)` and class 1 at
    :math:`c_1 = (s / \sqrt{2}, s / \sqrt{2})`, so the centres are :math:`s` (``separation``)
    apart along the diagonal. Each point is its centre plus independent normal noise of
    standard deviation :math:`\sigma` (``std``) in each coordinate:
    :math:`x_i = c_{y_i} + \varepsilon_i` with :math:`\varepsilon_i \sim \mathcal{N}(0,
    \sigma^2 I)`. The clouds overlap when :math:`s` is a few :math:`\sigma` or less; far apart,
    a straight line separates them.

    Both classes have the same spread, so the log-odds of class 1 is linear in :math:`x`:

    .. math::

        \log \frac{P(y = 1 \mid x)}{P(y = 0 \mid x)}
        = \frac{(c_1 - c_0)^\top x}{\sigma^2} - \frac{\lVert c_1 \rVert^2}{2 \sigma^2}
          + \log \frac{n_1}{n_0}

    with :math:`n_0, n_1` the sizes of the classes: logistic regression is the right model.

    Parameters
    ----------
    n_samples : int
        How many points in all, 2 or more: ``n_samples - n_samples // 2`` of class 0 and
        ``n_samples // 2`` of class 1.
    separation : float
        The distance :math:`s` between the two centres, 0 or more.
    std : float, default 1.0
        The standard deviation :math:`\sigma` of each coordinate about its centre, 0 or more.
    rng : int or numpy.random.Generator
        A seed (0 or more) or a generator to draw from.

    Returns
    -------
    X : ndarray, shape (n_samples, 2)
        The points, in random order (the classes are shuffled together), without a column of
        ones.
    y : ndarray of int, shape (n_samples,)
        The class of each point, 0 or 1.

    Raises
    ------
    TypeError
        If ``n_samples`` is not a whole number, ``separation`` or ``std`` is not a real number
        (None, text, a bool, a complex number), or ``rng`` is neither an int nor a
        :class:`numpy.random.Generator`.
    ValueError
        If ``n_samples`` is less than 2; ``separation`` or ``std`` is negative or not finite;
        or the seed ``rng`` is negative.
    OverflowError
        If a point overflows although the arguments are finite (it would pass about
        1.8e308); make ``separation`` or ``std`` smaller.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.datasets import two_blobs
    >>> X, y = two_blobs(2000, separation=3.0, rng=0)
    >>> print(X.shape, y.shape, np.bincount(y))
    (2000, 2) (2000,) [1000 1000]
    >>> print(np.round(X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0), 1))
    [2.1 2.1]
    """
    n_samples = _at_least_two(n_samples)
    separation = _real(separation, "separation", minimum=0.0)
    std = _real(std, "std", minimum=0.0)
    generator = as_generator(rng)
    y = _shuffled_labels(n_samples, generator)
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below, with the fix
        centres = np.array([[0.0, 0.0], [separation, separation]]) / np.sqrt(2.0)
        X = centres[y] + generator.normal(0.0, std, size=(n_samples, 2))
    return _finite(X, "X", "separation or std"), y


def two_moons(n_samples: int, *, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaved half-moons in the plane, labelled 0 and 1: no straight line separates them.

    Each point has an angle :math:`t` drawn uniformly from :math:`[0, \pi]`. A point of class 0
    lies on the upper half of the unit circle, :math:`(\cos t, \sin t)`; a point of class 1 on
    the lower half of the unit circle centred at :math:`(1, 0.5)`, :math:`(1 - \cos t,
    0.5 - \sin t)`. Each point then moves by independent normal noise of standard deviation
    ``noise`` in each coordinate. Each moon reaches into the hollow of the other.

    Parameters
    ----------
    n_samples : int
        How many points in all, 2 or more: ``n_samples - n_samples // 2`` of class 0 and
        ``n_samples // 2`` of class 1.
    noise : float
        The standard deviation of the noise in each coordinate, 0 or more (0 puts every point
        on its half-circle).
    rng : int or numpy.random.Generator
        A seed (0 or more) or a generator to draw from.

    Returns
    -------
    X : ndarray, shape (n_samples, 2)
        The points, in random order (the classes are shuffled together).
    y : ndarray of int, shape (n_samples,)
        The class of each point, 0 (upper moon) or 1 (lower moon).

    Raises
    ------
    TypeError
        If ``n_samples`` is not a whole number, ``noise`` is not a real number (None, text, a
        bool, a complex number), or ``rng`` is neither an int nor a
        :class:`numpy.random.Generator`.
    ValueError
        If ``n_samples`` is less than 2; ``noise`` is negative or not finite; or the seed
        ``rng`` is negative.
    OverflowError
        If a point overflows although ``noise`` is finite (it would pass about 1.8e308); make
        ``noise`` smaller.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.datasets import two_moons
    >>> X, y = two_moons(200, noise=0.0, rng=0)
    >>> print(X.shape, np.bincount(y))
    (200, 2) [100 100]
    >>> radius = np.hypot(X[:, 0] - y, X[:, 1] - 0.5 * y)
    >>> print(bool(np.allclose(radius, 1.0)))
    True
    """
    n_samples = _at_least_two(n_samples)
    noise = _real(noise, "noise", minimum=0.0)
    generator = as_generator(rng)
    y = _shuffled_labels(n_samples, generator)
    angle = generator.uniform(0.0, np.pi, size=n_samples)
    # Class 0: (cos t, sin t); class 1: the same point turned half a circle, moved to (1, 0.5).
    sign = 1.0 - 2.0 * y
    moons = np.column_stack([y + sign * np.cos(angle), 0.5 * y + sign * np.sin(angle)])
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below, with the fix
        X = moons + generator.normal(0.0, noise, size=(n_samples, 2))
    return _finite(X, "X", "noise"), y


def _at_least_two(n_samples) -> int:
    """A number of points with room for both classes."""
    n_samples = positive_int(n_samples, "n_samples")
    if n_samples < 2:
        raise ValueError(f"n_samples must be 2 or more, one point of each class, got {n_samples}")
    return n_samples


def _shuffled_labels(n_samples: int, generator: np.random.Generator) -> np.ndarray:
    """``n_samples - n_samples // 2`` zeros and ``n_samples // 2`` ones, in random order."""
    labels = (np.arange(n_samples) >= n_samples - n_samples // 2).astype(np.int64)
    return generator.permutation(labels)
