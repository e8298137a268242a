"""Tests for the dummy-variable-trap chapter's library code: dummy_dataset and its two figures."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from gdtutor import gradient_descent
from gdtutor.datasets import dummy_dataset
from gdtutor.gallery import FIGURES
from gdtutor.plots import plot_parameter_paths, plot_predictions

# --- dummy_dataset: shape and one-hot structure ------------------------------------------------


@pytest.mark.parametrize(("n_groups", "rows"), [(1, 1), (2, 5), (3, 4), (5, 2)])
@pytest.mark.parametrize("intercept", [True, False])
def test_dummy_dataset_shapes(n_groups, rows, intercept):
    X, y = dummy_dataset(n_groups, rows, intercept=intercept, rng=0)
    columns = n_groups + 1 if intercept else n_groups
    assert X.shape == (n_groups * rows, columns)
    assert y.shape == (n_groups * rows,)
    assert X.dtype == float and y.dtype == float


def test_dummy_dataset_intercept_column_comes_first():
    X, _ = dummy_dataset(3, 4, rng=0)
    np.testing.assert_array_equal(X[:, 0], np.ones(12))


@pytest.mark.parametrize("intercept", [True, False])
def test_dummy_dataset_dummies_are_one_hot_and_grouped_in_order(intercept):
    X, _ = dummy_dataset(3, 4, intercept=intercept, rng=0)
    dummies = X[:, 1:] if intercept else X
    assert set(np.unique(dummies)) == {0.0, 1.0}
    np.testing.assert_array_equal(dummies.sum(axis=1), np.ones(12))  # exactly one group per row
    np.testing.assert_array_equal(dummies.argmax(axis=1), np.repeat([0, 1, 2], 4))


def test_dummy_dataset_is_the_chapter_design_matrix():
    X, y = dummy_dataset(n_groups=2, rows_per_group=5, rng=0)
    expected = np.zeros((10, 3))
    expected[:, 0] = 1
    expected[:5, 1] = 1
    expected[5:, 2] = 1
    np.testing.assert_array_equal(X, expected)
    np.testing.assert_array_equal(y, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    assert not np.any(np.signbit(y))  # no -0.0 that would print as "-0."


# --- dummy_dataset: rank and null space ---------------------------------------------------------


@pytest.mark.parametrize("n_groups", [1, 2, 3, 6])
def test_dummy_dataset_with_intercept_has_rank_one_less_than_its_columns(n_groups):
    X, _ = dummy_dataset(n_groups, 3, rng=0)
    assert np.linalg.matrix_rank(X) == n_groups == X.shape[1] - 1
    null = np.concatenate([[1.0], -np.ones(n_groups)])
    np.testing.assert_array_equal(X @ null, np.zeros(X.shape[0]))


@pytest.mark.parametrize("n_groups", [1, 2, 3, 6])
def test_dummy_dataset_without_intercept_has_full_rank(n_groups):
    X, _ = dummy_dataset(n_groups, 3, intercept=False, rng=0)
    assert np.linalg.matrix_rank(X) == n_groups == X.shape[1]
    np.testing.assert_array_equal(X.T @ X, 3 * np.eye(n_groups))


def test_dummy_dataset_normal_equation_is_singular_with_an_intercept():
    X, y = dummy_dataset(2, 5, rng=0)
    with pytest.raises(np.linalg.LinAlgError, match="Singular matrix"):
        np.linalg.solve(X.T @ X, X.T @ y)


# --- dummy_dataset: targets and seeds -----------------------------------------------------------


def test_dummy_dataset_default_targets_are_the_group_numbers():
    _, y = dummy_dataset(3, 2, rng=0)
    np.testing.assert_array_equal(y, [0, 0, 1, 1, 2, 2])


def test_dummy_dataset_uses_the_given_means():
    _, y = dummy_dataset(2, 3, means=[5, -1.5], rng=0)
    np.testing.assert_array_equal(y, [5, 5, 5, -1.5, -1.5, -1.5])


def test_dummy_dataset_noise_scatters_about_the_means():
    X, y = dummy_dataset(2, 20_000, means=[1.0, 4.0], noise=0.5, rng=0)
    group = X[:, 2].astype(bool)
    assert abs(y[~group].mean() - 1.0) < 0.02 and abs(y[group].mean() - 4.0) < 0.02
    assert abs(y[~group].std() - 0.5) < 0.02 and abs(y[group].std() - 0.5) < 0.02


def test_dummy_dataset_same_seed_same_data():
    first = dummy_dataset(3, 4, noise=1.0, rng=7)
    second = dummy_dataset(3, 4, noise=1.0, rng=7)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_dummy_dataset_different_seeds_different_noise():
    _, y1 = dummy_dataset(3, 4, noise=1.0, rng=1)
    _, y2 = dummy_dataset(3, 4, noise=1.0, rng=2)
    assert not np.array_equal(y1, y2)


def test_dummy_dataset_generator_is_advanced():
    generator = np.random.default_rng(0)
    _, y1 = dummy_dataset(2, 3, noise=1.0, rng=generator)
    _, y2 = dummy_dataset(2, 3, noise=1.0, rng=generator)
    assert not np.array_equal(y1, y2)
    _, again = dummy_dataset(2, 3, noise=1.0, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(again, y1)


# --- dummy_dataset: argument checks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_groups": 0}, ValueError, "n_groups must be 1 or more"),
        ({"n_groups": 2.0}, TypeError, "n_groups must be a whole number"),
        ({"n_groups": True}, TypeError, "n_groups must be a whole number"),
        ({"rows_per_group": 0}, ValueError, "rows_per_group must be 1 or more"),
        ({"rows_per_group": "5"}, TypeError, "rows_per_group must be a whole number"),
        ({"intercept": 1}, TypeError, "intercept must be True or False"),
        ({"intercept": "yes"}, TypeError, "intercept must be True or False"),
        ({"means": [1.0, 2.0, 3.0]}, ValueError, "means must be a 1-D list of 2 numbers"),
        ({"means": [[1.0, 2.0]]}, ValueError, "means must be a 1-D list of 2 numbers"),
        ({"means": [1.0, np.nan]}, ValueError, "means contains NaN"),
        ({"means": "ab"}, TypeError, "means must be a number or an array"),
        ({"noise": -0.1}, ValueError, "noise must be 0 or more"),
        ({"noise": np.inf}, ValueError, "noise must be a finite number"),
        ({"noise": None}, TypeError, "noise must be a real number"),
        ({"rng": -1}, ValueError, "rng must be a seed of 0 or more"),
        ({"rng": 1.5}, TypeError, "rng must be an int seed or a numpy.random.Generator"),
        ({"rng": None, "noise": 0.5}, TypeError, "rng is needed to draw the noise"),
    ],
)
def test_dummy_dataset_rejects_bad_arguments(kwargs, error, message):
    arguments = {"n_groups": 2, "rows_per_group": 5, "rng": 0, **kwargs}
    with pytest.raises(error, match=message):
        dummy_dataset(**arguments)


def test_dummy_dataset_needs_rng_for_noise():
    with pytest.raises(TypeError, match="rng"):
        dummy_dataset(2, 5, noise=0.5)


# --- plot_predictions ---------------------------------------------------------------------------


def test_plot_predictions_draws_targets_then_each_prediction_by_row():
    targets = np.array([0.0, 0.0, 1.0, 1.0])
    fits = {"first": [0.1, 0.1, 0.9, 0.9], "second": [0.0, 0.0, 1.0, 1.0]}
    fig = plot_predictions(targets, fits, groups=["A", "A", "B", "B"])
    assert isinstance(fig, Figure) and fig.canvas.manager is None
    ax = fig.axes[0]
    lines = ax.lines
    assert [line.get_label() for line in lines] == ["target $y_i$", "first", "second"]
    for line, values in zip(lines, [targets, *fits.values()], strict=True):
        np.testing.assert_array_equal(line.get_xdata(), np.arange(4))
        np.testing.assert_array_equal(line.get_ydata(), values)


def test_plot_predictions_labels_each_run_of_groups():
    groups = ["A", "A", "B", "B", "B", "A"]
    ax = plot_predictions(np.zeros(6), {"p": np.zeros(6)}, groups=groups).axes[0]
    assert [text.get_text() for text in ax.texts] == ["group A", "group B", "group A"]
    assert len(ax.patches) == 3


def test_plot_predictions_without_groups_has_no_bands():
    ax = plot_predictions([0.0, 1.0], {"p": [0.0, 1.0]}).axes[0]
    assert len(ax.texts) == 0 and len(ax.patches) == 0


@pytest.mark.parametrize(
    ("targets", "predictions", "groups", "message"),
    [
        ([[0.0, 1.0]], {"p": [0.0, 1.0]}, None, "targets must be 1-D"),
        ([0.0, 1.0], {}, None, "predictions is empty"),
        ([0.0, 1.0], {"fit": [0.0]}, None, "fit must have one prediction per target"),
        ([0.0, 1.0], {"p": [0.0, 1.0]}, ["A"], "groups must have one label per target"),
    ],
)
def test_plot_predictions_rejects_bad_arguments(targets, predictions, groups, message):
    with pytest.raises(ValueError, match=message):
        plot_predictions(targets, predictions, groups=groups)


# --- plot_parameter_paths -----------------------------------------------------------------------


def three_parameter_run(steps=20):
    X, y = dummy_dataset(2, 5, rng=0)
    return gradient_descent(lambda w: -2 * X.T @ (y - X @ w), [0.5, -0.2, 0.1], 0.001, steps)


def test_plot_parameter_paths_draws_each_parameter_against_the_step():
    run = three_parameter_run()
    fig = plot_parameter_paths(run, ["a", "b", "c"])
    assert isinstance(fig, Figure) and fig.canvas.manager is None
    lines = [line for line in fig.axes[0].lines if line.get_label() in {"a", "b", "c"}]
    assert len(lines) == 3
    for index, line in enumerate(lines):
        np.testing.assert_array_equal(line.get_xdata(), np.arange(21))
        np.testing.assert_array_equal(line.get_ydata(), run.path[:, index])


def test_plot_parameter_paths_draws_the_component_along_a_unit_direction():
    run = three_parameter_run()
    ax = plot_parameter_paths(run, ["a", "b", "c"], direction=[2, -2, -2], direction_name="v").axes[
        0
    ]
    (line,) = [line for line in ax.lines if line.get_label() == "v"]
    expected = run.path @ (np.array([1, -1, -1]) / np.sqrt(3))
    np.testing.assert_allclose(line.get_ydata(), expected, rtol=0, atol=1e-15)
    # The gradient of a least-squares cost has no component along the null space of X.
    assert np.ptp(line.get_ydata()) < 1e-12


@pytest.mark.parametrize(
    ("names", "direction", "message"),
    [
        (["a", "b"], None, r"names must have one label per parameter \(3\), got 2"),
        (["a", "b", "c"], [1, -1], "direction must be a non-zero vector of shape"),
        (["a", "b", "c"], [0, 0, 0], "direction must be a non-zero vector of shape"),
    ],
)
def test_plot_parameter_paths_rejects_bad_arguments(names, direction, message):
    with pytest.raises(ValueError, match=message):
        plot_parameter_paths(three_parameter_run(), names, direction=direction)


def test_plot_parameter_paths_rejects_a_scalar_run():
    run = gradient_descent(lambda w: 2 * w, 1.0, 0.1, 3)
    with pytest.raises(ValueError, match="result must be a run with a 1-D parameter vector"):
        plot_parameter_paths(run, ["w"])


# --- the chapter's registered figures -----------------------------------------------------------


@pytest.mark.parametrize("name", [name for name in FIGURES if name.startswith("dummy-trap-")])
def test_chapter_figures_are_built_without_pyplot(name):
    before = plt.get_fignums()
    fig = FIGURES[name]()
    assert isinstance(fig, Figure) and fig.canvas.manager is None
    assert plt.get_fignums() == before == []


def test_chapter_registers_three_figures():
    assert sorted(name for name in FIGURES if name.startswith("dummy-trap-")) == [
        "dummy-trap-cost-curve",
        "dummy-trap-null-space",
        "dummy-trap-predictions",
    ]
