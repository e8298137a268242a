"""Tests for gdtutor.optimizers (the update rules) and gdtutor.schedules (the learning rates).

Each rule is checked three ways: its first steps against arithmetic done by hand (in the
comments), its whole run against the rule written out as a plain numpy loop in this file, and on
random strongly convex quadratics, where it must reach the least-squares solution (at a rate the
theory gives, for heavy-ball momentum and Nesterov at their tuned settings). What the engine does
with a rule (divergence, tol, any object with init and step) is in tests/test_descent.py; a
mistake in each argument is refused as tests/test_bad_inputs.py shows.
"""

from __future__ import annotations

import dataclasses
import math

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gdtutor.schedules
import gdtutor.stochastic
from gdtutor import gradient_descent
from gdtutor.linear import add_bias, fit_gradient_descent
from gdtutor.optimizers import AdaGrad, Adam, Momentum, Nesterov, RMSProp
from gdtutor.schedules import CosineDecay, ExponentialDecay, InverseTimeDecay, StepDecay, Warmup
from gdtutor.stochastic import fit_minibatch
from tests.test_properties import EPS, PROFILE, orthonormal, seeds

# --- The first steps by hand: each rule's step(g, state), two gradients -----------------------

G0 = np.array([4.0, -2.0])
G1 = np.array([2.0, 2.0])


def two_steps(rule, g0, g1):
    """The directions and states of two steps from rule.init."""
    d0, state1 = rule.step(g0, rule.init(np.zeros(2)))
    d1, state2 = rule.step(g1, state1)
    return d0, state1, d1, state2


def test_momentum_first_steps_by_hand():
    # v1 = 0.5 * 0 + (4, -2) = (4, -2) = d0;  v2 = 0.5 * (4, -2) + (2, 2) = (4, 1) = d1.
    d0, (v1,), d1, (v2,) = two_steps(Momentum(beta=0.5), G0, G1)
    np.testing.assert_array_equal(d0, [4.0, -2.0])
    np.testing.assert_array_equal(v1, [4.0, -2.0])
    np.testing.assert_array_equal(d1, [4.0, 1.0])
    np.testing.assert_array_equal(v2, [4.0, 1.0])


def test_nesterov_first_steps_by_hand():
    # v1 = (4, -2), d0 = g0 + 0.5 v1 = (4, -2) + (2, -1) = (6, -3);
    # v2 = 0.5 (4, -2) + (2, 2) = (4, 1), d1 = g1 + 0.5 v2 = (2, 2) + (2, 0.5) = (4, 2.5).
    d0, (v1,), d1, (v2,) = two_steps(Nesterov(beta=0.5), G0, G1)
    np.testing.assert_array_equal(d0, [6.0, -3.0])
    np.testing.assert_array_equal(v1, [4.0, -2.0])
    np.testing.assert_array_equal(d1, [4.0, 2.5])
    np.testing.assert_array_equal(v2, [4.0, 1.0])


def test_adagrad_first_steps_by_hand():
    # eps = 1 keeps the numbers exact. g0 = (3, -4): s1 = (9, 16), d0 = (3 / (3 + 1), -4 / (4 + 1))
    # = (0.75, -0.8); g1 = (4, 3): s2 = (9 + 16, 16 + 9) = (25, 25), d1 = (4 / 6, 3 / 6).
    d0, (s1,), d1, (s2,) = two_steps(AdaGrad(eps=1.0), np.array([3.0, -4.0]), np.array([4.0, 3.0]))
    np.testing.assert_allclose(d0, [0.75, -0.8], rtol=1e-15)
    np.testing.assert_array_equal(s1, [9.0, 16.0])
    np.testing.assert_allclose(d1, [2 / 3, 0.5], rtol=1e-15)
    np.testing.assert_array_equal(s2, [25.0, 25.0])


def test_rmsprop_first_steps_by_hand():
    # rho = 0.75, eps = 1. g0 = (4, -2): s1 = 0.25 (16, 4) = (4, 1),
    # d0 = (4 / (2 + 1), -2 / (1 + 1)) = (4/3, -1);
    # g1 = (2, -1): s2 = 0.75 (4, 1) + 0.25 (4, 1) = (4, 1), d1 = (2/3, -1/2).
    d0, (s1,), d1, (s2,) = two_steps(RMSProp(rho=0.75, eps=1.0), G0, np.array([2.0, -1.0]))
    np.testing.assert_allclose(d0, [4 / 3, -1.0], rtol=1e-15)
    np.testing.assert_array_equal(s1, [4.0, 1.0])
    np.testing.assert_allclose(d1, [2 / 3, -0.5], rtol=1e-15)
    np.testing.assert_array_equal(s2, [4.0, 1.0])


def test_adam_first_steps_by_hand():
    # beta1 = 0.5, beta2 = 0.75, eps = 1. g0 = (3, -1):
    #   m1 = 0.5 (3, -1) = (1.5, -0.5), s1 = 0.25 (9, 1) = (2.25, 0.25);
    #   m_hat = m1 / (1 - 0.5) = (3, -1), s_hat = s1 / (1 - 0.75) = (9, 1),
    #   d0 = (3 / (3 + 1), -1 / (1 + 1)) = (0.75, -0.5).
    # g1 = (3, 1):
    #   m2 = 0.5 (1.5, -0.5) + 0.5 (3, 1) = (2.25, 0.25), m_hat = m2 / (1 - 0.25) = (3, 1/3);
    #   s2 = 0.75 (2.25, 0.25) + 0.25 (9, 1) = (3.9375, 0.4375), s_hat = s2 / (1 - 0.5625) = (9, 1);
    #   d1 = (3 / (3 + 1), (1/3) / (1 + 1)) = (0.75, 1/6).
    rule = Adam(beta1=0.5, beta2=0.75, eps=1.0)
    d0, (m1, s1, t1), d1, (m2, s2, t2) = two_steps(
        rule, np.array([3.0, -1.0]), np.array([3.0, 1.0])
    )
    np.testing.assert_allclose(d0, [0.75, -0.5], rtol=1e-15)
    np.testing.assert_array_equal(m1, [1.5, -0.5])
    np.testing.assert_array_equal(s1, [2.25, 0.25])
    np.testing.assert_allclose(d1, [0.75, 1 / 6], rtol=1e-15)
    np.testing.assert_array_equal(m2, [2.25, 0.25])
    np.testing.assert_array_equal(s2, [3.9375, 0.4375])
    assert (t1, t2) == (1, 2)


def test_adams_corrections_make_a_constant_gradient_its_own_average():
    # With g_t = g at every step, m_t = (1 - beta1^t) g and s_t = (1 - beta2^t) g^2 exactly, so
    # the corrected averages are g and g^2 at every step, not only the first: d_t = g / (|g| + eps).
    # (A correction by the wrong power of beta would miss by a factor that tends to 1 only slowly.)
    rule, g = Adam(), np.array([0.5, -3.0])
    state = rule.init(g)
    for _ in range(30):
        direction, state = rule.step(g, state)
        np.testing.assert_allclose(direction, g / (np.abs(g) + 1e-8), rtol=1e-12)


@pytest.mark.parametrize(
    "rule", [Momentum(), Nesterov(), AdaGrad(), RMSProp(), Adam()], ids=lambda r: type(r).__name__
)
@pytest.mark.parametrize("shape", [(), (3,), (2, 3)], ids=["scalar", "vector", "matrix"])
def test_init_is_zero_state_shaped_like_w(rule, shape):
    w = np.arange(float(np.prod(shape))).reshape(shape) + 1.0
    state = rule.init(w)
    arrays = state[:2] if isinstance(rule, Adam) else state
    assert len(state) == (3 if isinstance(rule, Adam) else 1)
    for array in arrays:
        assert array.shape == shape
        assert not np.any(array)
    if isinstance(rule, Adam):
        assert state[2] == 0
    # And a run with that state keeps the shape of w.
    direction, _ = rule.step(2 * w, state)
    assert np.shape(direction) == shape


# --- Whole runs against the rules written out as plain loops -----------------------------------
#
# On the 2-D quadratic J(w) = 1/2 w^T A w - b^T w, 60 steps with a decaying rate (so that the
# engine must multiply the rule's direction by the rate of that step).

A2 = np.array([[3.0, 1.0], [1.0, 2.0]])
B2 = np.array([1.0, -2.0])
START2 = np.array([4.0, 3.0])


def grad2(w):
    return A2 @ w - B2


def rate2(t):
    return 0.08 / (1 + t / 25)


def momentum_loop(beta):
    w, v, path = START2, np.zeros(2), [START2]
    for t in range(60):
        v = beta * v + grad2(w)
        w = w - rate2(t) * v
        path.append(w)
    return path


def nesterov_loop(beta):
    w, v, path = START2, np.zeros(2), [START2]
    for t in range(60):
        g = grad2(w)
        v = beta * v + g
        w = w - rate2(t) * (g + beta * v)
        path.append(w)
    return path


def adagrad_loop(eps):
    w, s, path = START2, np.zeros(2), [START2]
    for t in range(60):
        g = grad2(w)
        s = s + g**2
        w = w - rate2(t) * g / (np.sqrt(s) + eps)
        path.append(w)
    return path


def rmsprop_loop(rho, eps):
    w, s, path = START2, np.zeros(2), [START2]
    for t in range(60):
        g = grad2(w)
        s = rho * s + (1 - rho) * g**2
        w = w - rate2(t) * g / (np.sqrt(s) + eps)
        path.append(w)
    return path


def adam_loop(beta1, beta2, eps):
    """Kingma and Ba's Algorithm 1, with their step count k from 1."""
    w, m, s, path = START2, np.zeros(2), np.zeros(2), [START2]
    for k in range(1, 61):
        g = grad2(w)
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g**2
        m_hat, s_hat = m / (1 - beta1**k), s / (1 - beta2**k)
        w = w - rate2(k - 1) * m_hat / (np.sqrt(s_hat) + eps)
        path.append(w)
    return path


@pytest.mark.parametrize(
    ("rule", "loop"),
    [
        (Momentum(beta=0.7), lambda: momentum_loop(0.7)),
        (Nesterov(beta=0.7), lambda: nesterov_loop(0.7)),
        (AdaGrad(eps=1e-3), lambda: adagrad_loop(1e-3)),
        (RMSProp(rho=0.8, eps=1e-3), lambda: rmsprop_loop(0.8, 1e-3)),
        (Adam(beta1=0.8, beta2=0.95, eps=1e-3), lambda: adam_loop(0.8, 0.95, 1e-3)),
        (Adam(), lambda: adam_loop(0.9, 0.999, 1e-8)),
    ],
    ids=["Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "Adam-defaults"],
)
def test_each_rule_matches_its_plain_loop(rule, loop):
    run = gradient_descent(grad2, START2, rate2, 60, update=rule)
    expected = np.array(loop())
    assert np.abs(expected[-1] - expected[0]).max() > 0.5  # the runs go somewhere
    np.testing.assert_allclose(run.path, expected, rtol=0, atol=1e-12)


def test_nesterov_tracks_the_look_ahead_points_of_the_usual_form():
    # The usual form (in the letters of Nesterov's docstring): v_{t+1} = beta v_t +
    # grad(w_t - eta beta v_t), w_{t+1} = w_t - eta v_{t+1}, from w_0 = the start and v_0 = 0.
    # The engine's points must be its look-ahead points u_t = w_t - eta beta v_t (u_0 = w_0).
    eta, beta = 0.05, 0.8
    run = gradient_descent(grad2, START2, eta, 80, update=Nesterov(beta))
    w, v = START2, np.zeros(2)
    looks = [w - eta * beta * v]
    for _ in range(80):
        v = beta * v + grad2(w - eta * beta * v)
        w = w - eta * v
        looks.append(w - eta * beta * v)
    np.testing.assert_allclose(run.path, looks, rtol=0, atol=1e-12)
    # ... which is not the heavy-ball run with the same settings.
    heavy = gradient_descent(grad2, START2, eta, 80, update=Momentum(beta))
    assert np.abs(heavy.path[2:] - run.path[2:]).max() > 0.01


# --- Adam's first step: eta in every coordinate, whatever the gradient's scale -----------------

signed_magnitudes = st.builds(
    lambda sign, exponent: sign * 10.0**exponent,
    st.sampled_from([-1.0, 1.0]),
    st.floats(-1.0, 150.0),  # |g| from 0.1 = 1e7 eps to 1e150 (whose square is still finite)
)


@PROFILE
@given(
    hnp.arrays(float, st.integers(1, 6), elements=signed_magnitudes),
    st.floats(1e-4, 1.0),
    st.floats(0.0, 0.999),
    st.floats(0.0, 0.9999),
)
def test_adams_first_step_has_size_eta_in_every_coordinate(g, eta, beta1, beta2):
    # d_0 = g / (|g| + eps): with |g| >= 1e7 eps each coordinate moves by eta (1 - 1e-7) or more.
    run = gradient_descent(lambda w: g, np.zeros_like(g), eta, 1, update=Adam(beta1, beta2))
    step = run.path[1] - run.path[0]
    np.testing.assert_allclose(np.abs(step), eta, rtol=1e-6)
    np.testing.assert_array_equal(np.sign(step), -np.sign(g))


# --- Convergence on random strongly convex quadratics ------------------------------------------


@st.composite
def conditioned_quadratics(draw, max_condition=100.0):
    """(A, b, start) for J(w) = 1/2 w^T A w - b^T w in 2 to 5 dimensions: A symmetric with the
    eigenvalues mu and kappa mu (kappa from 1.5 to max_condition, the condition number) and the
    others between them, mu from 0.5 to 2."""
    size = draw(st.integers(2, 5))
    mu = draw(st.floats(0.5, 2.0))
    kappa = draw(st.floats(1.5, max_condition))
    inner = draw(hnp.arrays(float, size - 2, elements=st.floats(0.0, 1.0)))
    eigenvalues = mu * kappa ** np.concatenate([[0.0, 1.0], inner])
    q = orthonormal(np.random.default_rng(draw(seeds)), size, size)
    b = draw(hnp.arrays(float, size, elements=st.floats(-5, 5, allow_subnormal=False)))
    start = draw(hnp.arrays(float, size, elements=st.floats(-5, 5, allow_subnormal=False)))
    return (q * eigenvalues) @ q.T, b, start


def first_below(bound: np.ndarray, level: float) -> int:
    """The first t from which bound[t] stays at or below level (bound has one value per t)."""
    above = np.flatnonzero(bound > level)
    return 0 if above.size == 0 else int(above[-1]) + 1


def transient_bound(t: np.ndarray, first: np.ndarray, q: float) -> np.ndarray:
    """The bound t |f_1| q^(t-1) + (t - 1) q^t on |e_t| / |e_0|, for
    e_{t+1} = 2 c q e_t - q^2 e_{t-1} with |c| <= 1 and |e_1| <= first |e_0|.

    With e_t = q^t f_t: f_{t+1} = 2 c f_t - f_{t-1}, so f_t = f_1 U_{t-1}(c) - f_0 U_{t-2}(c),
    with the Chebyshev polynomials |U_n(c)| <= n + 1 (U_{-1} = 0), and |f_1| <= first / q.
    """
    with np.errstate(divide="ignore"):  # q^(t-1) at t = 0 is multiplied by t = 0
        bound = t * first * q ** (t - 1.0) + (t - 1) * q**t
    return np.where(t == 0, 1.0, bound)


def plain_settings(mu, L, distance, t):
    # eta = 2 / (L + mu): the error shrinks by (kappa - 1) / (kappa + 1) per step, exactly (A is
    # symmetric), until it is 1e-10 of the start.
    factor = (L - mu) / (L + mu)
    return None, 2 / (L + mu), max(1, math.ceil(math.log(1e-10) / math.log(factor))), 1e-10


def momentum_settings(mu, L, distance, t):
    # The tuned pair (see test_tuned_heavy_ball_needs_steps_growing_like_the_root_of_kappa for
    # the bound): run until the bound is 1e-10.
    eta, beta, q, first = tuned_heavy_ball(mu, L)
    return Momentum(beta), eta, first_below(transient_bound(t, first, q), 1e-10), 1e-10


def nesterov_settings(mu, L, distance, t):
    # eta = 1/L, beta = (sqrt(kappa) - 1) / (sqrt(kappa) + 1). Along an eigenvalue lambda, with
    # c = 1 - lambda / L in [0, 1 - 1/kappa]: e_{t+1} = (1 + beta) c e_t - beta c e_{t-1}, whose
    # roots have modulus sqrt(beta c) <= rho = 1 - 1/sqrt(kappa) (a double root at lambda = mu);
    # e_1 = (1 - (1 + beta) lambda / L) e_0 with |1 - (1 + beta) lambda / L| <= 1. So the same
    # bound as heavy ball's, with q = rho and |f_1| <= 1.
    root = math.sqrt(L / mu)
    rho = 1 - 1 / root
    steps = first_below(transient_bound(t, 1.0, rho), 1e-10)
    return Nesterov((root - 1) / (root + 1)), 1 / L, steps, 1e-10


# The adaptive rules have no such bound. Their settings and tolerances come from experiment: each
# was run on about 900 random problems of this kind with the extreme cases weighted, then on
# thousands of this strategy's examples (GDTUTOR_HYPOTHESIS=explore hunts for more). Their first
# steps have size about eta per coordinate, so eta is set from the distance to cover.


def adagrad_settings(mu, L, distance, t):
    # A constant rate (a falling one only made it slower). Once the gradients shrink, AdaGrad's
    # sums of squares stop growing, and it is gradient descent with a fixed rate per coordinate,
    # eta / sqrt(s): linear, at a rate set by the s the run happened to collect. A run that
    # overshoots can end with one of those rates near the edge of stability (2 / curvature),
    # where its error first grows back (seen with eta = distance: 2e-10 at step 100, 3e-5 at
    # step 1000) and then shrinks slowly. eta = distance / 2 overshoots less than eta = distance
    # (whose worst error at 3000 steps was 2e-3). Over about 8000 examples the worst error was
    # 4e-4 at 2000 steps and 4e-8 at 3000: the tolerance claims 1e-5 at 3000, a heavy tail's
    # margin.
    return AdaGrad(), distance / 2, 3000, 1e-5


def rmsprop_settings(mu, L, distance, t):
    # Near the minimum RMSProp's direction g / sqrt(s) has size about 1 per coordinate however
    # small g is (s follows g^2), so with a constant rate it hovers about eta away and never
    # converges. With the rate falling geometrically the hovering shrinks with it (the error ends
    # near the last rate, 1.4e-11 of the distance); the rates add up to 6.7 times the distance,
    # enough to get there (with factor 0.98, 5 times, some runs stopped short at 3e-6). Worst
    # error seen over 2900 problems: 3e-11.
    return RMSProp(), ExponentialDecay(0.1 * distance, 0.985), 1500, 1e-8


def adam_settings(mu, L, distance, t):
    # As RMSProp, with momentum. beta2 = 0.9 rather than 0.999: the default averages the squares
    # over about 1000 steps, so its directions shrink with the gradients and a falling rate can
    # stop it short (30 % of the distance left, seen). The default suits noisy gradients. Worst
    # error seen over 2900 problems: 1e-12.
    return Adam(beta2=0.9), ExponentialDecay(0.1 * distance, 0.98), 1000, 1e-8


@pytest.mark.parametrize(
    "settings",
    [
        plain_settings,
        momentum_settings,
        nesterov_settings,
        adagrad_settings,
        rmsprop_settings,
        adam_settings,
    ],
    ids=["plain", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"],
)
@PROFILE
@given(conditioned_quadratics())
def test_each_method_converges_to_the_least_squares_solution(settings, quadratic):
    A, b, start = quadratic
    eigenvalues = np.linalg.eigvalsh(A)
    mu, L = eigenvalues[0], eigenvalues[-1]
    minimum = np.linalg.lstsq(A, b)[0]
    distance = float(np.linalg.norm(start - minimum))
    assume(distance > 1e-3)  # a start at the minimum shows nothing
    rule, rate, steps, tolerance = settings(mu, L, distance, np.arange(20_000))
    assert steps < 20_000
    run = gradient_descent(lambda w: A @ w - b, start, rate, steps, update=rule)
    # Rounding: the gradient A w - b near the minimum is known to a few EPS L |w|, which moves the
    # point where it vanishes by about kappa EPS |w*| (kappa <= 100), and the momentum methods'
    # transients add up a few hundred such errors.
    slack = 64 * EPS * (L / mu) * (1 + np.linalg.norm(minimum) + np.linalg.norm(start))
    assert np.linalg.norm(run.w - minimum) <= tolerance * distance + slack


# --- Heavy-ball momentum at its tuned setting: steps growing like sqrt(kappa) -----------------


def tuned_heavy_ball(mu, L):
    """eta = 4 / (sqrt(L) + sqrt(mu))^2, beta = q^2 with q = (sqrt(kappa) - 1) / (sqrt(kappa) + 1),
    q, and the largest |1 - eta lambda| on [mu, L] (that of the first step)."""
    root = math.sqrt(L / mu)
    q = (root - 1) / (root + 1)
    eta = 4 / (math.sqrt(L) + math.sqrt(mu)) ** 2
    return eta, q * q, q, max(abs(1 - eta * mu), abs(1 - eta * L))


@PROFILE
@given(conditioned_quadratics())
def test_tuned_heavy_ball_needs_steps_growing_like_the_root_of_kappa(quadratic):
    # Along an eigenvector of A with eigenvalue lambda, the error follows
    #   e_{t+1} = (1 + beta - eta lambda) e_t - beta e_{t-1},  e_1 = (1 - eta lambda) e_0.
    # At the tuned pair, 1 + beta - eta lambda = 2 c q with c in [-1, 1] for every lambda in
    # [mu, L] (c = 1 at mu, -1 at L: double roots q and -q there), so every root has modulus q
    # and, by transient_bound, |e_t| <= (t m q^(t-1) + (t - 1) q^t) |e_0| with m = max
    # |1 - eta lambda| < 3. The same factor for every eigenvector bounds the Euclidean error.
    # Rate q = 1 - 2 / (sqrt(kappa) + 1), against plain gradient descent's best,
    # (kappa - 1) / (kappa + 1) = 1 - 2 / (kappa + 1): hence sqrt(kappa) in place of kappa.
    A, b, start = quadratic
    eigenvalues = np.linalg.eigvalsh(A)
    mu, L = eigenvalues[0], eigenvalues[-1]
    kappa = L / mu
    eta, beta, q, m = tuned_heavy_ball(mu, L)
    assert m < 3
    minimum = np.linalg.lstsq(A, b)[0]
    first = float(np.linalg.norm(start - minimum))
    assume(first > 0.1)  # so that 1e-8 of it is far above the rounding
    steps = math.ceil(math.sqrt(kappa) * math.log(1e8))
    run = gradient_descent(lambda w: A @ w - b, start, eta, steps, update=Momentum(beta))
    errors = np.linalg.norm(run.path - minimum, axis=1)
    t = np.arange(steps + 1)
    bound = transient_bound(t, m, q)
    # Rounding: a few EPS of the scale per step, each amplified by at most the sum over t of the
    # bound, about m / (1 - q)^2.
    scale = 1 + np.linalg.norm(minimum) + np.linalg.norm(start)
    slack = 256 * EPS * scale / (1 - q) ** 2
    assert np.all(errors <= bound * first + slack)
    # For kappa <= 100 the bound is below 1e-8 within sqrt(kappa) ln(1e8) steps (it needs about
    # sqrt(kappa) / 2 (ln(1e8) + ln(3 t)) of them): the steps grow like sqrt(kappa), not kappa.
    assert bound[steps] <= 1e-8
    assert errors[steps] <= 1e-8 * first


# --- The fits pass their update rule to the engine ---------------------------------------------

X_LINE = add_bias(np.linspace(-1.0, 1.0, 9))
Y_LINE = 2.0 + 3.0 * X_LINE[:, 1] + np.sin(7 * X_LINE[:, 1])


def heavy_ball_fit(rate, beta, steps):
    """Heavy-ball momentum on the mean squared error, as a plain loop from zero."""
    w, v, path = np.zeros(2), np.zeros(2), [np.zeros(2)]
    for _ in range(steps):
        v = beta * v - 2 / len(Y_LINE) * X_LINE.T @ (Y_LINE - X_LINE @ w)
        w = w - rate * v
        path.append(w)
    return np.array(path)


def test_fit_gradient_descent_steps_with_its_update_rule():
    fit = fit_gradient_descent(X_LINE, Y_LINE, 0.1, 40, update=Momentum(0.6))
    np.testing.assert_allclose(fit.path, heavy_ball_fit(0.1, 0.6, 40), rtol=0, atol=1e-12)


def test_fit_minibatch_steps_with_its_update_rule():
    # One batch of all the data: every update is a full-gradient heavy-ball step.
    fit = fit_minibatch(X_LINE, Y_LINE, 9, 0.1, 40, rng=0, update=Momentum(0.6))
    np.testing.assert_allclose(fit.path, heavy_ball_fit(0.1, 0.6, 40), rtol=0, atol=1e-12)


# --- Schedules ---------------------------------------------------------------------------------


def test_inverse_time_decay_by_hand():
    # 0.3 / (1 + t / 10): t = 0 -> 0.3, t = 5 -> 0.3 / 1.5 = 0.2, t = 20 -> 0.3 / 3 = 0.1.
    schedule = InverseTimeDecay(initial=0.3, tau=10)
    assert [schedule(t) for t in (0, 5, 20)] == pytest.approx([0.3, 0.2, 0.1], rel=1e-15)


def test_inverse_time_decay_is_still_importable_from_stochastic():
    assert gdtutor.stochastic.InverseTimeDecay is gdtutor.schedules.InverseTimeDecay


def test_step_decay_by_hand():
    # 0.8 * 0.5^floor(t / 3): t = 0, 2 -> 0.8; t = 3, 5 -> 0.4; t = 6 -> 0.2; t = 10 -> 0.1.
    schedule = StepDecay(initial=0.8, factor=0.5, every=3)
    assert [schedule(t) for t in (0, 2, 3, 5, 6, 10)] == [0.8, 0.8, 0.4, 0.4, 0.2, 0.1]


def test_exponential_decay_by_hand():
    # 0.8 * 0.5^t: 0.8, 0.4, 0.2, 0.1.
    schedule = ExponentialDecay(initial=0.8, factor=0.5)
    assert [schedule(t) for t in range(4)] == [0.8, 0.4, 0.2, 0.1]


def test_exponential_decay_stops_a_far_start_short():
    # The rates add up to 0.01 / (1 - 0.9) = 0.1. On J = w^2 / 2 from 100, each step multiplies w
    # by 1 - eta_t, so w_t >= 100 (1 - sum of the rates) = 90: the minimum 0 is never reached.
    run = gradient_descent(lambda w: w, 100.0, ExponentialDecay(0.01, 0.9), 500)
    assert 90.0 <= run.w < 91.0
    assert run.path[-1] == run.path[-2]  # the rates are below the spacing of floats near 90


def test_cosine_decay_by_hand():
    # 0.05 + (0.2 - 0.05) / 2 * (1 + cos(pi min(t, 3) / 3)): t = 0 -> 0.2;
    # t = 1 -> 0.05 + 0.075 * 1.5 = 0.1625; t = 2 -> 0.05 + 0.075 * 0.5 = 0.0875;
    # t = 3 and after -> 0.05.
    schedule = CosineDecay(initial=0.2, steps=3, final=0.05)
    expected = [0.2, 0.1625, 0.0875, 0.05, 0.05]
    assert [schedule(t) for t in (0, 1, 2, 3, 7)] == pytest.approx(expected, rel=1e-15)


def test_cosine_decay_to_zero_gives_steps_steps():
    # With the default final = 0 the rate of step T is 0, which the engine refuses.
    schedule = CosineDecay(initial=0.1, steps=5)
    assert gradient_descent(lambda w: 2 * w, 1.0, schedule, 5).steps == 5
    with pytest.raises(ValueError, match=r"learning_rate\(5\) must be a finite number greater"):
        gradient_descent(lambda w: 2 * w, 1.0, schedule, 6)


def test_cosine_decay_final_may_be_zero_but_not_negative():
    assert CosineDecay(0.1, 10, final=0).final == 0.0
    with pytest.raises(ValueError, match="final must be 0 or more and less than initial"):
        CosineDecay(0.1, 10, final=-0.01)
    with pytest.raises(TypeError, match="final must be a real number, got ndarray"):
        CosineDecay(0.1, 10, final=np.zeros(2))


def test_warmup_by_hand():
    # Warm-up over 2 steps, then StepDecay(0.8, 0.5, 3): t = 0 -> 0.8 * 1/2 = 0.4;
    # t = 1 -> 0.8 * 2/2 = 0.8; t = 2 -> 0.8; t = 3 -> 0.4; t = 6 -> 0.2.
    schedule = Warmup(then=StepDecay(0.8, 0.5, 3), steps=2)
    assert [schedule(t) for t in (0, 1, 2, 3, 6)] == [0.4, 0.8, 0.8, 0.4, 0.2]
    # A constant rate after it: 0.1 * (t + 1) / 4 up to t = 3.
    constant = Warmup(then=0.1, steps=4)
    assert [constant(t) for t in range(6)] == pytest.approx([0.025, 0.05, 0.075, 0.1, 0.1, 0.1])


@pytest.mark.parametrize(
    "thing",
    [
        Momentum(0),
        Nesterov(np.float64(0.5)),
        AdaGrad(1),
        RMSProp(0, 1),
        Adam(0, np.float32(0.5), 1),
        InverseTimeDecay(1, 2),
        StepDecay(1, 0.5, np.int64(2)),
        ExponentialDecay(1, 0.5),
        CosineDecay(1, 2, 0),
        Warmup(1, 2),
    ],
    ids=lambda thing: type(thing).__name__,
)
def test_rules_and_schedules_are_frozen_and_store_plain_numbers(thing):
    for field in dataclasses.fields(thing):
        value = getattr(thing, field.name)
        assert type(value) in (float, int), f"{field.name} is a {type(value).__name__}"
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(thing, field.name, value)
