"""Tests for gdtutor.plots: new Figures, no pyplot state, each drawing what it is given."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from gdtutor import gradient_descent
from gdtutor.plots import (
    COLOURS,
    new_figure,
    plot_contour_path,
    plot_iterates,
    plot_path_on_curve,
)


def square(w):
    return w**2


def square_grad(w):
    return 2 * w


def one_d_run(steps=10, learning_rate=0.1):
    return gradient_descent(square_grad, 20.0, learning_rate, steps)


def two_d_run(steps=10):
    return gradient_descent(square_grad, [1.0, -0.5], 0.1, steps)


def bowl(w):
    return w[0] ** 2 + w[1] ** 2


@pytest.fixture
def pyplot_untouched():
    """Fail the test if it opened (or closed) any pyplot figure."""
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


# --- new_figure --------------------------------------------------------------------------------


def test_new_figure_is_a_white_figure_of_the_given_size(pyplot_untouched):
    fig = new_figure(5.0, 2.0)
    assert isinstance(fig, Figure)
    assert tuple(fig.get_size_inches()) == (5.0, 2.0)
    assert matplotlib.colors.to_hex(fig.get_facecolor()) == "#ffffff"


# --- No pyplot state -------------------------------------------------------------------------


FIGURE_CALLS = {
    "plot_iterates": lambda: plot_iterates({"run": one_d_run()}),
    "plot_iterates-many": lambda: plot_iterates({f"{i}": one_d_run() for i in range(4)}),
    "plot_path_on_curve": lambda: plot_path_on_curve(square, one_d_run()),
    "plot_contour_path": lambda: plot_contour_path(bowl, two_d_run(), xlim=(-1, 1), ylim=(-1, 1)),
}


@pytest.mark.parametrize("make", FIGURE_CALLS.values(), ids=FIGURE_CALLS.keys())
def test_figure_functions_return_a_figure_without_pyplot(make):
    before = plt.get_fignums()
    fig = make()
    assert isinstance(fig, Figure)
    assert fig.canvas.manager is None  # not registered with pyplot
    assert plt.get_fignums() == before == []


# --- plot_iterates ---------------------------------------------------------------------------


def test_plot_iterates_draws_the_path_against_the_step_number():
    result = one_d_run(steps=10)
    ax = plot_iterates({"η = 0.1": result}).axes[0]
    line = ax.lines[-1]
    np.testing.assert_array_equal(line.get_xdata(), np.arange(11))
    np.testing.assert_allclose(line.get_ydata(), 20 * 0.8 ** np.arange(11), rtol=1e-12)
    assert ax.get_title() == "η = 0.1"


def test_plot_iterates_draws_one_visible_panel_per_run():
    runs = {f"run {i}": one_d_run() for i in range(4)}
    fig = plot_iterates(runs)  # 3 columns: a 2 x 3 grid with the last two hidden
    assert len(fig.axes) == 6
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == list(runs)


def test_plot_iterates_honours_columns():
    runs = {f"run {i}": one_d_run() for i in range(4)}
    fig = plot_iterates(runs, columns=2)
    assert len(fig.axes) == 4
    assert all(ax.get_visible() for ax in fig.axes)


def test_plot_iterates_colours_each_run_differently():
    runs = {f"run {i}": one_d_run() for i in range(3)}
    fig = plot_iterates(runs)
    colours = [matplotlib.colors.to_hex(ax.lines[-1].get_color()) for ax in fig.axes]
    assert colours == [c.lower() for c in COLOURS[:3]]


def test_plot_iterates_rejects_no_runs():
    with pytest.raises(ValueError, match="runs is empty"):
        plot_iterates({})


def test_plot_iterates_rejects_a_two_parameter_run_naming_its_label():
    with pytest.raises(ValueError, match="bowl run must be a one-parameter run"):
        plot_iterates({"line": one_d_run(), "bowl run": two_d_run()})


@pytest.mark.parametrize(
    ("columns", "error"), [(0, ValueError), (-1, ValueError), (2.5, TypeError)]
)
def test_plot_iterates_rejects_bad_columns(columns, error):
    with pytest.raises(error, match="columns"):
        plot_iterates({"a": one_d_run(), "b": one_d_run()}, columns=columns)


# --- plot_path_on_curve ----------------------------------------------------------------------


def test_plot_path_on_curve_marks_each_visited_point_on_the_curve():
    result = one_d_run(steps=5)
    ax = plot_path_on_curve(square, result).axes[0]
    points = ax.lines[-1]
    np.testing.assert_allclose(points.get_xdata(), 20 * 0.8 ** np.arange(6), rtol=1e-12)
    np.testing.assert_allclose(points.get_ydata(), (20 * 0.8 ** np.arange(6)) ** 2, rtol=1e-12)


def test_plot_path_on_curve_draws_one_arrow_per_step_and_a_start_label():
    ax = plot_path_on_curve(square, one_d_run(steps=5)).axes[0]
    assert len(ax.texts) == 5 + 1
    assert ax.texts[-1].get_text() == "start $w_0 = 20$"


def test_plot_path_on_curve_default_span_is_just_wider_than_the_path():
    curve = plot_path_on_curve(square, one_d_run()).axes[0].lines[0]
    x = curve.get_xdata()
    assert (x[0], x[-1]) == pytest.approx((-22.0, 22.0))


def test_plot_path_on_curve_uses_the_given_span():
    curve = plot_path_on_curve(square, one_d_run(), span=30.0).axes[0].lines[0]
    x = curve.get_xdata()
    assert (x[0], x[-1]) == (-30.0, 30.0)


def test_plot_path_on_curve_rejects_a_two_parameter_run():
    with pytest.raises(ValueError, match="result must be a one-parameter run"):
        plot_path_on_curve(bowl, two_d_run())


# --- plot_contour_path -----------------------------------------------------------------------


def test_plot_contour_path_draws_the_path_and_each_coordinate():
    result = two_d_run(steps=8)
    left, right = plot_contour_path(bowl, result, xlim=(-1, 1), ylim=(-1, 1)).axes[:2]
    path_line = left.lines[0]
    np.testing.assert_allclose(path_line.get_xdata(), 0.8 ** np.arange(9), rtol=1e-12)
    np.testing.assert_allclose(path_line.get_ydata(), -0.5 * 0.8 ** np.arange(9), rtol=1e-12)
    assert right.get_yscale() == "log"
    np.testing.assert_allclose(right.lines[1].get_ydata(), 0.5 * 0.8 ** np.arange(9), rtol=1e-12)


@pytest.mark.parametrize(
    "result",
    [
        one_d_run(),
        gradient_descent(square_grad, [1.0, 2.0, 3.0], 0.1, 3),
        gradient_descent(square_grad, np.ones((2, 2)), 0.1, 3),
    ],
    ids=["one-parameter", "three-parameter", "matrix-parameter"],
)
def test_plot_contour_path_rejects_a_run_that_is_not_two_parameter(result):
    with pytest.raises(ValueError, match="result must be a two-parameter run"):
        plot_contour_path(bowl, result, xlim=(-1, 1), ylim=(-1, 1))
