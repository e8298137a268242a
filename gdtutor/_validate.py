"""Argument checks shared by every public function: clear errors, never ``assert``."""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np


def as_float_array(value, name: str) -> np.ndarray:
    """Return ``value`` as a float array (a copy), rejecting what cannot be one.

    Text is refused even when it spells a number (``["1", "3"]``): numpy would convert it
    silently. So is None inside a list, which numpy would make NaN.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(
            f"{name} must be a number or an array of numbers, got {type(value).__name__}"
        )
    if isinstance(value, (bool, np.bool_)):  # a lone True is a slip; a bool array is 0/1 data
        raise TypeError(f"{name} must be a number or an array of numbers, got a bool")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be a number or an array of numbers, got {type(value).__name__}"
        ) from exc
    # Checked before converting: a complex-to-float cast warns and drops the imaginary part.
    if np.iscomplexobj(raw):
        raise TypeError(
            f"{name} must be real; pass the real part explicitly if that is what you mean"
        )
    # Object arrays hold Python objects: ints too large for int64, but also None or text mixed
    # with numbers (which numpy would make NaN or parse). Only real numbers may be converted.
    problem = None
    if raw.dtype.kind in "US":
        problem = f"text such as {raw.flat[0].item()!r}; convert it with float() first"
    elif raw.dtype.kind == "O":
        odd = [v for v in raw.flat if not isinstance(v, numbers.Real)]
        problem = f"{odd[0]!r:.40} among them" if odd else None
    elif raw.dtype.kind not in "biuf":
        problem = f"an array of {raw.dtype}"
    if problem is not None:
        raise TypeError(f"{name} must be a number or an array of numbers, got {problem}")
    try:
        array = np.array(raw, dtype=float)  # ints become floats: an int start would truncate
    except OverflowError as exc:  # a Python int beyond the largest float
        raise ValueError(
            f"{name} holds a number too large for a float (above about 1.8e308); "
            "give finite numbers"
        ) from exc
    if array.size == 0:
        raise ValueError(f"{name} is empty; give at least one number")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity; give finite numbers")
    return array


def positive_float(value, name: str) -> float:
    """Return ``value`` as a finite float greater than zero."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    number = real_to_float(value, name)
    if not np.isfinite(number) or number <= 0:
        raise ValueError(f"{name} must be a finite number greater than 0, got {value!r}")
    return number


def real_to_float(value: numbers.Real, name: str) -> float:
    """``float(value)``, with a clear error for a Python int (or fraction) beyond the floats."""
    try:
        return float(value)
    except OverflowError as exc:
        raise ValueError(
            f"{name} must be a finite number, got one too large for a float (above about 1.8e308)"
        ) from exc


def non_negative_int(value, name: str) -> int:
    """Return ``value`` as an int that is zero or more."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {value}")
    return int(value)


def positive_int(value, name: str) -> int:
    """Return ``value`` as an int that is 1 or more."""
    if non_negative_int(value, name) < 1:
        raise ValueError(f"{name} must be 1 or more, got {value}")
    return int(value)


def as_generator(rng) -> np.random.Generator:
    """A Generator from a seed or a Generator; anything else is rejected."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral):
        raise TypeError(
            "rng must be an int seed or a numpy.random.Generator "
            f"(for example rng=0 or rng=np.random.default_rng(0)), got {type(rng).__name__}"
        )
    if rng < 0:
        raise ValueError(f"rng must be a seed of 0 or more, got {rng}")
    return np.random.default_rng(int(rng))


def callable_arg(value, name: str) -> Callable:
    """Return ``value`` if it can be called."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {type(value).__name__}")
    return value


def call_grad(grad: Callable, w: np.ndarray) -> np.ndarray:
    """Evaluate ``grad(w)`` on a copy of ``w`` and check it returned one number per parameter."""
    g = returned_array(grad(w.copy()), "grad")
    if g.shape != w.shape:
        raise ValueError(
            f"grad returned an array of shape {g.shape} for parameters of shape {w.shape}; "
            "it must return one partial derivative per parameter, in the same shape"
        )
    return g


def call_cost(cost: Callable, w: np.ndarray) -> float:
    """Evaluate ``cost(w)`` on a copy of ``w`` and check it returned a single number."""
    value = returned_array(cost(w.copy()), "cost")
    if value.ndim != 0:
        raise ValueError(f"cost must return a single number, got an array of shape {value.shape}")
    return float(value)


def returned_array(value, name: str) -> np.ndarray:
    """What the user's function ``name`` returned, as a float array; None, text and complex refused.

    ``np.asarray(None, dtype=float)`` is NaN, so a function that forgot its ``return`` would
    otherwise surface later as a mysterious NaN (or a "divergence").
    """
    if value is None:
        raise TypeError(f"{name} returned None; does it end with a return statement?")
    raw = np.asarray(value)
    if np.iscomplexobj(raw):
        raise TypeError(f"{name} returned complex numbers; it must return real ones")
    try:
        return np.asarray(raw, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must return numbers, got {type(value).__name__}: {value!r:.60}"
        ) from exc


def finite_real(value, name: str) -> float:
    """Return ``value`` as a finite float (any sign)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    number = real_to_float(value, name)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def boolean(value, name: str) -> bool:
    """Return ``value`` as a bool; 0, 1, "yes" and None are refused (they hide mistakes)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)
