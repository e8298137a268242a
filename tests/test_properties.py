"""Properties of gdtutor on random problems, checked with hypothesis.

The examples are *derandomised*: every run of the suite tries the same ones, so a failure is never
a flake that blocks an unrelated change, and it reproduces on any machine. To hunt for new
counterexamples, run with random examples and many more of them::

    GDTUTOR_HYPOTHESIS=explore .venv/bin/python -m pytest tests/test_properties.py

Tolerances follow from the mathematics and are derived where they are used: a linear contraction
for gradient descent on a quadratic, and the rounding error of a central difference.
"""

from __future__ import annotations

import math
import os

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gdtutor import gradient_descent, gradient_error
from gdtutor.datasets import dummy_dataset, linear_dataset, noisy_line, normal_sample
from gdtutor.linear import fit_gradient_descent, least_squares, mse, mse_gradient, mse_hessian
from gdtutor.stochastic import fit_minibatch, minibatch_gradients

# The default profile: the same examples on every run (derandomize), no example database written
# into the tree, no deadline (a shared CI machine can be slow), and few enough examples that this
# file takes a few seconds.
settings.register_profile(
    "gdtutor",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=15,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", database=None, deadline=None, max_examples=500)
PROFILE = settings(settings.get_profile(os.environ.get("GDTUTOR_HYPOTHESIS", "gdtutor")))

EPS = np.finfo(float).eps  # 2.2e-16, the spacing of floats near 1

seeds = st.integers(min_value=0, max_value=2**32 - 1)


def orthonormal(rng: np.random.Generator, rows: int, columns: int) -> np.ndarray:
    """A rows x columns matrix with orthonormal columns (Q of a QR of a Gaussian matrix)."""
    q, r = np.linalg.qr(rng.standard_normal((rows, columns)))
    return q * np.sign(np.diag(r))


@st.composite
def well_conditioned_problems(draw, max_condition=5.0):
    """(X, y) with X = U diag(s) V^T: singular values s in [1, max_condition], so the condition
    number of X is at most max_condition (and of X^T X, its square)."""
    features = draw(st.integers(1, 4))
    samples = draw(st.integers(features, features + 12))
    singular = draw(
        hnp.arrays(float, features, elements=st.floats(1.0, max_condition, allow_subnormal=False))
    )
    rng = np.random.default_rng(draw(seeds))
    X = (
        orthonormal(rng, samples, features)
        @ np.diag(singular)
        @ orthonormal(rng, features, features).T
    )
    y = draw(hnp.arrays(float, samples, elements=st.floats(-10, 10, allow_subnormal=False)))
    return X, y


@st.composite
def convex_quadratics(draw):
    """(A, b): A symmetric with eigenvalues in [0.5, 10], the cost 1/2 w^T A w - b^T w."""
    size = draw(st.integers(1, 4))
    eigenvalues = draw(hnp.arrays(float, size, elements=st.floats(0.5, 10.0)))
    q = orthonormal(np.random.default_rng(draw(seeds)), size, size)
    b = draw(hnp.arrays(float, size, elements=st.floats(-5, 5, allow_subnormal=False)))
    return (q * eigenvalues) @ q.T, b


points = hnp.arrays(float, 4, elements=st.floats(-5, 5, allow_subnormal=False))


# --- Gradient descent converges to the least-squares solution, at the predicted rate ------------


@PROFILE
@given(well_conditioned_problems(), st.floats(0.1, 0.95))
def test_fit_gradient_descent_converges_to_lstsq_at_the_contraction_rate(problem, fraction):
    X, y = problem
    eigenvalues = np.linalg.eigvalsh(mse_hessian(X))
    rate = fraction * 2 / eigenvalues.max()  # below the bound 2 / lambda_max
    # On a quadratic, w_t - w* = (I - rate H)^t (w_0 - w*) exactly, and H is symmetric, so the
    # error shrinks at least by rho = max |1 - rate lambda| every step, in the Euclidean norm.
    rho = float(np.abs(1 - rate * eigenvalues).max())
    best = np.linalg.lstsq(X, y, rcond=None)[0]
    first_error = float(np.linalg.norm(best))  # the fit starts at zero
    steps = min(3000, math.ceil(math.log(1e-10) / math.log(rho))) if rho > 0 else 1
    fit = fit_gradient_descent(X, y, rate, steps)
    # Rounding adds about EPS (||w|| + rate ||g||) per step; the contraction damps each step's
    # error, so the total stays below (per-step error) / (1 - rho). Factor 64: a few roundings
    # per operation and the sums inside the matrix products.
    slack = 64 * EPS * (1 + np.linalg.norm(best)) / (1 - rho)
    errors = np.linalg.norm(fit.path - best, axis=1)
    bound = rho ** np.arange(steps + 1) * first_error + slack
    assert np.all(errors <= bound)
    assert (
        errors[-1] <= 1e-10 * first_error + slack
    )  # and that is converged, by the choice of steps
    np.testing.assert_allclose(least_squares(X, y), best, rtol=0, atol=slack)


@PROFILE
@given(well_conditioned_problems(), st.floats(0.1, 0.95))
def test_the_cost_never_rises_below_the_learning_rate_bound(problem, fraction):
    X, y = problem
    rate = fraction * 2 / np.linalg.eigvalsh(mse_hessian(X)).max()
    costs = fit_gradient_descent(X, y, rate, 200).costs
    # J(w_{t+1}) - J(w_t) = -rate g^T (I - rate H / 2) g <= 0 when rate < 2 / lambda_max; only
    # the rounding of the cost itself (relative, a few EPS times the sum of squares) can show.
    assert np.all(np.diff(costs) <= 64 * EPS * costs[0])


@PROFILE
@given(convex_quadratics(), st.floats(0.05, 0.95), points)
def test_gradient_descent_on_a_quadratic_follows_its_closed_form(quadratic, fraction, start):
    A, b = quadratic
    start = start[: b.size]
    eigenvalues, q = np.linalg.eigh(A)
    rate = fraction * 2 / eigenvalues.max()
    minimum = np.linalg.solve(A, b)
    run = gradient_descent(lambda w: A @ w - b, start, rate, 60)
    # In the eigenbasis each coordinate of w - w* is multiplied by (1 - rate lambda_i) per step.
    factors = (1 - rate * eigenvalues) ** np.arange(61)[:, np.newaxis]
    closed_form = minimum + (factors * (q.T @ (start - minimum))) @ q.T
    scale = 1 + np.linalg.norm(start) + np.linalg.norm(minimum)
    # Rounding: a few EPS per step, times the largest eigenvalue ratio (at most 20) of A.
    np.testing.assert_allclose(run.path, closed_form, rtol=0, atol=1e-12 * scale)


# --- The finite-difference check agrees with the analytic gradients -----------------------------


def central_difference_tolerance(cost_value, gradient, size, terms):
    """The rounding error of a central difference, relative to the gradient's size.

    Each difference (J(w + h e_i) - J(w - h e_i)) / (2h) loses about terms * EPS * |J| / h to the
    rounding of J (a sum of ``terms`` products); the truncation error is zero, because the third
    derivatives of a quadratic are zero. Over ``size`` components that is sqrt(size) times more,
    and gradient_error divides by ||g|| + ||g_hat||, about 2 ||g||.
    """
    h = 1e-6
    return (
        16 * terms * EPS * (1 + abs(cost_value)) * math.sqrt(size) / (h * np.linalg.norm(gradient))
    )


@PROFILE
@given(well_conditioned_problems(), points)
def test_gradient_error_confirms_mse_gradient(problem, w):
    X, y = problem
    w = w[: X.shape[1]]
    g = mse_gradient(w, X, y)
    assume(np.linalg.norm(g) > 1e-3)  # at a minimum the relative error means nothing

    def cost(v):
        return mse(v, X, y)

    def grad(v):
        return mse_gradient(v, X, y)

    tolerance = central_difference_tolerance(mse(w, X, y), g, w.size, X.size)
    assert gradient_error(cost, grad, w) <= tolerance
    # And the check does fail for a wrong gradient: half of g is off by a third of the scale.
    assert gradient_error(cost, lambda v: grad(v) / 2, w) >= 1 / 3 - tolerance


@PROFILE
@given(convex_quadratics(), points)
def test_gradient_error_confirms_a_quadratics_gradient(quadratic, w):
    A, b = quadratic
    w = w[: b.size]
    g = A @ w - b
    assume(np.linalg.norm(g) > 1e-3)

    def cost(v):
        return 0.5 * v @ A @ v - b @ v

    tolerance = central_difference_tolerance(cost(w), g, w.size, A.size)
    assert gradient_error(cost, lambda v: A @ v - b, w) <= tolerance
    # Forgetting b is a wrong gradient, g + b. The check must flag it whenever its true relative
    # error is clearly above the check's own rounding (b can be as small as 1e-8: then nothing can).
    wrong_by = np.linalg.norm(b) / (np.linalg.norm(g) + np.linalg.norm(g + b))
    if wrong_by > 2 * tolerance:
        assert gradient_error(cost, lambda v: A.T @ v, w) > tolerance


# --- Reproducible for a fixed seed ----------------------------------------------------------------


@PROFILE
@given(well_conditioned_problems(), seeds, st.data())
def test_minibatch_runs_are_reproducible_for_a_seed(problem, seed, data):
    X, y = problem
    n = X.shape[0]
    batch_size = data.draw(st.integers(1, n), label="batch_size")
    rate = 0.5 / np.linalg.eigvalsh(mse_hessian(X)).max()
    runs = [
        fit_minibatch(X, y, batch_size, rate, 3, rng=seed),
        fit_minibatch(X, y, batch_size, rate, 3, rng=seed),
        fit_minibatch(X, y, batch_size, rate, 3, rng=np.random.default_rng(seed)),
    ]
    for run in runs[1:]:
        np.testing.assert_array_equal(run.path, runs[0].path)
        np.testing.assert_array_equal(run.costs, runs[0].costs)
    grads = [minibatch_gradients(X, y, batch_size, rng) for rng in (seed, seed)]
    w = np.zeros(X.shape[1])
    for _ in range(2 * n // batch_size + 1):  # more than one epoch: the reshuffles too
        np.testing.assert_array_equal(grads[0](w), grads[1](w))


@PROFILE
@given(seeds, st.integers(1, 30))
def test_data_sets_are_reproducible_for_a_seed(seed, n):
    calls = [
        lambda rng: normal_sample(n, 1.0, 2.0, rng=rng),
        lambda rng: noisy_line(n, 1.0, 2.0, noise=0.5, rng=rng),
        lambda rng: linear_dataset(n, [1.0, -2.0], 0.5, noise=0.5, rng=rng),
        lambda rng: dummy_dataset(2, n, noise=0.5, rng=rng),
    ]
    for call in calls:
        one, two, other = (
            as_tuple(call(rng)) for rng in (seed, np.random.default_rng(seed), seed + 1)
        )
        for a, b in zip(one, two, strict=True):
            np.testing.assert_array_equal(a, b)
        assert not np.array_equal(one[-1], other[-1])  # another seed, other noise


def as_tuple(result):
    return result if isinstance(result, tuple) else (result,)


@PROFILE
@given(well_conditioned_problems(), seeds)
def test_results_are_read_only(problem, seed):
    X, y = problem
    rate = 0.5 / np.linalg.eigvalsh(mse_hessian(X)).max()
    for run in (fit_gradient_descent(X, y, rate, 5), fit_minibatch(X, y, 1, rate, 1, rng=seed)):
        for array in (run.path, run.costs, run.w):
            assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            run.path[0] = 1.0


# --- Invariances ----------------------------------------------------------------------------------


@PROFILE
@given(well_conditioned_problems(), points, seeds)
def test_the_order_of_the_samples_does_not_change_the_cost_or_gradient(problem, w, seed):
    X, y = problem
    w = w[: X.shape[1]]
    order = np.random.default_rng(seed).permutation(X.shape[0])
    # The same sums in another order: equal up to rounding, a few EPS times the sum of the
    # absolute values of the terms (|x_ij r_i| for the gradient, r_i^2 for the cost).
    residual = y - X @ w
    cost_scale = float(residual @ residual) / X.shape[0]
    gradient_scale = 2 / X.shape[0] * (np.abs(X).T @ np.abs(residual))
    terms = X.shape[0] * X.shape[1]
    assert abs(mse(w, X[order], y[order]) - mse(w, X, y)) <= 4 * terms * EPS * cost_scale
    difference = np.abs(mse_gradient(w, X[order], y[order]) - mse_gradient(w, X, y))
    assert np.all(difference <= 4 * terms * EPS * gradient_scale)


@PROFILE
@given(well_conditioned_problems(), seeds, st.floats(0.1, 0.9))
def test_a_batch_as_large_as_the_data_is_batch_gradient_descent(problem, seed, fraction):
    X, y = problem
    rate = fraction * 2 / np.linalg.eigvalsh(mse_hessian(X)).max()
    full = fit_minibatch(X, y, X.shape[0], rate, 20, rng=seed)
    batch = fit_gradient_descent(X, y, rate, 20)
    # The same updates on the same data in the same order: only rounding may differ, if the two
    # compute the residual through different code paths.
    scale = 1 + np.abs(batch.path).max()
    np.testing.assert_allclose(full.path, batch.path, rtol=0, atol=64 * EPS * scale)
    grad = minibatch_gradients(X, y, X.shape[0], seed)
    w = batch.path[-1]
    np.testing.assert_array_equal(grad(w), mse_gradient(w, X, y))
