"""Tests for gdtutor.autodiff, reverse-mode automatic differentiation.

Each operation is checked three ways: against central finite differences
(gdtutor.numerical_gradient) on random inputs drawn by hypothesis, shapes and broadcasting
included; against gradients written out in closed form (softmax, a two-layer network by hand);
and for the semantics of the backward pass (replaced, not accumulated across calls; accumulated
within one; constants left alone; deep graphs). Finite differences are compared through a random
weighting of the output, J = sum(c * f(x)), so that every entry of the Jacobian counts, not only
its column sums. A mistake in each argument is refused as tests/test_bad_inputs.py shows; the
messages of the errors only the backward pass can find are checked here.
"""

from __future__ import annotations

import operator
import warnings

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdtutor import gradient_descent, numerical_gradient
from gdtutor.autodiff import (
    Tensor,
    exp,
    grad,
    log,
    logsumexp,
    relu,
    sigmoid,
    softmax_cross_entropy,
    softplus,
    tanh,
    value_and_grad,
)
from gdtutor.datasets import noisy_line
from gdtutor.linear import add_bias, mse, mse_gradient
from tests.test_properties import PROFILE, seeds

# --- The finite-difference check, and what it is fed ------------------------------------------


def random_weights(shape, seed):
    """Weights of size 0.5 to 1.5 and either sign: no entry of the output can hide."""
    rng = np.random.default_rng(seed)
    return rng.uniform(0.5, 1.5, shape) * rng.choice([-1.0, 1.0], shape)


def assert_matches_finite_differences(function, *arrays, seed=0):
    """Reverse mode against central differences, for every argument of ``function``.

    ``function(*tensors)`` returns a Tensor of any shape; the scalar differentiated is
    J = sum(c * function(*tensors)) for random weights c. Central differences with eps = 1e-6
    lose about EPS * sum|c f| / eps ~ 2e-10 * sum|c f| to rounding, and eps^2 / 6 * |f'''| to
    truncation (below 1e-10 on the ranges drawn here): atol 1e-7 * (1 + sum|c f|) is far above
    both and far below any wrong formula.
    """
    arrays = [np.asarray(a, dtype=float) for a in arrays]
    tensors = [Tensor(a) for a in arrays]
    out = function(*tensors)
    assert isinstance(out, Tensor)
    weights = random_weights(out.shape, seed)
    (out * weights).sum().backward()
    scale = 1 + float(np.sum(np.abs(weights * out.value)))
    for i, array in enumerate(arrays):

        def J(v, i=i):
            args = [Tensor(v) if j == i else Tensor(a) for j, a in enumerate(arrays)]
            return float(np.sum(function(*args).value * weights))

        numeric = numerical_gradient(J, array)
        analytic = tensors[i].grad
        assert analytic is not None, f"argument {i} got no gradient"
        assert analytic.shape == array.shape, (analytic.shape, array.shape)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-7 * scale, err_msg=f"{i}")


def floats(low=-3.0, high=3.0):
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


# Numbers at least 0.5 from 0, of either sign: denominators, negative powers, relu's kink.
away_from_zero = st.tuples(floats(0.5, 3.0), st.sampled_from([-1.0, 1.0])).map(
    lambda pair: pair[0] * pair[1]
)
shapes = hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=4)


def arrays(shape, elements=None):
    return hnp.arrays(float, shape, elements=floats() if elements is None else elements)


# --- Element-wise functions -------------------------------------------------------------------

UNARY = {
    # name: (the function on tensors, the same on arrays, the numbers to draw)
    "exp": (exp, np.exp, floats(-5.0, 5.0)),
    "t.exp()": (lambda t: t.exp(), np.exp, floats(-5.0, 5.0)),
    "log": (log, np.log, floats(0.1, 10.0)),
    "t.log()": (lambda t: t.log(), np.log, floats(0.1, 10.0)),
    "tanh": (tanh, np.tanh, floats()),
    "t.tanh()": (lambda t: t.tanh(), np.tanh, floats()),
    "relu": (relu, lambda x: np.maximum(x, 0.0), away_from_zero),
    "t.relu()": (lambda t: t.relu(), lambda x: np.maximum(x, 0.0), away_from_zero),
    "sigmoid": (sigmoid, lambda x: 1 / (1 + np.exp(-x)), floats(-6.0, 6.0)),
    "t.sigmoid()": (lambda t: t.sigmoid(), lambda x: 1 / (1 + np.exp(-x)), floats(-6.0, 6.0)),
    "softplus": (softplus, lambda x: np.log1p(np.exp(x)), floats(-6.0, 6.0)),
    "t.softplus()": (lambda t: t.softplus(), lambda x: np.log1p(np.exp(x)), floats(-6.0, 6.0)),
    "-t": (operator.neg, np.negative, floats()),
}


@pytest.mark.parametrize("name", UNARY)
@PROFILE
@given(data=st.data())
def test_element_wise_functions_match_finite_differences(name, data):
    function, reference, elements = UNARY[name]
    x = data.draw(arrays(data.draw(shapes), elements))
    out = function(Tensor(x))
    assert out.shape == x.shape
    np.testing.assert_allclose(out.value, reference(x), rtol=1e-12, atol=1e-15)
    assert_matches_finite_differences(function, x, seed=data.draw(seeds))


@pytest.mark.parametrize(
    ("function", "derivative"),
    [
        (exp, np.exp),
        (log, lambda x: 1 / x),
        (tanh, lambda x: 1 / np.cosh(x) ** 2),
        (relu, lambda x: (x > 0).astype(float)),
        (sigmoid, lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
        (softplus, lambda x: 1 / (1 + np.exp(-x))),
    ],
)
def test_element_wise_derivatives_in_closed_form(function, derivative):
    x = np.array([0.3, 1.7, 2.9, 0.05, 4.0])  # positive, for log
    for points in (x, -x) if function is not log else (x,):
        t = Tensor(points)
        function(t).sum().backward()
        np.testing.assert_allclose(t.grad, derivative(points), rtol=1e-13, atol=1e-300)


def test_relu_has_slope_0_at_0_and_below():
    t = Tensor([-2.0, 0.0, 3.0])
    relu(t).sum().backward()
    np.testing.assert_array_equal(t.grad, [0.0, 0.0, 1.0])


def test_module_functions_take_plain_numbers_as_constants():
    for function in (exp, log, tanh, relu, sigmoid, softplus):
        out = function(2.0)
        assert isinstance(out, Tensor) and out.shape == ()
        out.backward()  # nothing to differentiate: no error, and the output's own grad is 1
        assert out.grad == 1.0


# --- Binary operations, with broadcasting and constants -----------------------------------------

BINARY = {
    "+": (operator.add, np.add),
    "-": (operator.sub, np.subtract),
    "*": (operator.mul, np.multiply),
    "/": (operator.truediv, np.divide),
}

BROADCAST_PAIRS = [
    ((3, 4), (3, 4)),
    ((3, 4), (4,)),
    ((4,), (3, 4)),
    ((3, 4), (3, 1)),
    ((3, 1), (3, 4)),
    ((3, 4), (1, 4)),
    ((1, 4), (3, 4)),
    ((3, 1), (1, 4)),
    ((3, 4), ()),
    ((), (3, 4)),
    ((1,), (3, 4)),
    ((3, 4), (1, 1)),
    ((), ()),
    ((2, 3, 4), (3, 1)),
]


@pytest.mark.parametrize("symbol", BINARY)
@pytest.mark.parametrize(("left", "right"), BROADCAST_PAIRS, ids=str)
@PROFILE
@given(data=st.data())
def test_binary_operations_broadcast_and_match_finite_differences(symbol, left, right, data):
    op, reference = BINARY[symbol]
    a = data.draw(arrays(left))
    b = data.draw(arrays(right, away_from_zero))  # a denominator
    out = op(Tensor(a), Tensor(b))
    assert out.shape == np.broadcast_shapes(left, right)
    np.testing.assert_allclose(out.value, reference(a, b), rtol=1e-15, atol=0)
    assert_matches_finite_differences(op, a, b, seed=data.draw(seeds))


@pytest.mark.parametrize("symbol", BINARY)
@PROFILE
@given(
    shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3), data=st.data()
)
def test_binary_operations_on_any_broadcastable_shapes(symbol, shapes, data):
    op, _ = BINARY[symbol]
    left, right = shapes.input_shapes
    a = data.draw(arrays(left))
    b = data.draw(arrays(right, away_from_zero))
    assert_matches_finite_differences(op, a, b, seed=data.draw(seeds))


@pytest.mark.parametrize("symbol", BINARY)
@pytest.mark.parametrize("constant_kind", ["array", "float", "numpy scalar", "int"])
@pytest.mark.parametrize("side", ["constant on the left", "constant on the right"])
@PROFILE
@given(data=st.data())
def test_constants_mix_in_on_either_side(symbol, constant_kind, side, data):
    # `array + tensor` reaches Tensor.__radd__ (numpy defers: __array_ufunc__ = None), and so on.
    op, reference = BINARY[symbol]
    shape = data.draw(st.sampled_from([(3, 4), (4,), ()]))
    x = data.draw(arrays(shape, away_from_zero))
    if constant_kind == "array":
        constant = data.draw(arrays((4,), away_from_zero))
    else:
        number = data.draw(away_from_zero)
        constant = {
            "float": number,
            "numpy scalar": np.float64(number),
            "int": 2 if number > 0 else -3,
        }[constant_kind]
    before = np.array(constant, copy=True)
    if side == "constant on the left":

        def function(t):
            return op(constant, t)

        expected = reference(constant, x)
    else:

        def function(t):
            return op(t, constant)

        expected = reference(x, constant)
    out = function(Tensor(x))
    assert isinstance(out, Tensor), type(out)
    np.testing.assert_allclose(out.value, expected, rtol=1e-15, atol=0)
    assert_matches_finite_differences(function, x, seed=data.draw(seeds))
    np.testing.assert_array_equal(constant, before)  # the constant is left as it was
    if isinstance(constant, np.ndarray):
        assert constant.flags.writeable  # and not frozen by the tensor that holds a copy


def test_constant_operands_in_closed_form():
    t = Tensor([1.0, 2.0, 4.0])
    for function, expected in [
        (lambda t: 2.0 * t, [2.0, 2.0, 2.0]),
        (lambda t: t * 3, [3.0, 3.0, 3.0]),
        (lambda t: 1 / t, [-1.0, -0.25, -0.0625]),
        (lambda t: 5.0 - t, [-1.0, -1.0, -1.0]),
        (lambda t: np.array([1.0, 2.0, 3.0]) + t, [1.0, 1.0, 1.0]),
        (lambda t: np.array([1.0, 2.0, 3.0]) * t, [1.0, 2.0, 3.0]),
        (lambda t: np.array([1.0, 2.0, 4.0]) / t, [-1.0, -0.5, -0.25]),
        (lambda t: t / 2, [0.5, 0.5, 0.5]),
    ]:
        function(t).sum().backward()
        np.testing.assert_array_equal(t.grad, expected)


# --- Matrix products ----------------------------------------------------------------------------

MATMUL_SHAPES = [
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((3,), (3, 2)),
    ((2, 3), (3, 4)),
    ((3, 3), (3, 3)),  # square: a transpose in the wrong place cannot hide behind a shape error
    ((1, 3), (3, 1)),
    ((3, 1), (1, 2)),
    ((1,), (1, 4)),
]


@pytest.mark.parametrize(("left", "right"), MATMUL_SHAPES, ids=str)
@PROFILE
@given(data=st.data())
def test_matmul_of_every_1d_2d_combination(left, right, data):
    a, b = data.draw(arrays(left)), data.draw(arrays(right))
    out = Tensor(a) @ Tensor(b)
    assert out.shape == (a @ b).shape
    np.testing.assert_allclose(out.value, a @ b, rtol=1e-12, atol=1e-12)
    seed = data.draw(seeds)
    assert_matches_finite_differences(operator.matmul, a, b, seed=seed)
    # A constant on either side: `array @ tensor` and `tensor @ array`.
    assert_matches_finite_differences(lambda t: a @ t, b, seed=seed)
    assert_matches_finite_differences(lambda t: t @ b, a, seed=seed)
    assert isinstance(a @ Tensor(b), Tensor)


def test_matmul_gradients_in_closed_form():
    # d(c . (A B)) / dA = c B^T, and / dB = A^T c, for a weight matrix c.
    rng = np.random.default_rng(0)
    A, B, c = rng.normal(size=(3, 4)), rng.normal(size=(4, 2)), rng.normal(size=(3, 2))
    a, b = Tensor(A), Tensor(B)
    ((a @ b) * c).sum().backward()
    np.testing.assert_allclose(a.grad, c @ B.T, rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(b.grad, A.T @ c, rtol=1e-14, atol=1e-14)
    # Vector times vector: the gradient of u . v is v (and u).
    u, v = Tensor([1.0, 2.0, 3.0]), Tensor([-1.0, 0.5, 4.0])
    (u @ v).backward()
    np.testing.assert_array_equal(u.grad, [-1.0, 0.5, 4.0])
    np.testing.assert_array_equal(v.grad, [1.0, 2.0, 3.0])


# --- Indexing, reshaping, reductions ------------------------------------------------------------

INDICES = {
    "slice": np.s_[1:3],
    "reversed": np.s_[::-1],
    "a column": np.s_[:, 2],
    "one entry": np.s_[1, 2],
    "a block": np.s_[1:, ::2],
    "repeated rows": np.s_[[0, 0, 3, 0]],
    "repeated entries": np.s_[[1, 1, 2], [2, 2, 0]],
    "an int array": np.s_[np.array([3, 3, 3, 1])],
    "a boolean mask": np.s_[np.array([True, False, True, True])],
    "ellipsis": np.s_[..., 1],
    "new axis": np.s_[None, 1:],
    "negative": np.s_[-1],
}


@pytest.mark.parametrize("name", INDICES)
@PROFILE
@given(data=st.data())
def test_indexing_matches_finite_differences(name, data):
    index = INDICES[name]
    x = data.draw(arrays((4, 5)))
    out = Tensor(x)[index]
    np.testing.assert_array_equal(out.value, x[index])
    assert_matches_finite_differences(lambda t: t[index], x, seed=data.draw(seeds))


def test_repeated_indices_add_up():
    # Each use of an entry sends its share back: entry 0 taken three times gets 3.
    t = Tensor(np.arange(5.0))
    t[[0, 0, 0, 2]].sum().backward()
    np.testing.assert_array_equal(t.grad, [3.0, 0.0, 1.0, 0.0, 0.0])
    m = Tensor(np.zeros((2, 3)))
    (m[[1, 1, 0], [2, 2, 2]] * np.array([1.0, 10.0, 100.0])).sum().backward()
    np.testing.assert_array_equal(m.grad, [[0.0, 0.0, 100.0], [0.0, 0.0, 11.0]])
    # Two index operations on the same tensor add up too.
    t = Tensor(np.arange(4.0))
    (t[1:3].sum() + t[2:].sum() * 2).backward()
    np.testing.assert_array_equal(t.grad, [0.0, 1.0, 3.0, 2.0])


RESHAPES = {
    "reshape(3, 4)": lambda t: t.reshape(3, 4),
    "reshape((2, 6))": lambda t: t.reshape((2, 6)),
    "reshape(-1)": lambda t: t.reshape(-1),
    "reshape(2, 2, 3)": lambda t: t.reshape(2, 2, 3),
    "reshape(4, 3).T": lambda t: t.reshape(4, 3).T,
    "reshape(2, 3, 2).T": lambda t: t.reshape(2, 3, 2).T,
    "reshape(-1).T": lambda t: t.reshape(-1).T,
}


@pytest.mark.parametrize("name", RESHAPES)
@PROFILE
@given(data=st.data())
def test_reshape_and_transpose_match_finite_differences(name, data):
    function = RESHAPES[name]
    x = data.draw(arrays((12,)))
    assert_matches_finite_differences(function, x, seed=data.draw(seeds))


def test_transpose_in_closed_form():
    t = Tensor(np.zeros((2, 3)))
    (t.T * np.arange(6.0).reshape(3, 2)).sum().backward()
    np.testing.assert_array_equal(t.grad, np.arange(6.0).reshape(3, 2).T)
    assert t.T.shape == (3, 2) and t.reshape(6).shape == (6,) and t.ndim == 2


AXES = [None, 0, 1, -1, (0, 1), (1,)]


@pytest.mark.parametrize("reduction", ["sum", "mean"])
@pytest.mark.parametrize("axis", AXES, ids=str)
@pytest.mark.parametrize("keepdims", [False, True])
@PROFILE
@given(data=st.data())
def test_sum_and_mean_match_finite_differences(reduction, axis, keepdims, data):
    x = data.draw(arrays(data.draw(st.sampled_from([(3, 4), (1, 5), (4, 1)]))))

    def function(t):
        return getattr(t, reduction)(axis=axis, keepdims=keepdims)

    expected = getattr(np, reduction)(x, axis=axis, keepdims=keepdims)
    out = function(Tensor(x))
    assert out.shape == expected.shape
    np.testing.assert_allclose(out.value, expected, rtol=1e-14, atol=1e-14)
    assert_matches_finite_differences(function, x, seed=data.draw(seeds))


def test_mean_divides_by_the_count_it_averages():
    t = Tensor(np.ones((3, 4)))
    t.mean().backward()
    np.testing.assert_array_equal(t.grad, np.full((3, 4), 1 / 12))
    t.mean(axis=0).sum().backward()
    np.testing.assert_array_equal(t.grad, np.full((3, 4), 1 / 3))
    t.mean(axis=1, keepdims=True).sum().backward()
    np.testing.assert_array_equal(t.grad, np.full((3, 4), 1 / 4))
    v = Tensor([2.0, 4.0])
    v.mean().backward()
    np.testing.assert_array_equal(v.grad, [0.5, 0.5])


def test_sum_refuses_an_axis_it_does_not_have():
    with pytest.raises(np.exceptions.AxisError):
        Tensor(np.ones(3)).sum(axis=1)


# --- Powers ---------------------------------------------------------------------------------------

INTEGER_POWERS = [2, 3, 1, 0, -1, -2, np.int64(3), 4.0]
FRACTIONAL_POWERS = [0.5, 1.5, 1 / 3, -0.5, 2.5, np.float64(0.25)]


@pytest.mark.parametrize("power", INTEGER_POWERS, ids=repr)
@PROFILE
@given(data=st.data())
def test_integer_powers_of_either_sign(power, data):
    x = data.draw(arrays(data.draw(shapes), away_from_zero))
    out = Tensor(x) ** power
    np.testing.assert_allclose(out.value, x ** float(power), rtol=1e-14, atol=0)
    assert_matches_finite_differences(lambda t: t**power, x, seed=data.draw(seeds))


@pytest.mark.parametrize("power", FRACTIONAL_POWERS, ids=repr)
@PROFILE
@given(data=st.data())
def test_fractional_powers_of_positive_numbers(power, data):
    x = data.draw(arrays(data.draw(shapes), floats(0.5, 4.0)))
    assert_matches_finite_differences(lambda t: t**power, x, seed=data.draw(seeds))


def test_powers_in_closed_form():
    x = np.array([0.5, 2.0, 3.0])
    for p in (2, 3, -1, 0.5, 1.5):
        t = Tensor(x)
        (t**p).sum().backward()
        np.testing.assert_allclose(t.grad, p * x ** (p - 1), rtol=1e-15, atol=0)
    t = Tensor([0.0, -2.0])  # integer powers are fine at 0 and below
    (t**2 + t**3).sum().backward()
    np.testing.assert_array_equal(t.grad, [0.0, -4.0 + 12.0])


def test_the_zeroth_power_has_derivative_0_even_at_0():
    t = Tensor([0.0, 2.0])
    (t**0).sum().backward()
    np.testing.assert_array_equal(t.grad, [0.0, 0.0])


# --- logsumexp and the softmax cross-entropy ------------------------------------------------------


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("axis", [0, 1, -1, -2])
@pytest.mark.parametrize("keepdims", [False, True])
@PROFILE
@given(data=st.data())
def test_logsumexp_matches_finite_differences_and_its_gradient_is_the_softmax(axis, keepdims, data):
    x = data.draw(arrays((3, 4), floats(-5.0, 5.0)))
    out = logsumexp(Tensor(x), axis=axis, keepdims=keepdims)
    expected = np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))
    np.testing.assert_allclose(out.value, expected, rtol=1e-13, atol=1e-13)
    seed = data.draw(seeds)
    assert_matches_finite_differences(
        lambda t: logsumexp(t, axis=axis, keepdims=keepdims), x, seed=seed
    )
    # Closed form: with weights c on the outputs, the gradient is c times the softmax.
    t = Tensor(x)
    c = random_weights(out.shape, seed)
    (logsumexp(t, axis=axis, keepdims=keepdims) * c).sum().backward()
    c_kept = c if keepdims else np.expand_dims(c, axis)
    np.testing.assert_allclose(t.grad, c_kept * softmax(x, axis), rtol=1e-13, atol=1e-15)


def test_logsumexp_of_a_vector_is_a_single_number():
    t = Tensor([0.0, np.log(3.0)])
    out = logsumexp(t)
    assert out.shape == ()
    assert out.value == pytest.approx(np.log(4.0), rel=1e-15)
    out.backward()
    np.testing.assert_allclose(t.grad, [0.25, 0.75], rtol=1e-15)


@PROFILE
@given(data=st.data())
def test_softmax_cross_entropy_is_softmax_minus_onehot_over_n(data):
    n, k = data.draw(st.integers(1, 5)), data.draw(st.integers(2, 4))
    z = data.draw(arrays((n, k), floats(-5.0, 5.0)))
    labels = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    t = Tensor(z)
    J = softmax_cross_entropy(t, labels)
    assert J.shape == ()
    probabilities = softmax(z)
    expected = -np.mean(np.log(probabilities[np.arange(n), labels]))
    assert J.value == pytest.approx(expected, rel=1e-12, abs=1e-14)
    J.backward()
    onehot = np.eye(k)[labels]
    np.testing.assert_allclose(t.grad, (probabilities - onehot) / n, rtol=1e-12, atol=1e-15)
    assert_matches_finite_differences(lambda t: softmax_cross_entropy(t, labels), z)


def test_softmax_cross_entropy_takes_labels_as_lists_and_unsigned_integers():
    z = np.array([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    values = [
        softmax_cross_entropy(z, labels).value
        for labels in ([0, 2], np.array([0, 2], dtype=np.uint8), np.array([0, 2], dtype=np.int32))
    ]
    assert values[0] == values[1] == values[2]
    assert values[0] == pytest.approx((np.log(2 + np.exp(2.0)) - 2 + np.log(3.0)) / 2, rel=1e-14)


# --- Numerical stability -------------------------------------------------------------------------


@pytest.fixture
def warnings_are_errors():
    """Independently of the suite's filterwarnings: any warning (overflow) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.mark.usefixtures("warnings_are_errors")
@pytest.mark.parametrize("shift", [1000.0, -1000.0, 1e300, -1e300])
def test_logsumexp_of_huge_logits_is_finite(shift):
    x = np.array([0.0, np.log(3.0)])
    t = Tensor(x + shift)
    out = logsumexp(t)
    out.backward()
    assert np.isfinite(out.value) and np.all(np.isfinite(t.grad))
    assert out.value - shift == pytest.approx(np.log(4.0), abs=1e-12 * abs(shift) + 1e-14)
    if abs(shift) == 1000.0:  # at 1e300 the shift swamps log 3: see the next test
        np.testing.assert_allclose(t.grad, [0.25, 0.75], rtol=1e-12)


@pytest.mark.usefixtures("warnings_are_errors")
@pytest.mark.parametrize("logit", [1000.0, 1e17, -1e17, 1e300, -1e300])
def test_the_gradient_of_logsumexp_adds_up_to_1_for_any_finite_logits(logit):
    # Where logsumexp - max (here log 2) is below the logits' rounding, exp(x - logsumexp(x))
    # would round to exp(x - max) = (1, 1): the softmax must be normalised by its own sum.
    t = Tensor([logit, logit])
    logsumexp(t).backward()
    np.testing.assert_array_equal(t.grad, [0.5, 0.5])


@pytest.mark.usefixtures("warnings_are_errors")
def test_logsumexp_of_a_huge_spread_puts_all_the_weight_on_the_largest():
    t = Tensor([[1000.0, -1000.0], [-1000.0, 1000.0], [1000.0, 1000.0]])
    out = logsumexp(t, axis=1)
    out.sum().backward()
    np.testing.assert_allclose(out.value, [1000.0, 1000.0, 1000.0 + np.log(2.0)], rtol=1e-15)
    np.testing.assert_array_equal(t.grad, [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])


@pytest.mark.usefixtures("warnings_are_errors")
def test_softmax_cross_entropy_at_logits_of_1000():
    z = np.array([[1000.0, 0.0, -1000.0]] * 3)
    t = Tensor(z)
    J = softmax_cross_entropy(t, [0, 1, 2])
    J.backward()
    # Per row: logsumexp = 1000, so the losses are 0, 1000 and 2000; the softmax is (1, 0, 0).
    assert J.value == pytest.approx(1000.0, rel=1e-15)
    expected = (np.array([[1.0, 0.0, 0.0]] * 3) - np.eye(3)) / 3
    np.testing.assert_allclose(t.grad, expected, rtol=0, atol=1e-300)


@pytest.mark.usefixtures("warnings_are_errors")
@PROFILE
@given(data=st.data())
def test_softmax_cross_entropy_ignores_a_shift_of_1000_per_row(data):
    z = data.draw(arrays((3, 4), floats(-5.0, 5.0)))
    labels = np.array(data.draw(st.lists(st.integers(0, 3), min_size=3, max_size=3)))
    shift = data.draw(arrays((3, 1), floats(-1000.0, 1000.0)))
    near, far = Tensor(z), Tensor(z + shift)
    J_near, J_far = softmax_cross_entropy(near, labels), softmax_cross_entropy(far, labels)
    J_near.backward()
    J_far.backward()
    # Adding up to 1000 rounds the logits by up to 1000 * EPS: that much error, and no more.
    assert J_far.value == pytest.approx(J_near.value, abs=1e-11)
    np.testing.assert_allclose(far.grad, near.grad, rtol=0, atol=1e-11)


@pytest.mark.usefixtures("warnings_are_errors")
@pytest.mark.parametrize("big", [800.0, 1e5, 1e300])
def test_sigmoid_and_softplus_of_huge_inputs_do_not_overflow(big):
    t = Tensor([-big, 0.0, big])
    s = sigmoid(t)
    s.sum().backward()
    np.testing.assert_array_equal(s.value, [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(t.grad, [0.0, 0.25, 0.0])
    t = Tensor([-big, 0.0, big])
    p = softplus(t)
    p.sum().backward()
    np.testing.assert_allclose(p.value, [0.0, np.log(2.0), big], rtol=1e-15, atol=0)
    np.testing.assert_array_equal(t.grad, [0.0, 0.5, 1.0])


# --- Closed-form gradients of whole models --------------------------------------------------------


def test_two_layer_tanh_network_against_backpropagation_by_hand():
    rng = np.random.default_rng(1)
    n, d, k = 7, 3, 5
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    W1, b1, w2, b2 = rng.normal(size=(d, k)), rng.normal(size=k), rng.normal(size=k), 0.3
    params = [Tensor(p) for p in (W1, b1, w2, b2)]
    W1_t, b1_t, w2_t, b2_t = params
    prediction = tanh(X @ W1_t + b1_t) @ w2_t + b2_t
    J = ((prediction - y) ** 2).mean()
    J.backward()
    # By hand: the forward pass, then the chain rule one layer at a time.
    h = np.tanh(X @ W1 + b1)
    r = h @ w2 + b2 - y
    assert J.value == pytest.approx(np.mean(r**2), rel=1e-14)
    dp = 2 * r / n
    dz = np.outer(dp, w2) * (1 - h**2)
    by_hand = [X.T @ dz, dz.sum(axis=0), h.T @ dp, dp.sum()]
    for auto, hand in zip(params, by_hand, strict=True):
        np.testing.assert_allclose(auto.grad, hand, rtol=1e-12, atol=1e-14)


def test_logistic_regression_against_its_gradient_by_hand():
    # J(w) = mean(softplus(-y Xw)) for labels y in {-1, 1}; grad = -X^T (y sigmoid(-y Xw)) / n.
    rng = np.random.default_rng(2)
    X, y, w = rng.normal(size=(20, 3)), rng.choice([-1.0, 1.0], 20), rng.normal(size=3)
    value, g = value_and_grad(lambda v: softplus(-y * (X @ v)).mean())(w)
    margin = -y * (X @ w)
    assert value == pytest.approx(np.mean(np.logaddexp(0, margin)), rel=1e-14)
    np.testing.assert_allclose(g, -X.T @ (y / (1 + np.exp(-margin))) / 20, rtol=1e-12, atol=1e-15)


def test_least_squares_gradient_is_the_libraries_mse_gradient():
    x, y = noisy_line(30, intercept=1.0, slope=-2.0, noise=0.5, rng=3)
    X = add_bias(x)
    for w in (np.zeros(2), np.array([0.4, -1.7]), np.array([30.0, 5.0])):
        value, g = value_and_grad(lambda v: ((y - X @ v) ** 2).mean())(w)
        assert value == pytest.approx(mse(w, X, y), rel=1e-13)
        scale = np.linalg.norm(X, 2) * (np.linalg.norm(y) + np.linalg.norm(X @ w))
        np.testing.assert_allclose(g, mse_gradient(w, X, y), rtol=0, atol=1e-14 * scale)


# --- Semantics of the backward pass ---------------------------------------------------------------


def test_backward_twice_gives_the_same_gradients():
    w = Tensor([1.0, -2.0, 3.0])
    h = w * w
    J = (h * 3.0).sum()
    J.backward()
    first = w.grad.copy(), h.grad.copy()
    J.backward()
    np.testing.assert_array_equal(w.grad, first[0])  # replaced, not doubled
    np.testing.assert_array_equal(h.grad, first[1])
    np.testing.assert_array_equal(w.grad, [6.0, -12.0, 18.0])


def test_a_tensor_used_twice_accumulates():
    w = Tensor([1.0, -2.0])
    (w * w).sum().backward()
    np.testing.assert_array_equal(w.grad, [2.0, -4.0])
    (w + w + w).sum().backward()
    np.testing.assert_array_equal(w.grad, [3.0, 3.0])
    # A diamond: w feeds a and b, both feed out. d/dw (2w * w^2) = 6 w^2.
    a, b = w * 2.0, w**2
    (a * b).sum().backward()
    np.testing.assert_array_equal(w.grad, [6.0, 24.0])


def test_a_seed_weights_the_outputs():
    w = Tensor([1.0, 2.0, 3.0])
    out = w**2
    out.backward([1.0, 0.0, -2.0])
    np.testing.assert_array_equal(w.grad, [2.0, 0.0, -12.0])
    np.testing.assert_array_equal(out.grad, [1.0, 0.0, -2.0])


def test_grad_of_a_function_that_does_not_depend_on_w_is_zeros():
    for f in (
        lambda w: Tensor(3.0),
        lambda w: exp(2.0),
        lambda w: (w * 0.0).sum(),
        lambda w: w.sum() - w.sum(),
    ):
        for w in (1.5, np.array([1.0, 2.0]), np.ones((2, 3))):
            g = grad(f)(w)
            assert np.shape(g) == np.shape(w)
            np.testing.assert_array_equal(g, np.zeros(np.shape(w)))


def test_value_and_grad_returns_an_ndarray_for_a_single_number_used_twice():
    # numpy adds two 0-d arrays into a numpy scalar (np.float64), not an array: kept an array.
    g = grad(lambda w: w * w)(3.0)
    assert isinstance(g, np.ndarray) and g.shape == () and g == 6.0


def test_constants_get_no_gradient():
    w = Tensor([1.0, 2.0])
    c = np.array([3.0, 4.0])
    out = (w * c + 5.0).sum()
    out.backward()
    product = out.parents[0].parents[0]  # (w * c + 5.0).sum() <- + <- *
    assert product.op == "mul"
    constant = product.parents[1]
    assert constant.grad is None and constant.parents == ()
    assert out.parents[0].parents[1].grad is None  # the 5.0
    np.testing.assert_array_equal(w.grad, c)
    # A tensor out was not computed from keeps no gradient either.
    other = Tensor([1.0])
    out.backward()
    assert other.grad is None


def test_operations_record_the_graph():
    w = Tensor([1.0, 2.0])
    assert (w.op, w.parents, w.grad) == ("", (), None)
    out = (w * 2.0).sum()
    assert out.op == "sum" and out.parents[0].op == "mul" and out.parents[0].parents[0] is w
    assert (w**2).op == "pow 2" and log(w).op == "log"
    assert "op='sum'" in repr(out)


def test_a_tensor_holds_a_read_only_copy():
    data = np.array([1.0, 2.0])
    t = Tensor(data)
    data[0] = 10.0
    np.testing.assert_array_equal(t.value, [1.0, 2.0])
    with pytest.raises(ValueError, match="read-only"):
        t.value[0] = 5.0
    assert Tensor([1, 2]).value.dtype == np.float64


def test_numpy_functions_refuse_tensors_instead_of_converting_them():
    # __array_ufunc__ = None: np.exp(t) fails loudly rather than making an object array that
    # would silently drop out of the graph.
    with pytest.raises(TypeError):
        np.exp(Tensor([1.0]))


def test_value_and_grad_returns_a_float_and_an_array_shaped_like_w():
    f = value_and_grad(lambda w: (w**2).sum())
    value, g = f(np.ones((2, 3)))
    assert type(value) is float and value == 6.0
    assert g.shape == (2, 3) and g.dtype == np.float64
    value, g = f(3)  # an int: converted
    assert value == 9.0 and g.shape == () and g == 6.0
    g[...] = 0.0  # the caller's to keep: a new array each call
    assert f(3)[1] == 6.0
    assert grad(lambda w: w)(2.0) == 1.0


def test_value_and_grad_drives_gradient_descent_like_the_hand_gradient():
    x, y = noisy_line(40, intercept=2.0, slope=3.0, noise=1.0, rng=0)
    X = add_bias(x)
    start = np.array([-1.0, 4.0])
    by_hand = gradient_descent(
        lambda w: mse_gradient(w, X, y), start, 0.1, 60, cost=lambda w: mse(w, X, y)
    )
    automatic = gradient_descent(
        value_and_grad(lambda w: ((y - X @ w) ** 2).mean()), start, 0.1, 60, value_and_grad=True
    )
    scale = np.max(np.abs(by_hand.path))
    np.testing.assert_allclose(automatic.path, by_hand.path, rtol=0, atol=1e-12 * scale)
    np.testing.assert_allclose(automatic.costs, by_hand.costs, rtol=1e-12, atol=0)
    # And grad alone, without the cost.
    plain = gradient_descent(grad(lambda w: ((y - X @ w) ** 2).mean()), start, 0.1, 60)
    np.testing.assert_allclose(plain.path, by_hand.path, rtol=0, atol=1e-12 * scale)


def test_a_deep_chain_needs_no_recursion():
    # 10 000 nodes in a row: a recursive graph walk would pass Python's limit (1000) tenfold.
    w = Tensor(1.0)
    out = w
    for _ in range(10_000):
        out = out + 1.0
    out.backward()
    assert out.value == 10_001.0 and w.grad == 1.0
    out = w
    for _ in range(10_000):
        out = out * 1.0001
    out.backward()
    assert w.grad == pytest.approx(1.0001**10_000, rel=1e-10)
    del out  # and freeing the chain does not recurse into a crash either


def test_a_wide_sum_of_many_uses_accumulates():
    # value_and_grad on 3000 uses of the entries of w, one at a time.
    def f(w):
        total = w[0] * 0.0
        for i in range(3000):
            total = total + w[i % 3] * (i % 3 + 1)
        return total

    np.testing.assert_array_equal(grad(f)(np.zeros(3)), [1000.0, 2000.0, 3000.0])


# --- Errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", ["+", "-", "*", "/"])
def test_shapes_that_do_not_broadcast_are_named(symbol):
    op = BINARY[symbol][0]
    for left, right in [
        (Tensor(np.ones((2, 3))), Tensor(np.ones(4))),
        (Tensor(np.ones((2, 3))), np.ones(4)),
        (np.ones((2, 3)), Tensor(np.ones(4))),
    ]:
        with pytest.raises(ValueError, match="do not broadcast") as caught:
            op(left, right)
        message = str(caught.value)
        assert "(2, 3)" in message and "(4,)" in message, message


@pytest.mark.parametrize(
    ("left", "right", "match"),
    [
        ((2, 3), (2,), "last size 3 must equal the right operand's first size 2"),
        ((3,), (2, 3), "last size 3 must equal the right operand's first size 2"),
        ((2, 3), (2, 3), "last size 3 must equal the right operand's first size 2"),
        ((2, 2, 2), (2,), "1-D and 2-D operands"),
        ((), (2,), "1-D and 2-D operands"),
    ],
    ids=str,
)
def test_matmul_shape_errors_name_both_shapes(left, right, match):
    with pytest.raises(ValueError, match=match) as caught:
        Tensor(np.ones(left)) @ Tensor(np.ones(right))
    message = str(caught.value)
    assert str(left) in message and str(right) in message, message


def test_backward_on_a_non_scalar_needs_a_seed():
    out = Tensor([1.0, 2.0]) * 2.0
    with pytest.raises(ValueError, match=r"shape \(2,\); reduce it first"):
        out.backward()
    with pytest.raises(ValueError, match=r"must have the shape of the tensor, \(2,\), got \(3,\)"):
        out.backward(np.ones(3))
    with pytest.raises(ValueError, match=r"\(\), got \(1,\)"):
        out.sum().backward([1.0])
    with pytest.raises(ValueError, match="NaN or infinity"):
        out.backward([1.0, np.nan])


BACKWARD_FAILURES = {
    # name: (the input, the cost, the operation the message must name)
    "log at 0": ([0.0, 1.0], lambda t: log(t).sum(), "'log'"),
    "division by 0": ([0.0, 1.0], lambda t: (1.0 / t).sum(), "'div'"),
    "square root at 0": ([0.0, 4.0], lambda t: (t**0.5).sum(), "'pow 0.5'"),
    "exp overflow": ([1000.0, 1.0], lambda t: exp(t).sum(), "'exp'"),
}


@pytest.mark.usefixtures("warnings_are_errors")
@pytest.mark.parametrize("name", BACKWARD_FAILURES)
def test_nan_or_inf_in_the_backward_pass_names_the_operation_without_a_warning_first(name):
    # The forward pass makes the infinity quietly; the backward pass reports it once, naming the
    # operation, rather than after a numpy RuntimeWarning (an error under warnings-as-errors).
    value, cost, op = BACKWARD_FAILURES[name]
    J = cost(Tensor(value))
    with pytest.raises(FloatingPointError, match="produced NaN or infinity") as caught:
        J.backward()
    assert op in str(caught.value), str(caught.value)


@pytest.mark.usefixtures("warnings_are_errors")
def test_the_forward_pass_makes_inf_and_nan_without_warning():
    assert log(Tensor([0.0])).value[0] == -np.inf
    assert (1.0 / Tensor([0.0])).value[0] == np.inf
    assert exp(Tensor([1000.0])).value[0] == np.inf
    assert np.isnan((Tensor([-1.0]) ** 0.5).value[0])
    assert (Tensor([0.0]) ** -1).value[0] == np.inf


LOUD_OVERFLOWS = {
    "*": lambda: Tensor([1e200]) * 1e200,
    "+": lambda: Tensor([1e308]) + 1e308,
    "sum": lambda: Tensor([1e308, 1e308]).sum(),
    "mean": lambda: Tensor([1e308, 1e308]).mean(),
    "@": lambda: Tensor([1e200, 1e200]) @ Tensor([1e200, 1e200]),
    "inf * 0": lambda: exp(Tensor([1000.0])) * 0.0,
    "inf - inf": lambda: exp(Tensor([1000.0])) - exp(Tensor([1000.0])),
    "logsumexp of inf": lambda: logsumexp(exp(Tensor([1000.0, 1.0]))),
}


@pytest.mark.usefixtures("warnings_are_errors")
@pytest.mark.parametrize("name", LOUD_OVERFLOWS)
def test_every_operation_overflows_without_warning(name):
    out = LOUD_OVERFLOWS[name]()
    assert not np.all(np.isfinite(out.value))


def test_value_and_grad_refuses_what_f_returns_when_it_is_not_one_number():
    with pytest.raises(TypeError, match="f must return a Tensor .* got float"):
        value_and_grad(lambda w: 3.0)(1.0)
    with pytest.raises(TypeError, match="got float64; use the argument's operations"):
        value_and_grad(lambda w: np.sum(w.value**2))(np.ones(2))
    with pytest.raises(TypeError, match="got NoneType"):
        grad(lambda w: None)(1.0)
    with pytest.raises(ValueError, match=r"a single number, got a Tensor of shape \(2,\)"):
        value_and_grad(lambda w: w * 2.0)(np.ones(2))
    with pytest.raises(ValueError, match=r"shape \(1,\)"):
        grad(lambda w: w.sum(keepdims=True))(np.ones(2))


@pytest.mark.parametrize(
    ("labels", "match"),
    [
        ([0.0, 1.0], r"integers of shape \(2,\)"),
        ([True, False], r"integers of shape \(2,\)"),
        ([0], r"integers of shape \(2,\), one class per row .* shape \(1,\)"),
        ([[0, 1]], r"shape \(1, 2\)"),
        ([0, 3], r"lie in 0 \.\. 2 for 3 classes, got values from 0 to 3"),
        ([-1, 0], r"got values from -1 to 0"),
    ],
    ids=str,
)
def test_softmax_cross_entropy_refuses_bad_labels(labels, match):
    with pytest.raises(ValueError, match=match):
        softmax_cross_entropy(Tensor(np.zeros((2, 3))), labels)


def test_softmax_cross_entropy_needs_2d_logits():
    with pytest.raises(ValueError, match=r"must be 2-D.*got shape \(2, 3, 1\)"):
        softmax_cross_entropy(np.zeros((2, 3, 1)), [0, 1])


@pytest.mark.parametrize(
    "exponent", [Tensor(2.0), np.array([1.0, 2.0]), True], ids=["tensor", "array", "bool"]
)
def test_the_exponent_must_be_a_plain_number(exponent):
    with pytest.raises(TypeError, match=r"plain number .* write exp\(p \* log\(t\)\)"):
        Tensor([1.0, 2.0]) ** exponent


def test_a_tensor_exponent_written_as_exp_of_log_is_differentiable():
    # The message's advice works: t ** p = exp(p log t), with gradients for both.
    t, p = Tensor([2.0, 3.0]), Tensor(1.5)
    out = exp(p * log(t)).sum()
    out.backward()
    np.testing.assert_allclose(out.value, np.sum([2.0, 3.0] ** np.float64(1.5)), rtol=1e-14)
    np.testing.assert_allclose(t.grad, 1.5 * np.array([2.0, 3.0]) ** 0.5, rtol=1e-14)
    np.testing.assert_allclose(p.grad, np.sum(np.array([2.0, 3.0]) ** 1.5 * np.log([2.0, 3.0])))


def test_non_numbers_are_refused_as_operands():
    t = Tensor([1.0])
    for bad in ("2", None, [1.0, "x"], 1 + 2j):
        with pytest.raises(TypeError, match="must be"):
            t + bad
    with pytest.raises(ValueError, match="NaN or infinity|finite"):
        t * np.array([np.inf])
