"""Tests for the dummy-variable-trap chapter's library code: dummy_dataset.

A mistake in each argument of dummy_dataset is refused as tests/test_bad_inputs.py shows.
"""

from __future__ import annotations

import numpy as np
import pytest

from gdtutor.datasets import dummy_dataset

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
