r"""Small helpers that each draw one thing on a matplotlib ``Axes``; a page composes its figures.

Every helper follows matplotlib's recommended shape ``helper(ax, data, **kwargs)``: it draws on
the ``ax`` it is given, returns what matplotlib returns (so it can be restyled, or given a colour
bar), and passes ``**kwargs`` on to matplotlib, where they win over the helper's own styling. A
figure is built with plain matplotlib around them:

>>> from gdtutor import gradient_descent
>>> from gdtutor.plots import draw_curve, draw_path, new_figure
>>> run = gradient_descent(lambda w: 2 * w, start=2.0, learning_rate=0.2, steps=5)
>>> fig = new_figure()
>>> ax = fig.subplots()
>>> curve = draw_curve(ax, lambda w: w**2, (-2.5, 2.5), label="$J(w)$")
>>> path = draw_path(ax, run, cost=lambda w: w**2, arrows=True, label="$w_t$")
>>> print(len(ax.lines), len(ax.texts))
2 5

No helper touches pyplot: save a figure with ``fig.savefig("name.svg")``; in Jupyter a
``Figure`` displays itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from matplotlib import colormaps
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure

from ._validate import as_float_array, callable_arg, positive_float
from .descent import DescentResult

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
CURVE = "#555555"
DATA = "#333333"
# The steps of a run, pale (the start) to dark (the last step): the upper part of "Blues".
STEPS = ListedColormap(colormaps["Blues"](np.linspace(0.3, 1.0, 256)), name="steps")
MARKERS = ("*", "X", "P", "D")


def new_figure(width: float = 6.4, height: float = 3.6) -> Figure:
    r"""A blank figure on white, so it reads the same on the site's light and dark themes.

    Its layout is constrained (labels, legends and colour bars are fitted in), and it is not
    registered with pyplot. Add axes with ``fig.subplots(rows, columns)``.

    Parameters
    ----------
    width, height : float
        The size in inches.

    Returns
    -------
    matplotlib.figure.Figure
        A new, empty figure.

    Examples
    --------
    >>> from gdtutor.plots import new_figure
    >>> fig = new_figure(4.0, 3.0)
    >>> print(fig.get_size_inches(), len(fig.axes))
    [4. 3.] 0
    """
    width, height = positive_float(width, "width"), positive_float(height, "height")
    return Figure(figsize=(width, height), layout="constrained", facecolor="white")


def draw_curve(ax, cost: Callable, xlim, **kwargs) -> list:
    r"""Draw a one-parameter cost ``cost(w)`` over an interval, as a grey curve.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    cost : callable
        ``cost(w)`` for a float ``w``; it is evaluated at 401 points.
    xlim : tuple of float
        ``(low, high)``: the interval of ``w``.
    **kwargs
        Passed on to :meth:`matplotlib.axes.Axes.plot` (``label``, ``color``, ...).

    Returns
    -------
    list of matplotlib.lines.Line2D
        The curve.

    Examples
    --------
    >>> from gdtutor.plots import draw_curve, new_figure
    >>> ax = new_figure().subplots()
    >>> (curve,) = draw_curve(ax, lambda w: (w - 1) ** 2, (0.0, 2.0), label="$J(w)$")
    >>> print(curve.get_xdata()[[0, 200, -1]], curve.get_ydata()[[0, 200, -1]])
    [0. 1. 2.] [1. 0. 1.]
    """
    cost = callable_arg(cost, "cost")
    grid = np.linspace(*_interval(xlim, "xlim"), 401)
    return ax.plot(grid, [cost(w) for w in grid], **{"color": CURVE, "linewidth": 1.5, **kwargs})


def draw_contours(
    ax, cost: Callable, xlim, ylim, *, levels=None, minimum=None, filled=False, **kwargs
):
    r"""Draw the contour lines (or, ``filled``, the shaded bands) of a two-parameter cost.

    By default the levels are spaced evenly on a log scale above the lowest cost, so the valley
    floor shows as clearly as the walls. The axes are set to ``xlim`` and ``ylim``: what is drawn
    afterwards (a path that wanders off) does not widen them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    cost : callable
        ``cost(w)`` for ``w`` of shape (2,); it is evaluated on a 121 x 121 grid.
    xlim, ylim : tuple of float
        ``(low, high)``: the ranges of ``w[0]`` (across) and ``w[1]`` (up).
    levels : int or array_like, optional
        As for :meth:`matplotlib.axes.Axes.contour`. By default 12 levels from 0.001 of the way
        up from the lowest cost to the highest on the grid, log-spaced.
    minimum : array_like, shape (2,), optional
        Where the cost is lowest, for the default levels; without it, the lowest grid point.
    filled : bool, default False
        Shaded bands (light at the top, dark blue at the bottom) instead of lines; give the
        result to ``fig.colorbar`` for a scale.
    **kwargs
        Passed on to :meth:`~matplotlib.axes.Axes.contour` (or ``contourf``).

    Returns
    -------
    matplotlib.contour.QuadContourSet
        The contours.

    Examples
    --------
    >>> from gdtutor.plots import draw_contours, new_figure
    >>> ax = new_figure().subplots()
    >>> lines = draw_contours(ax, lambda w: w[0] ** 2 + w[1] ** 2, (-1, 1), (-1, 1),
    ...                       minimum=[0, 0])
    >>> print(len(lines.levels), lines.levels[:3].round(3), ax.get_xlim() == (-1, 1))
    12 [0.002 0.004 0.007] True
    """
    cost = callable_arg(cost, "cost")
    xlim, ylim = _interval(xlim, "xlim"), _interval(ylim, "ylim")
    across, up = np.linspace(*xlim, 121), np.linspace(*ylim, 121)
    heights = np.array([[cost(np.array([a, b])) for a in across] for b in up], dtype=float)
    if levels is None:
        bottom = heights.min() if minimum is None else cost(_point(minimum, "minimum"))
        levels = bottom + (heights.max() - bottom) * np.geomspace(1e-3, 1.0, 12)
        if filled:
            levels = np.concatenate([[bottom], levels])
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    if filled:
        style = {"cmap": "Blues_r", "alpha": 0.45, **kwargs}
        return ax.contourf(across, up, heights, levels=levels, **style)
    style = {"colors": CURVE, "linewidths": 0.6, "linestyles": "solid", **kwargs}
    return ax.contour(across, up, heights, levels=levels, **style)


def draw_path(
    ax,
    run: DescentResult,
    *,
    cost: Callable | None = None,
    label: str | None = None,
    color: str | None = None,
    arrows: bool = False,
    **kwargs,
) -> list:
    r"""Draw the points a run visited: on the contours of a two-parameter cost, or on the curve
    of a one-parameter cost (give ``cost``).

    The points are joined by a line, with a dot on each when there are at most 250 of them;
    above 2000 (stochastic runs) the line is thin and rasterized, so the file stays small. With
    ``arrows``, each step is an arrow from one dot to the next instead. A two-parameter path
    begins with a square labelled "start".

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    run : DescentResult
        A run whose path has shape (steps + 1, 2), or, with ``cost``, one parameter: shape
        (steps + 1,) or (steps + 1, 1).
    cost : callable, optional
        ``cost(w)`` for a float ``w``: a one-parameter run is drawn at the heights
        ``(w_t, cost(w_t))``.
    label : str, optional
        The legend label of the path.
    color : str, optional
        The colour of the path and its start. By default the path is orange and its start blue.
    arrows : bool, default False
        An arrow for every step.
    **kwargs
        Passed on to :meth:`matplotlib.axes.Axes.plot` for the path.

    Returns
    -------
    list of matplotlib.artist.Artist
        The path's line, then its start square (two parameters), then its arrows.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import draw_path, new_figure
    >>> run = gradient_descent(lambda w: 2 * w, np.array([1.0, -0.5]), 0.25, steps=3)
    >>> ax = new_figure().subplots()
    >>> line, start = draw_path(ax, run, label="η = 0.25")
    >>> print(line.get_xdata(), line.get_ydata(), start.get_label())
    [1.    0.5   0.25  0.125] [-0.5    -0.25   -0.125  -0.0625] start
    """
    path = _path(run, "run")
    if cost is None:
        if path.ndim != 2 or path.shape[1] != 2:
            raise ValueError(
                f"run must be a two-parameter run (path of shape (steps + 1, 2)), got a path of "
                f"shape {path.shape}; for a one-parameter run, give its cost (cost=...)"
            )
        xs, ys = path[:, 0], path[:, 1]
    else:
        cost = callable_arg(cost, "cost")
        if path.ndim != 1 and path.shape[1:] != (1,):
            raise ValueError(
                f"with cost, run must be a one-parameter run, got a path of shape {path.shape}; "
                "draw a two-parameter run without cost, on contours"
            )
        xs = path.ravel()
        ys = np.array([cost(w) for w in xs], dtype=float)
    colour = COLOURS[1] if color is None else color
    if arrows:
        style = {"marker": "o", "linestyle": "none", "markersize": 4}
    else:
        style = _line_style(len(xs), many=250)
    artists = ax.plot(xs, ys, **{**style, "color": colour, "label": label, **kwargs})
    if cost is None:
        start = COLOURS[0] if color is None else color
        artists += ax.plot(xs[0], ys[0], "s", color=start, markersize=6, label="start", zorder=5)
    if arrows:
        props = {"arrowstyle": "->", "color": colour, "linewidth": 1.1}
        steps = zip(xs[:-1], ys[:-1], xs[1:], ys[1:], strict=True)
        artists += [
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops=props)
            for x0, y0, x1, y1 in steps
            if (x0, y0) != (x1, y1)
        ]
    return artists


def draw_iterates(ax, run: DescentResult, *, labels=None, **kwargs) -> list:
    r"""Draw each parameter of a run against the step number, one line per parameter.

    The lines have a dot on each point when there are at most 60 of them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    run : DescentResult
        A run whose path has shape (steps + 1,) or (steps + 1, n_parameters).
    labels : sequence of str, optional
        A legend label for each parameter.
    **kwargs
        Passed on to :meth:`matplotlib.axes.Axes.plot` for every line (``color=`` gives them
        all one colour; by default they take the course's colours in turn).

    Returns
    -------
    list of matplotlib.lines.Line2D
        One line per parameter.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import draw_iterates, new_figure
    >>> run = gradient_descent(lambda w: w - 1.0, [0.0, 3.0], learning_rate=0.5, steps=3)
    >>> ax = new_figure().subplots()
    >>> lines = draw_iterates(ax, run, labels=["$w_0$", "$w_1$"])
    >>> print([line.get_label() for line in lines], lines[1].get_ydata())
    ['$w_0$', '$w_1$'] [3.   2.   1.5  1.25]
    """
    path = _path(run, "run")
    columns = path.reshape(len(path), -1)
    labels = [None] * columns.shape[1] if labels is None else list(labels)
    if len(labels) != columns.shape[1]:
        raise ValueError(
            f"labels must have one label per parameter ({columns.shape[1]}), got {len(labels)}"
        )
    steps, style = np.arange(len(path)), _line_style(len(path), many=60)
    return [
        line
        for values, label, colour in zip(columns.T, labels, _cycle(len(labels)), strict=True)
        for line in ax.plot(steps, values, **{**style, "color": colour, "label": label, **kwargs})
    ]


def draw_costs(
    ax, runs: Mapping, *, minimum: float | None = None, epochs: bool = False, **kwargs
) -> list:
    r"""Draw each run's cost against the step number; with ``minimum``, the cost above it, on a
    log scale.

    Each run has its own colour and its label in the legend. A run of at most 60 points has a dot
    on each; one of more than 2000 (stochastic runs) is a thin, see-through band underneath the
    others, rasterized so the file stays small.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    runs : mapping of str to DescentResult
        Labels and runs made with their costs recorded (``cost=...``).
    minimum : float, optional
        The lowest possible cost: draw ``cost - minimum`` on a log scale (a gap below 1e-12 is
        drawn at 1e-12).
    epochs : bool, default False
        Against epochs (passes over the data) instead of updates, for the results of
        :func:`gdtutor.stochastic.fit_minibatch`.
    **kwargs
        Passed on to :meth:`matplotlib.axes.Axes.plot` for every run.

    Returns
    -------
    list of matplotlib.lines.Line2D
        One line per run.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import draw_costs, new_figure
    >>> def run(rate):
    ...     return gradient_descent(lambda w: 2 * w, 1.0, rate, 10, cost=lambda w: w**2 + 1)
    ...
    >>> ax = new_figure().subplots()
    >>> lines = draw_costs(ax, {"η = 0.1": run(0.1), "η = 0.3": run(0.3)}, minimum=1.0)
    >>> print(ax.get_yscale(), lines[1].get_ydata()[:3].round(4))
    log [1.     0.16   0.0256]
    """
    runs = _runs(runs)
    lines = []
    for (label, run), colour in zip(runs.items(), _cycle(len(runs)), strict=True):
        if run.costs is None:
            raise ValueError(f"runs[{label!r}] has no costs; run it with cost=... to record them")
        costs = run.costs if minimum is None else np.maximum(run.costs - minimum, 1e-12)
        steps = np.arange(len(costs), dtype=float)
        if epochs:
            if not hasattr(run, "updates_per_epoch"):
                raise TypeError(f"with epochs=True, runs[{label!r}] must come from fit_minibatch")
            steps /= run.updates_per_epoch
        style = _line_style(len(costs), many=60, linewidth=1.4)
        if len(costs) > 2000:
            style.update(alpha=0.75, zorder=1.5)  # below the other lines (2)
        lines += ax.plot(steps, costs, **{**style, "color": colour, "label": label, **kwargs})
    if minimum is not None:
        ax.set_yscale("log")
    return lines


def draw_points(ax, x, y, **kwargs) -> list:
    r"""Draw data points ``(x[i], y[i])`` as dark dots, labelled "data".

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    x, y : array_like, shape (n,)
        The data.
    **kwargs
        Passed on to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    list of matplotlib.lines.Line2D
        The points, as one line without segments.

    Examples
    --------
    >>> from gdtutor.plots import draw_points, new_figure
    >>> ax = new_figure().subplots()
    >>> (points,) = draw_points(ax, [0.0, 1.0, 2.0], [1.0, 3.0, 5.0])
    >>> print(points.get_ydata(), points.get_label())
    [1. 3. 5.] data
    """
    x, y = _data(x, y)
    style = dict(marker="o", linestyle="none", color=DATA, markersize=3.5, label="data", zorder=4)
    return ax.plot(x, y, **{**style, **kwargs})


def draw_lines(ax, x, run: DescentResult, **kwargs) -> LineCollection:
    r"""Draw the fitted line at every point of a run, across the range of ``x``, pale to dark.

    A two-parameter run ``[intercept, slope]`` gives the lines ``w[0] + w[1] * x``; a
    one-parameter run gives ``w * x``. The lines are coloured by step number, so
    ``fig.colorbar(lines, ax=ax)`` gives them a scale.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    x : array_like, shape (n,)
        The inputs of the data; the lines span ``min(x)`` to ``max(x)``.
    run : DescentResult
        A run whose path has shape (steps + 1, 2), (steps + 1, 1) or (steps + 1,).
    **kwargs
        Passed on to :class:`matplotlib.collections.LineCollection`.

    Returns
    -------
    matplotlib.collections.LineCollection
        The lines, the start's first.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import draw_lines, new_figure
    >>> run = gradient_descent(lambda w: w - [1.0, 2.0], [0.0, 0.0], learning_rate=0.5, steps=2)
    >>> ax = new_figure().subplots()
    >>> lines = draw_lines(ax, [0.0, 1.0], run)
    >>> print(lines.get_segments()[-1], lines.get_array())
    [[0.   0.75]
     [1.   2.25]] [0 1 2]
    """
    x = as_float_array(x, "x").ravel()
    path = _path(run, "run")
    weights = path.reshape(len(path), -1)
    if weights.shape[1] == 1:
        weights = np.column_stack([np.zeros(len(path)), weights[:, 0]])
    elif weights.shape[1] != 2:
        raise ValueError(
            "run must have one parameter (a slope) or two (an intercept and a slope), got a path "
            f"of shape {path.shape}"
        )
    ends = np.array([x.min(), x.max()])
    segments = [np.column_stack([ends, intercept + slope * ends]) for intercept, slope in weights]
    style = {"cmap": STEPS, "norm": Normalize(0, max(len(path) - 1, 1)), "linewidths": 1.2}
    lines = LineCollection(segments, array=np.arange(len(path)), **{**style, **kwargs})
    ax.add_collection(lines)
    ax.autoscale_view()
    return lines


def mark_points(ax, marks: Mapping, **kwargs) -> list:
    r"""Mark labelled points (a minimum, the minima, a saddle) in black, each label with its own
    marker: a star, then a cross, a plus and a diamond.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    marks : mapping of str to array_like, shape (2,) or (k, 2)
        Legend labels and the point (or points) each names.
    **kwargs
        Passed on to :meth:`matplotlib.axes.Axes.plot` for every label.

    Returns
    -------
    list of matplotlib.lines.Line2D
        One line of markers per label: give them to ``ax.legend(handles=...)``.

    Examples
    --------
    >>> from gdtutor.plots import mark_points, new_figure
    >>> ax = new_figure().subplots()
    >>> marks = mark_points(ax, {"minima": [[0, 1], [0, -1]], "saddle": [0, 0]})
    >>> print([(m.get_label(), m.get_marker(), len(m.get_xdata())) for m in marks])
    [('minima', '*', 2), ('saddle', 'X', 1)]
    """
    if not isinstance(marks, Mapping):
        raise TypeError(f"marks must be a mapping {{label: point}}, got {type(marks).__name__}")
    if not marks:
        raise ValueError("marks is empty; give at least one {label: point}")
    lines = []
    for index, (label, points) in enumerate(marks.items()):
        marker = MARKERS[index % len(MARKERS)]
        points = np.atleast_2d(as_float_array(points, f"marks[{label!r}]"))
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(
                f"marks[{label!r}] must be a point (x, y) or points of shape (k, 2), got shape "
                f"{points.shape}"
            )
        style = dict(marker=marker, linestyle="none", color="black", markersize=11, zorder=6)
        lines += ax.plot(points[:, 0], points[:, 1], **{**style, "label": label, **kwargs})
    return lines


def _line_style(points: int, *, many: int, linewidth: float = 1.2) -> dict:
    """A dot on each point of a short line; a thin, rasterized line for thousands of points."""
    if points <= many:
        return {"marker": "o", "markersize": 2.5, "linewidth": linewidth}
    if points <= 2000:
        return {"markersize": 2.5, "linewidth": linewidth}
    return {"markersize": 2.5, "linewidth": 0.5, "rasterized": True}


def _cycle(count: int) -> list:
    return [COLOURS[i % len(COLOURS)] for i in range(count)]


def _path(run, name: str) -> np.ndarray:
    """A run's path, refused when it is not a run or holds NaN or infinity (it diverged)."""
    if not isinstance(run, DescentResult):
        raise TypeError(f"{name} must be a DescentResult (a run), got {type(run).__name__}")
    if not np.all(np.isfinite(run.path)):
        raise ValueError(
            f"{name} has NaN or infinity in its path: the run diverged; draw the steps before it "
            "did (error.result of the DivergenceError), or choose a smaller learning_rate"
        )
    return run.path


def _runs(runs) -> Mapping:
    if not isinstance(runs, Mapping):
        raise TypeError(f"runs must be a mapping {{label: run}}, got {type(runs).__name__}")
    if not runs:
        raise ValueError("runs is empty; give at least one {label: run}")
    for label, run in runs.items():
        _path(run, f"runs[{label!r}]")
    return runs


def _interval(value, name: str) -> tuple[float, float]:
    bounds = as_float_array(value, name)
    if bounds.shape != (2,) or not bounds[0] < bounds[1]:
        raise ValueError(f"{name} must be (low, high) with low < high, got {value!r}")
    return float(bounds[0]), float(bounds[1])


def _point(value, name: str) -> np.ndarray:
    point = as_float_array(value, name)
    if point.shape != (2,):
        raise ValueError(f"{name} must be a point (w0, w1) of shape (2,), got shape {point.shape}")
    return point


def _data(x, y) -> tuple[np.ndarray, np.ndarray]:
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be 1-D and the same length, got {x.shape} and {y.shape}")
    return x, y
