"""The argument checks of gdtutor._validate, tested once each, directly.

Every public function of gdtutor checks its arguments with these helpers, so each mistake is
tested here, on the helper, and not again at every call site: tests/test_bad_inputs.py keeps one
row per argument of each public function, to show the argument is checked and named.

A refused value must raise the documented exception with a message that starts with the name it
was given ("speed" here) and says what to give instead. An accepted value must come back converted
(floats, ints, bools and Generators of Python's and numpy's own types).
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest

from gdtutor import _validate

NAN, INF = float("nan"), float("inf")
NAME = "speed"  # the argument name every check is given; its message must start with it


def refused(check, label, value, error, fix):
    """A row: ``check(value, "speed")`` raises ``error``, naming speed, then matching ``fix``."""
    return pytest.param(check, value, error, fix, id=f"{check}: {label}")


# Each validator is looked up by name when its rows run, so that deleting one from _validate
# fails its own rows, not the collection of the whole file.
REFUSED = [
    # as_float_array: numbers or arrays of numbers, finite, not empty, never text or None.
    *[
        refused(
            "as_float_array", label, value, TypeError, "must be a number or an array of numbers"
        )
        for label, value in [
            ("None", None),
            ("a string", "1, 2"),
            ("bytes", b"12"),
            ("True", True),
            ("numpy True", np.True_),
            ("ragged", [[1.0, 2.0], [3.0]]),
            ("a dict", {"a": 1.0}),
        ]
    ],
    refused("as_float_array", "complex", 1 + 2j, TypeError, "must be real; pass the real part"),
    refused(
        "as_float_array", "a complex entry", [1.0, 2j], TypeError, "must be real; pass the real"
    ),
    refused(
        "as_float_array",
        "numeric strings",
        ["1", "3"],
        TypeError,
        r"got text such as '1'; convert it with float\(\) first",
    ),
    refused("as_float_array", "None among numbers", [1, None, 5], TypeError, "got None among them"),
    refused(
        "as_float_array",
        "datetimes",
        np.array(["2020-01-01"], dtype="datetime64[D]"),
        TypeError,
        r"got an array of datetime64\[D\]",
    ),
    refused("as_float_array", "empty", [], ValueError, "is empty; give at least one number"),
    refused("as_float_array", "empty 2-D", np.empty((0, 2)), ValueError, "is empty"),
    refused("as_float_array", "NaN", [1.0, NAN], ValueError, "contains NaN or infinity; give"),
    refused("as_float_array", "-inf", -INF, ValueError, "contains NaN or infinity; give finite"),
    refused(
        "as_float_array",
        "an int too large for a float",
        [10**400, 1],
        ValueError,
        "too large for a float .*give finite numbers",
    ),
    # positive_float: a finite real number greater than 0.
    *[
        refused("positive_float", label, value, TypeError, "must be a real number, got")
        for label, value in [
            ("None", None),
            ("a string", "0.1"),
            ("True", True),
            ("complex", 0.1 + 0j),
            ("an array", np.array([0.1])),
        ]
    ],
    *[
        refused(
            "positive_float", label, value, ValueError, "must be a finite number greater than 0"
        )
        for label, value in [("0", 0), ("negative", -0.1), ("NaN", NAN), ("inf", INF)]
    ],
    refused("positive_float", "an int too large", 10**400, ValueError, "too large for a float"),
    # real_to_float: float(), with the name in the overflow message.
    refused("real_to_float", "an int too large", -(10**400), ValueError, "too large for a float"),
    # finite_real: a finite real number of any sign.
    *[
        refused("finite_real", label, value, TypeError, "must be a real number, got")
        for label, value in [("None", None), ("a string", "1"), ("True", True)]
    ],
    refused("finite_real", "NaN", NAN, ValueError, "must be a finite number"),
    refused("finite_real", "inf", INF, ValueError, "must be a finite number"),
    # non_negative_int and positive_int: whole numbers, never floats or bools.
    *[
        refused("non_negative_int", label, value, TypeError, "must be a whole number, got")
        for label, value in [
            ("2.5", 2.5),
            ("2.0", 2.0),
            ("numpy 2.0", np.float64(2.0)),
            ("True", True),
            ("None", None),
            ("a string", "3"),
        ]
    ],
    refused("non_negative_int", "negative", -1, ValueError, "must be 0 or more, got -1"),
    refused("positive_int", "0", 0, ValueError, "must be 1 or more, got 0"),
    refused("positive_int", "negative", -2, ValueError, "must be 0 or more, got -2"),
    refused("positive_int", "2.0", 2.0, TypeError, "must be a whole number"),
    # callable_arg: anything that can be called.
    refused("callable_arg", "a number", 2.0, TypeError, "must be a function, got float"),
    refused("callable_arg", "None", None, TypeError, "must be a function, got NoneType"),
    # boolean: True or False (numpy's too); 0, 1, text and None hide mistakes.
    *[
        refused("boolean", label, value, TypeError, "must be True or False, got")
        for label, value in [("1", 1), ("0", 0), ("a string", "yes"), ("None", None)]
    ],
]


@pytest.mark.parametrize(("check", "value", "error", "fix"), REFUSED)
def test_a_refused_value_raises_an_error_that_names_it_and_says_what_to_give(
    check, value, error, fix
):
    with pytest.raises(error) as caught:
        getattr(_validate, check)(value, NAME)
    message = str(caught.value)
    assert message.startswith(f"{NAME} "), message
    assert re.search(fix, message), message


def accepted(check, label, value, expected):
    return pytest.param(check, value, expected, id=f"{check}: {label}")


ACCEPTED = [
    accepted("as_float_array", "a float", 2.5, np.array(2.5)),
    accepted("as_float_array", "an int", 2, np.array(2.0)),
    accepted("as_float_array", "a list of ints", [1, 2], np.array([1.0, 2.0])),
    accepted("as_float_array", "a tuple", (1.5, -2), np.array([1.5, -2.0])),
    accepted("as_float_array", "an int array", np.arange(3), np.array([0.0, 1.0, 2.0])),
    accepted("as_float_array", "a bool array", np.array([True, False]), np.array([1.0, 0.0])),
    accepted("as_float_array", "float32", np.float32([0.5]), np.array([0.5])),
    accepted("as_float_array", "huge ints", [10**20, 3], np.array([1e20, 3.0])),
    accepted("as_float_array", "a matrix", [[1, 2], [3, 4]], np.array([[1.0, 2.0], [3.0, 4.0]])),
    accepted("positive_float", "an int", 3, 3.0),
    accepted("positive_float", "numpy float32", np.float32(0.5), 0.5),
    accepted("positive_float", "a fraction", Fraction(1, 4), 0.25),
    accepted("real_to_float", "a fraction", Fraction(1, 8), 0.125),
    accepted("finite_real", "negative", -2, -2.0),
    accepted("finite_real", "numpy float", np.float64(1.5), 1.5),
    accepted("non_negative_int", "0", 0, 0),
    accepted("non_negative_int", "numpy int", np.int64(3), 3),
    accepted("positive_int", "numpy uint8", np.uint8(2), 2),
    accepted("callable_arg", "a class", float, float),
    accepted("boolean", "False", False, False),
    accepted("boolean", "numpy True", np.True_, True),
]


@pytest.mark.parametrize(("check", "value", "expected"), ACCEPTED)
def test_an_accepted_value_comes_back_converted(check, value, expected):
    got = getattr(_validate, check)(value, NAME)
    if isinstance(expected, np.ndarray):
        assert got.dtype == np.float64  # ints, bools and float32 become float64: no truncation
        np.testing.assert_array_equal(got, expected)
        assert got.shape == expected.shape
    else:
        assert type(got) is type(expected)  # a Python float, int or bool, not numpy's
        assert got == expected


def test_as_float_array_returns_a_copy():
    """A caller's array is never updated in place (nor a later update of it seen)."""
    given = np.array([1.0, 2.0])
    got = _validate.as_float_array(given, NAME)
    assert not np.shares_memory(got, given)


# --- as_generator: the one rng argument of every random function --------------------------------


def test_as_generator_passes_a_generator_through_and_makes_one_from_a_seed():
    generator = np.random.default_rng(5)
    assert _validate.as_generator(generator) is generator  # drawn from, so advanced by the caller
    for seed in (7, np.int64(7)):
        np.testing.assert_array_equal(
            _validate.as_generator(seed).random(3), np.random.default_rng(7).random(3)
        )


@pytest.mark.parametrize(
    "rng",
    [None, 1.5, True, "0", np.random.RandomState(0), np.random.PCG64(0)],  # noqa: NPY002
    ids=["None", "1.5", "True", "a string", "a RandomState", "a bit generator"],
)
def test_as_generator_refuses_anything_but_a_seed_or_a_generator(rng):
    with pytest.raises(
        TypeError, match=r"^rng must be an int seed or a numpy\.random\.Generator \(for example"
    ):
        _validate.as_generator(rng)


def test_as_generator_refuses_a_negative_seed():
    with pytest.raises(ValueError, match=r"^rng must be a seed of 0 or more, got -1"):
        _validate.as_generator(-1)


# --- call_grad, call_cost, returned_array: what the learner's own functions return --------------


def scribbling_grad(w):
    """A gradient that also overwrites its argument."""
    g = 2 * w
    w[...] = 999.0
    return g


def test_call_grad_and_call_cost_pass_a_copy_and_return_floats():
    w = np.array([1.0, -2.0])
    np.testing.assert_array_equal(_validate.call_grad(scribbling_grad, w), [2.0, -4.0])
    np.testing.assert_array_equal(w, [1.0, -2.0])
    assert _validate.call_grad(lambda v: [1, 2], w).dtype == np.float64
    cost = _validate.call_cost(lambda v: np.int64(int(v[0] ** 2 + v[1] ** 2)), w)
    assert type(cost) is float and cost == 5.0


@pytest.mark.parametrize(
    ("grad", "shape"),
    [(lambda w: w[:1], r"\(1,\)"), (lambda w: float(np.sum(w)), r"\(\)")],
    ids=["too short", "a number for a vector"],
)
def test_call_grad_refuses_a_gradient_of_another_shape(grad, shape):
    pattern = rf"^grad returned an array of shape {shape} for parameters of shape \(2,\); it must"
    with pytest.raises(ValueError, match=pattern):
        _validate.call_grad(grad, np.array([1.0, 2.0]))


def test_call_cost_refuses_an_array():
    with pytest.raises(ValueError, match=r"^cost must return a single number, got an array of"):
        _validate.call_cost(lambda w: w**2, np.array([1.0, 2.0]))


def test_call_grad_and_call_cost_name_the_function_that_forgot_its_return():
    w = np.array([1.0, 2.0])
    with pytest.raises(TypeError, match="^grad returned None; does it end with a return"):
        _validate.call_grad(lambda v: None, w)
    with pytest.raises(TypeError, match="^cost returned None; does it end with a return"):
        _validate.call_cost(lambda v: None, w)


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        (None, "returned None; does it end with a return statement?"),
        (1j, "returned complex numbers; it must return real ones"),
        ([1.0, 2j], "returned complex numbers"),
        ("gradient", "must return numbers, got str: 'gradient'"),
    ],
    ids=["None", "complex", "a complex entry", "text"],
)
def test_returned_array_refuses_what_is_not_numbers(value, fix):
    with pytest.raises(TypeError, match=f"^{NAME} {re.escape(fix)}"):
        _validate.returned_array(value, NAME)


def test_returned_array_converts_numbers_to_floats():
    got = _validate.returned_array([1, 2], NAME)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, [1.0, 2.0])
