"""Tests for gdtutor.datasets: shapes, the promised distributions and seeds.

A mistake in each argument is refused as tests/test_bad_inputs.py shows.
"""

from __future__ import annotations

import numpy as np
import pytest

from gdtutor.datasets import (
    dummy_dataset,
    linear_dataset,
    noisy_line,
    normal_sample,
    two_blobs,
    two_moons,
)

# One call per generator, with every argument it needs: rng is filled in by each test.
GENERATORS = {
    "normal_sample": lambda rng: normal_sample(50, mean=2.0, std=0.3, rng=rng),
    "noisy_line": lambda rng: noisy_line(50, 8.0, 6.0, noise=1.0, x_range=(0.0, 2.0), rng=rng),
    "linear_dataset": lambda rng: linear_dataset(50, [2.0, 4.0], bias=1.0, noise=1.0, rng=rng),
    "two_blobs": lambda rng: two_blobs(50, separation=2.0, rng=rng),
    "two_moons": lambda rng: two_moons(50, noise=0.1, rng=rng),
}


def as_arrays(data) -> tuple[np.ndarray, ...]:
    return data if isinstance(data, tuple) else (data,)


# --- Seeds -------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", GENERATORS.values(), ids=GENERATORS.keys())
def test_the_same_seed_gives_the_same_data(make):
    for first, second in zip(as_arrays(make(7)), as_arrays(make(7)), strict=True):
        np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("make", GENERATORS.values(), ids=GENERATORS.keys())
def test_different_seeds_give_different_data(make):
    assert not np.array_equal(as_arrays(make(7))[0], as_arrays(make(8))[0])


@pytest.mark.parametrize("make", GENERATORS.values(), ids=GENERATORS.keys())
def test_an_int_seed_is_the_same_as_a_fresh_generator_with_that_seed(make):
    from_seed, from_generator = as_arrays(make(3)), as_arrays(make(np.random.default_rng(3)))
    for first, second in zip(from_seed, from_generator, strict=True):
        np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("make", GENERATORS.values(), ids=GENERATORS.keys())
def test_a_generator_is_drawn_from_so_successive_calls_differ(make):
    generator = np.random.default_rng(3)
    assert not np.array_equal(as_arrays(make(generator))[0], as_arrays(make(generator))[0])


@pytest.mark.parametrize(
    "make",
    [
        lambda rng: normal_sample(5, mean=1.5, std=0.0, rng=rng),
        lambda rng: dummy_dataset(2, 3, rng=rng)[1],
    ],
    ids=["normal_sample std=0", "dummy_dataset noise=0"],
)
def test_data_with_nothing_random_is_the_same_at_every_call_but_advances_a_generator(make):
    generator = np.random.default_rng(3)
    first, second = make(generator), make(generator)
    np.testing.assert_array_equal(first, second)
    assert generator.bit_generator.state != np.random.default_rng(3).bit_generator.state


def test_rng_is_required():
    with pytest.raises(TypeError, match="rng"):
        normal_sample(3)  # no hidden default seed


# --- normal_sample -----------------------------------------------------------------------------


def test_normal_sample_has_the_requested_shape_mean_and_spread():
    sample = normal_sample(20_000, mean=2.0, std=0.3, rng=0)
    assert sample.shape == (20_000,)
    # Five standard errors: the seed is fixed, so this is a deterministic check of the parameters.
    assert abs(sample.mean() - 2.0) < 5 * 0.3 / np.sqrt(20_000)
    assert abs(sample.std() - 0.3) < 0.01


def test_normal_sample_with_zero_spread_is_constant():
    np.testing.assert_array_equal(normal_sample(4, mean=1.5, std=0.0, rng=0), np.full(4, 1.5))


# --- noisy_line --------------------------------------------------------------------------------


def test_noisy_line_without_noise_lies_on_the_line_inside_the_range():
    x, y = noisy_line(200, intercept=8.0, slope=6.0, noise=0.0, x_range=(-1.0, 2.0), rng=0)
    assert x.shape == y.shape == (200,)
    assert np.all((x >= -1.0) & (x < 2.0))
    np.testing.assert_allclose(y, 8.0 + 6.0 * x, rtol=1e-15, atol=1e-15)


def test_noisy_line_scatter_has_the_requested_spread_and_fits_the_true_line():
    x, y = noisy_line(20_000, intercept=8.0, slope=6.0, noise=1.0, x_range=(0.0, 2.0), rng=0)
    assert abs(np.std(y - (8.0 + 6.0 * x)) - 1.0) < 0.02
    slope, intercept = np.polyfit(x, y, 1)
    assert abs(intercept - 8.0) < 0.05 and abs(slope - 6.0) < 0.05


def test_noisy_line_default_range_is_zero_to_one():
    x, _ = noisy_line(500, 0.0, 1.0, noise=0.0, rng=0)
    assert 0.0 <= x.min() and x.max() < 1.0


# --- linear_dataset ----------------------------------------------------------------------------


def test_linear_dataset_without_noise_is_exactly_linear():
    X, y = linear_dataset(30, [2, 4, 5], bias=-1.0, noise=0.0, rng=0)
    assert X.shape == (30, 3) and y.shape == (30,)
    np.testing.assert_allclose(y, X @ [2.0, 4.0, 5.0] - 1.0, rtol=1e-13, atol=1e-13)


def test_linear_dataset_features_are_standard_normal():
    X, _ = linear_dataset(20_000, [1.0, 1.0], noise=0.0, rng=0)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=0.05)
    np.testing.assert_allclose(X.std(axis=0), 1.0, atol=0.02)


def test_least_squares_on_a_linear_dataset_recovers_the_weights_and_bias():
    X, y = linear_dataset(5000, [2, 4, 5, 9, 11], bias=2.0, noise=1.0, rng=1)
    design = np.column_stack([np.ones(len(y)), X])
    fitted = np.linalg.lstsq(design, y, rcond=None)[0]
    np.testing.assert_allclose(fitted, [2, 2, 4, 5, 9, 11], atol=0.06)


# --- dummy_dataset: rng only for noise ---------------------------------------------------------


def test_dummy_dataset_without_noise_needs_no_rng_and_gives_the_same_data():
    X, y = dummy_dataset(3, 2)
    X_seeded, y_seeded = dummy_dataset(3, 2, rng=0)
    np.testing.assert_array_equal(X, X_seeded)
    np.testing.assert_array_equal(y, y_seeded)
    np.testing.assert_array_equal(y, [0.0, 0.0, 1.0, 1.0, 2.0, 2.0])
    _, y_means = dummy_dataset(2, 2, means=[4.0, -1.0], noise=0.0)
    np.testing.assert_array_equal(y_means, [4.0, 4.0, -1.0, -1.0])


def test_dummy_dataset_without_noise_still_checks_and_advances_a_given_rng():
    with pytest.raises(ValueError, match="rng must be a seed of 0 or more"):
        dummy_dataset(3, 2, rng=-1)
    generator, twin = np.random.default_rng(5), np.random.default_rng(5)
    dummy_dataset(3, 2, rng=generator)
    twin.standard_normal(6)  # the six (zero) noise values
    assert generator.bit_generator.state == twin.bit_generator.state


# --- two_blobs and two_moons: two classes in the plane -----------------------------------------

CLASSES = {
    "two_blobs": lambda n, rng: two_blobs(n, separation=3.0, std=0.5, rng=rng),
    "two_moons": lambda n, rng: two_moons(n, noise=0.2, rng=rng),
}


@pytest.mark.parametrize("make", CLASSES.values(), ids=CLASSES.keys())
@pytest.mark.parametrize("n_samples", [2, 3, 101, 400])
def test_two_class_data_have_the_promised_shapes_counts_and_labels(make, n_samples):
    X, y = make(n_samples, 0)
    assert X.shape == (n_samples, 2) and X.dtype == float
    assert y.shape == (n_samples,) and y.dtype == np.int64
    np.testing.assert_array_equal(
        np.bincount(y, minlength=2), [n_samples - n_samples // 2, n_samples // 2]
    )


@pytest.mark.parametrize("make", CLASSES.values(), ids=CLASSES.keys())
def test_two_class_data_come_shuffled(make):
    _, y = make(400, 0)
    assert 0 < np.sum(y[:200]) < 200  # neither class first
    assert 100 < np.count_nonzero(np.diff(y)) < 300  # about 200 changes of class, as at random


def test_two_blobs_are_centred_where_the_docstring_says_with_the_requested_spread():
    X, y = two_blobs(40_000, separation=4.0, std=0.5, rng=1)
    c1 = np.array([4.0, 4.0]) / np.sqrt(2.0)
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [0.0, 0.0], atol=0.02)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), c1, atol=0.02)
    np.testing.assert_allclose(np.linalg.norm(c1), 4.0)
    for group in (X[y == 0], X[y == 1]):
        np.testing.assert_allclose(np.cov(group.T), 0.25 * np.eye(2), atol=0.01)


def test_two_blobs_without_spread_are_two_points_and_far_apart_blobs_are_separable():
    X, y = two_blobs(10, separation=3.0, std=0.0, rng=0)
    np.testing.assert_allclose(X[y == 0], 0.0)
    np.testing.assert_allclose(X[y == 1], 3.0 / np.sqrt(2.0), rtol=1e-15)
    X, y = two_blobs(500, separation=12.0, rng=2)  # 12 standard deviations apart
    along = X @ np.array([1.0, 1.0]) / np.sqrt(2.0)  # the position along the diagonal
    assert along[y == 0].max() < 6.0 < along[y == 1].min()
    X, y = two_blobs(500, separation=1.0, rng=2)
    along = X @ np.array([1.0, 1.0]) / np.sqrt(2.0)
    assert along[y == 0].max() > along[y == 1].min()  # overlapping: no cut along the diagonal


def test_two_moons_without_noise_lie_on_their_half_circles():
    X, y = two_moons(300, noise=0.0, rng=3)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, rtol=1e-14)
    assert np.all(upper[:, 1] >= 0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0, rtol=1e-14)
    assert np.all(lower[:, 1] <= 0.5)
    # The angles are spread over the whole half-circle.
    angles = np.arctan2(upper[:, 1], upper[:, 0])
    assert angles.min() < 0.1 and angles.max() > np.pi - 0.1


def test_two_moons_noise_has_the_requested_spread():
    clean, y = two_moons(20_000, noise=0.0, rng=4)
    noisy, y_noisy = two_moons(20_000, noise=0.3, rng=4)
    np.testing.assert_array_equal(y, y_noisy)  # the same labels and angles: only noise differs
    assert abs(np.std(noisy - clean) - 0.3) < 0.01


def test_two_moons_reach_into_each_other():
    X, y = two_moons(1000, noise=0.0, rng=5)
    upper, lower = X[y == 0], X[y == 1]
    # The upper moon's right end, near (1, 0), lies below the tips of the lower moon (height 0.5)...
    near = np.abs(upper[:, 0] - 1.0) < 0.05
    assert np.all(upper[near, 1] < 0.5) and np.any(lower[:, 1] > 0.45)
    # ... and no line parts them: a point of the upper moon lies inside a triangle of the lower.
    corners = np.array([[0.0, 0.5], [1.0, -0.5], [2.0, 0.5]])
    inside = np.linalg.solve(
        np.column_stack([corners[1] - corners[0], corners[2] - corners[0]]),
        (upper[near] - corners[0]).T,
    )
    assert np.any((inside >= 0).all(axis=0) & (inside.sum(axis=0) <= 1))
