"""Bad inputs to every public function of gdtutor, in one table.

Each row is ``(function, kwargs, expected, match)``:

- ``expected`` an exception type: the call must raise it, and its message must match the regular
  expression ``match``, which names the argument at fault (and so tells the reader what to fix);
- ``expected`` a :class:`Same`: the input is *converted* (a list for an array, an int array for a
  float array, a numpy integer for an int, ...) and the call must return exactly what the call
  with ``Same.kwargs`` (the canonical input) returns.

No row may return NaN silently: every converted result is checked to be finite as well.
``test_every_public_function_is_in_the_table`` fails when a public function or class is added to
gdtutor without rows here.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable

import numpy as np
import pytest
from matplotlib.figure import Figure

import gdtutor
import gdtutor.datasets
import gdtutor.descent
import gdtutor.gallery
import gdtutor.gradcheck
import gdtutor.linear
import gdtutor.plots
import gdtutor.stochastic
from gdtutor.datasets import dummy_dataset, linear_dataset, noisy_line, normal_sample
from gdtutor.descent import DescentResult, DivergenceError, gradient_descent
from gdtutor.gallery import assert_same_figure, compact_svg, figure_path, render_svg, site_svg
from gdtutor.gradcheck import gradient_error, numerical_gradient
from gdtutor.linear import (
    add_bias,
    fit_gradient_descent,
    least_squares,
    mse,
    mse_gradient,
    mse_hessian,
)
from gdtutor.plots import (
    new_figure,
    plot_contour_path,
    plot_contour_paths,
    plot_contours_and_costs,
    plot_cost_curves,
    plot_epoch_costs,
    plot_error_curve,
    plot_iterates,
    plot_line_iterations,
    plot_one_parameter_fit,
    plot_parameter_paths,
    plot_path_on_curve,
    plot_path_panels,
    plot_predictions,
    plot_two_parameter_fit,
)
from gdtutor.stochastic import (
    InverseTimeDecay,
    MinibatchResult,
    fit_minibatch,
    minibatch_gradients,
)

MODULES = [
    gdtutor.descent,
    gdtutor.gradcheck,
    gdtutor.linear,
    gdtutor.datasets,
    gdtutor.stochastic,
    gdtutor.plots,
    gdtutor.gallery,
]


@dataclasses.dataclass(frozen=True)
class Same:
    """The row's input is converted: the call returns what the call with ``kwargs`` returns."""

    kwargs: dict


@dataclasses.dataclass(frozen=True)
class Fresh:
    """A value made anew for every call (a Generator is advanced by use, so it cannot be shared)."""

    make: Callable


# --- Small, valid inputs; every row changes one argument of one of them -------------------------

X3 = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])  # 3 samples: a bias column and one feature
Y3 = np.array([1.0, 3.0, 5.0])
W2 = np.array([0.5, -0.5])
NAN, INF = float("nan"), float("inf")


def square_grad(w):
    return 2 * w


def square_cost(w):
    return float(np.sum(np.asarray(w) ** 2))


def returns_none(w):
    return None


def returns_complex(w):
    return w + 1j


def returns_nan(w):
    return np.full_like(w, NAN)


def returns_text(w):
    return "gradient"


def nan_below_one(w):
    """Finite at w = 1 but NaN just below it: a cost whose finite differences are NaN."""
    return NAN if w[0] < 1.0 else float(w[0] ** 2)


def line_cost(w):
    """A bowl around (1, 2), cheap: contour plots evaluate it on grids of ten thousand points."""
    return (w[0] - 1.0) ** 2 + (w[1] - 2.0) ** 2


def curve_cost(w):
    return (w - 1.0) ** 2


def curve_grad(w):
    return 2.0 * (w - 1.0)


ONE_D = gradient_descent(curve_grad, 3.0, 0.25, 3, cost=curve_cost)  # a one-parameter run
TWO_D = fit_gradient_descent(X3, Y3, 0.1, 3)  # a two-parameter run, with costs
NO_COSTS = gradient_descent(square_grad, [1.0, 1.0], 0.1, 3)  # two parameters, no costs
MINIBATCH = fit_minibatch(X3, Y3, 2, 0.05, 2, rng=0)
DIVERGED = DescentResult(np.array([1.0, INF]), None, 1, False)  # as in error.result, overflowed


def with_nan(array):
    array = np.array(array, dtype=float)
    array.flat[-1] = NAN
    return array


def with_inf(array):
    array = np.array(array, dtype=float)
    array.flat[0] = -INF
    return array


def row(label, function, kwargs, expected, match=None):
    """One row of the table, with a readable test id: ``function: label``."""
    name = getattr(function, "__name__", repr(function))
    return pytest.param(function, kwargs, expected, match, id=f"{name}: {label}")


def array_rows(function, base, name, *, integral=True, optional=False, converted=True):
    """Rows for an array argument: the same mistakes apply to every one of them.

    ``optional``: None is the argument's default, so it is not a mistake. ``converted=False``
    leaves out the conversion rows, for a plot whose argument goes through the same helper as one
    already converted above (drawing two figures per row is slow).
    """
    good = np.asarray(base[name], dtype=float)
    pattern = rf"\b{re.escape(name)}\b"
    rows = (
        []
        if optional
        else [row(f"{name} None", function, {**base, name: None}, TypeError, pattern)]
    )
    rows += [
        row(f"{name} a string", function, {**base, name: "1, 2"}, TypeError, pattern),
        row(f"{name} empty", function, {**base, name: []}, ValueError, pattern),
        row(f"{name} with NaN", function, {**base, name: with_nan(good)}, ValueError, pattern),
        row(f"{name} with inf", function, {**base, name: with_inf(good)}, ValueError, pattern),
        row(f"{name} complex", function, {**base, name: good + 1j}, TypeError, pattern),
        row(f"{name} ragged", function, {**base, name: [[1.0, 2.0], [3.0]]}, TypeError, pattern),
    ]
    if not converted:
        return rows
    rows.append(row(f"{name} a list", function, {**base, name: good.tolist()}, Same(base)))
    if integral:  # the good value holds whole numbers, so an int array is the same input
        as_int = good.astype(int)
        rows.append(row(f"{name} int array", function, {**base, name: as_int}, Same(base)))
    if np.all((good == 0) | (good == 1)):
        as_bool = good.astype(bool)
        rows.append(row(f"{name} bool array", function, {**base, name: as_bool}, Same(base)))
    return rows


def positive_rows(function, base, name):
    """Rows for an argument that must be a finite number greater than 0."""
    pattern = rf"\b{re.escape(name)}\b"
    bad = [
        ("0", 0.0, ValueError),
        ("negative", -0.1, ValueError),
        ("NaN", NAN, ValueError),
        ("inf", INF, ValueError),
        ("a string", "0.1", TypeError),
        ("None", None, TypeError),
        ("True", True, TypeError),
        ("complex", 0.1 + 0j, TypeError),
        ("an array", np.array([0.1]), TypeError),
    ]
    rows = [row(f"{name} {label}", function, {**base, name: v}, e, pattern) for label, v, e in bad]
    rows.append(
        row(f"{name} numpy float32", function, {**base, name: np.float32(0.5)}, Same(base))
        if base[name] == 0.5
        else row(
            f"{name} numpy float", function, {**base, name: np.float64(base[name])}, Same(base)
        )
    )
    return rows


def count_rows(function, base, name, *, minimum=0):
    """Rows for an argument that must be a whole number, ``minimum`` or more."""
    pattern = rf"\b{re.escape(name)}\b"
    bad = [
        ("negative", -1, ValueError),
        ("2.5", 2.5, TypeError),
        ("2.0", 2.0, TypeError),
        ("True", True, TypeError),
        ("None", None, TypeError),
        ("a string", "3", TypeError),
    ]
    if minimum == 1:
        bad.append(("0", 0, ValueError))
    rows = [row(f"{name} {label}", function, {**base, name: v}, e, pattern) for label, v, e in bad]
    rows.append(
        row(f"{name} numpy int", function, {**base, name: np.int64(base[name])}, Same(base))
    )
    return rows


def rng_rows(function, base):
    """Rows for ``rng``: an int seed or a Generator; a Generator seeded alike gives the same."""
    seed = base["rng"]
    return [
        row("rng negative", function, {**base, "rng": -1}, ValueError, r"\brng\b"),
        row("rng 1.5", function, {**base, "rng": 1.5}, TypeError, r"\brng\b"),
        row("rng None", function, {**base, "rng": None}, TypeError, r"\brng\b"),
        row("rng True", function, {**base, "rng": True}, TypeError, r"\brng\b"),
        row("rng a string", function, {**base, "rng": "0"}, TypeError, r"\brng\b"),
        row(
            "rng a RandomState",
            function,
            {**base, "rng": np.random.RandomState(0)},  # noqa: NPY002 (the legacy API, refused)
            TypeError,
            r"\brng\b",
        ),
        row("rng numpy int", function, {**base, "rng": np.int64(seed)}, Same(base)),
        row(
            "rng a Generator",
            function,
            {**base, "rng": Fresh(lambda: np.random.default_rng(seed))},
            Same(base),
        ),
    ]


def callable_rows(function, base, name, *, optional=False):
    pattern = rf"\b{re.escape(name)}\b"
    rows = [row(f"{name} a number", function, {**base, name: 2.0}, TypeError, pattern)]
    if not optional:  # None is the default of an optional function
        rows.append(row(f"{name} None", function, {**base, name: None}, TypeError, pattern))
    return rows


def span_rows(function, base, name):
    """Rows for a ``(low, high)`` argument."""
    pattern = rf"\b{re.escape(name)}\b"
    low, high = base[name]
    return [
        row(f"{name} reversed", function, {**base, name: (high, low)}, ValueError, pattern),
        row(f"{name} empty interval", function, {**base, name: (low, low)}, ValueError, pattern),
        row(f"{name} with NaN", function, {**base, name: (low, NAN)}, ValueError, pattern),
        row(f"{name} with inf", function, {**base, name: (-INF, high)}, ValueError, pattern),
        row(f"{name} one number", function, {**base, name: (low,)}, TypeError, pattern),
        row(f"{name} a number", function, {**base, name: 1.0}, TypeError, pattern),
        row(f"{name} None", function, {**base, name: None}, TypeError, pattern),
        row(f"{name} strings", function, {**base, name: ("a", "b")}, TypeError, pattern),
        row(f"{name} a list", function, {**base, name: [low, high]}, Same(base)),
    ]


def runs_rows(function, base, name="runs", *, one_parameter, optional=False):
    """Rows for a mapping ``{label: DescentResult}``.

    ``one_parameter``: True or False when the runs must have one or two parameters, None when
    any run will do; ``optional``: None and {} are fine.
    """
    pattern = rf"\b{re.escape(name)}\b"
    rows = [
        row(f"{name} a list", function, {**base, name: [ONE_D]}, TypeError, pattern),
        row(f"{name} of arrays", function, {**base, name: {"a": ONE_D.path}}, TypeError, pattern),
        row(f"{name} diverged", function, {**base, name: {"a": DIVERGED}}, ValueError, pattern),
    ]
    if one_parameter is not None:
        wrong = TWO_D if one_parameter else ONE_D
        rows.append(
            row(f"{name} wrong run", function, {**base, name: {"a": wrong}}, ValueError, pattern)
        )
    if not optional:
        rows += [
            row(f"{name} empty", function, {**base, name: {}}, ValueError, pattern),
            row(f"{name} None", function, {**base, name: None}, TypeError, pattern),
        ]
    return rows


# --- The bases: one valid call per function -----------------------------------------------------

GD = {"grad": square_grad, "start": [1.0, -2.0], "learning_rate": 0.1, "steps": 3}
NUMGRAD = {"cost": square_cost, "w": [1.0, -2.0]}
GRADERR = {"cost": square_cost, "grad": square_grad, "w": [1.0, -2.0]}
FIT = {"X": X3, "y": Y3, "learning_rate": 0.1, "steps": 5}
MB = {"X": X3, "y": Y3, "batch_size": 2, "learning_rate": 0.05, "epochs": 2, "rng": 0}
MBG = {"X": X3, "y": Y3, "batch_size": 2, "rng": 0}
RESULT = {"path": [[1.0, 2.0], [0.5, 1.0]], "costs": [5.0, 1.25], "steps": 1, "converged": False}
MBRESULT = {
    "path": np.zeros((5, 2)),
    "costs": None,
    "steps": 4,
    "converged": False,
    "batch_size": 2,
    "updates_per_epoch": 2,
    "n_samples": 3,
}
CURVE = {"cost": curve_cost, "result": ONE_D}
CONTOUR = {"cost": square_cost, "result": NO_COSTS, "xlim": (-1.0, 1.0), "ylim": (-1.0, 1.0)}
ERRCURVE = {"cost": curve_cost, "span": (0.0, 4.0)}
LINE = {"x": X3[:, 1], "y": Y3, "result": TWO_D}
ONEFIT = {"x": X3[:, 1], "y": Y3, "cost": curve_cost, "result": ONE_D}
TWOFIT = {"x": X3[:, 1], "y": Y3, "cost": line_cost, "result": TWO_D, "minimum": [1.0, 2.0]}
PANELS = {"panels": {"fit": (line_cost, TWO_D, [1.0, 2.0])}}
PREDICT = {"targets": Y3, "predictions": {"fit": [1.0, 3.0, 4.0]}}
PARAMS = {"result": TWO_D, "names": ["a", "b"]}
PATHPANELS = {
    "cost": line_cost,
    "runs": {"fit": TWO_D},
    "xlim": (0.0, 2.0),
    "ylim": (0.0, 3.0),
    "minimum": [1.0, 2.0],
}
CONTCOSTS = {"cost": line_cost, "runs": {"fit": TWO_D}, "xlim": (0.0, 2.0), "ylim": (0.0, 3.0)}

BAD_INPUTS = [
    # --- gdtutor.descent.gradient_descent ---
    *callable_rows(gradient_descent, GD, "grad"),
    *array_rows(gradient_descent, GD, "start"),
    row("start a number", gradient_descent, {**GD, "start": 2}, Same({**GD, "start": 2.0})),
    row("start True", gradient_descent, {**GD, "start": True}, TypeError, r"\bstart\b"),
    *positive_rows(gradient_descent, GD, "learning_rate"),
    row(
        "learning_rate int",
        gradient_descent,
        {**GD, "learning_rate": 1, "steps": 1},
        Same({**GD, "learning_rate": 1.0, "steps": 1}),
    ),
    row(
        "learning_rate schedule gives 0",
        gradient_descent,
        {**GD, "learning_rate": lambda t: 0.0},
        ValueError,
        r"learning_rate\(0\)",
    ),
    row(
        "learning_rate schedule gives NaN",
        gradient_descent,
        {**GD, "learning_rate": lambda t: NAN},
        ValueError,
        r"learning_rate\(0\)",
    ),
    row(
        "learning_rate int too large for a float",
        gradient_descent,
        {**GD, "learning_rate": 10**400},
        ValueError,
        r"\blearning_rate\b",
    ),
    *count_rows(gradient_descent, GD, "steps"),
    *callable_rows(gradient_descent, {**GD, "cost": square_cost}, "cost", optional=True),
    row(
        "value_and_grad 1",
        gradient_descent,
        {**GD, "value_and_grad": 1},
        TypeError,
        r"\bvalue_and_grad\b",
    ),
    row("cost NaN at start", gradient_descent, {**GD, "cost": lambda w: NAN}, ValueError, "cost"),
    row("cost returns None", gradient_descent, {**GD, "cost": returns_none}, TypeError, "cost"),
    row(
        "cost returns an array",
        gradient_descent,
        {**GD, "cost": lambda w: w},
        ValueError,
        r"\bcost\b",
    ),
    row("grad returns None", gradient_descent, {**GD, "grad": returns_none}, TypeError, "grad"),
    row(
        "grad returns None for a scalar start",
        gradient_descent,
        {**GD, "grad": returns_none, "start": 1.0},
        TypeError,
        r"\bgrad\b",
    ),
    row(
        "grad returns complex", gradient_descent, {**GD, "grad": returns_complex}, TypeError, "grad"
    ),
    row("grad returns text", gradient_descent, {**GD, "grad": returns_text}, TypeError, "grad"),
    row(
        "grad returns the wrong shape",
        gradient_descent,
        {**GD, "grad": lambda w: w[:1]},
        ValueError,
        r"\bgrad\b",
    ),
    row(
        "grad returns NaN",
        gradient_descent,
        {**GD, "grad": returns_nan},
        DivergenceError,
        "gradient became NaN",
    ),
    *[
        row(f"tol {label}", gradient_descent, {**GD, "tol": v}, e, r"\btol\b")
        for label, v, e in [
            ("0", 0.0, ValueError),
            ("NaN", NAN, ValueError),
            ("text", "1", TypeError),
        ]
    ],
    *[
        row(f"blowup {label}", gradient_descent, {**GD, "blowup": v}, e, r"\bblowup\b")
        for label, v, e in [
            ("0", 0.0, ValueError),
            ("inf", INF, ValueError),
            ("None", None, TypeError),
        ]
    ],
    *[
        row(f"momentum {label}", gradient_descent, {**GD, "momentum": v}, e, r"\bmomentum\b")
        for label, v, e in [
            ("1", 1.0, ValueError),
            ("negative", -0.1, ValueError),
            ("NaN", NAN, ValueError),
            ("True", True, TypeError),
            ("a string", "0.5", TypeError),
        ]
    ],
    row("momentum int 0", gradient_descent, {**GD, "momentum": 0}, Same(GD)),
    # --- gdtutor.descent.DescentResult and DivergenceError ---
    *[
        row(f"path {label}", DescentResult, {**RESULT, "path": v}, e, r"\bpath\b")
        for label, v, e in [
            ("None", None, TypeError),
            ("a string", "abc", TypeError),
            ("empty", [], ValueError),
            ("a number", 1.0, ValueError),
            ("complex", [1j, 2j], TypeError),
        ]
    ],
    row("path a list", DescentResult, RESULT, Same({**RESULT, "path": np.array(RESULT["path"])})),
    row(
        "path int array",
        DescentResult,
        {**RESULT, "path": [[1, 2], [0, 1]]},
        Same({**RESULT, "path": np.array([[1.0, 2.0], [0.0, 1.0]])}),
    ),
    row("costs wrong length", DescentResult, {**RESULT, "costs": [5.0]}, ValueError, r"\bcosts\b"),
    row("costs a string", DescentResult, {**RESULT, "costs": "5"}, TypeError, r"\bcosts\b"),
    row("steps not len(path) - 1", DescentResult, {**RESULT, "steps": 2}, ValueError, r"\bsteps\b"),
    row("steps negative", DescentResult, {**RESULT, "steps": -1}, ValueError, r"\bsteps\b"),
    row("steps 1.0", DescentResult, {**RESULT, "steps": 1.0}, TypeError, r"\bsteps\b"),
    row("converged a string", DescentResult, {**RESULT, "converged": "no"}, TypeError, "converged"),
    row("converged None", DescentResult, {**RESULT, "converged": None}, TypeError, "converged"),
    row("converged numpy bool", DescentResult, {**RESULT, "converged": np.False_}, Same(RESULT)),
    row(
        "path with NaN is kept",
        DescentResult,
        {**RESULT, "path": [[1.0, 2.0], [NAN, NAN]]},
        Same({**RESULT, "path": np.array([[1.0, 2.0], [NAN, NAN]])}),
    ),
    row("result None", DivergenceError, {"message": "m", "result": None}, TypeError, r"\bresult\b"),
    row("message None", DivergenceError, {"message": None, "result": ONE_D}, TypeError, "message"),
    # --- gdtutor.gradcheck ---
    *callable_rows(numerical_gradient, NUMGRAD, "cost"),
    *array_rows(numerical_gradient, NUMGRAD, "w"),
    *positive_rows(numerical_gradient, {**NUMGRAD, "eps": 1e-6}, "eps"),
    row(
        "cost NaN near w",
        numerical_gradient,
        {"cost": nan_below_one, "w": [1.0]},
        ValueError,
        r"\bcost\b",
    ),
    row(
        "cost returns None",
        numerical_gradient,
        {**NUMGRAD, "cost": returns_none},
        TypeError,
        "cost",
    ),
    *callable_rows(gradient_error, GRADERR, "cost"),
    *callable_rows(gradient_error, GRADERR, "grad"),
    *array_rows(gradient_error, GRADERR, "w"),
    *positive_rows(gradient_error, {**GRADERR, "eps": 1e-6}, "eps"),
    row("grad returns NaN", gradient_error, {**GRADERR, "grad": returns_nan}, ValueError, "grad"),
    row("grad returns None", gradient_error, {**GRADERR, "grad": returns_none}, TypeError, "grad"),
    row(
        "grad wrong shape",
        gradient_error,
        {**GRADERR, "grad": lambda w: w[:1]},
        ValueError,
        r"\bgrad\b",
    ),
    row(
        "cost NaN near w",
        gradient_error,
        {"cost": nan_below_one, "grad": square_grad, "w": [1.0]},
        ValueError,
        r"\bcost\b",
    ),
    # --- gdtutor.linear ---
    *array_rows(add_bias, {"X": X3[:, 1]}, "X"),
    row("X 3-D", add_bias, {"X": np.ones((2, 2, 2))}, ValueError, r"\bX\b"),
    row("X a number", add_bias, {"X": 2.0}, ValueError, r"\bX\b"),
    row("X bool", add_bias, {"X": [True, False]}, Same({"X": [1.0, 0.0]})),
    *array_rows(mse, {"w": W2, "X": X3, "y": Y3}, "w", integral=False),
    *array_rows(mse, {"w": W2, "X": X3, "y": Y3}, "X"),
    *array_rows(mse, {"w": W2, "X": X3, "y": Y3}, "y"),
    row("w too long", mse, {"w": [1.0, 2.0, 3.0], "X": X3, "y": Y3}, ValueError, r"\bw\b"),
    row("w 2-D", mse, {"w": [W2], "X": X3, "y": Y3}, ValueError, r"\bw\b"),
    row("X 1-D", mse, {"w": W2, "X": Y3, "y": Y3}, ValueError, r"\bX\b"),
    row("X 3-D", mse, {"w": W2, "X": X3[np.newaxis], "y": Y3}, ValueError, r"\bX\b"),
    row("y 2-D", mse, {"w": W2, "X": X3, "y": Y3[:, np.newaxis]}, ValueError, r"\by\b"),
    row("y too short", mse, {"w": W2, "X": X3, "y": Y3[:2]}, ValueError, r"\by\b"),
    row(
        "X bool",
        mse,
        {"w": W2, "X": X3.astype(bool), "y": Y3},
        Same({"w": W2, "X": X3.astype(bool).astype(float), "y": Y3}),
    ),
    row("overflow", mse, {"w": W2, "X": X3 * 1e200, "y": Y3}, OverflowError, r"\bX\b"),
    *array_rows(mse_gradient, {"w": W2, "X": X3, "y": Y3}, "w", integral=False),
    *array_rows(mse_gradient, {"w": W2, "X": X3, "y": Y3}, "X"),
    *array_rows(mse_gradient, {"w": W2, "X": X3, "y": Y3}, "y"),
    row("w too short", mse_gradient, {"w": [1.0], "X": X3, "y": Y3}, ValueError, r"\bw\b"),
    row("X 1-D", mse_gradient, {"w": W2, "X": Y3, "y": Y3}, ValueError, r"\bX\b"),
    row("y 2-D", mse_gradient, {"w": W2, "X": X3, "y": Y3[:, np.newaxis]}, ValueError, r"\by\b"),
    row("y too long", mse_gradient, {"w": W2, "X": X3, "y": [*Y3, 1.0]}, ValueError, r"\by\b"),
    row("overflow", mse_gradient, {"w": W2, "X": X3 * 1e200, "y": Y3}, OverflowError, r"\bX\b"),
    *array_rows(mse_hessian, {"X": X3}, "X"),
    row("X 1-D", mse_hessian, {"X": Y3}, ValueError, r"\bX\b"),
    row("X 3-D", mse_hessian, {"X": X3[np.newaxis]}, ValueError, r"\bX\b"),
    row("overflow", mse_hessian, {"X": X3 * 1e200}, OverflowError, r"\bX\b"),
    *array_rows(least_squares, {"X": X3, "y": Y3}, "X"),
    *array_rows(least_squares, {"X": X3, "y": Y3}, "y"),
    row("X 1-D", least_squares, {"X": Y3, "y": Y3}, ValueError, r"\bX\b"),
    row("y 2-D", least_squares, {"X": X3, "y": Y3[:, np.newaxis]}, ValueError, r"\by\b"),
    row("y too short", least_squares, {"X": X3, "y": Y3[:2]}, ValueError, r"\by\b"),
    # Text that spells numbers, None among numbers: numpy would convert them (to NaN for None).
    row("y numeric strings", least_squares, {"X": X3, "y": ["1", "3", "5"]}, TypeError, r"\by\b"),
    row("X bytes", least_squares, {"X": X3.astype(bytes), "y": Y3}, TypeError, r"\bX\b"),
    row("y None among numbers", least_squares, {"X": X3, "y": [1, None, 5]}, TypeError, r"\by\b"),
    row(
        "y int too large for a float",
        least_squares,
        {"X": X3, "y": [10**400, 3, 5]},
        ValueError,
        r"\by\b",
    ),
    row(
        "y huge ints",
        least_squares,
        {"X": X3, "y": [10**20, 3, 5]},
        Same({"X": X3, "y": [1e20, 3.0, 5.0]}),
    ),
    row(
        "overflow",
        least_squares,
        {"X": X3 * 1e-300, "y": Y3 * 1e10},
        OverflowError,
        r"\bX\b",
    ),
    *array_rows(fit_gradient_descent, FIT, "X"),
    *array_rows(fit_gradient_descent, FIT, "y"),
    *array_rows(fit_gradient_descent, {**FIT, "start": [1.0, 0.0]}, "start", optional=True),
    row("X 1-D", fit_gradient_descent, {**FIT, "X": Y3}, ValueError, r"\bX\b"),
    row("X 3-D", fit_gradient_descent, {**FIT, "X": X3[np.newaxis]}, ValueError, r"\bX\b"),
    row("y 2-D", fit_gradient_descent, {**FIT, "y": Y3[:, np.newaxis]}, ValueError, r"\by\b"),
    row("y too short", fit_gradient_descent, {**FIT, "y": Y3[:2]}, ValueError, r"\by\b"),
    row("start too long", fit_gradient_descent, {**FIT, "start": [0, 0, 0]}, ValueError, "start"),
    row("start 2-D", fit_gradient_descent, {**FIT, "start": [[0, 0]]}, ValueError, r"\bstart\b"),
    *positive_rows(fit_gradient_descent, FIT, "learning_rate"),
    *count_rows(fit_gradient_descent, FIT, "steps"),
    row("tol negative", fit_gradient_descent, {**FIT, "tol": -1.0}, ValueError, r"\btol\b"),
    row(
        "start int too large for a float",
        fit_gradient_descent,
        {**FIT, "start": [10**400, 0]},
        ValueError,
        r"\bstart\b",
    ),
    # --- gdtutor.datasets ---
    *count_rows(normal_sample, {"n_samples": 4, "rng": 0}, "n_samples", minimum=1),
    *[
        row(f"{name} {label}", normal_sample, {"n_samples": 4, "rng": 0, name: v}, e, name)
        for name in ("mean", "std")
        for label, v, e in [
            ("NaN", NAN, ValueError),
            ("inf", INF, ValueError),
            ("a string", "1", TypeError),
            ("complex", 1j, TypeError),
            ("None", None, TypeError),
            ("True", True, TypeError),
        ]
    ],
    row("std negative", normal_sample, {"n_samples": 4, "std": -1.0, "rng": 0}, ValueError, "std"),
    row(
        "mean int too large for a float",
        normal_sample,
        {"n_samples": 4, "mean": 10**400, "rng": 0},
        ValueError,
        r"\bmean\b",
    ),
    row(
        "overflow",
        normal_sample,
        {"n_samples": 100, "std": 1e308, "rng": 0},
        OverflowError,
        r"\bstd\b",
    ),
    row(
        "mean int",
        normal_sample,
        {"n_samples": 4, "mean": 2, "rng": 0},
        Same({"n_samples": 4, "mean": 2.0, "rng": 0}),
    ),
    *rng_rows(normal_sample, {"n_samples": 4, "rng": 0}),
    *count_rows(
        noisy_line,
        {"n_samples": 4, "intercept": 1.0, "slope": 2.0, "noise": 0.5, "rng": 0},
        "n_samples",
        minimum=1,
    ),
    *[
        row(
            f"{name} {label}",
            noisy_line,
            {"n_samples": 4, "intercept": 1.0, "slope": 2.0, "noise": 0.5, "rng": 0, name: v},
            e,
            rf"\b{name}\b",
        )
        for name in ("intercept", "slope", "noise")
        for label, v, e in [("NaN", NAN, ValueError), ("text", "1", TypeError)]
    ],
    row(
        "noise negative",
        noisy_line,
        {"n_samples": 4, "intercept": 1.0, "slope": 2.0, "noise": -0.5, "rng": 0},
        ValueError,
        r"\bnoise\b",
    ),
    *span_rows(
        noisy_line,
        {
            "n_samples": 4,
            "intercept": 1.0,
            "slope": 2.0,
            "noise": 0.5,
            "rng": 0,
            "x_range": (0.0, 2.0),
        },
        "x_range",
    ),
    *rng_rows(noisy_line, {"n_samples": 4, "intercept": 1.0, "slope": 2.0, "noise": 0.5, "rng": 0}),
    row(
        "x_range too wide",
        noisy_line,
        {
            "n_samples": 4,
            "intercept": 1.0,
            "slope": 2.0,
            "noise": 0.5,
            "rng": 0,
            "x_range": (-1e308, 1e308),
        },
        ValueError,
        r"\bx_range\b",
    ),
    row(
        "overflow",
        noisy_line,
        {
            "n_samples": 4,
            "intercept": 1.0,
            "slope": 1e308,
            "noise": 0.0,
            "rng": 0,
            "x_range": (2.0, 3.0),
        },
        OverflowError,
        r"\bslope\b",
    ),
    *count_rows(
        linear_dataset,
        {"n_samples": 4, "weights": [2.0, -1.0], "noise": 0.1, "rng": 0},
        "n_samples",
        minimum=1,
    ),
    *array_rows(
        linear_dataset, {"n_samples": 4, "weights": [2.0, -1.0], "noise": 0.1, "rng": 0}, "weights"
    ),
    row(
        "weights 2-D",
        linear_dataset,
        {"n_samples": 4, "weights": [[2.0, -1.0]], "noise": 0.1, "rng": 0},
        ValueError,
        r"\bweights\b",
    ),
    row(
        "weights a number",
        linear_dataset,
        {"n_samples": 4, "weights": 2.0, "noise": 0.1, "rng": 0},
        ValueError,
        r"\bweights\b",
    ),
    *[
        row(
            f"{name} {label}",
            linear_dataset,
            {"n_samples": 4, "weights": [2.0, -1.0], "noise": 0.1, "rng": 0, name: v},
            e,
            rf"\b{name}\b",
        )
        for name in ("bias", "noise")
        for label, v, e in [
            ("NaN", NAN, ValueError),
            ("inf", INF, ValueError),
            ("None", None, TypeError),
        ]
    ],
    row(
        "noise negative",
        linear_dataset,
        {"n_samples": 4, "weights": [2.0, -1.0], "noise": -0.1, "rng": 0},
        ValueError,
        r"\bnoise\b",
    ),
    *rng_rows(linear_dataset, {"n_samples": 4, "weights": [2.0, -1.0], "noise": 0.1, "rng": 0}),
    row(
        "overflow",
        linear_dataset,
        {"n_samples": 50, "weights": [1e308, 1e308], "noise": 0.1, "rng": 0},
        OverflowError,
        r"\bweights\b",
    ),
    *count_rows(
        dummy_dataset, {"n_groups": 2, "rows_per_group": 3, "rng": 0}, "n_groups", minimum=1
    ),
    *count_rows(
        dummy_dataset, {"n_groups": 2, "rows_per_group": 3, "rng": 0}, "rows_per_group", minimum=1
    ),
    *array_rows(
        dummy_dataset,
        {"n_groups": 2, "rows_per_group": 3, "means": [4.0, 1.0], "rng": 0},
        "means",
        optional=True,
    ),
    row(
        "means wrong length",
        dummy_dataset,
        {"n_groups": 2, "rows_per_group": 3, "means": [1.0, 2.0, 3.0], "rng": 0},
        ValueError,
        r"\bmeans\b",
    ),
    *[
        row(
            f"intercept {label}",
            dummy_dataset,
            {"n_groups": 2, "rows_per_group": 3, "rng": 0, "intercept": v},
            TypeError,
            r"\bintercept\b",
        )
        for label, v in [("1", 1), ("a string", "yes"), ("None", None)]
    ],
    row(
        "noise NaN",
        dummy_dataset,
        {"n_groups": 2, "rows_per_group": 3, "noise": NAN, "rng": 0},
        ValueError,
        r"\bnoise\b",
    ),
    *rng_rows(dummy_dataset, {"n_groups": 2, "rows_per_group": 3, "noise": 0.5, "rng": 0}),
    row(
        "rng left out with noise",
        dummy_dataset,
        {"n_groups": 2, "rows_per_group": 3, "noise": 0.5},
        TypeError,
        r"\brng\b",
    ),
    row(
        "means numeric strings",
        dummy_dataset,
        {"n_groups": 2, "rows_per_group": 3, "means": ["1", "2"]},
        TypeError,
        r"\bmeans\b",
    ),
    row(
        "intercept numpy bool",
        dummy_dataset,
        {"n_groups": 2, "rows_per_group": 3, "intercept": np.False_},
        Same({"n_groups": 2, "rows_per_group": 3, "intercept": False}),
    ),
    row(
        "overflow",
        dummy_dataset,
        {"n_groups": 2, "rows_per_group": 50, "means": [1.7e308, 0.0], "noise": 1e307, "rng": 0},
        OverflowError,
        r"\bmeans\b",
    ),
    row(
        "rng None without noise",
        dummy_dataset,
        {"n_groups": 2, "rows_per_group": 3, "noise": 0.0, "rng": None},
        Same({"n_groups": 2, "rows_per_group": 3, "rng": 0}),
    ),
    # --- gdtutor.stochastic ---
    *positive_rows(InverseTimeDecay, {"initial": 0.5, "tau": 100.0}, "initial"),
    *positive_rows(InverseTimeDecay, {"initial": 0.5, "tau": 100.0}, "tau"),
    row(
        "tau int",
        InverseTimeDecay,
        {"initial": 0.5, "tau": 100},
        Same({"initial": 0.5, "tau": 100.0}),
    ),
    *[
        row(f"{name} {label}", MinibatchResult, {**MBRESULT, name: v}, e, rf"\b{name}\b")
        for name, label, v, e in [
            ("batch_size", "0", 0, ValueError),
            ("batch_size", "more than n_samples", 4, ValueError),
            ("batch_size", "2.0", 2.0, TypeError),
            ("n_samples", "0", 0, ValueError),
            ("updates_per_epoch", "not ceil(n / b)", 1, ValueError),
            ("steps", "not a whole number of epochs", 3, ValueError),
            ("path", "None", None, TypeError),
            ("converged", "True", True, ValueError),
        ]
    ],
    row(
        "path a list",
        MinibatchResult,
        {**MBRESULT, "path": MBRESULT["path"].tolist()},
        Same(MBRESULT),
    ),
    *array_rows(minibatch_gradients, MBG, "X"),
    *array_rows(minibatch_gradients, MBG, "y"),
    row("X 1-D", minibatch_gradients, {**MBG, "X": Y3}, ValueError, r"\bX\b"),
    row("y 2-D", minibatch_gradients, {**MBG, "y": Y3[:, np.newaxis]}, ValueError, r"\by\b"),
    row("y too short", minibatch_gradients, {**MBG, "y": Y3[:2]}, ValueError, r"\by\b"),
    *count_rows(minibatch_gradients, MBG, "batch_size", minimum=1),
    row("batch_size > n", minibatch_gradients, {**MBG, "batch_size": 4}, ValueError, "batch_size"),
    *rng_rows(minibatch_gradients, MBG),
    *array_rows(fit_minibatch, MB, "X"),
    *array_rows(fit_minibatch, MB, "y"),
    *array_rows(fit_minibatch, {**MB, "start": [1.0, 0.0]}, "start", optional=True),
    row("X 1-D", fit_minibatch, {**MB, "X": Y3}, ValueError, r"\bX\b"),
    row("y 2-D", fit_minibatch, {**MB, "y": Y3[:, np.newaxis]}, ValueError, r"\by\b"),
    row("y too long", fit_minibatch, {**MB, "y": [*Y3, 7.0]}, ValueError, r"\by\b"),
    row("start too short", fit_minibatch, {**MB, "start": [0.0]}, ValueError, r"\bstart\b"),
    *count_rows(fit_minibatch, MB, "batch_size", minimum=1),
    row("batch_size > n", fit_minibatch, {**MB, "batch_size": 4}, ValueError, r"\bbatch_size\b"),
    *positive_rows(fit_minibatch, MB, "learning_rate"),
    *count_rows(fit_minibatch, MB, "epochs"),
    *rng_rows(fit_minibatch, MB),
    row("record_costs 1", fit_minibatch, {**MB, "record_costs": 1}, TypeError, "record_costs"),
    row("record_costs numpy bool", fit_minibatch, {**MB, "record_costs": np.True_}, Same(MB)),
    # --- gdtutor.plots ---
    *[
        row(f"{name} {label}", new_figure, {name: v}, e, rf"\b{name}\b")
        for name in ("width", "height")
        for label, v, e in [
            ("0", 0.0, ValueError),
            ("negative", -1.0, ValueError),
            ("NaN", NAN, ValueError),
            ("a string", "4", TypeError),
            ("None", None, TypeError),
        ]
    ],
    row("width int", new_figure, {"width": 4, "height": 3}, Same({"width": 4.0, "height": 3.0})),
    *runs_rows(plot_iterates, {"runs": {"a": ONE_D}}, one_parameter=True),
    *count_rows(plot_iterates, {"runs": {"a": ONE_D}, "columns": 2}, "columns", minimum=1),
    *callable_rows(plot_path_on_curve, CURVE, "cost"),
    row("result None", plot_path_on_curve, {**CURVE, "result": None}, TypeError, r"\bresult\b"),
    row(
        "result two-parameter",
        plot_path_on_curve,
        {**CURVE, "result": TWO_D},
        ValueError,
        r"\bresult\b",
    ),
    row(
        "result diverged",
        plot_path_on_curve,
        {**CURVE, "result": DIVERGED},
        ValueError,
        r"\bresult\b",
    ),
    *[
        row(f"span {label}", plot_path_on_curve, {**CURVE, "span": v}, e, r"\bspan\b")
        for label, v, e in [
            ("0", 0.0, ValueError),
            ("negative", -1.0, ValueError),
            ("NaN", NAN, ValueError),
            ("a string", "2", TypeError),
        ]
    ],
    row("span int", plot_path_on_curve, {**CURVE, "span": 4}, Same({**CURVE, "span": 4.0})),
    *callable_rows(plot_contour_path, CONTOUR, "cost"),
    row(
        "result one-parameter",
        plot_contour_path,
        {**CONTOUR, "result": ONE_D},
        ValueError,
        r"\bresult\b",
    ),
    row("result None", plot_contour_path, {**CONTOUR, "result": None}, TypeError, r"\bresult\b"),
    *[
        row(f"{name} {label}", plot_contour_path, {**CONTOUR, name: v}, e, rf"\b{name}\b")
        for name in ("xlim", "ylim")
        for label, v, e in [
            ("reversed", (1.0, -1.0), ValueError),
            ("NaN", (NAN, 1.0), ValueError),
            ("None", None, TypeError),
        ]
    ],
    *callable_rows(plot_error_curve, ERRCURVE, "cost"),
    *span_rows(plot_error_curve, ERRCURVE, "span"),
    row("minimum NaN", plot_error_curve, {**ERRCURVE, "minimum": NAN}, ValueError, "minimum"),
    row("minimum a string", plot_error_curve, {**ERRCURVE, "minimum": "1"}, TypeError, "minimum"),
    row(
        "minimum int",
        plot_error_curve,
        {**ERRCURVE, "minimum": 1},
        Same({**ERRCURVE, "minimum": 1.0}),
    ),
    *runs_rows(
        plot_error_curve, {**ERRCURVE, "runs": {"a": ONE_D}}, one_parameter=True, optional=True
    ),
    *array_rows(plot_line_iterations, LINE, "x"),
    *array_rows(plot_line_iterations, LINE, "y", converted=False),
    row("x 2-D", plot_line_iterations, {**LINE, "x": X3}, ValueError, r"\bx\b"),
    row("y too short", plot_line_iterations, {**LINE, "y": Y3[:2]}, ValueError, r"\by\b"),
    row(
        "result one-parameter",
        plot_line_iterations,
        {**LINE, "result": ONE_D},
        ValueError,
        r"\bresult\b",
    ),
    row("result None", plot_line_iterations, {**LINE, "result": None}, TypeError, r"\bresult\b"),
    row(
        "final too long",
        plot_line_iterations,
        {**LINE, "final": [1.0, 2.0, 3.0]},
        ValueError,
        r"\bfinal\b",
    ),
    row("final NaN", plot_line_iterations, {**LINE, "final": [1.0, NAN]}, ValueError, "final"),
    row(
        "final a list of ints",
        plot_line_iterations,
        {**LINE, "final": [1, 2]},
        Same({**LINE, "final": np.array([1.0, 2.0])}),
    ),
    *array_rows(plot_one_parameter_fit, ONEFIT, "x", converted=False),
    row("y too long", plot_one_parameter_fit, {**ONEFIT, "y": [*Y3, 1.0]}, ValueError, r"\by\b"),
    row("y NaN", plot_one_parameter_fit, {**ONEFIT, "y": with_nan(Y3)}, ValueError, r"\by\b"),
    *callable_rows(plot_one_parameter_fit, ONEFIT, "cost"),
    row(
        "result two-parameter",
        plot_one_parameter_fit,
        {**ONEFIT, "result": TWO_D},
        ValueError,
        r"\bresult\b",
    ),
    row(
        "result diverged",
        plot_one_parameter_fit,
        {**ONEFIT, "result": DIVERGED},
        ValueError,
        r"\bresult\b",
    ),
    *array_rows(plot_two_parameter_fit, TWOFIT, "y", converted=False),
    row("x 2-D", plot_two_parameter_fit, {**TWOFIT, "x": X3}, ValueError, r"\bx\b"),
    *callable_rows(plot_two_parameter_fit, TWOFIT, "cost"),
    row(
        "result one-parameter",
        plot_two_parameter_fit,
        {**TWOFIT, "result": ONE_D},
        ValueError,
        r"\bresult\b",
    ),
    row(
        "minimum wrong shape",
        plot_two_parameter_fit,
        {**TWOFIT, "minimum": [1.0]},
        ValueError,
        r"\bminimum\b",
    ),
    row(
        "minimum NaN",
        plot_two_parameter_fit,
        {**TWOFIT, "minimum": [1.0, NAN]},
        ValueError,
        r"\bminimum\b",
    ),
    *runs_rows(plot_cost_curves, {"runs": {"a": TWO_D}}, one_parameter=None),
    row("runs without costs", plot_cost_curves, {"runs": {"a": NO_COSTS}}, ValueError, r"\bruns\b"),
    row(
        "minimum NaN",
        plot_cost_curves,
        {"runs": {"a": TWO_D}, "minimum": NAN},
        ValueError,
        r"\bminimum\b",
    ),
    row(
        "minimum int",
        plot_cost_curves,
        {"runs": {"a": TWO_D}, "minimum": 1},
        Same({"runs": {"a": TWO_D}, "minimum": 1.0}),
    ),
    row("panels empty", plot_contour_paths, {"panels": {}}, ValueError, r"\bpanels\b"),
    row("panels a list", plot_contour_paths, {"panels": [TWO_D]}, TypeError, r"\bpanels\b"),
    row(
        "panels a pair",
        plot_contour_paths,
        {"panels": {"p": (line_cost, TWO_D)}},
        TypeError,
        r"\bpanels\b",
    ),
    row(
        "panels cost not callable",
        plot_contour_paths,
        {"panels": {"p": (None, TWO_D, [1.0, 2.0])}},
        TypeError,
        r"\bpanels\b",
    ),
    row(
        "panels one-parameter run",
        plot_contour_paths,
        {"panels": {"p": (line_cost, ONE_D, [1.0, 2.0])}},
        ValueError,
        r"\bpanels\b",
    ),
    row(
        "panels minimum NaN",
        plot_contour_paths,
        {"panels": {"p": (line_cost, TWO_D, [1.0, NAN])}},
        ValueError,
        r"\bpanels\b",
    ),
    row(
        "panels minimum a list of ints",
        plot_contour_paths,
        {"panels": {"fit": (line_cost, TWO_D, [1, 2])}},
        Same(PANELS),
    ),
    *array_rows(plot_predictions, PREDICT, "targets"),
    row("targets 2-D", plot_predictions, {**PREDICT, "targets": [Y3]}, ValueError, "targets"),
    row(
        "predictions empty",
        plot_predictions,
        {**PREDICT, "predictions": {}},
        ValueError,
        r"\bpredictions\b",
    ),
    row(
        "predictions a list",
        plot_predictions,
        {**PREDICT, "predictions": [Y3]},
        TypeError,
        r"\bpredictions\b",
    ),
    row(
        "predictions wrong shape",
        plot_predictions,
        {**PREDICT, "predictions": {"p": [1.0]}},
        ValueError,
        r"\bpredictions\b",
    ),
    row(
        "predictions NaN",
        plot_predictions,
        {**PREDICT, "predictions": {"p": with_nan(Y3)}},
        ValueError,
        r"\bpredictions\b",
    ),
    row(
        "groups wrong shape",
        plot_predictions,
        {**PREDICT, "groups": ["A"]},
        ValueError,
        r"\bgroups\b",
    ),
    row(
        "result one-parameter",
        plot_parameter_paths,
        {**PARAMS, "result": ONE_D},
        ValueError,
        r"\bresult\b",
    ),
    row("result None", plot_parameter_paths, {**PARAMS, "result": None}, TypeError, r"\bresult\b"),
    row(
        "names wrong length",
        plot_parameter_paths,
        {**PARAMS, "names": ["a"]},
        ValueError,
        r"\bnames\b",
    ),
    row("names a string", plot_parameter_paths, {**PARAMS, "names": "ab"}, TypeError, r"\bnames\b"),
    row("names None", plot_parameter_paths, {**PARAMS, "names": None}, TypeError, r"\bnames\b"),
    row("names a tuple", plot_parameter_paths, {**PARAMS, "names": ("a", "b")}, Same(PARAMS)),
    row(
        "direction zero",
        plot_parameter_paths,
        {**PARAMS, "direction": [0, 0]},
        ValueError,
        r"\bdirection\b",
    ),
    *array_rows(
        plot_parameter_paths, {**PARAMS, "direction": [1.0, -1.0]}, "direction", optional=True
    ),
    row(
        "direction wrong shape",
        plot_parameter_paths,
        {**PARAMS, "direction": [1.0]},
        ValueError,
        r"\bdirection\b",
    ),
    *callable_rows(plot_path_panels, PATHPANELS, "cost"),
    *runs_rows(plot_path_panels, PATHPANELS, one_parameter=False),
    *span_rows(plot_path_panels, PATHPANELS, "xlim"),
    *span_rows(plot_path_panels, PATHPANELS, "ylim"),
    row(
        "minimum wrong shape",
        plot_path_panels,
        {**PATHPANELS, "minimum": [1.0]},
        ValueError,
        r"\bminimum\b",
    ),
    row(
        "minimum NaN",
        plot_path_panels,
        {**PATHPANELS, "minimum": [NAN, 1.0]},
        ValueError,
        r"\bminimum\b",
    ),
    *runs_rows(
        plot_epoch_costs, {"runs": {"m": MINIBATCH}, "minimum_cost": 0.0}, one_parameter=None
    ),
    row(
        "runs not mini-batch",
        plot_epoch_costs,
        {"runs": {"a": TWO_D}, "minimum_cost": 0.0},
        TypeError,
        r"\bruns\b",
    ),
    row(
        "minimum_cost NaN",
        plot_epoch_costs,
        {"runs": {"m": MINIBATCH}, "minimum_cost": NAN},
        ValueError,
        r"\bminimum_cost\b",
    ),
    row(
        "minimum_cost None",
        plot_epoch_costs,
        {"runs": {"m": MINIBATCH}, "minimum_cost": None},
        TypeError,
        r"\bminimum_cost\b",
    ),
    *callable_rows(plot_contours_and_costs, CONTCOSTS, "cost"),
    *runs_rows(plot_contours_and_costs, CONTCOSTS, one_parameter=False),
    row(
        "runs without costs",
        plot_contours_and_costs,
        {**CONTCOSTS, "runs": {"a": NO_COSTS}},
        ValueError,
        r"\bruns\b",
    ),
    *span_rows(plot_contours_and_costs, CONTCOSTS, "xlim"),
    row(
        "marks not pairs",
        plot_contours_and_costs,
        {**CONTCOSTS, "marks": {"m": [1.0, 2.0, 3.0]}},
        ValueError,
        r"\bmarks\b",
    ),
    row(
        "marks NaN",
        plot_contours_and_costs,
        {**CONTCOSTS, "marks": {"m": [1.0, NAN]}},
        ValueError,
        r"\bmarks\b",
    ),
    row(
        "marks a list",
        plot_contours_and_costs,
        {**CONTCOSTS, "marks": [[1.0, 2.0]]},
        TypeError,
        r"\bmarks\b",
    ),
    row(
        "log_cost 1",
        plot_contours_and_costs,
        {**CONTCOSTS, "log_cost": 1},
        TypeError,
        r"\blog_cost\b",
    ),
    # --- gdtutor.gallery ---
    row("name None", figure_path, {"name": None}, TypeError, r"\bname\b"),
    row("name not registered", figure_path, {"name": "no-such-figure"}, KeyError, r"\bname\b"),
    row(
        "name registered", figure_path, {"name": "gd-1d-iterates"}, Same({"name": "gd-1d-iterates"})
    ),
    row("fig None", render_svg, {"fig": None}, TypeError, r"\bfig\b"),
    row("svg None", compact_svg, {"svg": None}, TypeError, r"\bsvg\b"),
    row("svg a str", compact_svg, {"svg": "<svg/>"}, TypeError, r"\bsvg\b"),
    row("name None", site_svg, {"name": None}, TypeError, r"\bname\b"),
    row("name not registered", site_svg, {"name": "no-such-figure"}, KeyError, r"\bname\b"),
    row("fig a DescentResult", render_svg, {"fig": ONE_D}, TypeError, r"\bfig\b"),
    row(
        "fig None",
        assert_same_figure,
        {"fig": None, "name": "gd-1d-iterates"},
        TypeError,
        r"\bfig\b",
    ),
    row("name None", assert_same_figure, {"fig": Figure(), "name": None}, TypeError, r"\bname\b"),
    row(
        "name not registered",
        assert_same_figure,
        {"fig": Figure(), "name": "no-such-figure"},
        KeyError,
        r"\bname\b",
    ),
]


def _call(function, kwargs):
    return function(**{k: v.make() if isinstance(v, Fresh) else v for k, v in kwargs.items()})


@pytest.mark.parametrize(("function", "kwargs", "expected", "match"), BAD_INPUTS)
def test_bad_input(function, kwargs, expected, match):
    if isinstance(expected, Same):
        got, want = _call(function, kwargs), _call(function, expected.kwargs)
        assert_same(got, want)
        assert_no_silent_nan(got, kwargs)
    else:
        with pytest.raises(expected) as caught:
            _call(function, kwargs)
        assert re.search(match, str(caught.value)), (
            f"the message does not name the argument ({match!r}): {caught.value}"
        )


def assert_same(got, want):
    """Equal results: the same type, and equal arrays, numbers, fields and figures."""
    assert type(got) is type(want)
    if isinstance(got, np.ndarray):
        assert got.dtype == want.dtype, "an int or bool input must give float results"
        np.testing.assert_array_equal(got, want)
    elif isinstance(got, tuple):
        assert len(got) == len(want)
        for one, other in zip(got, want, strict=True):
            assert_same(one, other)
    elif dataclasses.is_dataclass(got):
        for field in dataclasses.fields(got):
            assert_same(getattr(got, field.name), getattr(want, field.name))
        if isinstance(got, DescentResult):
            assert not got.path.flags.writeable
    elif isinstance(got, Figure):  # what was drawn; rendering both to SVG would take seconds
        got_data, want_data = figure_data(got), figure_data(want)
        assert len(got_data) == len(want_data)
        for one, other in zip(got_data, want_data, strict=True):
            np.testing.assert_array_equal(one, other)
    elif callable(got):  # minibatch_gradients: the same gradients, call after call
        w = np.array([0.5, -0.5])
        for _ in range(3):
            assert_same(got(w), want(w))
    else:
        assert got == want


def figure_data(fig):
    """Everything a figure's axes draw: titles, limits, lines, collections, texts."""
    data = []
    for ax in fig.axes:
        data += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), ax.get_xlim(), ax.get_ylim()]
        data += [line.get_xydata() for line in ax.lines]
        for collection in ax.collections:
            data.append(collection.get_offsets())
            data += [path.vertices for path in collection.get_paths()]
        data += [(text.get_text(), *text.get_position()) for text in ax.texts]
    return data


def assert_no_silent_nan(result, kwargs):
    """A converted call may only give NaN where its input held NaN (a diverged run's path)."""
    values = dataclasses.astuple(result) if dataclasses.is_dataclass(result) else result
    for value in values if isinstance(values, tuple) else (values,):
        if isinstance(value, (np.ndarray, float)):
            held_nan = any(np.isnan(np.asarray(v, dtype=float)).any() for v in _numbers(kwargs))
            assert held_nan or np.all(np.isfinite(value))


def _numbers(kwargs):
    for value in kwargs.values():
        if isinstance(value, (list, np.ndarray)):
            try:
                yield np.asarray(value, dtype=float)
            except (TypeError, ValueError):
                continue


def public_callables():
    """Every public function and class defined in gdtutor's modules (not the names they import)."""
    found = {}
    for module in MODULES:
        for name, value in vars(module).items():
            if name.startswith("_") or not callable(value):
                continue
            if getattr(value, "__module__", None) == module.__name__:
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_public_function_is_in_the_table():
    tested = {param.values[0] for param in BAD_INPUTS}
    missing = sorted(name for name, value in public_callables().items() if value not in tested)
    assert not missing, f"add rows for these to BAD_INPUTS: {missing}"


def test_every_public_function_has_an_error_row_and_the_package_exports_only_tested_names():
    with_errors = {param.values[0] for param in BAD_INPUTS if not isinstance(param.values[2], Same)}
    assert set(public_callables().values()) <= with_errors
    for name in gdtutor.__all__:
        assert getattr(gdtutor, name) in public_callables().values()


# The functions whose docstrings must say, under "Raises", every exception their rows raise.
WITH_RAISES = [
    add_bias,
    mse,
    mse_gradient,
    mse_hessian,
    least_squares,
    fit_gradient_descent,
    normal_sample,
    noisy_line,
    linear_dataset,
    dummy_dataset,
    InverseTimeDecay,
    minibatch_gradients,
    fit_minibatch,
]


def raises_section(function) -> set[str]:
    """The exception names a numpy-style "Raises" section lists (the lines it does not indent)."""
    doc = inspect.getdoc(function) or ""
    found = re.search(r"^Raises\n-+\n(?P<body>.*?)(?:\n\S[^\n]*\n-{3,}\n|\Z)", doc, re.M | re.S)
    if found is None:
        return set()
    return {
        name.rsplit(".", 1)[-1]
        for line in re.findall(r"^\S.*$", found["body"], re.M)
        for name in line.split(", ")
    }


@pytest.mark.parametrize("function", WITH_RAISES, ids=lambda f: f.__name__)
def test_the_raises_section_names_every_exception_of_the_table(function):
    raised = {
        param.values[2].__name__
        for param in BAD_INPUTS
        if param.values[0] is function and not isinstance(param.values[2], Same)
    }
    documented = raises_section(function)
    assert raised and raised <= documented, f"{function.__name__}: document {raised - documented}"


@pytest.mark.parametrize(
    "function", [fit_gradient_descent, fit_minibatch], ids=lambda f: f.__name__
)
def test_the_fits_document_divergence(function):
    assert "DivergenceError" in raises_section(function)


@pytest.mark.parametrize(
    "function", [fit_gradient_descent, fit_minibatch], ids=lambda f: f.__name__
)
def test_the_fits_document_a_bad_schedule(function):
    """Both fits pass a schedule to the engine, which refuses a rate that is not a number > 0."""
    doc = inspect.getdoc(function)
    raises = doc[doc.index("Raises\n------") : doc.index("Examples\n--------")]
    assert "a schedule returns something that is not a real number" in " ".join(raises.split())
    assert "a rate a schedule returns" in " ".join(raises.split())


def test_the_introspection_finds_the_modules_functions():
    """The completeness test would pass vacuously if the introspection found nothing."""
    names = public_callables()
    assert "gdtutor.descent.gradient_descent" in names
    assert "gdtutor.plots.plot_iterates" in names
    assert "gdtutor.stochastic.InverseTimeDecay" in names
    assert "gdtutor.gallery.Figure" not in names  # imported, not defined there
    assert len(names) >= 30


@pytest.mark.parametrize(
    "category",
    [
        "1-D",
        "3-D",
        "2-D",
        "too short",
        "too long",
        "wrong shape",  # wrong shapes
        "with NaN",
        "with inf",
        "empty",
        "None",
        "complex",
        "a string",
        "bool",
        "learning_rate 0",
        "learning_rate negative",
        "learning_rate NaN",
        "learning_rate inf",
        "steps negative",
        "steps 2.5",
        "steps True",
        "batch_size 0",
        "batch_size negative",
        "batch_size > n",
        "a list",
        "int array",
        "overflow",
        "diverged",
        "returns None",
    ],
)
def test_the_table_covers_every_category_of_the_issue(category):
    ids = [param.id for param in BAD_INPUTS]
    assert any(category in id_ for id_ in ids), f"no row for {category!r}"
