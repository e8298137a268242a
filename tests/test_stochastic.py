"""Tests for gdtutor.stochastic: mini-batches, epochs and schedules, checked against plain loops.

The reference for every run is the algorithm written out with a Python loop over epochs and
mini-batches, drawing the same permutations from the same seed: the fit must take exactly those
steps. Batch gradient descent (batch_size = n) must be exactly gdtutor.linear's fit. A mistake in
each argument is refused as tests/test_bad_inputs.py shows.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from gdtutor import DescentResult, DivergenceError, gradient_descent
from gdtutor.linear import add_bias, fit_gradient_descent, least_squares, mse, mse_gradient
from gdtutor.stochastic import (
    InverseTimeDecay,
    MinibatchResult,
    fit_minibatch,
    minibatch_gradients,
)


def line_data(n=40, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, n)
    y = 2.0 + 3.0 * x + rng.normal(0.0, 0.5, n)
    return add_bias(x), y


def reference_fit(X, y, batch_size, learning_rate, epochs, seed, start=None):
    """Mini-batch gradient descent with plain loops: shuffle each epoch, one step per batch."""
    rng = np.random.default_rng(seed)
    n = len(y)
    w = np.zeros(X.shape[1]) if start is None else np.asarray(start, dtype=float)
    path, t = [w], 0
    for _ in range(epochs):
        order = rng.permutation(n) if batch_size < n else np.arange(n)
        for begin in range(0, n, batch_size):
            rows = order[begin : begin + batch_size]
            residual = y[rows] - X[rows] @ w
            grad = -2.0 / len(rows) * (X[rows].T @ residual)
            rate = learning_rate(t) if callable(learning_rate) else learning_rate
            w = w - rate * grad
            path.append(w)
            t += 1
    return np.array(path)


# --- InverseTimeDecay ----------------------------------------------------------------------


def test_inverse_time_decay_values():
    schedule = InverseTimeDecay(initial=0.2, tau=50)
    assert schedule(0) == 0.2
    assert schedule(50) == pytest.approx(0.1, rel=1e-15)
    assert schedule(150) == pytest.approx(0.05, rel=1e-15)
    t = np.arange(1000)
    np.testing.assert_allclose([schedule(k) for k in t], 0.2 / (1 + t / 50), rtol=1e-15)


def test_inverse_time_decay_stores_floats_and_is_frozen():
    schedule = InverseTimeDecay(1, 10)
    assert isinstance(schedule.initial, float) and isinstance(schedule.tau, float)
    assert repr(schedule) == "InverseTimeDecay(initial=1.0, tau=10.0)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        schedule.tau = 5.0


def test_inverse_time_decay_drives_the_engine():
    schedule = InverseTimeDecay(0.25, 1.0)  # 0.25, 0.125, 0.0833...
    result = gradient_descent(lambda w: 2 * w, 20.0, schedule, 3)
    np.testing.assert_allclose(result.path, [20.0, 10.0, 7.5, 6.25], rtol=1e-12)


def test_inverse_time_decay_meets_the_robbins_monro_conditions_but_can_stall():
    schedule = InverseTimeDecay(initial=0.1, tau=1.0)
    rates = np.array([schedule(t) for t in range(200_000)])
    sums, squares = np.cumsum(rates), np.cumsum(rates**2)
    # The sum keeps growing, by about initial * tau * log(10) per tenfold of steps ...
    assert sums[199_999] - sums[19_999] == pytest.approx(0.1 * np.log(10), rel=1e-3)
    # ... while the sum of squares has settled (its tail after t is below initial**2 tau**2 / t).
    assert squares[199_999] - squares[19_999] < 0.1**2 / 19_999
    # Asymptotic conditions say nothing about speed: on J(w) = w**2 / 2 (curvature mu = 1),
    # with initial * tau * mu = 0.1, the distance shrinks only like (1 + t / tau) ** -0.1.
    run = gradient_descent(lambda w: w, start=1.0, learning_rate=schedule, steps=10_000)
    assert 0.3 < run.w < 0.5 and run.w == pytest.approx(10_001**-0.1, rel=0.1)
    faster = gradient_descent(lambda w: w, 1.0, InverseTimeDecay(0.1, 1000.0), steps=10_000)
    assert abs(faster.w) < 1e-30


# --- minibatch_gradients --------------------------------------------------------------------


def test_full_batch_gradient_is_the_mse_gradient():
    X, y = line_data()
    generator = np.random.default_rng(0)
    state = generator.bit_generator.state
    grad = minibatch_gradients(X, y, len(y), rng=generator)
    w = np.array([0.3, -1.2])
    for _ in range(3):
        np.testing.assert_array_equal(grad(w), mse_gradient(w, X, y))  # the same numbers
    assert generator.bit_generator.state == state  # no shuffling: the generator is not used


def test_the_batches_of_an_epoch_average_to_the_full_gradient():
    X, y = line_data(n=40)
    w = np.array([0.5, 0.5])
    for batch_size in (1, 5, 8, 20):
        grad = minibatch_gradients(X, y, batch_size, rng=3)
        per_batch = [grad(w) for _ in range(40 // batch_size)]
        np.testing.assert_allclose(np.mean(per_batch, axis=0), mse_gradient(w, X, y), rtol=1e-12)


def test_each_epoch_uses_every_sample_once_in_a_new_order():
    # With X a column of ones and w = 0, a one-sample gradient is -2 y_i: it names the sample.
    n = 12
    X, y = np.ones((n, 1)), np.arange(n, dtype=float)
    grad = minibatch_gradients(X, y, 1, rng=np.random.default_rng(7))
    epochs = [[-grad(np.zeros(1))[0] / 2 for _ in range(n)] for _ in range(3)]
    for epoch in epochs:
        assert sorted(epoch) == list(range(n))
    assert epochs[0] != epochs[1] != epochs[2]
    expected = np.random.default_rng(7)
    for epoch in epochs:
        assert epoch == list(expected.permutation(n).astype(float))


def test_an_uneven_last_batch_is_smaller():
    n = 10
    X, y = np.ones((n, 1)), np.arange(n, dtype=float)
    grad = minibatch_gradients(X, y, 4, rng=0)
    # -2 * mean(y_batch) for batches of 4, 4 and 2: together they cover 0..9 once.
    means = [-grad(np.zeros(1))[0] / 2 for _ in range(3)]
    assert sum(4 * m for m in means[:2]) + 2 * means[2] == pytest.approx(sum(range(n)))


def test_a_generator_is_advanced_and_a_seed_is_reproducible():
    X, y = line_data()
    first = minibatch_gradients(X, y, 1, rng=5)
    second = minibatch_gradients(X, y, 1, rng=5)
    w = np.zeros(2)
    assert all(np.array_equal(first(w), second(w)) for _ in range(100))
    shared = np.random.default_rng(5)
    minibatch_gradients(X, y, 1, rng=shared)(w)
    assert shared.bit_generator.state != np.random.default_rng(5).bit_generator.state


def test_batch_size_n_neither_shuffles_nor_advances_a_generator():
    X, y = line_data(n=10)
    shared = np.random.default_rng(5)
    fit = fit_minibatch(X, y, len(y), 0.1, 3, rng=shared)
    assert shared.bit_generator.state == np.random.default_rng(5).bit_generator.state
    np.testing.assert_array_equal(fit.path, fit_gradient_descent(X, y, 0.1, 3).path)
    fit_minibatch(X, y, len(y) - 1, 0.1, 1, rng=shared)  # a smaller batch does shuffle
    assert shared.bit_generator.state != np.random.default_rng(5).bit_generator.state


def test_the_gradient_does_not_keep_a_reference_to_the_callers_data():
    X, y = line_data()
    grad = minibatch_gradients(X, y, len(y), rng=0)
    before = grad(np.zeros(2))
    X[:] = 0.0
    y[:] = 0.0
    np.testing.assert_array_equal(grad(np.zeros(2)), before)


# --- fit_minibatch ----------------------------------------------------------------------------


def test_batch_size_n_is_exactly_plain_gradient_descent():
    X, y = line_data()
    fit = fit_minibatch(X, y, len(y), 0.3, 25, rng=0)
    plain = fit_gradient_descent(X, y, 0.3, 25)
    np.testing.assert_array_equal(fit.path, plain.path)
    np.testing.assert_array_equal(fit.costs, plain.costs)
    assert fit.updates_per_epoch == 1 and fit.steps == 25


@pytest.mark.parametrize("batch_size", [1, 3, 8, 40])
def test_fit_takes_the_steps_of_the_loop_written_out(batch_size):
    X, y = line_data(n=40)
    fit = fit_minibatch(X, y, batch_size, 0.05, 4, rng=11)
    np.testing.assert_allclose(
        fit.path, reference_fit(X, y, batch_size, 0.05, 4, seed=11), rtol=1e-12, atol=1e-14
    )


def test_fit_with_a_schedule_takes_the_steps_of_the_loop_written_out():
    X, y = line_data(n=30)
    schedule = InverseTimeDecay(0.1, 20)
    fit = fit_minibatch(X, y, 4, schedule, 5, rng=2, start=[1.0, -1.0])
    expected = reference_fit(X, y, 4, schedule, 5, seed=2, start=[1.0, -1.0])
    np.testing.assert_allclose(fit.path, expected, rtol=1e-12, atol=1e-14)


def test_fit_records_shapes_epochs_and_costs():
    X, y = line_data(n=40)
    fit = fit_minibatch(X, y, 6, 0.05, 3, rng=0)  # 7 updates per epoch: 6 * 6 + 4
    assert isinstance(fit, MinibatchResult) and isinstance(fit, DescentResult)
    assert (fit.batch_size, fit.updates_per_epoch, fit.n_samples) == (6, 7, 40)
    assert (fit.steps, fit.epochs, fit.converged) == (21, 3, False)
    assert fit.path.shape == (22, 2) and fit.costs.shape == (22,)
    np.testing.assert_allclose(fit.costs, [mse(w, X, y) for w in fit.path], rtol=1e-12)
    np.testing.assert_array_equal(fit.epoch_costs, fit.costs[[0, 7, 14, 21]])
    np.testing.assert_array_equal(fit.epoch_path, fit.path[[0, 7, 14, 21]])
    seen = fit.samples_seen
    assert seen.shape == (22,)
    assert seen[:8].tolist() == [0, 6, 12, 18, 24, 30, 36, 40]
    assert seen[[7, 14, 21]].tolist() == [40, 80, 120]


def test_samples_seen_for_stochastic_and_batch_runs():
    X, y = line_data(n=20)
    assert fit_minibatch(X, y, 1, 0.01, 2, rng=0).samples_seen.tolist() == list(range(41))
    assert fit_minibatch(X, y, 20, 0.1, 3, rng=0).samples_seen.tolist() == [0, 20, 40, 60]


def test_without_costs_the_path_is_the_same():
    X, y = line_data()
    with_costs = fit_minibatch(X, y, 5, 0.05, 3, rng=4)
    without = fit_minibatch(X, y, 5, 0.05, 3, rng=4, record_costs=False)
    np.testing.assert_array_equal(with_costs.path, without.path)
    assert without.costs is None and without.epoch_costs is None


def test_zero_epochs_is_just_the_start():
    X, y = line_data()
    fit = fit_minibatch(X, y, 5, 0.05, 0, rng=0, start=[1.0, 2.0])
    assert fit.steps == 0 and fit.epochs == 0
    np.testing.assert_array_equal(fit.path, [[1.0, 2.0]])
    assert fit.samples_seen.tolist() == [0]


def test_the_result_is_read_only_and_frozen():
    X, y = line_data()
    fit = fit_minibatch(X, y, 5, 0.05, 2, rng=0)
    with pytest.raises(ValueError, match="read-only"):
        fit.path[0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        fit.batch_size = 3


def test_the_same_seed_gives_the_same_run_and_another_seed_another():
    X, y = line_data()
    one = fit_minibatch(X, y, 4, 0.05, 3, rng=9)
    two = fit_minibatch(X, y, 4, 0.05, 3, rng=9)
    other = fit_minibatch(X, y, 4, 0.05, 3, rng=10)
    np.testing.assert_array_equal(one.path, two.path)
    assert not np.array_equal(one.path, other.path)


def test_inputs_are_not_modified():
    X, y = line_data()
    X0, y0 = X.copy(), y.copy()
    fit_minibatch(X, y, 3, 0.05, 2, rng=0)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_decaying_sgd_ends_closer_than_constant_sgd():
    X, y = line_data(n=200, seed=1)
    best = least_squares(X, y)
    constant = fit_minibatch(X, y, 1, 0.05, 20, rng=0, record_costs=False)
    decaying = fit_minibatch(X, y, 1, InverseTimeDecay(0.05, 50), 20, rng=0, record_costs=False)
    assert np.linalg.norm(decaying.w - best) < np.linalg.norm(constant.w - best) / 3
    np.testing.assert_allclose(decaying.w, best, atol=0.02)


def test_mini_batches_converge_near_the_least_squares_fit():
    X, y = line_data(n=200, seed=2)
    fit = fit_minibatch(X, y, 20, InverseTimeDecay(0.2, 100), 60, rng=0, record_costs=False)
    np.testing.assert_allclose(fit.w, least_squares(X, y), atol=0.01)


def test_too_large_a_learning_rate_raises_divergence_error():
    X, y = line_data()
    with pytest.raises(DivergenceError, match="learning_rate=5.0") as info:
        fit_minibatch(X, y, 4, 5.0, 50, rng=0)
    assert isinstance(info.value.result, DescentResult)


GOOD = {"batch_size": 4, "learning_rate": 0.05, "epochs": 2, "rng": 0}


def test_a_cost_that_overflows_at_the_start_is_refused_only_when_recorded():
    X, y = line_data()
    big = {**GOOD, "start": [1e160, 1e160]}  # squared residuals past the largest float
    with pytest.raises(ValueError, match="cost is NaN or infinite at start"):
        fit_minibatch(X, y, **big)
    assert np.all(np.isfinite(fit_minibatch(X, y, **big, record_costs=False).path))
