"""Tests for gdtutor.logistic against independent answers: direct formulas, finite differences,
scikit-learn's LogisticRegression and the theory of the cost.

A mistake in each argument is refused as tests/test_bad_inputs.py shows.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

import gdtutor.logistic
from gdtutor import DescentResult, gradient_descent, gradient_error, numerical_gradient
from gdtutor.datasets import two_blobs
from gdtutor.linear import add_bias
from gdtutor.logistic import cross_entropy, cross_entropy_gradient, fit_logistic, sigmoid


@pytest.fixture
def problem():
    """Two overlapping classes: 120 samples, a bias column and two features."""
    points, y = two_blobs(120, separation=2.0, rng=4)
    return add_bias(points), y


@pytest.fixture
def separable():
    """Two classes far apart: a line separates them."""
    points, y = two_blobs(100, separation=8.0, rng=5)
    return add_bias(points), y


def curvature_bound(X, l2=0.0) -> float:
    """L: no eigenvalue of the (penalised) cross-entropy's Hessian exceeds it, at any w."""
    return np.linalg.eigvalsh(X.T @ X).max() / (4 * len(X)) + l2


def hessian(w, X, l2=0.0):
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (X * (p * (1 - p))[:, np.newaxis]) / len(X) + l2 * np.eye(X.shape[1])


def sklearn_weights(model) -> np.ndarray:
    return np.concatenate([np.atleast_1d(model.intercept_), model.coef_[0]])


# --- sigmoid -----------------------------------------------------------------------------------


def test_sigmoid_is_the_logistic_function():
    z = np.linspace(-30.0, 30.0, 241)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-15, atol=0)
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), rtol=0, atol=2.3e-16)  # 2 ulp of 1
    assert sigmoid(0.0) == 0.5


def test_sigmoid_keeps_the_shape_and_gives_a_float_for_a_number():
    assert isinstance(sigmoid(1.0), float) and isinstance(sigmoid(np.float64(1.0)), float)
    assert sigmoid(np.zeros((2, 3))).shape == (2, 3)
    assert sigmoid([1.0]).shape == (1,)


def test_sigmoid_does_not_overflow_and_rounds_where_the_docstring_says():
    # Warnings are errors: an overflow in np.exp would fail this test.
    big = np.array([-1e308, -1000.0, -746.0, -745.0, 36.0, 37.0, 1000.0, 1e308])
    p = sigmoid(big)
    assert p[0] == p[1] == p[2] == 0.0 and 0.0 < p[3] < 1e-323
    assert p[4] < 1.0 and p[5] == p[6] == p[7] == 1.0
    # Far out, the small side is e^z, to full relative precision.
    assert sigmoid(-700.0) == pytest.approx(math.exp(-700.0), rel=1e-14)


# --- cross_entropy -----------------------------------------------------------------------------


def test_cross_entropy_is_the_textbook_formula(problem):
    X, y = problem
    for w in np.random.default_rng(0).normal(size=(5, 3)) * 2:
        p = 1 / (1 + np.exp(-(X @ w)))
        direct = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        assert cross_entropy(w, X, y) == pytest.approx(direct, rel=1e-12)


def test_cross_entropy_at_zero_is_log_two_and_the_penalty_is_half_l2_times_the_squared_norm(
    problem,
):
    X, y = problem
    assert cross_entropy(np.zeros(3), X, y) == pytest.approx(math.log(2), rel=1e-15)
    w = np.array([0.5, -1.0, 2.0])
    penalised = cross_entropy(w, X, y, l2=0.3)
    assert penalised == pytest.approx(cross_entropy(w, X, y) + 0.15 * (w @ w), rel=1e-14)
    assert cross_entropy(w, X, y, l2=0) == cross_entropy(w, X, y)


def test_cross_entropy_stays_exact_at_huge_logits():
    # Logits of +-1000 and +-1e300: a right label costs e^-|z| (0 here), a wrong one |z|.
    X = np.array([[1.0], [-1.0], [1.0], [-1.0]])
    y = np.array([1, 0, 0, 1])
    assert cross_entropy([1000.0], X, y) == pytest.approx((1000.0 + 1000.0) / 4, rel=1e-15)
    assert cross_entropy([1e300], X, y) == pytest.approx(2e300 / 4, rel=1e-15)
    assert cross_entropy([1000.0], X[:2], y[:2]) == 0.0
    gradient = cross_entropy_gradient([1000.0], X, y)
    np.testing.assert_allclose(gradient, [(0 + 0 + 1 + 1) / 4], rtol=1e-15)


def test_cross_entropy_accepts_bool_and_float_labels(problem):
    X, y = problem
    w = np.array([0.1, 0.2, -0.3])
    assert cross_entropy(w, X, y.astype(bool)) == cross_entropy(w, X, y.astype(float))


def test_cross_entropy_is_convex_with_a_hessian_below_the_curvature_bound(problem):
    X, y = problem
    rng = np.random.default_rng(1)
    for w in rng.normal(size=(10, 3)) * 3:
        values = np.linalg.eigvalsh(hessian(w, X))
        assert values.min() >= 0 and values.max() <= curvature_bound(X) * (1 + 1e-12)
    # The Hessian formula is the derivative of the gradient.
    w = np.array([0.3, -0.2, 0.9])
    jacobian = np.array(
        [numerical_gradient(lambda v, k=k: cross_entropy_gradient(v, X, y)[k], w) for k in range(3)]
    )
    np.testing.assert_allclose(hessian(w, X), jacobian, rtol=0, atol=1e-8)
    # Below every chord.
    ends, weights = rng.normal(size=(2, 30, 3)) * 4, rng.random(30)
    for a, b, s in zip(*ends, weights, strict=True):
        chord = s * cross_entropy(a, X, y) + (1 - s) * cross_entropy(b, X, y)
        assert cross_entropy(s * a + (1 - s) * b, X, y) <= chord + 1e-12


# --- cross_entropy_gradient --------------------------------------------------------------------


@pytest.mark.parametrize("l2", [0.0, 0.01, 1.5])
@pytest.mark.parametrize("seed", range(4))
def test_gradient_matches_finite_differences(problem, seed, l2):
    X, y = problem
    w = np.random.default_rng(seed).normal(size=3) * 2
    error = gradient_error(
        lambda v: cross_entropy(v, X, y, l2=l2),
        lambda v: cross_entropy_gradient(v, X, y, l2=l2),
        w,
    )
    assert error < 1e-8


def test_gradient_is_x_transpose_p_minus_y_over_n_plus_l2_w(problem):
    X, y = problem
    w = np.array([0.2, -0.7, 0.4])
    p = 1 / (1 + np.exp(-(X @ w)))
    by_loop = sum((p_i - y_i) * x_i for x_i, p_i, y_i in zip(X, p, y, strict=True)) / len(y)
    np.testing.assert_allclose(cross_entropy_gradient(w, X, y), by_loop, rtol=1e-12)
    np.testing.assert_allclose(
        cross_entropy_gradient(w, X, y, l2=0.5), by_loop + 0.5 * w, rtol=1e-12
    )


def test_the_log_likelihood_is_minus_n_times_the_cost(problem):
    X, y = problem
    w = np.array([-0.4, 1.0, 0.3])
    p = 1 / (1 + np.exp(-(X @ w)))
    log_likelihood = np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert -len(y) * cross_entropy(w, X, y) == pytest.approx(log_likelihood, rel=1e-12)
    np.testing.assert_allclose(
        -len(y) * cross_entropy_gradient(w, X, y), X.T @ (y - p), rtol=1e-12, atol=1e-12
    )


# --- fit_logistic ------------------------------------------------------------------------------


def test_fit_logistic_runs_through_the_engine(problem, monkeypatch):
    X, y = problem
    calls = []
    engine = gdtutor.logistic.gradient_descent

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return engine(*args, **kwargs)

    monkeypatch.setattr(gdtutor.logistic, "gradient_descent", spy)
    fit = fit_logistic(X, y, learning_rate=0.5, steps=3, l2=0.1, tol=1e-6)
    assert isinstance(fit, DescentResult) and len(calls) == 1
    args, kwargs = calls[0]
    assert args[2:] == (0.5, 3) and kwargs["tol"] == 1e-6 and kwargs["value_and_grad"] is True
    w = np.array([0.3, -1.2, 2.0])
    cost, grad = args[0](w)
    assert cost == cross_entropy(w, X, y, l2=0.1)
    np.testing.assert_array_equal(grad, cross_entropy_gradient(w, X, y, l2=0.1))


def test_fit_logistic_records_the_path_and_the_cost_at_every_point(problem):
    X, y = problem
    fit = fit_logistic(X, y, learning_rate=1.0, steps=6, l2=0.05)
    assert fit.path.shape == (7, 3) and fit.costs.shape == (7,)
    np.testing.assert_array_equal(fit.path[0], 0.0)
    for w, cost in zip(fit.path, fit.costs, strict=True):
        assert cost == pytest.approx(cross_entropy(w, X, y, l2=0.05), rel=1e-14)


def test_fit_logistic_takes_the_textbook_step_and_is_gradient_ascent_on_the_likelihood(problem):
    X, y = problem
    start = np.array([0.5, -0.5, 0.25])
    fit = fit_logistic(X, y, learning_rate=0.8, steps=1, l2=0.1, start=start)
    p = 1 / (1 + np.exp(-(X @ start)))
    expected = (1 - 0.8 * 0.1) * start - 0.8 * X.T @ (p - y) / len(y)  # weight decay, then step
    np.testing.assert_allclose(fit.w, expected, rtol=1e-13)
    # Without a penalty: ascent on the log-likelihood with alpha = eta / n, step for step.
    plain = fit_logistic(X, y, learning_rate=0.8, steps=15)
    w, alpha = np.zeros(3), 0.8 / len(y)
    for row in plain.path[1:]:
        w = w + alpha * X.T @ (y - 1 / (1 + np.exp(-(X @ w))))
        np.testing.assert_allclose(row, w, rtol=1e-12, atol=1e-14)


def test_below_two_over_l_every_step_lowers_the_cost(problem):
    X, y = problem
    for l2 in (0.0, 0.2):
        fit = fit_logistic(X, y, 1.99 / curvature_bound(X, l2), steps=300, l2=l2)
        assert np.all(np.diff(fit.costs[:20]) < 0)
        assert np.all(np.diff(fit.costs) <= 2e-16)  # later, equal to rounding: the minimum


def test_fit_logistic_matches_scikit_learn_without_a_penalty(problem):
    X, y = problem
    fit = fit_logistic(X, y, 1 / curvature_bound(X), steps=100_000, tol=1e-11)
    assert fit.converged
    model = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X[:, 1:], y)
    np.testing.assert_allclose(fit.w, sklearn_weights(model), rtol=0, atol=1e-7)


@pytest.mark.parametrize("l2", [0.001, 0.05, 1.0])
def test_fit_logistic_matches_scikit_learn_with_c_equal_to_one_over_l2_n(problem, l2):
    # scikit-learn minimises ||w||^2 / 2 + C sum(losses); divided by C n that is the mean loss
    # plus ||w||^2 / (2 C n): l2 = 1 / (C n). With the ones as a feature and no intercept of its
    # own, the bias is penalised like the other weights, as in fit_logistic.
    X, y = problem
    fit = fit_logistic(X, y, 1 / curvature_bound(X, l2), steps=100_000, l2=l2, tol=1e-11)
    assert fit.converged
    C = 1 / (l2 * len(y))
    model = LogisticRegression(C=C, fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(fit.w, model.coef_[0], rtol=0, atol=1e-7)
    # scikit-learn's own intercept is not penalised: a different cost, a different answer, which
    # gradient descent reproduces when the penalty skips the bias.
    free = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X[:, 1:], y)
    mask = np.array([0.0, 1.0, 1.0])
    by_descent = gradient_descent(
        lambda w: cross_entropy_gradient(w, X, y) + l2 * mask * w,
        np.zeros(3),
        1 / curvature_bound(X, l2),
        200_000,
        tol=1e-11,
    )
    assert by_descent.converged
    np.testing.assert_allclose(by_descent.w, sklearn_weights(free), rtol=0, atol=1e-7)
    assert np.abs(sklearn_weights(free) - fit.w).max() > 1e-5


def test_on_separable_data_the_weights_grow_and_a_penalty_stops_them(separable):
    X, y = separable
    eta = 1 / curvature_bound(X)
    run = fit_logistic(X, y, eta, steps=3000)
    norms = np.linalg.norm(run.path, axis=1)
    assert np.all(np.diff(norms[1:]) > 0) and np.all(np.diff(run.costs) < 0)
    assert np.all((X @ run.w > 0) == (y == 1))  # it separates the data...
    for s in (2.0, 4.0):  # ... so its multiples cost less and less
        assert cross_entropy(s * run.w, X, y) < cross_entropy(run.w, X, y) / s
    assert not fit_logistic(X, y, eta, steps=3000, tol=1e-8).converged
    penalised = fit_logistic(X, y, 1 / curvature_bound(X, 0.05), 100_000, l2=0.05, tol=1e-10)
    assert penalised.converged
    assert np.linalg.norm(cross_entropy_gradient(penalised.w, X, y, l2=0.05)) < 1e-8
    other = fit_logistic(
        X, y, 1 / curvature_bound(X, 0.05), 100_000, l2=0.05, start=[3, -3, 3], tol=1e-10
    )
    assert other.converged
    np.testing.assert_allclose(other.w, penalised.w, rtol=0, atol=1e-8)  # one minimiser


def test_logistic_regression_recovers_the_log_odds_of_two_blobs():
    # Equal spreads make the log-odds linear: (c1 - c0)^T x / s^2 - |c1|^2 / (2 s^2) + log(n1/n0).
    points, y = two_blobs(20_000, separation=2.0, std=1.5, rng=6)
    X = add_bias(points)
    fit = fit_logistic(X, y, 1 / curvature_bound(X), steps=20_000, tol=1e-9)
    c1 = np.array([2.0, 2.0]) / np.sqrt(2)
    expected = np.concatenate([[-(c1 @ c1) / (2 * 1.5**2)], c1 / 1.5**2])
    np.testing.assert_allclose(fit.w, expected, rtol=0, atol=0.05)


def test_an_overflowing_cost_at_the_start_is_refused(problem):
    X, y = problem
    with pytest.raises(ValueError, match="cost is NaN or infinite at start"):
        fit_logistic(X * 1e307, y, 0.1, steps=1, start=[10.0, 10.0, 10.0])


def test_fit_logistic_leaves_its_inputs_alone(problem):
    X, y = problem
    X_before, y_before, start = X.copy(), y.copy(), np.ones(3)
    fit_logistic(X, y, learning_rate=0.1, steps=5, start=start)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    np.testing.assert_array_equal(start, np.ones(3))
