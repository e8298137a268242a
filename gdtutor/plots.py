"""Figures for the course: each function returns a new matplotlib ``Figure`` and touches no pyplot state.

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
    for ax, (label, result), colour in zip(axes, runs.items(), _cycle(len(runs))):
        path = _one_parameter(result, label)
        ax.axhline(0.0, color=CURVE, linewidth=0.8, linestyle=":")
        ax.plot(np.arange(path.size), path, "o-", color=colour, markersize=3, linewidth=1.2)
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("step $t$")
        ax.set_ylabel("$w_t$")
    for ax in axes[len(runs) :]:
        ax.set_visible(False)
    return fig


def plot_path_on_curve(cost: Callable, result: DescentResult, *, span: float | None = None) -> Figure:
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
    for (w0, j0), (w1, j1) in zip(zip(path, heights), zip(path[1:], heights[1:])):
        ax.annotate(
            "", xy=(w1, j1), xytext=(w0, j0),
            arrowprops={"arrowstyle": "->", "color": COLOURS[1], "linewidth": 1.0},
        )
    ax.plot(path, heights, "o", color=COLOURS[0], markersize=4, label="$w_t$, $J(w_t)$")
    ax.annotate(f"start $w_0 = {path[0]:g}$", (path[0], heights[0]), xytext=(-10, 0),
                textcoords="offset points", ha="right", va="center")
    ax.set_xlabel("$w$")
    ax.set_ylabel("$J(w)$")
    ax.legend(loc="upper center")
    return fig


def plot_contour_path(
    cost: Callable, result: DescentResult, *, xlim: tuple[float, float], ylim: tuple[float, float]
) -> Figure:
    """Two panels for a two-parameter run: its path on the contours of ``cost``, and ``|w_i|`` per step.

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
    w1, w2 = np.meshgrid(np.linspace(*xlim, 201), np.linspace(*ylim, 201))
    heights = np.vectorize(lambda a, b: cost(np.array([a, b])))(w1, w2)
    left.contour(w1, w2, heights, levels=14, colors=CURVE, linewidths=0.7)
    left.plot(path[:, 0], path[:, 1], "o-", color=COLOURS[1], markersize=2.5, linewidth=1.0)
    left.plot(*path[0], "s", color=COLOURS[0], markersize=6, label="start")
    left.plot(0, 0, "*", color="black", markersize=9, label="minimum")
    left.set_xlabel("$w_1$")
    left.set_ylabel("$w_2$")
    left.legend(loc="upper right")
    steps = np.arange(path.shape[0])
    for index, colour in zip(range(2), COLOURS):
        right.semilogy(steps, np.abs(path[:, index]), color=colour, label=f"$|w_{index + 1}|$")
    right.set_xlabel("step $t$")
    right.set_ylabel("distance from 0 (log scale)")
    right.legend(loc="upper right")
    return fig


def _one_parameter(result: DescentResult, name: str) -> np.ndarray:
    path = np.asarray(result.path)
    if path.ndim != 1:
        raise ValueError(f"{name} must be a one-parameter run, got a path of shape {path.shape}")
    return path


def _cycle(count: int):
    return [COLOURS[i % len(COLOURS)] for i in range(count)]
