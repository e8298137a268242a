"""Tests for gdtutor.linear against independent answers: sums, finite differences, solve, pinv.

A mistake in each argument is refused as tests/test_bad_inputs.py shows.
"""

from __future__ import annotations

import numpy as np
import pytest

import gdtutor.linear
from gdtutor import DescentResult, DivergenceError, gradient_error, numerical_gradient
from gdtutor.linear import (
    add_bias,
    fit_gradient_descent,
    least_squares,
    mse,
    mse_gradient,
    mse_hessian,
)


@pytest.fixture
def problem():
    """A small full-rank problem: 30 samples, a bias column and two features."""
    rng = np.random.default_rng(11)
    X = add_bias(rng.normal(size=(30, 2)))
    y = X @ [1.5, -2.0, 0.5] + rng.normal(scale=0.1, size=30)
    return X, y


def bound(X) -> float:
    return 2 / np.linalg.eigvalsh(mse_hessian(X)).max()


# --- add_bias ----------------------------------------------------------------------------------


def test_add_bias_puts_a_column_of_ones_first():
    np.testing.assert_array_equal(add_bias([3, 4]), [[1.0, 3.0], [1.0, 4.0]])
    features = np.arange(6.0).reshape(3, 2)
    with_bias = add_bias(features)
    assert with_bias.shape == (3, 3)
    np.testing.assert_array_equal(with_bias[:, 0], 1.0)
    np.testing.assert_array_equal(with_bias[:, 1:], features)


# --- mse and its derivatives --------------------------------------------------------------------


def test_mse_is_the_mean_of_the_squared_residuals(problem):
    X, y = problem
    w = np.array([0.3, 0.1, -0.7])
    by_hand = sum(
        (y_i - sum(x_ij * w_j for x_ij, w_j in zip(row, w, strict=True))) ** 2
        for row, y_i in zip(X, y, strict=True)
    ) / len(y)
    assert mse(w, X, y) == pytest.approx(by_hand, rel=1e-12)


def test_mse_is_zero_on_a_perfect_fit():
    X = add_bias([0.0, 1.0, 2.0])
    assert mse([1.0, 2.0], X, [1.0, 3.0, 5.0]) == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_mse_gradient_matches_finite_differences(problem, seed):
    X, y = problem
    w = np.random.default_rng(seed).normal(size=3) * 3
    error = gradient_error(lambda v: mse(v, X, y), lambda v: mse_gradient(v, X, y), w)
    assert error < 1e-8


def test_mse_gradient_is_zero_at_the_least_squares_solution(problem):
    X, y = problem
    np.testing.assert_allclose(mse_gradient(least_squares(X, y), X, y), 0.0, atol=1e-12)


def test_mse_hessian_matches_finite_differences_of_the_gradient(problem):
    X, y = problem
    w = np.array([0.2, -0.4, 1.0])
    jacobian = np.array(
        [numerical_gradient(lambda v, k=k: mse_gradient(v, X, y)[k], w) for k in range(3)]
    )
    np.testing.assert_allclose(mse_hessian(X), jacobian, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(mse_hessian(X), mse_hessian(X).T)


# --- least_squares -----------------------------------------------------------------------------


def test_least_squares_solves_the_normal_equations(problem):
    X, y = problem
    np.testing.assert_allclose(
        least_squares(X, y), np.linalg.solve(X.T @ X, X.T @ y), rtol=1e-10, atol=1e-12
    )


def test_least_squares_recovers_exact_weights():
    X = add_bias(np.arange(10.0).reshape(5, 2))[:, [0, 1]]  # bias and one feature
    np.testing.assert_allclose(least_squares(X, X @ [4.0, -3.0]), [4.0, -3.0], atol=1e-12)


def test_least_squares_of_identical_columns_is_the_minimum_norm_solution():
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    y = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(least_squares(X, y), np.linalg.pinv(X) @ y, atol=1e-12)
    np.testing.assert_allclose(least_squares(X, y), [0.5, 0.5], atol=1e-12)


def test_least_squares_treats_columns_dependent_to_within_rounding_as_dependent():
    # The second column differs from the first only by rounding; the first alone fits y exactly
    # (w = [3, 0]), but the default cutoff treats the two as equal: the minimum-norm [1.5, 1.5].
    rng = np.random.default_rng(0)
    x = rng.normal(size=20)
    X = np.column_stack([x, x + 1e-17 * rng.normal(size=20)])
    assert 0 < np.linalg.svd(X, compute_uv=False)[-1] < np.finfo(float).eps * 20 * np.abs(X).max()
    np.testing.assert_allclose(least_squares(X, 3 * x), [1.5, 1.5], rtol=1e-12)


# --- fit_gradient_descent ----------------------------------------------------------------------


def test_fit_gradient_descent_converges_to_the_least_squares_solution(problem):
    X, y = problem
    fit = fit_gradient_descent(X, y, learning_rate=0.5 * bound(X), steps=10_000, tol=1e-12)
    assert isinstance(fit, DescentResult)
    assert fit.converged
    np.testing.assert_allclose(fit.w, least_squares(X, y), atol=1e-9)


def test_fit_gradient_descent_records_the_path_and_the_mse_at_every_point(problem):
    X, y = problem
    fit = fit_gradient_descent(X, y, learning_rate=0.1, steps=7)
    assert fit.path.shape == (8, 3) and fit.costs.shape == (8,)
    np.testing.assert_array_equal(fit.path[0], 0.0)  # the default start
    for w, cost in zip(fit.path, fit.costs, strict=True):
        assert cost == pytest.approx(mse(w, X, y), rel=1e-12)


def test_fit_gradient_descent_takes_the_textbook_step(problem):
    X, y = problem
    start = np.array([0.5, 0.5, 0.5])
    fit = fit_gradient_descent(X, y, learning_rate=0.05, steps=1, start=start)
    expected = start + 2 * 0.05 / len(y) * X.T @ (y - X @ start)
    np.testing.assert_allclose(fit.w, expected, rtol=1e-13)


def test_fit_gradient_descent_runs_through_the_engine(problem, monkeypatch):
    X, y = problem
    calls = []
    engine = gdtutor.linear.gradient_descent

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return engine(*args, **kwargs)

    monkeypatch.setattr(gdtutor.linear, "gradient_descent", spy)
    fit_gradient_descent(X, y, learning_rate=0.1, steps=3, tol=1e-6)
    assert len(calls) == 1
    args, kwargs = calls[0]
    assert args[2:] == (0.1, 3) and kwargs["tol"] == 1e-6 and kwargs["value_and_grad"] is True
    # One call gives the cost and the gradient, bit for bit what mse and mse_gradient give.
    w = np.array([0.3, -1.2, 2.0])
    cost, grad = args[0](w)
    assert cost == mse(w, X, y)
    np.testing.assert_array_equal(grad, mse_gradient(w, X, y))
    # The residual buffer it reuses never leaks into the values already returned.
    again, grad_again = args[0](np.zeros(3))
    assert cost == mse(w, X, y) and again == mse(np.zeros(3), X, y)
    np.testing.assert_array_equal(grad, mse_gradient(w, X, y))


def test_fit_gradient_descent_from_zero_finds_the_minimum_norm_solution():
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    y = np.array([1.0, 2.0, 3.0])
    fit = fit_gradient_descent(X, y, learning_rate=0.01, steps=1000)
    np.testing.assert_allclose(fit.w, np.linalg.pinv(X) @ y, atol=1e-9)
    other = fit_gradient_descent(X, y, learning_rate=0.01, steps=1000, start=[1.0, -1.0])
    np.testing.assert_allclose(other.w, [1.5, -0.5], atol=1e-9)  # w1 - w2 never changes


def test_fit_gradient_descent_converges_below_the_bound_and_diverges_above(problem):
    X, y = problem
    below = fit_gradient_descent(X, y, 0.98 * bound(X), steps=20_000, tol=1e-10)
    assert below.converged
    with pytest.raises(DivergenceError):
        fit_gradient_descent(X, y, 1.02 * bound(X), steps=20_000)


def test_above_the_bound_the_error_along_the_top_eigenvector_grows_by_its_factor(problem):
    X, y = problem
    values, vectors = np.linalg.eigh(mse_hessian(X))
    top, best = vectors[:, -1], least_squares(X, y)
    eta = 1.02 * bound(X)
    fit = fit_gradient_descent(X, y, eta, steps=30, start=best + 0.5 * top + vectors[:, 0])
    along = (fit.path - best) @ top
    np.testing.assert_allclose(along[1:] / along[:-1], 1 - eta * values[-1], rtol=1e-6)
    assert abs(1 - eta * values[-1]) > 1
    # Above the bound the run can end without an error, further from the minimum than it began.
    distance = np.linalg.norm(fit.path - best, axis=1)
    assert distance[-1] > distance[0]
    # A start with no part along the top eigenvector does not run away (in exact arithmetic;
    # rounding adds a tiny part that grows, so only a few steps are taken here).
    level = fit_gradient_descent(X, y, eta, steps=10, start=best + vectors[:, 0])
    assert np.max(np.linalg.norm(level.path - best, axis=1)) <= 1 + 1e-9


def test_above_the_bound_a_start_without_a_part_along_the_top_eigenvector_converges():
    # H = diag(1, 4): the bound is 0.5, and 0.6 multiplies the error along the second axis by
    # -1.4 at every step. An error along the first axis only shrinks (by 0.4); the second
    # parameter's gradient is exactly 0, so rounding never gives the error a part to grow.
    X, y = np.array([[1.0, 0.0], [0.0, 2.0]]), np.array([1.0, 2.0])
    np.testing.assert_array_equal(mse_hessian(X), np.diag([1.0, 4.0]))
    fit = fit_gradient_descent(X, y, 0.6, steps=1000, start=[0.0, 1.0], tol=1e-12)
    assert fit.converged
    np.testing.assert_allclose(fit.w, [1.0, 1.0], atol=1e-11)
    with pytest.raises(DivergenceError):
        fit_gradient_descent(X, y, 0.6, steps=1000, start=[0.0, 1.0 - 1e-12])


def test_below_the_bound_a_singular_hessian_still_gives_a_minimiser():
    # Twin columns: H is singular; the steps never change w1 - w2, and the rest converges.
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    y = np.array([1.0, 2.0, 3.0])
    assert np.min(np.linalg.eigvalsh(mse_hessian(X))) == pytest.approx(0.0, abs=1e-12)
    for start in ([0.0, 0.0], [3.0, -1.0], [-2.0, 5.0]):
        fit = fit_gradient_descent(X, y, 0.95 * bound(X), steps=2000, start=start)
        np.testing.assert_allclose(mse_gradient(fit.w, X, y), 0.0, atol=1e-12)
        difference = fit.path[:, 0] - fit.path[:, 1]
        np.testing.assert_allclose(difference, start[0] - start[1], atol=1e-12)


def test_divergence_is_reported_at_the_blowup_bound_with_the_run_so_far(problem):
    X, y = problem
    start = np.array([3.0, 0.0, -1.0])
    with pytest.raises(DivergenceError, match="grew past 3e[+]10 in size") as caught:
        fit_gradient_descent(X, y, 1.5 * bound(X), steps=1000, start=start)
    run = caught.value.result
    assert np.max(np.abs(run.path[-1])) > 3e10 >= np.max(np.abs(run.path[-2]))
    assert run.steps == len(run.path) - 1 and np.all(np.isfinite(run.costs))


def test_an_overflowing_cost_at_the_start_is_refused(problem):
    X, y = problem
    with pytest.raises(ValueError, match="cost is NaN or infinite at start"):
        fit_gradient_descent(X * 1e160, y, 0.1, steps=1, start=[1.0, 1.0, 1.0])


def test_fit_gradient_descent_leaves_its_inputs_alone(problem):
    X, y = problem
    X_before, y_before, start = X.copy(), y.copy(), np.ones(3)
    fit_gradient_descent(X, y, learning_rate=0.1, steps=5, start=start)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    np.testing.assert_array_equal(start, np.ones(3))


def test_integer_inputs_are_treated_as_floats():
    X = [[1, 0], [1, 1], [1, 2]]
    fit = fit_gradient_descent(X, [1, 3, 5], learning_rate=0.2, steps=2000, start=[0, 0])
    np.testing.assert_allclose(fit.w, [1.0, 2.0], atol=1e-9)
