"""Tests for gdtutor.datasets: shapes, the promised distributions and seeds.

A mistake in each argument is refused as tests/test_bad_inputs.py shows.
"""

from __future__ import annotations

import numpy as np
import pytest

from gdtutor.datasets import dummy_dataset, linear_dataset, noisy_line, normal_sample

# One call per generator, with every argument it needs: rng is filled in by each test.
GENERATORS = {
    "normal_sample": lambda rng: normal_sample(50, mean=2.0, std=0.3, rng=rng),
    "noisy_line": lambda rng: noisy_line(50, 8.0, 6.0, noise=1.0, x_range=(0.0, 2.0), rng=rng),
    "linear_dataset": lambda rng: linear_dataset(50, [2.0, 4.0], bias=1.0, noise=1.0, rng=rng),
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
