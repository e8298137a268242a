"""Tests for gdtutor.plots: each helper draws what it is given, on the axes it is given, and
never touches pyplot; bad input is refused with the argument's name."""

from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from gdtutor import DescentResult, gradient_descent
from gdtutor.linear import add_bias, least_squares, mse
from gdtutor.plots import (
    COLOURS,
    draw_contours,
    draw_costs,
    draw_curve,
    draw_iterates,
    draw_lines,
    draw_path,
    draw_points,
    mark_points,
    new_figure,
)
from gdtutor.stochastic import fit_minibatch


def bowl(w):
    return w[0] ** 2 + 10 * w[1] ** 2


def bowl_grad(w):
    return np.array([2 * w[0], 20 * w[1]])


def square(w):
    return w**2


def one_d_run(steps=10):
    return gradient_descent(lambda w: 2 * w, 20.0, 0.1, steps, cost=square)


def two_d_run(steps=10):
    return gradient_descent(bowl_grad, [1.0, -0.5], 0.04, steps, cost=bowl)


def hex_colour(colour) -> str:
    return matplotlib.colors.to_hex(colour)


@pytest.fixture
def ax():
    """A fresh panel; the test fails if anything opened (or closed) a pyplot figure."""
    before = plt.get_fignums()
    fig = new_figure()
    yield fig.subplots()
    assert plt.get_fignums() == before == [] and fig.canvas.manager is None


@pytest.fixture(scope="module")
def line_fits():
    x = np.random.default_rng(0).uniform(-1.0, 1.0, 40)
    X, y = add_bias(x), 2.0 + 3.0 * x
    runs = {
        "batch": fit_minibatch(X, y, 40, 0.1, 3, rng=0),
        "stochastic": fit_minibatch(X, y, 1, 0.05, 60, rng=0),  # 2400 updates
    }
    return X, y, runs


# --- new_figure and what every helper shares -----------------------------------------------------


def test_new_figure_is_a_white_figure_of_the_given_size_outside_pyplot():
    fig = new_figure(5.0, 2.0)
    assert isinstance(fig, Figure) and fig.canvas.manager is None
    assert tuple(fig.get_size_inches()) == (5.0, 2.0)
    assert hex_colour(fig.get_facecolor()) == "#ffffff"
    assert plt.get_fignums() == []


def test_a_whole_figure_composed_of_every_helper_draws_without_pyplot(ax, line_fits):
    X, y, runs = line_fits
    draw_curve(ax, square, (-1, 1))
    draw_contours(ax, bowl, (-1, 1), (-1, 1), filled=True)
    draw_contours(ax, bowl, (-1, 1), (-1, 1))
    draw_path(ax, two_d_run(), arrows=True)
    draw_iterates(ax, one_d_run())
    draw_costs(ax, runs, minimum=0.0, epochs=True)
    draw_points(ax, X[:, 1], y)
    draw_lines(ax, X[:, 1], runs["batch"])
    mark_points(ax, {"minimum": [0, 0]})
    ax.figure.savefig(io.BytesIO(), format="svg")  # and renders


def test_kwargs_win_over_the_helpers_styling(ax):
    (curve,) = draw_curve(ax, square, (0, 1), color="red", linewidth=3)
    line, _ = draw_path(ax, two_d_run(), color="green", marker="x")
    assert hex_colour(curve.get_color()) == "#ff0000" and curve.get_linewidth() == 3
    assert line.get_marker() == "x"


# --- curves and contours -------------------------------------------------------------------------


def test_draw_curve_draws_the_cost_over_the_interval(ax):
    (curve,) = draw_curve(ax, square, (-2.0, 3.0), label="J")
    x = curve.get_xdata()
    assert (x[0], x[-1], len(x)) == (-2.0, 3.0, 401)
    np.testing.assert_allclose(curve.get_ydata(), x**2)
    assert curve.get_label() == "J"


def test_draw_contours_spaces_its_levels_evenly_on_a_log_scale_above_the_minimum(ax):
    contours = draw_contours(ax, lambda w: bowl(w) + 5.0, (-1, 2), (-1, 1), minimum=[0, 0])
    gaps = contours.levels - 5.0  # above the lowest cost, cost(minimum)
    assert len(gaps) == 12 and gaps[-1] == pytest.approx(4 + 10)  # up to the highest, at (2, ±1)
    np.testing.assert_allclose(np.diff(np.log(gaps)), np.log(1e3) / 11)
    assert ax.get_xlim() == (-1, 2) and ax.get_ylim() == (-1, 1)  # set: a path cannot widen them


def test_draw_contours_takes_levels_as_matplotlib_does_and_fills_down_to_the_bottom(ax):
    lines = draw_contours(ax, bowl, (-1, 1), (-1, 1), levels=[0.5, 1.0, 2.0])
    np.testing.assert_array_equal(lines.levels, [0.5, 1.0, 2.0])
    filled = draw_contours(ax, bowl, (-1, 1), (-1, 1), filled=True)
    assert filled.filled and filled.levels[0] == 0.0 and len(filled.levels) == 13


# --- paths, iterates and costs -------------------------------------------------------------------


def test_draw_path_draws_a_two_parameter_path_from_a_start_square(ax):
    run = two_d_run(steps=8)
    line, start = draw_path(ax, run, label="run")
    np.testing.assert_array_equal(np.column_stack(line.get_data()), run.path)
    assert line.get_label() == "run" and line.get_marker() == "o"  # 9 points: a dot on each
    assert start.get_label() == "start" and start.get_marker() == "s"
    np.testing.assert_array_equal(np.ravel(start.get_data()), run.path[0])
    assert (hex_colour(line.get_color()), hex_colour(start.get_color())) == (
        COLOURS[1].lower(),
        COLOURS[0].lower(),
    )
    _, start = draw_path(ax, run, color=COLOURS[2])  # one of several runs: all in its colour
    assert hex_colour(start.get_color()) == COLOURS[2].lower()


def test_draw_path_on_a_curve_marks_each_point_at_its_cost_with_an_arrow_per_step(ax):
    run = gradient_descent(lambda w: 2 * w, 2.0, 0.5, 3)  # 2, 0, 0, 0: one step that moves
    points, *arrows = draw_path(ax, run, cost=lambda w: w**2 + 1, arrows=True)
    np.testing.assert_array_equal(points.get_xdata(), [2, 0, 0, 0])
    np.testing.assert_array_equal(points.get_ydata(), [5, 1, 1, 1])
    assert len(arrows) == 1 and arrows[0].xy == (0, 1) and arrows[0].xyann == (2, 5)


def test_draw_path_draws_thousands_of_points_as_a_thin_rasterized_line(ax, line_fits):
    _, _, runs = line_fits
    line, _ = draw_path(ax, runs["stochastic"])
    assert line.get_rasterized() and line.get_linewidth() == 0.5 and line.get_marker() == "None"


def test_draw_iterates_draws_each_parameter_against_the_step(ax):
    run = two_d_run(steps=5)
    first, second = draw_iterates(ax, run, labels=["a", "b"])
    np.testing.assert_array_equal(second.get_xdata(), np.arange(6))
    np.testing.assert_array_equal(second.get_ydata(), run.path[:, 1])
    assert [first.get_label(), hex_colour(second.get_color())] == ["a", COLOURS[1].lower()]
    (line,) = draw_iterates(ax, one_d_run(), color="black")
    np.testing.assert_allclose(line.get_ydata(), 20 * 0.8 ** np.arange(11), rtol=1e-12)


def test_draw_costs_draws_each_cost_and_with_a_minimum_the_gap_on_a_log_axis(ax):
    runs = {"a": one_d_run(), "b": two_d_run()}
    lines = draw_costs(ax, runs)
    np.testing.assert_array_equal(lines[1].get_ydata(), runs["b"].costs)
    assert ax.get_yscale() == "linear" and [line.get_label() for line in lines] == ["a", "b"]
    (gap,) = draw_costs(ax, {"a": one_d_run()}, minimum=4.0)
    np.testing.assert_allclose(gap.get_ydata(), np.maximum(one_d_run().costs - 4.0, 1e-12))
    assert ax.get_yscale() == "log"


def test_draw_costs_against_epochs_and_a_long_noisy_run_as_a_band_underneath(ax, line_fits):
    X, y, runs = line_fits
    best = mse(least_squares(X, y), X, y)
    batch, stochastic = draw_costs(ax, runs, minimum=best, epochs=True)
    np.testing.assert_allclose(stochastic.get_xdata(), np.arange(2401) / 40)
    np.testing.assert_allclose(batch.get_xdata(), np.arange(4))
    assert batch.get_marker() == "o" and stochastic.get_marker() == "None"
    assert stochastic.get_rasterized() and stochastic.get_zorder() < batch.get_zorder()


# --- regression fits and marks -------------------------------------------------------------------


def test_draw_points_and_draw_lines_draw_the_data_and_the_line_at_every_step(ax):
    x = np.array([0.0, 2.0, 1.0])
    run = DescentResult(np.array([[0.0, 0.0], [1.0, 2.0]]), None, 1, False)
    (points,) = draw_points(ax, x, [1.0, 5.0, 3.0])
    np.testing.assert_array_equal(points.get_ydata(), [1.0, 5.0, 3.0])
    lines = draw_lines(ax, x, run)
    np.testing.assert_array_equal(lines.get_segments()[1], [[0.0, 1.0], [2.0, 5.0]])
    np.testing.assert_array_equal(lines.get_array(), [0, 1])  # coloured by step, for a colour bar
    slope_only = DescentResult(np.array([[3.0]]), None, 0, False)
    np.testing.assert_array_equal(draw_lines(ax, x, slope_only).get_segments()[0], [[0, 0], [2, 6]])


def test_mark_points_gives_each_label_its_own_black_marker(ax):
    marks = mark_points(ax, {"minima": [[0, 1], [0, -1]], "saddle": [0, 0]})
    assert [(m.get_label(), m.get_marker()) for m in marks] == [("minima", "*"), ("saddle", "X")]
    np.testing.assert_array_equal(marks[0].get_ydata(), [1, -1])
    assert hex_colour(marks[1].get_color()) == "#000000"


# --- bad input, refused naming the argument and the fix ------------------------------------------

DIVERGED = DescentResult(np.array([1.0, np.inf]), None, 1, False)


@pytest.mark.parametrize(
    ("draw", "error", "message"),
    [
        (lambda ax: draw_path(ax, DIVERGED, cost=square), ValueError, "run has NaN.*diverged"),
        (lambda ax: draw_costs(ax, {"x": DIVERGED}), ValueError, r"runs\['x'\] has NaN"),
        (lambda ax: draw_costs(ax, {}), ValueError, "runs is empty"),
        (lambda ax: draw_costs(ax, {"x": two_d_run()}, epochs=True), TypeError, "fit_minibatch"),
        (
            lambda ax: draw_costs(ax, {"x": gradient_descent(bowl_grad, [1, 1], 0.1, 2)}),
            ValueError,
            r"runs\['x'\] has no costs; run it with cost=",
        ),
        (lambda ax: draw_path(ax, one_d_run()), ValueError, "give its cost"),
        (lambda ax: draw_path(ax, two_d_run(), cost=bowl), ValueError, "one-parameter run"),
        (lambda ax: draw_path(ax, [[0, 0], [1, 1]]), TypeError, "run must be a DescentResult"),
        (lambda ax: draw_iterates(ax, two_d_run(), labels=["a"]), ValueError, "labels"),
        (lambda ax: draw_curve(ax, square, (1.0, 0.0)), ValueError, r"xlim must be \(low, high\)"),
        (lambda ax: draw_contours(ax, bowl, (0, 1), (0, 1), minimum=[0]), ValueError, "minimum"),
        (lambda ax: draw_points(ax, [0, 1], [0]), ValueError, "x and y"),
        (lambda ax: mark_points(ax, {}), ValueError, "marks is empty"),
        (lambda ax: mark_points(ax, {"m": [1, 2, 3]}), ValueError, r"marks\['m'\] must be"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(ax, draw, error, message):
    with pytest.raises(error, match=message):
        draw(ax)
