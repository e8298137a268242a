"""Tests for gdtutor.descent, checked against closed forms and updates written out by hand.

Gradient descent on a quadratic has an exact answer: on J(w) = a (w - c)^2 each step multiplies
the distance to c by (1 - 2 a lr), so w_t = c + (w_0 - c) (1 - 2 a lr)^t. The tests compare the
engine with such formulas rather than with its own earlier output. The same closed form on
random quadratics is a property in tests/test_properties.py.
"""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest

from gdtutor import DescentResult, DivergenceError, gradient_descent
from gdtutor.optimizers import AdaGrad, Adam, Momentum, Nesterov


def square(w):
    return w**2


def square_grad(w):
    return 2 * w


# A 2-D quadratic J(w) = (w - c)^T A (w - c) with A symmetric positive definite; minimum at c.
A = np.array([[3.0, 1.0], [1.0, 2.0]])
C = np.array([1.5, -0.5])


def bowl(w):
    d = w - C
    return float(d @ A @ d)


def bowl_grad(w):
    return 2 * A @ (w - C)


# --- The 1-D parabola J(w) = w^2 from the first chapter -------------------------------------


def test_path_matches_closed_form():
    # w_{t+1} = w_t - 0.1 * 2 w_t = 0.8 w_t, so w_t = 20 * 0.8^t.
    result = gradient_descent(square_grad, start=20.0, learning_rate=0.1, steps=30)
    t = np.arange(31)
    np.testing.assert_allclose(result.path, 20 * 0.8**t, rtol=1e-12)


def test_costs_are_the_cost_at_each_point_of_the_path():
    result = gradient_descent(square_grad, 20.0, 0.1, 30, cost=square)
    t = np.arange(31)
    np.testing.assert_allclose(result.costs, (20 * 0.8**t) ** 2, rtol=1e-12)


def test_costs_are_none_without_a_cost_function():
    result = gradient_descent(square_grad, 20.0, 0.1, 5)
    assert result.costs is None


def test_steps_taken_and_not_converged_without_tol():
    result = gradient_descent(square_grad, 20.0, 0.1, 30)
    assert result.steps == 30
    assert result.converged is False


def test_w_is_the_last_point_of_the_path():
    result = gradient_descent(square_grad, 20.0, 0.1, 7)
    assert result.w == result.path[-1]
    assert result.w == pytest.approx(20 * 0.8**7, rel=1e-12)


def test_result_is_a_descent_result():
    assert isinstance(gradient_descent(square_grad, 20.0, 0.1, 3), DescentResult)


def test_path_is_read_only():
    result = gradient_descent(square_grad, 20.0, 0.1, 5, cost=square)
    with pytest.raises(ValueError, match="read-only"):
        result.path[0] = 0.0


def test_costs_are_read_only():
    result = gradient_descent(square_grad, 20.0, 0.1, 5, cost=square)
    with pytest.raises(ValueError, match="read-only"):
        result.costs[0] = 0.0


def test_result_fields_cannot_be_reassigned():
    result = gradient_descent(square_grad, 20.0, 0.1, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.steps = 0


def test_zero_steps_gives_just_the_start():
    result = gradient_descent(square_grad, 20.0, 0.1, 0, cost=square)
    assert result.path.shape == (1,)
    assert result.path[0] == 20.0
    assert result.costs.tolist() == [400.0]
    assert result.steps == 0
    assert result.converged is False


def test_path_shape_is_steps_plus_one_by_start_shape():
    result = gradient_descent(bowl_grad, [0.0, 0.0], 0.1, 12)
    assert result.path.shape == (13, 2)


def test_matrix_shaped_start_keeps_its_shape():
    start = np.arange(6.0).reshape(2, 3)
    result = gradient_descent(square_grad, start, 0.25, 4)
    assert result.path.shape == (5, 2, 3)
    np.testing.assert_allclose(result.w, start * 0.5**4, rtol=1e-12)


def test_learning_rate_one_oscillates_without_raising():
    # Factor 1 - 2 * 1.0 = -1: the iterate flips sign forever but never grows.
    result = gradient_descent(square_grad, 20.0, 1.0, 10)
    np.testing.assert_array_equal(result.path, 20.0 * (-1.0) ** np.arange(11))


def test_learning_rate_half_jumps_to_the_minimum_in_one_step():
    result = gradient_descent(square_grad, 20.0, 0.5, 3)
    np.testing.assert_array_equal(result.path, [20.0, 0.0, 0.0, 0.0])


# --- A 2-D quadratic bowl with a known minimum ----------------------------------------------


def test_two_dimensional_quadratic_converges_to_its_minimum():
    result = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 200)
    np.testing.assert_allclose(result.w, C, atol=1e-10)


def test_two_dimensional_costs_fall_to_zero():
    result = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 200, cost=bowl)
    assert np.all(np.diff(result.costs) <= 0)
    assert result.costs[-1] == pytest.approx(0.0, abs=1e-18)


def test_tol_stops_the_run_when_the_step_is_short_enough():
    tol = 1e-6
    result = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 1000, tol=tol)
    assert result.converged is True
    assert 1 < result.steps < 1000
    assert result.path.shape == (result.steps + 1, 2)
    # The step from w_t is lr * grad(w_t): the last one is short enough, the one before is not.
    last_step = 0.1 * np.linalg.norm(bowl_grad(result.path[-2]))
    previous_step = 0.1 * np.linalg.norm(bowl_grad(result.path[-3]))
    assert last_step <= tol < previous_step
    np.testing.assert_allclose(result.w, C, atol=1e-5)


def test_tol_stop_agrees_with_the_length_of_the_last_move():
    tol = 1e-6
    result = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 1000, tol=tol)
    moves = np.linalg.norm(np.diff(result.path, axis=0), axis=1)
    assert moves[-1] <= tol * (1 + 1e-9)
    assert moves[-2] > tol


def test_a_step_exactly_tol_long_counts_as_converged():
    # From 20 with lr 0.5 the first step is 0.5 * 2 * 20 = 20 exactly ("at most tol").
    result = gradient_descent(square_grad, 20.0, 0.5, 10, tol=20.0)
    assert result.converged is True
    assert result.steps == 1


def test_tol_not_reached_within_the_step_budget():
    result = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 5, tol=1e-12)
    assert result.steps == 5
    assert result.converged is False


def test_tol_with_zero_steps_is_not_converged():
    result = gradient_descent(bowl_grad, C, 0.1, 0, tol=1.0)
    assert result.converged is False
    assert result.steps == 0


def test_tol_converges_immediately_at_the_minimum():
    result = gradient_descent(bowl_grad, C, 0.1, 50, tol=1e-9)
    assert result.converged is True
    assert result.steps == 1


# --- Integer and list starts -----------------------------------------------------------------


@pytest.mark.parametrize(
    "start", [[1, 1], np.array([1, 1]), (1, 1)], ids=["list", "int-array", "tuple"]
)
def test_integer_start_gives_the_same_run_as_the_float_start(start):
    as_int = gradient_descent(bowl_grad, start, 0.1, 20)
    as_float = gradient_descent(bowl_grad, np.array([1.0, 1.0]), 0.1, 20)
    np.testing.assert_array_equal(as_int.path, as_float.path)


def test_integer_array_start_is_not_truncated():
    # An int array updated in place would truncate 3 - 0.6 to 2; the float answer is 2.4.
    result = gradient_descent(square_grad, np.array([3, 4]), 0.1, 1)
    assert result.path.dtype == np.float64
    np.testing.assert_allclose(result.w, [2.4, 3.2], rtol=1e-12)


def test_integer_scalar_start_is_converted_to_float():
    result = gradient_descent(square_grad, 3, 0.1, 2)
    assert result.path.dtype == np.float64
    np.testing.assert_allclose(result.path, [3.0, 2.4, 1.92], rtol=1e-12)


def test_start_is_not_modified():
    start = np.array([4.0, 3.0])
    gradient_descent(bowl_grad, start, 0.1, 10)
    np.testing.assert_array_equal(start, [4.0, 3.0])


def test_grad_that_modifies_its_argument_does_not_corrupt_the_path():
    def careless_grad(w):
        g = 2 * w
        w[...] = 999.0  # scribbles on its input
        return g

    result = gradient_descent(careless_grad, [20.0], 0.1, 5)
    np.testing.assert_allclose(result.path[:, 0], 20 * 0.8 ** np.arange(6), rtol=1e-12)


def test_numpy_integer_steps_and_float_learning_rate_are_accepted():
    result = gradient_descent(square_grad, 20.0, np.float64(0.1), np.int64(3))
    assert result.steps == 3
    np.testing.assert_allclose(result.path, 20 * 0.8 ** np.arange(4), rtol=1e-12)


# --- Checks made before the first step ------------------------------------------------------
#
# (A mistake in each argument is in tests/test_bad_inputs.py, every kind of mistake on the checks
# themselves in tests/test_validate.py.)


def test_array_cost_is_rejected_even_with_zero_steps():
    with pytest.raises(ValueError, match="cost"):
        gradient_descent(square_grad, [1.0, 2.0], 0.1, 0, cost=lambda w: w**2)


def test_a_cost_undefined_at_the_start_is_refused():
    # An infinite one too (the same check): tests/test_linear.py overflows one at the start.
    with pytest.raises(ValueError, match="cost is NaN or infinite at start"):
        gradient_descent(lambda w: 2 * w, 1.0, 0.1, 0, cost=lambda w: np.nan)


# --- Divergence ------------------------------------------------------------------------------


def test_too_large_learning_rate_raises_divergence_error():
    with pytest.raises(DivergenceError, match=r"step \d+.*smaller learning_rate"):
        gradient_descent(square_grad, 20.0, 1.5, 100)


def test_divergence_error_names_the_step_and_the_learning_rate():
    # Factor 1 - 2 * 1.5 = -2, so |w_t| = 20 * 2^t passes the default bound
    # 1e10 * max(1, 20) = 2e11 first at t = 34 (2^34 > 1e10 > 2^33).
    with pytest.raises(DivergenceError, match=r"step 34\b.*learning_rate=1\.5") as info:
        gradient_descent(square_grad, 20.0, 1.5, 100)
    assert "error.result" in str(info.value)


def test_divergence_error_carries_the_run_so_far():
    with pytest.raises(DivergenceError) as info:
        gradient_descent(square_grad, 20.0, 1.5, 100, cost=square)
    result = info.value.result
    assert isinstance(result, DescentResult)
    assert result.steps == 34
    assert result.converged is False
    assert result.path.shape == (35,)
    assert np.all(np.isfinite(result.path))
    np.testing.assert_allclose(result.path, 20.0 * (-2.0) ** np.arange(35), rtol=1e-12)
    np.testing.assert_allclose(result.costs, result.path**2, rtol=1e-12)


def test_divergence_error_result_is_read_only():
    with pytest.raises(DivergenceError) as info:
        gradient_descent(square_grad, 20.0, 1.5, 100)
    assert not info.value.result.path.flags.writeable


def test_divergence_error_is_an_arithmetic_error():
    with pytest.raises(ArithmeticError):
        gradient_descent(square_grad, 20.0, 1.5, 100)


def test_blowup_sets_the_divergence_bound():
    # Bound 100 * 20 = 2000; 20 * 2^t first passes it at t = 7.
    with pytest.raises(DivergenceError, match=r"step 7\b.*grew past 2e\+03") as info:
        gradient_descent(square_grad, 20.0, 1.5, 100, blowup=100)
    assert info.value.result.steps == 7


def test_blowup_bound_is_at_least_blowup_for_a_small_start():
    # max(1, |w0|) = 1 for w0 = 0.5: bound 10; 0.5 * 2^t first passes it at t = 5.
    with pytest.raises(DivergenceError, match=r"step 5\b"):
        gradient_descent(square_grad, 0.5, 1.5, 100, blowup=10)


def test_nan_gradient_raises_divergence_error():
    def nan_grad(w):
        return np.full_like(w, np.nan)

    with pytest.raises(DivergenceError, match=r"step 1\b.*gradient"):
        gradient_descent(nan_grad, [1.0, 2.0], 0.1, 10)


def test_gradient_that_turns_nan_midway_raises_at_that_step():
    # 20, 16, 12.8, 10.24, 8.192: the gradient at w_4 = 8.192 < 10 is NaN, giving step 5.
    def grad(w):
        return np.where(w > 10, 2 * w, np.nan)

    with pytest.raises(DivergenceError, match=r"step 5\b.*gradient") as info:
        gradient_descent(grad, 20.0, 0.1, 50)
    np.testing.assert_allclose(info.value.result.path[:5], 20 * 0.8 ** np.arange(5), rtol=1e-12)


def test_infinite_gradient_raises_divergence_error():
    with pytest.raises(DivergenceError, match="gradient"):
        gradient_descent(lambda w: np.full_like(w, np.inf), 1.0, 0.1, 3)


def test_cost_that_becomes_infinite_raises_divergence_error():
    def cost(w):
        return math.inf if w < 15 else float(w**2)

    # 20 -> 16 -> 12.8: the cost at w_2 is infinite.
    with pytest.raises(DivergenceError, match=r"step 2\b.*cost") as info:
        gradient_descent(square_grad, 20.0, 0.1, 50, cost=cost)
    assert info.value.result.costs[:2].tolist() == [400.0, 256.0]


def test_cost_that_overflows_before_the_parameters_raises_divergence_error():
    # With the parameter bound out of the way, w^2 overflows (|w| > 1.3e154) long before w does,
    # and no RuntimeWarning escapes (pytest turns warnings into errors).
    with pytest.raises(DivergenceError, match="cost"):
        gradient_descent(square_grad, 20.0, 1.5, 2000, cost=square, blowup=1e300)


def test_parameters_that_overflow_raise_divergence_error():
    with pytest.raises(DivergenceError, match="parameters became NaN or infinite") as info:
        gradient_descent(lambda w: np.full_like(w, -1e308), 1e308, 10.0, 3, blowup=1.0)
    assert info.value.result.path.tolist() == [1e308, np.inf]  # the result keeps the overflow


def test_growing_run_below_the_bound_does_not_raise():
    # lr 1.1: factor 1 - 2.2 = -1.2, a growing oscillation the course plots on purpose.
    result = gradient_descent(square_grad, 20.0, 1.1, 20)
    assert result.steps == 20
    np.testing.assert_allclose(result.path, 20 * (-1.2) ** np.arange(21), rtol=1e-12)


# --- Heavy-ball momentum: v <- beta v + grad J(w), w <- w - lr v, v_0 = 0 ---------------------


def _heavy_ball(grad, w0, lr, beta, steps):
    """The momentum update written out plainly, to compare the engine with."""
    w, v, path = np.asarray(w0, dtype=float), 0.0, [np.asarray(w0, dtype=float)]
    for _ in range(steps):
        v = beta * v + grad(w)
        w = w - lr * v
        path.append(w)
    return np.array(path)


def test_momentum_first_steps_by_hand():
    # J = w^2 from 20, lr 0.1, beta 0.5: v1 = 40, w1 = 16; v2 = 20 + 32 = 52, w2 = 16 - 5.2 = 10.8;
    # v3 = 26 + 21.6 = 47.6, w3 = 10.8 - 4.76 = 6.04.
    result = gradient_descent(square_grad, 20.0, 0.1, 3, update=Momentum(0.5))
    np.testing.assert_allclose(result.path, [20.0, 16.0, 10.8, 6.04], rtol=1e-12)


def test_momentum_matches_the_update_written_out():
    result = gradient_descent(bowl_grad, [4.0, 3.0], 0.05, 60, update=Momentum(0.7))
    np.testing.assert_allclose(result.path, _heavy_ball(bowl_grad, [4.0, 3.0], 0.05, 0.7, 60))


def test_momentum_follows_its_linear_recurrence_on_a_parabola():
    # On J = w^2: w_{t+1} = (1 + beta - 2 lr) w_t - beta w_{t-1}, with w_1 = (1 - 2 lr) w_0.
    lr, beta = 0.05, 0.9
    result = gradient_descent(square_grad, 1.0, lr, 50, update=Momentum(beta))
    expected = [1.0, 1 - 2 * lr]
    for _ in range(49):
        expected.append((1 + beta - 2 * lr) * expected[-1] - beta * expected[-2])
    np.testing.assert_allclose(result.path, expected, rtol=1e-9, atol=1e-15)


def test_zero_momentum_is_plain_gradient_descent_exactly():
    plain = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 40, cost=bowl)
    explicit = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 40, cost=bowl, update=Momentum(0.0))
    np.testing.assert_array_equal(plain.path, explicit.path)
    np.testing.assert_array_equal(plain.costs, explicit.costs)


def test_momentum_needs_fewer_steps_in_a_narrow_ravine():
    def ravine_grad(w):
        return np.array([2 * w[0], 100 * w[1]])

    plain = gradient_descent(ravine_grad, [-10.0, 1.0], 0.019, 2000, tol=1e-8)
    heavy = gradient_descent(ravine_grad, [-10.0, 1.0], 0.005, 2000, tol=1e-8, update=Momentum(0.8))
    assert plain.converged and heavy.converged
    assert heavy.steps < plain.steps / 1.5
    np.testing.assert_allclose(heavy.w, [0.0, 0.0], atol=1e-6)


def test_momentum_tol_measures_the_step_actually_taken():
    result = gradient_descent(bowl_grad, [4.0, 3.0], 0.05, 1000, tol=1e-6, update=Momentum(0.5))
    moves = np.linalg.norm(np.diff(result.path, axis=0), axis=1)
    assert result.converged
    assert moves[-1] <= 1e-6 * (1 + 1e-9) < moves[-2]


def test_momentum_divergence_message_names_the_update_rule():
    # On J = w^2: w_{t+1} = (1 + 0.5 - 4) w_t - 0.5 w_{t-1}, which grows like 2.3^t.
    with pytest.raises(
        DivergenceError, match=r"learning_rate=2\.0, update=Momentum\(beta=0\.5\)\)"
    ):
        gradient_descent(square_grad, 20.0, 2.0, 200, update=Momentum(0.5))


def test_plain_divergence_message_does_not_mention_an_update_rule():
    with pytest.raises(DivergenceError) as info:
        gradient_descent(square_grad, 20.0, 1.5, 100)
    assert "update" not in str(info.value)
    assert "(learning_rate=1.5);" in str(info.value)


def test_numpy_float_momentum_is_accepted():
    result = gradient_descent(square_grad, 20.0, 0.1, 3, update=Momentum(np.float64(0.5)))
    np.testing.assert_allclose(result.path, [20.0, 16.0, 10.8, 6.04], rtol=1e-12)


# --- Update rules: the engine steps w <- w - lr_t d_t along the rule's direction d_t -----------
#
# (Each rule's arithmetic is in tests/test_optimizers.py; here, what the engine does with a rule.)


@pytest.mark.parametrize("rule", [AdaGrad(), Adam()], ids=["AdaGrad", "Adam"])
def test_a_rule_state_that_overflows_is_reported_as_divergence(rule):
    # g = 1e200 is finite, but g * g = inf: the sum (AdaGrad) or average (Adam) of squares is
    # infinite, and the direction g / (sqrt(inf) + eps) is 0, so the parameters would silently
    # stop moving. The engine must see the state and raise at step 1 (Adam's state also holds
    # its step count, an int).
    def huge_grad(w):
        return np.full_like(w, 1e200)

    with pytest.raises(
        DivergenceError,
        match=rf"step 1\b: the update rule's state became NaN or infinite "
        rf"\(learning_rate=0\.1, update={re.escape(repr(rule))}\)",
    ) as info:
        gradient_descent(huge_grad, [1.0, 1.0], 0.1, 5, update=rule)
    result = info.value.result
    assert result.steps == 1
    assert result.path.tolist() == [[1.0, 1.0], [1.0, 1.0]]  # the zero step that would follow


def test_a_nan_gradient_with_a_rule_is_reported_as_divergence():
    # As test_gradient_that_turns_nan_midway_raises_at_that_step without a rule: the docstring
    # promises the same DivergenceError, with the run so far, whatever the rule (whose own step
    # would refuse the NaN with a ValueError). With momentum 0.5 from 20, lr 0.1 on J = w^2:
    # 20, 16, 10.8, 6.04 (test_momentum_first_steps_by_hand); the gradient at w_3 = 6.04 < 10 is
    # NaN, so step 4 (from w_3) is the one that diverges.
    def grad(w):
        return np.where(w > 10, 2 * w, np.nan)

    with pytest.raises(DivergenceError, match=r"step 4\b: the gradient became NaN") as info:
        gradient_descent(grad, 20.0, 0.1, 50, update=Momentum(0.5))
    np.testing.assert_allclose(info.value.result.path[:4], [20.0, 16.0, 10.8, 6.04], rtol=1e-12)


def test_tol_measures_the_rules_step_not_the_gradient_step():
    # Adam's first direction is g / (|g| + eps), about 1: from 20 on J = w^2, lr 0.1, the step
    # is 0.1 * 40 / (40 + 1e-8), just under 0.1, while lr * g would be 4. With tol 0.2 the run
    # stops after one step only if the engine measures lr * d.
    adam = gradient_descent(square_grad, 20.0, 0.1, 50, tol=0.2, update=Adam())
    assert (adam.steps, adam.converged) == (1, True)
    assert adam.w == pytest.approx(20.0 - 0.1 * 40 / (40 + 1e-8), rel=1e-15)
    # Nesterov (beta 0.5) steps further than lr * g. By hand, from 20 with lr 0.1:
    # g0 = 40, v1 = 40, d0 = 40 + 0.5 * 40 = 60, step 6 (lr * g0 = 4 would already be <= 5);
    # w1 = 14, g1 = 28, v2 = 20 + 28 = 48, d1 = 28 + 24 = 52, step 5.2 > 5;
    # w2 = 8.8, g2 = 17.6, v3 = 24 + 17.6 = 41.6, d2 = 17.6 + 20.8 = 38.4, step 3.84 <= 5.
    nesterov = gradient_descent(square_grad, 20.0, 0.1, 50, tol=5.0, update=Nesterov(0.5))
    assert (nesterov.steps, nesterov.converged) == (3, True)
    np.testing.assert_allclose(nesterov.path, [20.0, 14.0, 8.8, 4.96], rtol=1e-12)


def test_any_object_with_init_and_step_is_a_rule():
    calls = []

    class SignDescent:
        """Step lr in each coordinate, against the sign of the gradient; counts its steps."""

        def init(self, w):
            calls.append(("init", w.tolist()))
            w[...] = 999.0  # scribbles on what it was given: the engine's w must not change
            return (np.zeros(()),)

        def step(self, g, state):
            calls.append(("step", g.tolist()))
            return np.sign(g), (state[0] + 1,)

    # J = w^2, lr 0.25: w1 = (1 - 0.25, -0.35 + 0.25) = (0.75, -0.1), w2 = (0.5, 0.15),
    # w3 = (0.25, -0.1).
    result = gradient_descent(square_grad, [1.0, -0.35], 0.25, 3, update=SignDescent())
    np.testing.assert_allclose(
        result.path, [[1.0, -0.35], [0.75, -0.1], [0.5, 0.15], [0.25, -0.1]], rtol=1e-12
    )
    assert [name for name, _ in calls] == ["init", "step", "step", "step"]
    assert calls[0][1] == [1.0, -0.35]
    np.testing.assert_allclose([g for _, g in calls[1:]], 2 * result.path[:3], rtol=1e-12)


def test_one_rule_object_serves_many_runs():
    rule = Adam()
    first = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 30, update=rule)
    second = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 30, update=rule)
    fresh = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 30, update=Adam())
    np.testing.assert_array_equal(first.path, second.path)
    np.testing.assert_array_equal(first.path, fresh.path)
    assert rule == Adam()


# --- Learning-rate schedules: learning_rate(t) gives the rate of step t ---------------------


def test_a_constant_schedule_gives_the_same_run_as_the_constant():
    constant = gradient_descent(bowl_grad, [4.0, 3.0], 0.1, 30, cost=bowl)
    scheduled = gradient_descent(bowl_grad, [4.0, 3.0], lambda t: 0.1, 30, cost=bowl)
    np.testing.assert_array_equal(constant.path, scheduled.path)
    np.testing.assert_array_equal(constant.costs, scheduled.costs)


def test_schedule_is_called_with_the_step_number_from_zero():
    calls = []

    def schedule(t):
        calls.append(t)
        return 0.1

    gradient_descent(square_grad, 20.0, schedule, 5)
    assert calls == [0, 1, 2, 3, 4]


def test_schedule_is_not_called_for_zero_steps():
    def schedule(t):
        raise AssertionError("called")

    assert gradient_descent(square_grad, 20.0, schedule, 0).steps == 0


def test_scheduled_path_by_hand():
    # lr_t = 0.25 / (t + 1) on J = w^2 multiplies w by 1 - 2 lr_t at step t:
    # w1 = 20 * (1 - 0.5) = 10, w2 = 10 * (1 - 0.25) = 7.5, w3 = 7.5 * (1 - 1/6) = 6.25.
    result = gradient_descent(square_grad, 20.0, lambda t: 0.25 / (t + 1), 3)
    np.testing.assert_allclose(result.path, [20.0, 10.0, 7.5, 6.25], rtol=1e-12)


def test_schedule_with_momentum_matches_the_update_written_out():
    def schedule(t):
        return 0.08 / (1 + t / 10)

    result = gradient_descent(bowl_grad, [4.0, 3.0], schedule, 40, update=Momentum(0.6))
    w, v, path = np.array([4.0, 3.0]), 0.0, [np.array([4.0, 3.0])]
    for t in range(40):
        v = 0.6 * v + bowl_grad(w)
        w = w - schedule(t) * v
        path.append(w)
    np.testing.assert_allclose(result.path, path, rtol=1e-12)


def test_schedule_and_tol_stop_on_the_scheduled_step():
    result = gradient_descent(square_grad, 20.0, lambda t: 0.1, 1000, tol=1e-6)
    plain = gradient_descent(square_grad, 20.0, 0.1, 1000, tol=1e-6)
    assert (result.steps, result.converged) == (plain.steps, True)


@pytest.mark.parametrize(
    ("value", "error"),
    [(0.0, ValueError), ("0.1", TypeError)],
)
def test_a_bad_scheduled_rate_names_the_step(value, error):
    def schedule(t):
        return 0.1 if t < 2 else value

    with pytest.raises(error, match=r"learning_rate\(2\)"):
        gradient_descent(square_grad, 20.0, schedule, 5)


def test_divergence_with_a_schedule_reports_the_schedule():
    class Fixed:
        def __call__(self, t):
            return 1.5

        def __repr__(self):
            return "Fixed()"

    with pytest.raises(DivergenceError, match=r"step 34\b.*learning_rate=Fixed\(\)"):
        gradient_descent(square_grad, 20.0, Fixed(), 100)


# --- value_and_grad: grad(w) returns (J(w), gradient) in one call ---------------------------


def square_and_grad(w):
    return w**2, 2 * w


def bowl_and_grad(w):
    return bowl(w), bowl_grad(w)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"tol": 1e-6},
        {"update": Momentum(0.6)},
        {"learning_rate": lambda t: 0.1 / (1 + t / 10)},
    ],
    ids=["plain", "tol", "momentum", "schedule"],
)
def test_value_and_grad_gives_exactly_the_run_of_separate_functions(options):
    arguments = {"start": [4.0, 3.0], "learning_rate": 0.1, "steps": 300, **options}
    separate = gradient_descent(bowl_grad, cost=bowl, **arguments)
    together = gradient_descent(bowl_and_grad, value_and_grad=True, **arguments)
    np.testing.assert_array_equal(together.path, separate.path)
    np.testing.assert_array_equal(together.costs, separate.costs)
    assert (together.steps, together.converged) == (separate.steps, separate.converged)


def test_value_and_grad_is_called_once_at_every_point_of_the_path():
    points = []

    def recorded(w):
        points.append(float(w))
        return square_and_grad(w)

    result = gradient_descent(recorded, 20.0, 0.1, 4, value_and_grad=True)
    assert points == result.path.tolist()
    assert result.costs.tolist() == [p**2 for p in points]


def test_value_and_grad_with_zero_steps_records_the_start_cost():
    result = gradient_descent(square_and_grad, 3.0, 0.1, 0, value_and_grad=True)
    assert result.costs.tolist() == [9.0]


def test_value_and_grad_divergence_matches_separate_functions():
    with pytest.raises(DivergenceError, match=r"step 34\b") as together:
        gradient_descent(square_and_grad, 20.0, 1.5, 100, value_and_grad=True)
    with pytest.raises(DivergenceError) as separate:
        gradient_descent(square_grad, 20.0, 1.5, 100, cost=square)
    assert str(together.value) == str(separate.value)
    np.testing.assert_array_equal(together.value.result.path, separate.value.result.path)
    np.testing.assert_array_equal(together.value.result.costs, separate.value.result.costs)


def test_value_and_grad_nan_gradient_is_reported_at_the_next_step():
    # The gradient at w_1 = 16 is NaN; like a separate grad, it is caught after step 2.
    def fun(w):
        return w**2, (2 * w if w > 17 else np.nan)

    with pytest.raises(DivergenceError, match=r"step 2\b.*gradient"):
        gradient_descent(fun, 20.0, 0.1, 10, value_and_grad=True)


def test_value_and_grad_cost_undefined_at_start_is_refused():
    with pytest.raises(ValueError, match="cost is NaN or infinite at start"):
        gradient_descent(lambda w: (np.inf, 2 * w), 1.0, 0.1, 3, value_and_grad=True)


@pytest.mark.parametrize(
    ("fun", "error", "pattern"),
    [
        (lambda w: 2 * w, TypeError, r"pair \(cost, gradient\), got ndarray"),
        (lambda w: (w**2,), TypeError, r"pair \(cost, gradient\), got tuple"),
        (lambda w: (w, 2 * w), ValueError, r"single number, got an array of shape \(2,\)"),
        (lambda w: (1.0, np.zeros(3)), ValueError, r"gradient of shape \(3,\) for parameters"),
    ],
    ids=["gradient-only", "one-item", "array-cost", "wrong-shape"],
)
def test_value_and_grad_bad_return_is_refused(fun, error, pattern):
    with pytest.raises(error, match=pattern):
        gradient_descent(fun, np.array([1.0, 2.0]), 0.1, 2, value_and_grad=True)


def test_value_and_grad_and_cost_together_are_refused():
    with pytest.raises(ValueError, match="either cost or value_and_grad"):
        gradient_descent(square_and_grad, 1.0, 0.1, 2, cost=square, value_and_grad=True)


def test_value_and_grad_receives_a_copy_of_the_parameters():
    def careless(w):
        value, g = float(np.sum(w**2)), 2 * w
        w[...] = 999.0
        return value, g

    result = gradient_descent(careless, [20.0], 0.1, 5, value_and_grad=True)
    np.testing.assert_allclose(result.path[:, 0], 20 * 0.8 ** np.arange(6), rtol=1e-12)


@pytest.mark.parametrize(
    ("fun", "pattern"),
    [
        (lambda w: (None, 2 * w), r"grad \(its cost\) returned None"),
        (lambda w: (w**2, "2w"), r"grad \(its gradient\) must return numbers"),
    ],
    ids=["none-cost", "text-gradient"],
)
def test_value_and_grad_non_numbers_are_refused(fun, pattern):
    with pytest.raises(TypeError, match=pattern):
        gradient_descent(fun, 1.0, 0.1, 2, value_and_grad=True)
