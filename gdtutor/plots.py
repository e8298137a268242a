"""Figures for the course: each function returns a new matplotlib ``Figure``, never touching pyplot.

Save one with ``fig.savefig("name.svg")``; in Jupyter a returned ``Figure`` displays itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from matplotlib.figure import Figure

from ._validate import non_negative_int
from .descent import DescentResult

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
CURVE = "#555555"


def new_figure(width: float = 6.4, height: float = 3.6) -> Figure:
    """A blank figure on white, so it reads the same on the site's light and dark themes."""
    return Figure(figsize=(width, height), layout="constrained", facecolor="white")


def plot_iterates(runs: Mapping[str, DescentResult], *, columns: int = 3) -> Figure:
    """Plot each run's parameter against the step number, one panel per run.

    Parameters
    ----------
    runs : mapping of str to DescentResult
        Panel titles and the one-parameter runs to draw in them.
    columns : int, default 3
        Panels per row when there is more than one run.
    """
    if not runs:
        raise ValueError("runs is empty; pass at least one {label: DescentResult}")
    if non_negative_int(columns, "columns") == 0:
        raise ValueError("columns must be 1 or more, got 0")
    columns = min(columns, len(runs))
    rows = -(-len(runs) // columns)
    fig = new_figure(3.0 * columns + 0.6, 2.5 * rows + 0.4) if len(runs) > 1 else new_figure()
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax, (label, result), colour in zip(
        axes, runs.items(), _cycle(len(runs)), strict=False
    ):  # spare axes hidden below
        path = _one_parameter(result, label)
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
    """Draw a one-parameter cost curve and the points gradient descent visited on it.

    Parameters
    ----------
    cost : callable
        ``cost(w)`` for a float ``w``; it is evaluated on a grid.
    result : DescentResult
        A one-parameter run.
    span : float, optional
        Draw ``w`` in ``[-span, span]``; by default just wider than the path.
    """
    path = _one_parameter(result, "result")
    span = span if span is not None else 1.1 * float(np.max(np.abs(path)))
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
    """Two panels for a two-parameter run: its path on the contours of ``cost``; ``|w_i|`` per step.

    Parameters
    ----------
    cost : callable
        ``cost(w)`` for ``w`` of shape (2,).
    result : DescentResult
        A run whose path has shape (steps + 1, 2).
    xlim, ylim : tuple of float
        The ranges of ``w[0]`` and ``w[1]`` to draw contours over.
    """
    path = np.asarray(result.path)
    if path.ndim != 2 or path.shape[1] != 2:
        raise ValueError(f"result must be a two-parameter run, got a path of shape {path.shape}")
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


def _one_parameter(result: DescentResult, name: str) -> np.ndarray:
    path = np.asarray(result.path)
    if path.ndim != 1:
        raise ValueError(f"{name} must be a one-parameter run, got a path of shape {path.shape}")
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
    """Draw a one-parameter cost over an interval, its lowest point, and the paths of some runs.

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
    """
    low, high = _span(span, "span")
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
    """Draw data and the line ``w[0] + w[1] * x`` at every point of a run, later steps darker.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data, one input and one output per point.
    result : DescentResult
        A two-parameter run, parameters ``[intercept, slope]``.
    final : array_like, shape (2,), optional
        Converged ``[intercept, slope]``, drawn as a dashed line for comparison.
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
        intercept, slope = np.asarray(final, dtype=float)
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
    """Two panels for a model ``y = theta * x``: the data with each step's line, and ``J(theta)``.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    cost : callable
        ``cost(theta)`` for a float ``theta``.
    result : DescentResult
        A one-parameter run (path of shape (steps + 1,) or (steps + 1, 1)).
    """
    x, y = _points(x, y)
    path = np.asarray(result.path, dtype=float)
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
    """Two panels for ``y = theta_0 + theta_1 x``: the data with each step's line, and the steps
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
    """
    x, y = _points(x, y)
    path = _two_parameters(result, "result")
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
    """Draw the cost against the step number for several runs, on a log scale.

    Parameters
    ----------
    runs : mapping of str to DescentResult
        Labels and runs made with a ``cost`` function.
    minimum : float, optional
        The lowest possible cost, drawn as a dashed line.
    """
    if not runs:
        raise ValueError("runs is empty; pass at least one {label: DescentResult}")
    fig = new_figure()
    ax = fig.subplots()
    for (label, result), colour in zip(runs.items(), _cycle(len(runs)), strict=True):
        if result.costs is None:
            raise ValueError(f"the run {label!r} has no costs; run it with cost=...")
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
    """One panel per two-parameter run: its path on the contour lines of its own cost.

    Both axes of a panel have the same scale, so the contours show the true shape of the valley.

    Parameters
    ----------
    panels : mapping of str to (cost, result, minimum)
        Panel titles, each with ``cost(w)`` for ``w`` of shape (2,), a two-parameter run on it,
        and the point where that cost is lowest.
    labels : tuple of str
        Axis labels for the two parameters.
    """
    if not panels:
        raise ValueError("panels is empty; pass at least one {title: (cost, result, minimum)}")
    fig = new_figure(4.2 * len(panels), 4.6)
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    for ax, (title, (cost, result, minimum)) in zip(axes, panels.items(), strict=True):
        path = _two_parameters(result, title)
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
    low, high = (float(v) for v in value)
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be (low, high) with finite low < high, got {value!r}")
    return low, high


def _points(x, y) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be 1-D and the same length, got {x.shape} and {y.shape}")
    return x, y


def _two_parameters(result: DescentResult, name: str) -> np.ndarray:
    path = np.asarray(result.path)
    if path.ndim != 2 or path.shape[1] != 2:
        raise ValueError(f"{name} must be a two-parameter run, got a path of shape {path.shape}")
    return path


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
    """Plot targets and predictions row by row, optionally shading each group of rows.

    Parameters
    ----------
    targets : array_like, shape (n_samples,)
        The targets, drawn as open circles.
    predictions : mapping of str to array_like, shape (n_samples,)
        Legend labels and the predictions to draw over the targets.
    groups : array_like of str, shape (n_samples,), optional
        The group of each row; each run of equal labels gets a shaded band with its name.
    """
    targets = np.asarray(targets, dtype=float)
    if targets.ndim != 1:
        raise ValueError(f"targets must be 1-D, shape (n_samples,), got shape {targets.shape}")
    if not predictions:
        raise ValueError("predictions is empty; pass at least one {label: predictions}")
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
        values = np.asarray(values, dtype=float)
        if values.shape != targets.shape:
            raise ValueError(
                f"{label} must have one prediction per target, shape {targets.shape}; "
                f"got shape {values.shape}"
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
    """
    path = np.asarray(result.path)
    if path.ndim != 2:
        raise ValueError(
            f"result must be a run with a 1-D parameter vector, got a path of shape {path.shape}"
        )
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
        direction = np.asarray(direction, dtype=float)
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
    """One panel per two-parameter run, all on the same contours and the same axes ranges.

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
    """
    if not runs:
        raise ValueError("runs is empty; pass at least one {label: DescentResult}")
    (x0, x1), (y0, y1) = _span(xlim, "xlim"), _span(ylim, "ylim")
    minimum = np.asarray(minimum, dtype=float)
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
    """Two panels: each run's cost above the minimum against epochs, and against updates.

    Parameters
    ----------
    runs : mapping of str to MinibatchResult
        Labels and runs of :func:`gdtutor.stochastic.fit_minibatch` made with their costs recorded.
    minimum_cost : float
        The lowest possible cost; the panels show the gap to it on a log scale (gaps below
        1e-12 are drawn at 1e-12).
    """
    if not runs:
        raise ValueError("runs is empty; pass at least one {label: MinibatchResult}")
    fig = new_figure(9.6, 3.8)
    left, right = fig.subplots(1, 2, sharey=True)
    for (label, result), colour in zip(runs.items(), _cycle(len(runs)), strict=True):
        if not hasattr(result, "updates_per_epoch"):
            raise TypeError(f"the run {label!r} must be a MinibatchResult from fit_minibatch")
        if result.costs is None:
            raise ValueError(f"the run {label!r} has no costs; run it with record_costs=True")
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
    """Two panels: several two-parameter runs on one contour plot, and their costs per step.

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
    """
    if not runs:
        raise ValueError("runs is empty; pass at least one {label: DescentResult}")
    (x0, x1), (y0, y1) = _span(xlim, "xlim"), _span(ylim, "ylim")
    fig = new_figure(10.4, 3.9)
    left, right = fig.subplots(1, 2, width_ratios=[1.5, 1])
    w1, w2, heights = _cost_grid(cost, (x0, x1), (y0, y1), 161)
    left.contour(w1, w2, heights, levels=levels, colors=CURVE, linewidths=0.6, linestyles="solid")
    for (label, result), colour in zip(runs.items(), _cycle(len(runs)), strict=True):
        path = _two_parameters(result, label)
        if result.costs is None:
            raise ValueError(f"the run {label!r} has no costs; run it with cost=...")
        left.plot(path[:, 0], path[:, 1], "o-", color=colour, markersize=2.5, linewidth=1.0)
        left.plot(*path[0], "s", color=colour, markersize=6)
        draw = right.semilogy if log_cost else right.plot
        draw(np.arange(result.costs.size), result.costs, color=colour, linewidth=1.4, label=label)
    for (label, points), marker in zip((marks or {}).items(), "*XPD", strict=False):
        points = np.atleast_2d(np.asarray(points, dtype=float))
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
