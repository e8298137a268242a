"""Figures for the course: each function returns a new matplotlib ``Figure``, never touching pyplot.

Save one with ``fig.savefig("name.svg")``; in Jupyter a returned ``Figure`` displays itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from matplotlib.figure import Figure

from ._validate import (
    as_float_array,
    boolean,
    callable_arg,
    finite_real,
    non_negative_int,
    positive_float,
)
from .descent import DescentResult

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
CURVE = "#555555"


def new_figure(width: float = 6.4, height: float = 3.6) -> Figure:
    r"""A blank figure on white, so it reads the same on the site's light and dark themes.

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


def plot_iterates(runs: Mapping[str, DescentResult], *, columns: int = 3) -> Figure:
    r"""Plot each run's parameter against the step number, one panel per run.

    Parameters
    ----------
    runs : mapping of str to DescentResult
        Panel titles and the one-parameter runs to draw in them.
    columns : int, default 3
        Panels per row when there is more than one run.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one panel per run.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import plot_iterates
    >>> runs = {f"η = {rate}": gradient_descent(lambda w: 2 * w, 1.0, rate, 10)
    ...         for rate in (0.1, 0.9)}
    >>> fig = plot_iterates(runs)
    >>> print([ax.get_title() for ax in fig.axes])
    ['η = 0.1', 'η = 0.9']
    """
    runs = _runs(runs)
    if non_negative_int(columns, "columns") == 0:
        raise ValueError("columns must be 1 or more, got 0")
    columns = min(columns, len(runs))
    rows = -(-len(runs) // columns)
    fig = new_figure(3.0 * columns + 0.6, 2.5 * rows + 0.4) if len(runs) > 1 else new_figure()
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax, (label, result), colour in zip(
        axes, runs.items(), _cycle(len(runs)), strict=False
    ):  # spare axes hidden below
        path = _one_parameter(result, label, within="runs")
        ax.axhline(0.0, color=CURVE, linewidth=0.8, linestyle=":")
        ax.plot(np.arange(path.size), path, "o-", color=colour, markersize=3, linewidth=1.2)
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("step $t$")
        ax.set_ylabel("$w_t$")
    for ax in axes[len(runs) :]:
        ax.set_visible(False)
    return fig


def plot_path_on_curve(
    cost: Callable, result: DescentResult, *, span: float | None = None
) -> Figure:
    r"""Draw a one-parameter cost curve and the points gradient descent visited on it.

    Parameters
    ----------
    cost : callable
        ``cost(w)`` for a float ``w``; it is evaluated on a grid.
    result : DescentResult
        A one-parameter run.
    span : float, optional
        Draw ``w`` in ``[-span, span]``; by default just wider than the path.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one panel.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import plot_path_on_curve
    >>> run = gradient_descent(lambda w: 2 * w, start=2.0, learning_rate=0.1, steps=5)
    >>> fig = plot_path_on_curve(lambda w: w**2, run)
    >>> print([text.get_text() for text in fig.axes[0].get_legend().get_texts()])
    ['$J(w)$', '$w_t$, $J(w_t)$']
    """
    cost = callable_arg(cost, "cost")
    path = _one_parameter(result, "result")
    if span is None:
        span = 1.1 * float(np.max(np.abs(path))) or 1.0  # a run that stayed at 0: any width
    span = positive_float(span, "span")
    grid = np.linspace(-span, span, 401)
    fig = new_figure()
    ax = fig.subplots()
    ax.plot(grid, [cost(w) for w in grid], color=CURVE, linewidth=1.5, label="$J(w)$")
    heights = np.array([cost(w) for w in path])
    for w0, j0, w1, j1 in zip(path[:-1], heights[:-1], path[1:], heights[1:], strict=True):
        ax.annotate(
            "",
            xy=(w1, j1),
            xytext=(w0, j0),
            arrowprops={"arrowstyle": "->", "color": COLOURS[1], "linewidth": 1.0},
        )
    ax.plot(path, heights, "o", color=COLOURS[0], markersize=4, label="$w_t$, $J(w_t)$")
    ax.annotate(
        f"start $w_0 = {path[0]:g}$",
        (path[0], heights[0]),
        xytext=(-10, 0),
        textcoords="offset points",
        ha="right",
        va="center",
    )
    ax.set_xlabel("$w$")
    ax.set_ylabel("$J(w)$")
    ax.legend(loc="upper center")
    return fig


def plot_contour_path(
    cost: Callable, result: DescentResult, *, xlim: tuple[float, float], ylim: tuple[float, float]
) -> Figure:
    r"""Two panels of a two-parameter run: its path on the contours of ``cost``; ``|w_i|`` per step.

    Parameters
    ----------
    cost : callable
        ``cost(w)`` for ``w`` of shape (2,).
    result : DescentResult
        A run whose path has shape (steps + 1, 2).
    xlim, ylim : tuple of float
        The ranges of ``w[0]`` and ``w[1]`` to draw contours over.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with two panels.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import plot_contour_path
    >>> run = gradient_descent(lambda w: np.array([2 * w[0], 20 * w[1]]), [1.0, 1.0], 0.05, 20)
    >>> fig = plot_contour_path(lambda w: w[0] ** 2 + 10 * w[1] ** 2, run, xlim=(-1.2, 1.2),
    ...                         ylim=(-1.2, 1.2))
    >>> print(len(fig.axes), fig.axes[1].get_yscale())
    2 log
    """
    cost = callable_arg(cost, "cost")
    path = _two_parameters(result, "result")
    xlim, ylim = _span(xlim, "xlim"), _span(ylim, "ylim")
    fig = new_figure(9.6, 3.8)
    left, right = fig.subplots(1, 2)
    w1, w2, heights = _cost_grid(cost, xlim, ylim, 201)
    left.contour(w1, w2, heights, levels=14, colors=CURVE, linewidths=0.7)
    left.plot(path[:, 0], path[:, 1], "o-", color=COLOURS[1], markersize=2.5, linewidth=1.0)
    left.plot(*path[0], "s", color=COLOURS[0], markersize=6, label="start")
    left.plot(0, 0, "*", color="black", markersize=9, label="minimum")
    left.set_xlabel("$w_1$")
    left.set_ylabel("$w_2$")
    left.legend(loc="upper right")
    steps = np.arange(path.shape[0])
    for index, colour in enumerate(COLOURS[:2]):
        right.semilogy(steps, np.abs(path[:, index]), color=colour, label=f"$|w_{index + 1}|$")
    right.set_xlabel("step $t$")
    right.set_ylabel("distance from 0 (log scale)")
    right.legend(loc="upper right")
    return fig


def _cost_grid(cost: Callable, xlim, ylim, points: int):
    """A points x points grid over xlim x ylim and the cost at every node."""
    w1, w2 = np.meshgrid(np.linspace(*xlim, points), np.linspace(*ylim, points))
    return w1, w2, np.vectorize(lambda a, b: cost(np.array([a, b])))(w1, w2)


def _log_levels(heights: np.ndarray, bottom: float, count: int) -> np.ndarray:
    """Contour levels spaced evenly on a log scale above the minimum, so the valley floor shows."""
    return bottom + (heights.max() - bottom) * np.geomspace(1e-3, 1.0, count)


def _one_parameter(result: DescentResult, name: str, within: str = "") -> np.ndarray:
    path = _finite_path(result, name, within)
    if path.ndim != 1:
        raise ValueError(
            f"{name} must be a one-parameter run, got a path of shape {path.shape}"
            + (f" (in {within})" if within else "")
        )
    return path


def _cycle(count: int):
    return [COLOURS[i % len(COLOURS)] for i in range(count)]


# --- Error curves and linear regression (docs/error-curve.md, docs/linear-regression.md,
# --- docs/learning-rate.md) ---------------------------------------------------------------------

DATA = "#333333"


def plot_error_curve(
    cost: Callable,
    span: tuple[float, float],
    *,
    minimum: float | None = None,
    runs: Mapping[str, DescentResult] | None = None,
    xlabel: str = "$m$",
    ylabel: str = "$J(m)$",
) -> Figure:
    r"""Draw a one-parameter cost over an interval, its lowest point, and the paths of some runs.

    Parameters
    ----------
    cost : callable
        ``cost(m)`` for a float ``m``; it is evaluated on a grid.
    span : tuple of float
        ``(low, high)``: the interval of the parameter to draw.
    minimum : float, optional
        Where the cost is lowest; marked with a star and a dotted line.
    runs : mapping of str to DescentResult, optional
        One-parameter runs to draw on the curve, each a chain of arrows, labelled in the legend.
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one panel.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import plot_error_curve
    >>> run = gradient_descent(lambda m: 2 * (m - 2.0), 1.0, 0.1, 10)
    >>> fig = plot_error_curve(lambda m: (m - 2.0) ** 2, (0.0, 3.0), minimum=2.0,
    ...                        runs={"η = 0.1": run})
    >>> print([text.get_text() for text in fig.axes[0].get_legend().get_texts()])
    ['$J(m)$', 'η = 0.1', 'lowest point, $m$ = 2.000']
    """
    cost = callable_arg(cost, "cost")
    low, high = _span(span, "span")
    if minimum is not None:
        minimum = finite_real(minimum, "minimum")
    if runs is not None and (runs or not isinstance(runs, Mapping)):
        runs = _runs(runs)
        for label, result in runs.items():
            _one_parameter(result, label, within="runs")
    grid = np.linspace(low, high, 401)
    fig = new_figure()
    ax = fig.subplots()
    ax.plot(grid, [cost(m) for m in grid], color=CURVE, linewidth=1.5, label=ylabel)
    for (label, result), colour in zip((runs or {}).items(), _cycle(len(runs or {})), strict=True):
        path = _one_parameter(result, label)
        heights = np.array([cost(m) for m in path])
        _arrows(ax, path, heights, colour)
        ax.plot(path, heights, "o", color=colour, markersize=4, label=label)
    if minimum is not None:
        ax.axvline(minimum, color=DATA, linewidth=0.8, linestyle=":")
        ax.plot(
            minimum,
            cost(minimum),
            "*",
            color="black",
            markersize=11,
            zorder=5,
            label=f"lowest point, {xlabel} = {minimum:.3f}",
        )
    ax.set_xlim(low, high)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper center")
    return fig


def plot_line_iterations(x, y, result: DescentResult, *, final=None) -> Figure:
    r"""Draw data and the line ``w[0] + w[1] * x`` at every point of a run, later steps darker.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data, one input and one output per point.
    result : DescentResult
        A two-parameter run, parameters ``[intercept, slope]``.
    final : array_like, shape (2,), optional
        Converged ``[intercept, slope]``, drawn as a dashed line for comparison.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure: the plot and a colour bar for the step number.

    Examples
    --------
    >>> from gdtutor.datasets import noisy_line
    >>> from gdtutor.linear import add_bias, fit_gradient_descent, least_squares
    >>> from gdtutor.plots import plot_line_iterations
    >>> x, y = noisy_line(20, intercept=1.0, slope=2.0, noise=0.1, rng=0)
    >>> run = fit_gradient_descent(add_bias(x), y, learning_rate=0.5, steps=10)
    >>> fig = plot_line_iterations(x, y, run, final=least_squares(add_bias(x), y))
    >>> print(len(fig.axes), len(fig.axes[0].lines))
    2 13
    """
    x, y = _points(x, y)
    path = _two_parameters(result, "result")
    fig = new_figure(6.4, 4.0)
    ax = fig.subplots()
    grid = np.array([x.min(), x.max()])
    shades = _shades(len(path))
    for (intercept, slope), shade in zip(path, shades, strict=True):
        ax.plot(grid, intercept + slope * grid, color=shade, linewidth=1.2)
    ax.plot(x, y, "o", color=DATA, markersize=3.5, label="data", zorder=4)
    if final is not None:
        intercept, slope = _point(final, "final")
        ax.plot(
            grid,
            intercept + slope * grid,
            "--",
            color=COLOURS[1],
            linewidth=2.0,
            label=f"converged: $y = {intercept:.2f} + {slope:.2f}x$",
            zorder=5,
        )
    _step_colourbar(fig, ax, len(path) - 1)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(loc="upper left")
    return fig


def plot_one_parameter_fit(x, y, cost: Callable, result: DescentResult) -> Figure:
    r"""Two panels for a model ``y = theta * x``: the data with each step's line, and ``J(theta)``.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    cost : callable
        ``cost(theta)`` for a float ``theta``.
    result : DescentResult
        A one-parameter run (path of shape (steps + 1,) or (steps + 1, 1)).

    Returns
    -------
    matplotlib.figure.Figure
        A new figure: two panels and a colour bar for the step number.

    Examples
    --------
    >>> from gdtutor.linear import fit_gradient_descent, mse
    >>> from gdtutor.plots import plot_one_parameter_fit
    >>> x, y = [-1.0, 0.0, 1.0], [-0.5, 0.0, 0.5]
    >>> X = [[value] for value in x]
    >>> run = fit_gradient_descent(X, y, learning_rate=0.5, steps=5, start=[2.0])
    >>> fig = plot_one_parameter_fit(x, y, lambda theta: mse([theta], X, y), run)
    >>> print(len(fig.axes), fig.axes[1].get_title())
    3 the cost, with the steps marked
    """
    x, y = _points(x, y)
    cost = callable_arg(cost, "cost")
    path = _finite_path(result, "result")
    if path.ndim == 2 and path.shape[1] == 1:
        path = path[:, 0]
    path = _one_parameter(DescentResult(path, None, result.steps, result.converged), "result")
    fig = new_figure(9.6, 3.8)
    left, right = fig.subplots(1, 2)
    shades = _shades(len(path))
    grid = np.array([x.min(), x.max()])
    for theta, shade in zip(path, shades, strict=True):
        left.plot(grid, theta * grid, color=shade, linewidth=1.2)
    left.plot(x, y, "o", color=DATA, markersize=3.5, label="data", zorder=4)
    left.set_xlabel("$x$")
    left.set_ylabel("$y$")
    left.set_title(r"the line $\hat y = \theta_1 x$ after each step", fontsize=10)
    left.legend(loc="upper left")
    low, high = float(np.min(path)), float(np.max(path))
    margin = 0.25 * (high - low) if high > low else 1.0
    thetas = np.linspace(low - margin, high + margin, 401)
    right.plot(thetas, [cost(t) for t in thetas], color=CURVE, linewidth=1.5)
    heights = np.array([cost(t) for t in path])
    _arrows(right, path, heights, COLOURS[1])
    right.scatter(path, heights, c=shades, s=22, zorder=4, edgecolors=DATA, linewidths=0.5)
    right.annotate(
        f"start $\\theta_1 = {path[0]:g}$",
        (path[0], heights[0]),
        xytext=(-8, 0),
        textcoords="offset points",
        ha="right",
        va="center",
    )
    right.set_xlabel(r"$\theta_1$")
    right.set_ylabel(r"$J(\theta_1)$")
    right.set_title("the cost, with the steps marked", fontsize=10)
    _step_colourbar(fig, right, len(path) - 1)
    return fig


def plot_two_parameter_fit(x, y, cost: Callable, result: DescentResult, *, minimum) -> Figure:
    r"""Two panels for ``y = theta_0 + theta_1 x``: the data with each step's line, and the steps
    as arrows on a colour map of ``J(theta_0, theta_1)``.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    cost : callable
        ``cost(theta)`` for ``theta`` of shape (2,).
    result : DescentResult
        A two-parameter run, parameters ``[theta_0, theta_1]``.
    minimum : array_like, shape (2,)
        Where the cost is lowest; marked with a star.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure: two panels and a colour bar for the cost.

    Examples
    --------
    >>> from gdtutor.linear import add_bias, fit_gradient_descent, least_squares, mse
    >>> from gdtutor.plots import plot_two_parameter_fit
    >>> x, y = [-1.0, 0.0, 1.0], [0.0, 1.0, 2.0]
    >>> X = add_bias(x)
    >>> run = fit_gradient_descent(X, y, learning_rate=0.5, steps=5)
    >>> fig = plot_two_parameter_fit(x, y, lambda w: mse(w, X, y), run, minimum=least_squares(X, y))
    >>> print(len(fig.axes))
    3
    """
    x, y = _points(x, y)
    cost = callable_arg(cost, "cost")
    path = _two_parameters(result, "result")
    minimum = _point(minimum, "minimum")
    fig = new_figure(9.6, 4.0)
    left, right = fig.subplots(1, 2)
    shades = _shades(len(path))
    grid = np.array([x.min(), x.max()])
    for (intercept, slope), shade in zip(path, shades, strict=True):
        left.plot(grid, intercept + slope * grid, color=shade, linewidth=1.2)
    left.plot(x, y, "o", color=DATA, markersize=3.5, label="data", zorder=4)
    left.set_xlabel("$x$")
    left.set_ylabel("$y$")
    left.set_title(r"the line $\hat y = \theta_0 + \theta_1 x$ after each step", fontsize=10)
    left.legend(loc="upper left")
    _contours(right, cost, path, minimum, filled=True)
    _arrows(right, path[:, 0], path[:, 1], COLOURS[1])
    right.plot(*path[0], "s", color=COLOURS[0], markersize=6, label="start", zorder=5)
    right.set_xlabel(r"$\theta_0$")
    right.set_ylabel(r"$\theta_1$")
    right.set_title(r"$J(\theta_0, \theta_1)$ with an arrow per step", fontsize=10)
    right.legend(loc="lower right")
    return fig


def plot_cost_curves(runs: Mapping[str, DescentResult], *, minimum: float | None = None) -> Figure:
    r"""Draw the cost against the step number for several runs, on a log scale.

    Parameters
    ----------
    runs : mapping of str to DescentResult
        Labels and runs made with a ``cost`` function.
    minimum : float, optional
        The lowest possible cost, drawn as a dashed line.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one panel.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import plot_cost_curves
    >>> def run(rate):
    ...     return gradient_descent(lambda w: 2 * w, 1.0, rate, 10, cost=lambda w: w**2)
    ...
    >>> fig = plot_cost_curves({"η = 0.1": run(0.1), "η = 0.3": run(0.3)})
    >>> print(fig.axes[0].get_yscale(), len(fig.axes[0].lines))
    log 2
    """
    runs = _runs(runs, costs="cost=...")
    if minimum is not None:
        minimum = finite_real(minimum, "minimum")
    fig = new_figure()
    ax = fig.subplots()
    for (label, result), colour in zip(runs.items(), _cycle(len(runs)), strict=True):
        ax.semilogy(
            np.arange(result.costs.size),
            result.costs,
            "o-",
            color=colour,
            markersize=2.5,
            linewidth=1.2,
            label=label,
        )
    if minimum is not None:
        ax.axhline(
            minimum,
            color=CURVE,
            linewidth=1.0,
            linestyle="--",
            label=f"lowest possible cost, {minimum:.4g}",
        )
    ax.set_xlabel("step $t$")
    ax.set_ylabel("cost $J(w_t)$ (log scale)")
    ax.legend(loc="upper left")
    return fig


def plot_contour_paths(
    panels: Mapping[str, tuple[Callable, DescentResult, object]],
    *,
    labels: tuple[str, str] = (r"$\theta_0$", r"$\theta_1$"),
) -> Figure:
    r"""One panel per two-parameter run: its path on the contour lines of its own cost.

    Both axes of a panel have the same scale, so the contours show the true shape of the valley.

    Parameters
    ----------
    panels : mapping of str to (cost, result, minimum)
        Panel titles, each with ``cost(w)`` for ``w`` of shape (2,), a two-parameter run on it,
        and the point where that cost is lowest.
    labels : tuple of str
        Axis labels for the two parameters.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one panel per run.

    Examples
    --------
    >>> from gdtutor.linear import add_bias, fit_gradient_descent, least_squares, mse
    >>> from gdtutor.plots import plot_contour_paths
    >>> X, y = add_bias([0.0, 1.0, 2.0]), [1.0, 3.0, 5.0]
    >>> run = fit_gradient_descent(X, y, learning_rate=0.2, steps=50)
    >>> fig = plot_contour_paths({"raw x": (lambda w: mse(w, X, y), run, least_squares(X, y))})
    >>> print([ax.get_title() for ax in fig.axes])
    ['raw x: 50 steps']
    """
    panels = _panels(panels)
    fig = new_figure(4.2 * len(panels), 4.6)
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    for ax, (title, (cost, result, minimum)) in zip(axes, panels.items(), strict=True):
        path = _two_parameters(result, title, within="panels")
        _contours(ax, cost, path, minimum, filled=False, square=True)
        marker = "o-" if len(path) <= 200 else "-"
        ax.plot(
            path[:, 0],
            path[:, 1],
            marker,
            color=COLOURS[1],
            markersize=3,
            linewidth=1.4,
            label="path",
        )
        ax.plot(*path[0], "s", color=COLOURS[0], markersize=6, label="start", zorder=5)
        steps = "1 step" if result.steps == 1 else f"{result.steps} steps"
        ax.set_title(f"{title}: {steps}", fontsize=10)
        ax.set_xlabel(labels[0])
        ax.set_ylabel(labels[1])
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
    return fig


def _span(value, name: str) -> tuple[float, float]:
    try:
        low, high = value
        if isinstance(low, (str, bytes)) or isinstance(high, (str, bytes)):
            raise TypeError("text is not a number")  # float("1") would accept it
        low, high = float(low), float(high)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a pair of numbers (low, high), got {value!r}") from exc
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be (low, high) with finite low < high, got {value!r}")
    return low, high


def _points(x, y) -> tuple[np.ndarray, np.ndarray]:
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be 1-D and the same length, got {x.shape} and {y.shape}")
    return x, y


def _two_parameters(result: DescentResult, name: str, within: str = "") -> np.ndarray:
    path = _finite_path(result, name, within)
    if path.ndim != 2 or path.shape[1] != 2:
        raise ValueError(
            f"{name} must be a two-parameter run, got a path of shape {path.shape}"
            + (f" (in {within})" if within else "")
        )
    return path


def _finite_path(result, name: str, within: str = "") -> np.ndarray:
    """The path of a run, refused when it is not a run or holds NaN or infinity (it diverged)."""
    where = f" (in {within})" if within else ""
    if not isinstance(result, DescentResult):
        raise TypeError(f"{name} must be a DescentResult{where}, got {type(result).__name__}")
    if not np.all(np.isfinite(result.path)):
        raise ValueError(
            f"{name} has NaN or infinity in its path{where}: the run diverged; plot the steps "
            "before it did, or choose a smaller learning_rate"
        )
    return result.path


def _runs(runs, name: str = "runs", *, costs: str = "") -> Mapping:
    """Check a mapping ``{label: DescentResult}``; with ``costs``, every run must have costs."""
    if not isinstance(runs, Mapping):
        raise TypeError(
            f"{name} must be a mapping {{label: DescentResult}}, got {type(runs).__name__}"
        )
    if not runs:
        raise ValueError(f"{name} is empty; pass at least one {{label: DescentResult}}")
    for label, result in runs.items():
        _finite_path(result, f"{name}[{label!r}]")
        if costs and result.costs is None:
            raise ValueError(f"{name}[{label!r}] has no costs; run it with {costs}")
    return runs


def _point(value, name: str) -> np.ndarray:
    """A point of a two-parameter plane, shape (2,)."""
    point = as_float_array(value, name)
    if point.shape != (2,):
        raise ValueError(f"{name} must be a point (w0, w1) of shape (2,), got shape {point.shape}")
    return point


def _panels(panels) -> Mapping:
    if not isinstance(panels, Mapping):
        raise TypeError(
            "panels must be a mapping {title: (cost, result, minimum)}, "
            f"got {type(panels).__name__}"
        )
    if not panels:
        raise ValueError("panels is empty; pass at least one {title: (cost, result, minimum)}")
    checked = {}
    for title, panel in panels.items():
        name = f"panels[{title!r}]"
        if not isinstance(panel, (tuple, list)) or len(panel) != 3:
            raise TypeError(f"{name} must be a triple (cost, result, minimum), got {panel!r:.80}")
        cost, result, minimum = panel
        callable_arg(cost, f"the cost of {name}")
        _two_parameters(result, title, within="panels")
        checked[title] = (cost, result, _point(minimum, f"the minimum of {name}"))
    return checked


def _shades(count: int) -> list:
    """Blues from light to dark: the first step palest, the last darkest."""
    from matplotlib import colormaps

    blues = colormaps["Blues"]
    return [blues(0.3 + 0.7 * i / max(count - 1, 1)) for i in range(count)]


def _step_colourbar(fig: Figure, ax, last_step: int) -> None:
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import LinearSegmentedColormap, Normalize

    blues = colormaps["Blues"]
    light_to_dark = LinearSegmentedColormap.from_list("steps", [blues(0.3), blues(1.0)])
    scale = ScalarMappable(Normalize(0, max(last_step, 1)), light_to_dark)
    bar = fig.colorbar(scale, ax=ax, pad=0.02, fraction=0.05)
    bar.set_label("step $t$")


def _arrows(ax, xs, ys, colour: str) -> None:
    for x0, y0, x1, y1 in zip(xs, ys, xs[1:], ys[1:], strict=False):
        if (x0, y0) != (x1, y1):
            ax.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.1},
            )


def _contours(
    ax, cost: Callable, path: np.ndarray, minimum, *, filled: bool, square: bool = False
) -> None:
    """Contours of ``cost`` around ``path`` and ``minimum``, closer together near the bottom."""
    minimum = np.asarray(minimum, dtype=float)
    corners = np.vstack([path, minimum])
    low, high = corners.min(axis=0), corners.max(axis=0)
    pad = np.maximum(0.12 * (high - low), 1e-3 * np.maximum(1.0, np.abs(high)))
    low, high = low - pad, high + pad
    if square:  # equal ranges on both axes, so that a round bowl looks round
        half = np.max(high - low) / 2
        centre = (low + high) / 2
        low, high = centre - half, centre + half
        ax.set_aspect("equal")
    w1, w2, heights = _cost_grid(cost, (low[0], high[0]), (low[1], high[1]), 121)
    bottom = cost(minimum)
    levels = _log_levels(heights, bottom, 13)
    if filled:
        shading = ax.contourf(
            w1, w2, heights, levels=np.concatenate([[bottom], levels]), cmap="Blues_r", alpha=0.45
        )
        bar = ax.figure.colorbar(shading, ax=ax, pad=0.02, fraction=0.05)
        bar.set_label("cost")
    ax.contour(w1, w2, heights, levels=levels, colors=CURVE, linewidths=0.6)
    ax.plot(*minimum, "*", color="black", markersize=11, label="minimum", zorder=6)
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])


# --- docs/dummy-variable-trap.md -------------------------------------------------------------


def plot_predictions(targets, predictions: Mapping, *, groups=None) -> Figure:
    r"""Plot targets and predictions row by row, optionally shading each group of rows.

    Parameters
    ----------
    targets : array_like, shape (n_samples,)
        The targets, drawn as open circles.
    predictions : mapping of str to array_like, shape (n_samples,)
        Legend labels and the predictions to draw over the targets.
    groups : array_like of str, shape (n_samples,), optional
        The group of each row; each run of equal labels gets a shaded band with its name.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one panel and the legend on its right.

    Examples
    --------
    >>> from gdtutor.plots import plot_predictions
    >>> targets, fit = [1.0, 2.0, 3.0, 4.0], [1.5, 1.5, 3.5, 3.5]
    >>> fig = plot_predictions(targets, {"fit": fit}, groups=["A", "A", "B", "B"])
    >>> print([text.get_text() for text in fig.axes[0].texts])
    ['group A', 'group B']
    """
    targets = as_float_array(targets, "targets")
    if targets.ndim != 1:
        raise ValueError(f"targets must be 1-D, shape (n_samples,), got shape {targets.shape}")
    if not isinstance(predictions, Mapping):
        kind = type(predictions).__name__
        raise TypeError(f"predictions must be a mapping {{label: predictions}}, got {kind}")
    if not predictions:
        raise ValueError("predictions is empty; pass at least one {label: predictions}")
    predictions = {
        label: as_float_array(values, f"predictions[{label!r}]")
        for label, values in predictions.items()
    }
    rows = np.arange(targets.size)
    fig = new_figure()
    ax = fig.subplots()
    if groups is not None:
        groups = np.asarray(groups)
        if groups.shape != targets.shape:
            raise ValueError(
                f"groups must have one label per target, shape {targets.shape}; "
                f"got shape {groups.shape}"
            )
        starts = [0, *(np.flatnonzero(groups[1:] != groups[:-1]) + 1), groups.size]
        for index, (start, stop) in enumerate(zip(starts[:-1], starts[1:], strict=True)):
            shade = "#f0f0f0" if index % 2 == 0 else "#ffffff"
            ax.axvspan(start - 0.5, stop - 0.5, color=shade, zorder=0)
            ax.text(
                (start + stop - 1) / 2,
                1.02,
                f"group {groups[start]}",
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
            )
    ax.plot(
        rows,
        targets,
        "o",
        markersize=11,
        markerfacecolor="none",
        markeredgecolor=CURVE,
        markeredgewidth=1.5,
        label="target $y_i$",
        zorder=2,
    )
    markers = ("o", "x", "+", "s", "^")
    for (label, values), colour, marker in zip(
        predictions.items(), _cycle(len(predictions)), markers * len(predictions), strict=False
    ):
        if values.shape != targets.shape:
            raise ValueError(
                f"{label} must have one prediction per target, shape {targets.shape}; "
                f"got shape {values.shape} (in predictions)"
            )
        ax.plot(rows, values, marker, color=colour, markersize=5, label=label, zorder=3)
    ax.set_xticks(rows)
    ax.set_xlim(-0.5, targets.size - 0.5)
    ax.set_xlabel("row $i$ of $X$")
    ax.set_ylabel("value")
    fig.legend(loc="outside right center")
    return fig


def plot_parameter_paths(
    result: DescentResult, names, *, direction=None, direction_name: str = "along direction"
) -> Figure:
    r"""Plot every parameter of a run against the step number, and optionally one component.

    Parameters
    ----------
    result : DescentResult
        A run whose path has shape (steps + 1, n_parameters).
    names : sequence of str, length n_parameters
        A legend label for each parameter (maths in ``$...$`` is fine).
    direction : array_like, shape (n_parameters,), optional
        Also draw :math:`u^\top w_t` (dashed), the component of the parameters along the unit
        vector :math:`u` in this direction.
    direction_name : str, default "along direction"
        The legend label of that component.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one panel and the legend on its right.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import plot_parameter_paths
    >>> run = gradient_descent(lambda w: w - 1.0, [0.0, 3.0], learning_rate=0.5, steps=10)
    >>> fig = plot_parameter_paths(run, ["$w_0$", "$w_1$"], direction=[1, 1], direction_name="sum")
    >>> print([text.get_text() for text in fig.legends[0].get_texts()])
    ['$w_0$', '$w_1$', 'sum']
    """
    path = _finite_path(result, "result")
    if path.ndim != 2:
        raise ValueError(
            f"result must be a run with a 1-D parameter vector, got a path of shape {path.shape}"
        )
    if isinstance(names, str) or not hasattr(names, "__iter__"):
        raise TypeError(f"names must be a list of str, one per parameter, got {names!r}")
    names = list(names)
    if len(names) != path.shape[1]:
        raise ValueError(
            f"names must have one label per parameter ({path.shape[1]}), got {len(names)}"
        )
    steps = np.arange(path.shape[0])
    fig = new_figure()
    ax = fig.subplots()
    ax.axhline(0.0, color=CURVE, linewidth=0.8, linestyle=":")
    for index, (name, colour) in enumerate(zip(names, _cycle(len(names)), strict=True)):
        ax.plot(steps, path[:, index], color=colour, linewidth=1.5, label=name)
    if direction is not None:
        direction = as_float_array(direction, "direction")
        if direction.shape != (path.shape[1],) or not np.any(direction):
            raise ValueError(
                f"direction must be a non-zero vector of shape ({path.shape[1]},), "
                f"got {direction!r}"
            )
        unit = direction / np.linalg.norm(direction)
        ax.plot(steps, path @ unit, "--", color="black", linewidth=1.5, label=direction_name)
    ax.set_xlabel("step $t$")
    ax.set_ylabel("parameter value")
    fig.legend(loc="outside right center")
    return fig


# --- Batch, stochastic and mini-batch; when gradient descent struggles (docs/batch-stochastic.md,
# --- docs/struggles.md) ---------------------------------------------------------------------------


def plot_path_panels(
    cost: Callable,
    runs: Mapping[str, DescentResult],
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    minimum,
    labels: tuple[str, str] = (r"$\theta_0$", r"$\theta_1$"),
) -> Figure:
    r"""One panel per two-parameter run, all on the same contours and the same axes ranges.

    Unlike :func:`plot_contour_paths`, every panel shows the same region, so the panels can be
    compared by eye (how far each run got, how much it wanders).

    Parameters
    ----------
    cost : callable
        ``cost(w)`` for ``w`` of shape (2,).
    runs : mapping of str to DescentResult
        Panel titles and the two-parameter runs to draw in them.
    xlim, ylim : tuple of float
        The ranges of ``w[0]`` and ``w[1]`` shown in every panel.
    minimum : array_like, shape (2,)
        Where the cost is lowest; marked with a star.
    labels : tuple of str
        Axis labels for the two parameters.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with one panel per run and a shared legend.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.linear import add_bias, least_squares, mse
    >>> from gdtutor.plots import plot_path_panels
    >>> from gdtutor.stochastic import fit_minibatch
    >>> X, y = add_bias([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 5.0, 7.0])
    >>> runs = {f"b = {b}": fit_minibatch(X, y, b, 0.05, epochs=5, rng=0) for b in (4, 1)}
    >>> fig = plot_path_panels(lambda w: mse(w, X, y), runs, xlim=(-0.5, 2.0), ylim=(-0.5, 2.5),
    ...                        minimum=least_squares(X, y))
    >>> print([ax.get_title() for ax in fig.axes])
    ['b = 4: 5 updates', 'b = 1: 20 updates']
    """
    cost = callable_arg(cost, "cost")
    runs = _runs(runs)
    for label, result in runs.items():
        _two_parameters(result, label, within="runs")
    (x0, x1), (y0, y1) = _span(xlim, "xlim"), _span(ylim, "ylim")
    minimum = _point(minimum, "minimum")
    fig = new_figure(3.3 * len(runs) + 0.3, 3.9)
    axes = fig.subplots(1, len(runs), sharex=True, sharey=True, squeeze=False)[0]
    w1, w2, heights = _cost_grid(cost, (x0, x1), (y0, y1), 121)
    levels = _log_levels(heights, cost(minimum), 12)
    for ax, (label, result) in zip(axes, runs.items(), strict=True):
        path = _two_parameters(result, label)
        ax.contour(w1, w2, heights, levels=levels, colors=CURVE, linewidths=0.6)
        if len(path) <= 200:
            ax.plot(path[:, 0], path[:, 1], "o-", color=COLOURS[1], markersize=2.5, linewidth=1.0)
        else:
            ax.plot(path[:, 0], path[:, 1], "-", color=COLOURS[1], linewidth=0.5, rasterized=True)
        ax.plot(path[-1, 0], path[-1, 1], "o", color=COLOURS[1], markersize=5, label="last point")
        ax.plot(*path[0], "s", color=COLOURS[0], markersize=6, label="start", zorder=5)
        ax.plot(*minimum, "*", color="black", markersize=11, label="minimum", zorder=6)
        updates = "1 update" if result.steps == 1 else f"{result.steps} updates"
        ax.set_title(f"{label}: {updates}", fontsize=10)
        ax.set_xlabel(labels[0])
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
    axes[0].set_ylabel(labels[1])
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
    return fig


def plot_epoch_costs(runs: Mapping, *, minimum_cost: float) -> Figure:
    r"""Two panels: each run's cost above the minimum against epochs, and against updates.

    Parameters
    ----------
    runs : mapping of str to MinibatchResult
        Labels and runs of :func:`gdtutor.stochastic.fit_minibatch` made with their costs recorded.
    minimum_cost : float
        The lowest possible cost; the panels show the gap to it on a log scale (gaps below
        1e-12 are drawn at 1e-12).

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with two panels that share the cost axis.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.linear import add_bias
    >>> from gdtutor.plots import plot_epoch_costs
    >>> from gdtutor.stochastic import fit_minibatch
    >>> X, y = add_bias([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 5.0, 7.0])
    >>> runs = {f"b = {b}": fit_minibatch(X, y, b, 0.05, epochs=5, rng=0) for b in (4, 1)}
    >>> fig = plot_epoch_costs(runs, minimum_cost=0.0)
    >>> print([ax.get_title() for ax in fig.axes])
    ['against epochs', 'against updates']
    """
    runs = _runs(runs, costs="record_costs=True")
    minimum_cost = finite_real(minimum_cost, "minimum_cost")
    fig = new_figure(9.6, 3.8)
    left, right = fig.subplots(1, 2, sharey=True)
    for (label, result), colour in zip(runs.items(), _cycle(len(runs)), strict=True):
        if not hasattr(result, "updates_per_epoch"):
            raise TypeError(f"runs[{label!r}] must be a MinibatchResult from fit_minibatch")
        gap = np.maximum(result.costs - minimum_cost, 1e-12)
        updates = np.arange(gap.size)
        if gap.size > 200:  # thousands of noisy updates: a thin, see-through band underneath
            style = {
                "color": colour,
                "linewidth": 0.5,
                "alpha": 0.75,
                "zorder": 2,
                "rasterized": True,
            }
        else:
            style = {"color": colour, "linewidth": 1.4, "zorder": 3}
            if gap.size <= 60:
                style.update(marker="o", markersize=3)
        left.semilogy(updates / result.updates_per_epoch, gap, label=label, **style)
        right.loglog(updates[1:], gap[1:], label=label, **style)
    for ax in (left, right):
        ax.minorticks_off()  # log axes over many decades: the minor ticks only crowd them
    left.set_xlabel("epochs (passes over the data)")
    left.set_ylabel(r"$J(w) - J(w^*)$ (log scale)")
    left.set_title("against epochs", fontsize=10)
    right.set_xlabel("updates (log scale)")
    right.set_title("against updates", fontsize=10)
    left.legend(loc="lower left")
    return fig


def plot_contours_and_costs(
    cost: Callable,
    runs: Mapping[str, DescentResult],
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    marks: Mapping[str, object] | None = None,
    levels=15,
    log_cost: bool = False,
) -> Figure:
    r"""Two panels: several two-parameter runs on one contour plot, and their costs per step.

    Parameters
    ----------
    cost : callable
        ``cost(w)`` for ``w`` of shape (2,).
    runs : mapping of str to DescentResult
        Labels and two-parameter runs made with a ``cost`` function.
    xlim, ylim : tuple of float
        The ranges of ``w[0]`` and ``w[1]`` to draw.
    marks : mapping of str to array_like, shape (2,) or (k, 2), optional
        Labelled points to mark (a minimum, a saddle), each label with its own marker.
    levels : int or array_like, default 15
        The contour levels, as for :meth:`matplotlib.axes.Axes.contour`.
    log_cost : bool, default False
        Draw the costs on a log scale (for costs that fall towards 0).

    Returns
    -------
    matplotlib.figure.Figure
        A new figure with two panels.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.plots import plot_contours_and_costs
    >>> def cost(w):
    ...     return w[0] ** 2 + 10 * w[1] ** 2
    ...
    >>> def grad(w):
    ...     return np.array([2 * w[0], 20 * w[1]])
    ...
    >>> runs = {"η = 0.09": gradient_descent(grad, [1.0, 1.0], 0.09, 30, cost=cost)}
    >>> fig = plot_contours_and_costs(cost, runs, xlim=(-1.2, 1.2), ylim=(-1.2, 1.2),
    ...                               marks={"minimum": [0.0, 0.0]}, log_cost=True)
    >>> print(len(fig.axes), fig.axes[1].get_yscale())
    2 log
    """
    cost = callable_arg(cost, "cost")
    runs = _runs(runs, costs="cost=...")
    for label, result in runs.items():
        _two_parameters(result, label, within="runs")
    (x0, x1), (y0, y1) = _span(xlim, "xlim"), _span(ylim, "ylim")
    marks = _marks(marks)
    log_cost = boolean(log_cost, "log_cost")
    fig = new_figure(10.4, 3.9)
    left, right = fig.subplots(1, 2, width_ratios=[1.5, 1])
    w1, w2, heights = _cost_grid(cost, (x0, x1), (y0, y1), 161)
    left.contour(w1, w2, heights, levels=levels, colors=CURVE, linewidths=0.6, linestyles="solid")
    for (label, result), colour in zip(runs.items(), _cycle(len(runs)), strict=True):
        path = result.path
        left.plot(path[:, 0], path[:, 1], "o-", color=colour, markersize=2.5, linewidth=1.0)
        left.plot(*path[0], "s", color=colour, markersize=6)
        draw = right.semilogy if log_cost else right.plot
        draw(np.arange(result.costs.size), result.costs, color=colour, linewidth=1.4, label=label)
    for (label, points), marker in zip((marks or {}).items(), "*XPD", strict=False):
        left.plot(
            points[:, 0],
            points[:, 1],
            marker,
            color="black",
            markersize=10,
            label=label,
            linestyle="none",
            zorder=6,
        )
    left.set_xlim(x0, x1)
    left.set_ylim(y0, y1)
    left.set_xlabel("$w_1$")
    left.set_ylabel("$w_2$")
    if marks:
        left.legend(loc="best", fontsize=9)
    right.set_xlabel("step $t$")
    right.set_ylabel("$J(w_t)$ (log scale)" if log_cost else "$J(w_t)$")
    right.legend(loc="upper right")
    return fig


def _marks(marks) -> dict:
    """Check ``{label: points}``: each a point (2,) or points (k, 2); return them as (k, 2)."""
    if marks is None:
        return {}
    if not isinstance(marks, Mapping):
        raise TypeError(f"marks must be a mapping {{label: points}}, got {type(marks).__name__}")
    checked = {}
    for label, points in marks.items():
        points = np.atleast_2d(as_float_array(points, f"marks[{label!r}]"))
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(
                f"marks[{label!r}] must be a point (2,) or points (k, 2), "
                f"got shape {np.shape(points)}"
            )
        checked[label] = points
    return checked
