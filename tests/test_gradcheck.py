"""Unit tests for gdtutor.gradcheck, checked against gradients derived by hand.

A mistake in each argument is refused as tests/test_bad_inputs.py shows.
"""

from __future__ import annotations

import numpy as np
import pytest

from gdtutor import gradient_error, numerical_gradient


def sum_of_squares(w):
    return np.sum(w**2)


def sum_of_squares_grad(w):
    return 2 * w


# --- numerical_gradient ----------------------------------------------------------------------


def test_numerical_gradient_of_sum_of_squares():
    w = np.array([1.0, -2.0, 0.5])
    np.testing.assert_allclose(numerical_gradient(sum_of_squares, w), 2 * w, atol=1e-6)


def test_numerical_gradient_of_sin():
    w = np.array([0.3, 1.2, -2.5, 3.0])
    estimate = numerical_gradient(lambda v: np.sum(np.sin(v)), w)
    np.testing.assert_allclose(estimate, np.cos(w), atol=1e-6)


def test_numerical_gradient_of_a_function_that_mixes_parameters():
    # J = w0 w1 + exp(w0): dJ/dw0 = w1 + exp(w0), dJ/dw1 = w0.
    w = np.array([0.5, -1.5])
    estimate = numerical_gradient(lambda v: v[0] * v[1] + np.exp(v[0]), w)
    np.testing.assert_allclose(estimate, [w[1] + np.exp(w[0]), w[0]], atol=1e-6)


def test_numerical_gradient_keeps_a_matrix_shape():
    w = np.array([[1.0, -0.5], [2.0, 0.25]])
    estimate = numerical_gradient(lambda v: np.sum(v**3), w)
    assert estimate.shape == (2, 2)
    np.testing.assert_allclose(estimate, 3 * w**2, atol=1e-6)


def test_numerical_gradient_of_a_scalar_input():
    estimate = numerical_gradient(lambda v: v**3, 2.0)
    assert np.shape(estimate) == ()
    assert float(estimate) == pytest.approx(12.0, abs=1e-6)


def test_numerical_gradient_converts_integer_input_to_float():
    # With an int array, w + eps would truncate back to w and the estimate would be 0/0 or 0.
    estimate = numerical_gradient(sum_of_squares, [1, 2])
    assert estimate.dtype == np.float64
    np.testing.assert_allclose(estimate, [2.0, 4.0], atol=1e-6)


def test_numerical_gradient_uses_eps_as_the_half_width():
    # For w^3 the central difference is exactly ((w+e)^3 - (w-e)^3) / (2e) = 3 w^2 + e^2.
    estimate = numerical_gradient(lambda v: v**3, 2.0, eps=0.1)
    assert float(estimate) == pytest.approx(12.0 + 0.01, rel=1e-9)


def test_numerical_gradient_does_not_modify_its_input():
    w = np.array([1.0, 2.0])
    numerical_gradient(sum_of_squares, w)
    np.testing.assert_array_equal(w, [1.0, 2.0])


def test_numerical_gradient_is_zero_at_a_minimum():
    estimate = numerical_gradient(sum_of_squares, [0.0, 0.0])
    np.testing.assert_array_equal(estimate, [0.0, 0.0])


# --- gradient_error --------------------------------------------------------------------------


def test_gradient_error_is_tiny_for_a_right_gradient():
    assert gradient_error(sum_of_squares, sum_of_squares_grad, [1.0, -2.0, 3.0]) < 1e-8


def test_gradient_error_is_large_for_a_gradient_missing_a_factor_two():
    # Analytic w against true 2w: error = |w| / (|w| + 2|w|) = 1/3.
    error = gradient_error(sum_of_squares, lambda w: w, [1.0, -2.0, 3.0])
    assert error > 0.1
    assert error == pytest.approx(1 / 3, rel=1e-6)


def test_gradient_error_is_large_for_a_gradient_with_the_wrong_sign():
    # Analytic -2w against true 2w: error = |4w| / |4w| = 1.
    error = gradient_error(sum_of_squares, lambda w: -2 * w, [1.0, -2.0, 3.0])
    assert error == pytest.approx(1.0, rel=1e-6)


def test_gradient_error_catches_a_wrong_entry_in_a_mixed_gradient():
    def cost(w):
        return w[0] ** 2 + 3 * w[1]

    right = gradient_error(cost, lambda w: np.array([2 * w[0], 3.0]), [1.5, 2.0])
    wrong = gradient_error(cost, lambda w: np.array([w[0], 3.0]), [1.5, 2.0])
    assert right < 1e-8
    assert wrong > 0.1


def test_gradient_error_for_a_scalar_parameter():
    assert gradient_error(lambda w: np.sin(w), lambda w: np.cos(w), 0.7) < 1e-8
    assert gradient_error(lambda w: np.sin(w), lambda w: -np.cos(w), 0.7) > 0.1


def test_gradient_error_converts_integer_input_to_float():
    assert gradient_error(sum_of_squares, sum_of_squares_grad, [1, 2, 3]) < 1e-8


def test_gradient_error_is_zero_when_both_gradients_vanish():
    # Both are exactly 0 at the minimum: the 1e-12 floor avoids 0/0 (and its warning).
    assert gradient_error(sum_of_squares, sum_of_squares_grad, [0.0, 0.0]) == 0.0


def test_gradient_error_returns_a_python_float():
    assert type(gradient_error(sum_of_squares, sum_of_squares_grad, [1.0, 2.0])) is float
