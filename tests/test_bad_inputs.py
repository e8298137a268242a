"""A mistake in each argument of gdtutor's core API is refused with a message that helps.

The core API is what a learner calls: the engine (gdtutor.descent), its update rules and
learning-rate schedules (gdtutor.optimizers, gdtutor.schedules), the gradient checks, the fits
and their costs (gdtutor.linear, gdtutor.logistic, gdtutor.stochastic) and the data sets. Each
row is ``(function, argument, kwargs, error, fix)``: ``function(**kwargs)`` must raise ``error``,
and its message must name ``argument`` and match ``fix``, what to give instead.

Every kind of mistake (NaN, text, bools, None, ragged lists, ...) is tested once, on the checks
themselves, in tests/test_validate.py. Here each argument has one row, to show that it goes
through a check under its own name; a module's own checks (shapes that must match, a pair
``(low, high)``, the consistency of a result, an overflow from finite inputs) have one row more for
each of their other branches, through one public function. An argument passed on to another
function (a fit's ``learning_rate`` or ``update``, which the engine checks) still has its row,
to show that it arrives there under its own name.
``test_every_argument_of_the_core_api_is_in_the_table`` fails when a public function or class, or
an argument of one, is added to these modules without a row here. Methods are not counted: the
update rules' ``step`` methods share the checks of gdtutor.optimizers (a state of the wrong kind,
shape or value; a gradient with NaN), which are the module's own, so each branch has one row
through one rule's ``step`` (Momentum's; Adam's for the checks only Adam makes).
"""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

import gdtutor
import gdtutor.datasets
import gdtutor.descent
import gdtutor.gradcheck
import gdtutor.linear
import gdtutor.logistic
import gdtutor.optimizers
import gdtutor.schedules
import gdtutor.stochastic
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
from gdtutor.datasets import (
    dummy_dataset,
    linear_dataset,
    noisy_line,
    normal_sample,
    two_blobs,
    two_moons,
)
from gdtutor.descent import DescentResult, DivergenceError, gradient_descent
from gdtutor.gradcheck import gradient_error, numerical_gradient
from gdtutor.linear import (
    add_bias,
    fit_gradient_descent,
    least_squares,
    mse,
    mse_gradient,
    mse_hessian,
)
from gdtutor.logistic import cross_entropy, cross_entropy_gradient, fit_logistic
from gdtutor.optimizers import AdaGrad, Adam, Momentum, Nesterov, RMSProp
from gdtutor.schedules import CosineDecay, ExponentialDecay, InverseTimeDecay, StepDecay, Warmup
from gdtutor.stochastic import MinibatchResult, fit_minibatch, minibatch_gradients

CORE_MODULES = [
    gdtutor.descent,
    gdtutor.optimizers,
    gdtutor.schedules,
    gdtutor.gradcheck,
    gdtutor.linear,
    gdtutor.logistic,
    gdtutor.stochastic,
    gdtutor.datasets,
    gdtutor.autodiff,
]

# --- Small, valid inputs; every row changes one argument of one of them -------------------------

X3 = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])  # 3 samples: a bias column and one feature
Y3 = np.array([1.0, 3.0, 5.0])
Y_COLUMN = Y3[:, np.newaxis]  # y - X @ w would broadcast to a 3 x 3 matrix: refused, not used
W2 = np.array([0.5, -0.5])
NAN, INF = float("nan"), float("inf")


def square_grad(w):
    return 2 * w


def square_cost(w):
    return float(np.sum(np.asarray(w) ** 2))


def nan_below_one(w):
    """Finite at w = 1 but NaN just below it: a cost whose finite differences are NaN."""
    return NAN if w[0] < 1.0 else float(w[0] ** 2)


GD = {"grad": square_grad, "start": [1.0, -2.0], "learning_rate": 0.1, "steps": 3}
RESULT = {"path": [[1.0, 2.0], [0.5, 1.0]], "costs": [5.0, 1.25], "steps": 1, "converged": False}
NUMGRAD = {"cost": square_cost, "w": [1.0, -2.0]}
GRADERR = {**NUMGRAD, "grad": square_grad}
LINEAR = {"w": W2, "X": X3, "y": Y3}
FIT = {"X": X3, "y": Y3, "learning_rate": 0.1, "steps": 5}
LOGISTIC_SIGMOID = gdtutor.logistic.sigmoid  # not gdtutor.autodiff's, imported above
LABELS3 = np.array([0, 1, 1])  # class labels for the three samples of X3
LOGISTIC = {"w": W2, "X": X3, "y": LABELS3}
LOGISTIC_FIT = {"X": X3, "y": LABELS3, "learning_rate": 0.5, "steps": 5}
MBRESULT = {
    "path": np.zeros((5, 2)),
    "costs": None,
    "steps": 4,
    "converged": False,
    "batch_size": 2,
    "updates_per_epoch": 2,
    "n_samples": 3,
}
MBG = {"X": X3, "y": Y3, "batch_size": 2, "rng": 0}
MB = {**MBG, "learning_rate": 0.05, "epochs": 2}
NORMAL = {"n_samples": 4, "rng": 0}
LINE = {"n_samples": 4, "intercept": 1.0, "slope": 2.0, "noise": 0.5, "rng": 0}
LINEAR_DATA = {"n_samples": 4, "weights": [2.0, -1.0], "noise": 0.1, "rng": 0}
DUMMY = {"n_groups": 2, "rows_per_group": 3}
BLOBS = {"n_samples": 4, "separation": 2.0, "rng": 0}
MOONS = {"n_samples": 4, "noise": 0.1, "rng": 0}
G2 = np.array([1.0, 2.0])  # a gradient for the rules' step methods, with its state below
MOMENTUM_STEP = Momentum(beta=0.5).step
ADAM_STEP = Adam().step
ADAM_STATE = Adam().init(G2)
BACKWARD = Tensor([1.0, 2.0]).backward
LOGITS = np.array([[1.0, 0.0], [0.0, 1.0]])

# The fixes the shared checks give (tests/test_validate.py tests each of them in full).
NUMBERS = "must be a number or an array of numbers"
FINITE = "contains NaN or infinity; give finite numbers"
POSITIVE = "must be a finite number greater than 0"
REAL = "must be a real number"
WHOLE = "must be a whole number"
FUNCTION = "must be a function"
BOOLEAN = "must be True or False"
FRACTION = "must be at least 0 and less than 1"
GENERATOR = r"must be an int seed or a numpy\.random\.Generator \(for example rng=0"
RESCALE = "overflowed: .*; rescale X and y"


def row(function, argument, label, kwargs, error, fix, marks=()):
    """One row, with a readable test id: ``function(argument): label`` (``Class.method`` for a
    method)."""
    name = f"{function.__qualname__}({argument}): {label}"
    return pytest.param(function, argument, kwargs, error, fix, id=name, marks=marks)


ROWS = [
    # --- gdtutor.descent ---
    row(gradient_descent, "grad", "a number", {**GD, "grad": 2.0}, TypeError, FUNCTION),
    row(gradient_descent, "start", "a string", {**GD, "start": "1, 2"}, TypeError, NUMBERS),
    row(gradient_descent, "learning_rate", "0", {**GD, "learning_rate": 0}, ValueError, POSITIVE),
    row(gradient_descent, "steps", "2.5", {**GD, "steps": 2.5}, TypeError, WHOLE),
    row(gradient_descent, "cost", "a number", {**GD, "cost": 2.0}, TypeError, FUNCTION),
    row(gradient_descent, "tol", "negative", {**GD, "tol": -1e-6}, ValueError, POSITIVE),
    row(gradient_descent, "blowup", "inf", {**GD, "blowup": INF}, ValueError, POSITIVE),
    row(
        gradient_descent,
        "update",
        "a class",
        {**GD, "update": Momentum},
        TypeError,
        r"must be an update rule object, got the class Momentum; call it: update=Momentum\(\)",
    ),
    row(
        gradient_descent,
        "update",
        "a number (the old momentum=0.9)",
        {**GD, "update": 0.9},
        TypeError,
        r"must be an update rule with init and step methods, such as .*Momentum\(beta=0\.9\)",
    ),
    row(gradient_descent, "value_and_grad", "1", {**GD, "value_and_grad": 1}, TypeError, BOOLEAN),
    row(
        DescentResult,
        "path",
        "a row too many",
        {**RESULT, "path": [[1.0, 2.0], [0.5, 1.0], [0.0, 0.0]]},
        ValueError,
        r"must have steps \+ 1 = 2 rows, the start and one per step",
    ),
    row(
        DescentResult,
        "path",
        "None",
        {**RESULT, "path": None},
        TypeError,
        "must be an array of numbers",
    ),
    row(
        DescentResult,
        "path",
        "text",
        {**RESULT, "path": [["a", "b"], ["c", "d"]]},
        TypeError,
        "must be an array of numbers",
    ),
    row(
        DescentResult,
        "path",
        "ragged",
        {**RESULT, "path": [[1.0, 2.0], [0.5]]},
        TypeError,
        "must be an array of numbers",
    ),
    row(DescentResult, "path", "complex", {**RESULT, "path": [1j, 2j]}, TypeError, "must be real"),
    row(
        DescentResult,
        "path",
        "empty",
        {**RESULT, "path": []},
        ValueError,
        "is empty; a run has at least its start",
    ),
    row(
        DescentResult,
        "costs",
        "one too few",
        {**RESULT, "costs": [5.0]},
        ValueError,
        r"must have shape \(2,\), one per point of path",
    ),
    row(DescentResult, "steps", "negative", {**RESULT, "steps": -1}, ValueError, "0 or more"),
    row(DescentResult, "converged", "a string", {**RESULT, "converged": "no"}, TypeError, BOOLEAN),
    row(
        DivergenceError,
        "message",
        "None",
        {"message": None, "result": DescentResult(**RESULT)},
        TypeError,
        "must be a str",
    ),
    row(
        DivergenceError,
        "result",
        "None",
        {"message": "m", "result": None},
        TypeError,
        "must be a DescentResult",
    ),
    # --- gdtutor.optimizers ---
    row(Momentum, "beta", "1", {"beta": 1.0}, ValueError, FRACTION),
    row(Momentum, "beta", "NaN", {"beta": NAN}, ValueError, FRACTION),
    row(Momentum, "beta", "a string", {"beta": "0.9"}, TypeError, REAL),
    row(Nesterov, "beta", "negative", {"beta": -0.1}, ValueError, FRACTION),
    row(AdaGrad, "eps", "0", {"eps": 0.0}, ValueError, POSITIVE),
    row(RMSProp, "rho", "1", {"rho": 1}, ValueError, FRACTION),
    row(RMSProp, "eps", "None", {"eps": None}, TypeError, REAL),
    row(Adam, "beta1", "1", {"beta1": 1.0}, ValueError, FRACTION),
    row(Adam, "beta2", "1.5", {"beta2": 1.5}, ValueError, FRACTION),
    row(Adam, "eps", "inf", {"eps": INF}, ValueError, POSITIVE),
    row(
        MOMENTUM_STEP,
        "state",
        "a list",
        {"g": G2, "state": [np.zeros(2)]},
        TypeError,
        r"must be the tuple of 1 array\(s\) that Momentum\.init or Momentum\.step returned",
    ),
    row(
        MOMENTUM_STEP,
        "state",
        "the wrong shape",
        {"g": G2, "state": (np.zeros(3),)},
        ValueError,
        r"must hold arrays of the gradient's shape \(2,\), got \(3,\); start it with "
        r"Momentum\.init\(w\)",
    ),
    row(
        MOMENTUM_STEP,
        "state",
        "NaN",
        {"g": G2, "state": (np.array([NAN, 0.0]),)},
        ValueError,
        r"holds NaN or infinity, so Momentum cannot continue; start again from Momentum\.init",
    ),
    row(
        MOMENTUM_STEP,
        "g",
        "inf",
        {"g": [INF, 0.0], "state": (np.zeros(2),)},
        ValueError,
        "holds NaN or infinity; a step needs a finite gradient",
    ),
    row(
        ADAM_STEP,
        "state",
        "without the count",
        {"g": G2, "state": ADAM_STATE[:2]},
        TypeError,
        r"must be the tuple \(m, s, t\) that Adam\.init or Adam\.step returned",
    ),
    row(
        ADAM_STEP,
        "state",
        "a float count",
        {"g": G2, "state": (*ADAM_STATE[:2], 1.0)},
        TypeError,
        r"state\[2\], the number of steps taken, must be a whole number",
    ),
    # --- gdtutor.schedules ---
    row(InverseTimeDecay, "initial", "0", {"initial": 0.0, "tau": 10.0}, ValueError, POSITIVE),
    row(InverseTimeDecay, "tau", "None", {"initial": 0.5, "tau": None}, TypeError, REAL),
    row(
        StepDecay,
        "initial",
        "negative",
        {"initial": -0.1, "factor": 0.5, "every": 2},
        ValueError,
        POSITIVE,
    ),
    row(
        StepDecay,
        "factor",
        "1",
        {"initial": 0.1, "factor": 1.0, "every": 2},
        ValueError,
        "must be greater than 0 and less than 1",
    ),
    row(
        StepDecay,
        "every",
        "0",
        {"initial": 0.1, "factor": 0.5, "every": 0},
        ValueError,
        "1 or more",
    ),
    row(ExponentialDecay, "initial", "text", {"initial": "0.1", "factor": 0.5}, TypeError, REAL),
    row(ExponentialDecay, "factor", "0", {"initial": 0.1, "factor": 0.0}, ValueError, POSITIVE),
    row(CosineDecay, "initial", "inf", {"initial": INF, "steps": 10}, ValueError, POSITIVE),
    row(CosineDecay, "steps", "1.5", {"initial": 0.1, "steps": 1.5}, TypeError, WHOLE),
    row(
        CosineDecay,
        "final",
        "equal to initial",
        {"initial": 0.1, "steps": 10, "final": 0.1},
        ValueError,
        r"must be 0 or more and less than initial \(0\.1\), got 0\.1",
    ),
    row(Warmup, "then", "text", {"then": "0.1", "steps": 5}, TypeError, REAL),
    row(Warmup, "steps", "0", {"then": 0.1, "steps": 0}, ValueError, "1 or more"),
    # --- gdtutor.gradcheck ---
    row(numerical_gradient, "cost", "a number", {**NUMGRAD, "cost": 2.0}, TypeError, FUNCTION),
    row(numerical_gradient, "w", "None", {**NUMGRAD, "w": None}, TypeError, NUMBERS),
    row(numerical_gradient, "eps", "0", {**NUMGRAD, "eps": 0.0}, ValueError, POSITIVE),
    row(
        numerical_gradient,
        "cost",
        "NaN within eps of w",
        {"cost": nan_below_one, "w": [1.0]},
        ValueError,
        "NaN or infinite within eps=1e-06 of w.*compare at a point where it is defined",
    ),
    row(gradient_error, "cost", "None", {**GRADERR, "cost": None}, TypeError, FUNCTION),
    row(
        gradient_error,
        "grad",
        "the wrong shape",
        {**GRADERR, "grad": lambda w: w[:1]},
        ValueError,
        r"returned an array of shape \(1,\) .*one partial derivative per parameter",
    ),
    row(
        gradient_error,
        "grad",
        "returns NaN",
        {**GRADERR, "grad": lambda w: np.full_like(w, NAN)},
        ValueError,
        "returned NaN or infinity at w; it must be finite where you compare",
    ),
    row(gradient_error, "w", "empty", {**GRADERR, "w": []}, ValueError, "is empty; give at least"),
    row(gradient_error, "eps", "negative", {**GRADERR, "eps": -1e-6}, ValueError, POSITIVE),
    # --- gdtutor.linear ---
    row(
        add_bias,
        "X",
        "3-D",
        {"X": np.ones((2, 2, 2))},
        ValueError,
        r"must be 1-D or 2-D \(n_samples, n_features\)",
    ),
    row(
        mse,
        "w",
        "one too many",
        {**LINEAR, "w": [1.0, 2.0, 3.0]},
        ValueError,
        r"must have shape \(2,\), one parameter per column of X",
    ),
    row(
        mse,
        "X",
        "1-D",
        {**LINEAR, "X": Y3},
        ValueError,
        r"must be 2-D, .*for a single feature use add_bias\(x\)",
    ),
    row(
        mse,
        "y",
        "a column",
        {**LINEAR, "y": Y_COLUMN},
        ValueError,
        r"must be 1-D, .*flatten it with y\.ravel\(\)",
    ),
    row(mse, "X", "overflow", {**LINEAR, "X": X3 * 1e200}, OverflowError, RESCALE),
    row(mse_gradient, "w", "2-D", {**LINEAR, "w": [W2]}, ValueError, r"must have shape \(2,\)"),
    row(mse_gradient, "X", "3-D", {**LINEAR, "X": X3[np.newaxis]}, ValueError, "must be 2-D"),
    row(mse_gradient, "y", "a column", {**LINEAR, "y": Y_COLUMN}, ValueError, "must be 1-D"),
    row(mse_gradient, "X", "overflow", {**LINEAR, "X": X3 * 1e200}, OverflowError, RESCALE),
    row(mse_hessian, "X", "1-D", {"X": Y3}, ValueError, "must be 2-D"),
    row(mse_hessian, "X", "overflow", {"X": X3 * 1e200}, OverflowError, RESCALE),
    row(least_squares, "X", "a string", {"X": "X", "y": Y3}, TypeError, NUMBERS),
    row(least_squares, "y", "a column", {"X": X3, "y": Y_COLUMN}, ValueError, "must be 1-D"),
    row(
        least_squares,
        "X",
        "overflow",
        {"X": X3 * 1e-300, "y": Y3 * 1e10},
        OverflowError,
        "X is too small or y too large; rescale X and y",
    ),
    row(fit_gradient_descent, "X", "with NaN", {**FIT, "X": X3 * NAN}, ValueError, FINITE),
    row(fit_gradient_descent, "y", "a column", {**FIT, "y": Y_COLUMN}, ValueError, "must be 1-D"),
    row(
        fit_gradient_descent,
        "learning_rate",
        "negative",
        {**FIT, "learning_rate": -0.1},
        ValueError,
        POSITIVE,
    ),
    row(fit_gradient_descent, "steps", "negative", {**FIT, "steps": -1}, ValueError, "0 or more"),
    row(
        fit_gradient_descent,
        "start",
        "one too many",
        {**FIT, "start": [0, 0, 0]},
        ValueError,
        r"must have shape \(2,\), one parameter per column of X",
    ),
    row(fit_gradient_descent, "tol", "0", {**FIT, "tol": 0}, ValueError, POSITIVE),
    row(fit_gradient_descent, "update", "a class", {**FIT, "update": Adam}, TypeError, "call it"),
    # --- gdtutor.logistic ---
    row(LOGISTIC_SIGMOID, "z", "None", {"z": None}, TypeError, NUMBERS),
    row(LOGISTIC_SIGMOID, "z", "with inf", {"z": [0.0, INF]}, ValueError, FINITE),
    row(
        cross_entropy,
        "w",
        "one too many",
        {**LOGISTIC, "w": [1.0, 2.0, 3.0]},
        ValueError,
        r"must have shape \(2,\), one parameter per column of X",
    ),
    row(
        cross_entropy,
        "X",
        "1-D",
        {**LOGISTIC, "X": Y3},
        ValueError,
        r"must be 2-D, .*for a single feature use add_bias\(x\)",
    ),
    row(
        cross_entropy,
        "y",
        "a column",
        {**LOGISTIC, "y": LABELS3[:, np.newaxis]},
        ValueError,
        r"must be 1-D, .*flatten it with y\.ravel\(\)",
    ),
    row(
        cross_entropy,
        "y",
        "labels 1 and 2",
        {**LOGISTIC, "y": [1, 2, 2]},
        ValueError,
        r"must hold the labels 0 and 1 only, got 2; recode the classes",
    ),
    row(
        cross_entropy,
        "y",
        "one too few",
        {**LOGISTIC, "y": [0, 1]},
        ValueError,
        "X has 3 rows but y has 2 values; they must match",
    ),
    row(
        cross_entropy,
        "l2",
        "negative",
        {**LOGISTIC, "l2": -0.1},
        ValueError,
        r"must be 0 or more \(0 for no penalty\)",
    ),
    row(
        cross_entropy,
        "X",
        "overflow",
        {**LOGISTIC, "X": X3 * 1e200, "w": W2 * 1e200},
        OverflowError,
        "overflowed: .*; rescale X",
    ),
    row(cross_entropy_gradient, "w", "text", {**LOGISTIC, "w": ["1", "2"]}, TypeError, NUMBERS),
    row(cross_entropy_gradient, "X", "with NaN", {**LOGISTIC, "X": X3 * NAN}, ValueError, FINITE),
    row(
        cross_entropy_gradient,
        "y",
        "-1 and 1",
        {**LOGISTIC, "y": [-1, 1, 1]},
        ValueError,
        "must hold the labels 0 and 1 only",
    ),
    row(cross_entropy_gradient, "l2", "a string", {**LOGISTIC, "l2": "0.1"}, TypeError, REAL),
    row(
        cross_entropy_gradient,
        "X",
        "overflow",
        {"w": [0.0, 0.0], "X": np.full((3, 2), 1.5e308), "y": [0, 0, 0]},
        OverflowError,
        "overflowed: .*; rescale X",
    ),
    row(fit_logistic, "X", "3-D", {**LOGISTIC_FIT, "X": X3[np.newaxis]}, ValueError, "must be 2-D"),
    row(
        fit_logistic,
        "y",
        "labels 0.5",
        {**LOGISTIC_FIT, "y": [0.0, 0.5, 1.0]},
        ValueError,
        "must hold the labels 0 and 1 only, got 0.5",
    ),
    row(
        fit_logistic,
        "learning_rate",
        "0",
        {**LOGISTIC_FIT, "learning_rate": 0},
        ValueError,
        POSITIVE,
    ),
    row(fit_logistic, "steps", "2.5", {**LOGISTIC_FIT, "steps": 2.5}, TypeError, WHOLE),
    row(fit_logistic, "l2", "NaN", {**LOGISTIC_FIT, "l2": NAN}, ValueError, "a finite number"),
    row(
        fit_logistic,
        "start",
        "one too few",
        {**LOGISTIC_FIT, "start": [0.0]},
        ValueError,
        r"must have shape \(2,\), one parameter per column of X",
    ),
    row(fit_logistic, "tol", "negative", {**LOGISTIC_FIT, "tol": -1.0}, ValueError, POSITIVE),
    # --- gdtutor.stochastic ---
    row(MinibatchResult, "path", "None", {**MBRESULT, "path": None}, TypeError, "array of numbers"),
    row(
        MinibatchResult,
        "costs",
        "one per epoch",
        {**MBRESULT, "costs": [1.0, 1.0, 1.0]},
        ValueError,
        r"must have shape \(5,\), one per point of path",
    ),
    row(
        MinibatchResult,
        "steps",
        "not a whole number of epochs",
        {**MBRESULT, "path": np.zeros((4, 2)), "steps": 3},
        ValueError,
        r"must be a whole number of epochs \(2 updates each\), got 3",
    ),
    row(
        MinibatchResult,
        "converged",
        "True",
        {**MBRESULT, "converged": True},
        ValueError,
        "must be False: a mini-batch run has no tolerance",
    ),
    row(
        MinibatchResult,
        "batch_size",
        "more than n_samples",
        {**MBRESULT, "batch_size": 4},
        ValueError,
        r"must be from 1 to the number of samples \(3\), got 4",
    ),
    row(
        MinibatchResult,
        "updates_per_epoch",
        "not ceil(n / b)",
        {**MBRESULT, "updates_per_epoch": 1},
        ValueError,
        r"must be ceil\(n_samples / batch_size\) = 2, got 1",
    ),
    row(MinibatchResult, "n_samples", "0", {**MBRESULT, "n_samples": 0}, ValueError, "1 or more"),
    row(
        minibatch_gradients,
        "X",
        "with inf",
        {**MBG, "X": [[1.0, 0.0], [1.0, INF], [1.0, 2.0]]},
        ValueError,
        FINITE,
    ),
    row(
        minibatch_gradients,
        "y",
        "one too few",
        {**MBG, "y": Y3[:2]},
        ValueError,
        "X has 3 rows but y has 2 values; they must match",
    ),
    row(
        minibatch_gradients,
        "batch_size",
        "more than n_samples",
        {**MBG, "batch_size": 4},
        ValueError,
        r"must be from 1 to the number of samples \(3\), got 4",
    ),
    row(
        minibatch_gradients,
        "rng",
        "a RandomState",
        {**MBG, "rng": np.random.RandomState(0)},  # noqa: NPY002 (the legacy API, refused)
        TypeError,
        GENERATOR,
    ),
    row(fit_minibatch, "X", "1-D", {**MB, "X": Y3}, ValueError, "must be 2-D"),
    row(fit_minibatch, "y", "complex", {**MB, "y": Y3 + 1j}, TypeError, "must be real"),
    row(
        fit_minibatch,
        "batch_size",
        "0",
        {**MB, "batch_size": 0},
        ValueError,
        r"must be from 1 to the number of samples \(3\), got 0",
    ),
    row(fit_minibatch, "learning_rate", "text", {**MB, "learning_rate": "0.1"}, TypeError, REAL),
    row(fit_minibatch, "epochs", "1.5", {**MB, "epochs": 1.5}, TypeError, WHOLE),
    row(fit_minibatch, "rng", "negative", {**MB, "rng": -1}, ValueError, "a seed of 0 or more"),
    row(
        fit_minibatch,
        "start",
        "one too few",
        {**MB, "start": [0.0]},
        ValueError,
        r"must have shape \(2,\), one parameter per column of X",
    ),
    row(fit_minibatch, "record_costs", "1", {**MB, "record_costs": 1}, TypeError, BOOLEAN),
    row(fit_minibatch, "update", "text", {**MB, "update": "adam"}, TypeError, "init and step"),
    # --- gdtutor.datasets ---
    row(
        two_blobs,
        "n_samples",
        "1",
        {**BLOBS, "n_samples": 1},
        ValueError,
        "must be 2 or more, one point of each class",
    ),
    row(
        two_blobs, "separation", "negative", {**BLOBS, "separation": -1.0}, ValueError, "0 or more"
    ),
    row(two_blobs, "std", "None", {**BLOBS, "std": None}, TypeError, REAL),
    row(two_blobs, "rng", "a float", {**BLOBS, "rng": 0.5}, TypeError, GENERATOR),
    row(
        two_blobs,
        "std",
        "overflow",
        {**BLOBS, "n_samples": 100, "std": 1e308},
        OverflowError,
        "overflowed .*; make separation or std smaller",
    ),
    row(two_moons, "n_samples", "a string", {**MOONS, "n_samples": "4"}, TypeError, WHOLE),
    row(two_moons, "noise", "inf", {**MOONS, "noise": INF}, ValueError, "a finite number"),
    row(two_moons, "rng", "negative", {**MOONS, "rng": -2}, ValueError, "a seed of 0 or more"),
    row(
        two_moons,
        "noise",
        "overflow",
        {**MOONS, "n_samples": 100, "noise": 1e308},
        OverflowError,
        "overflowed .*; make noise smaller",
    ),
    row(normal_sample, "n_samples", "0", {**NORMAL, "n_samples": 0}, ValueError, "1 or more"),
    row(normal_sample, "mean", "NaN", {**NORMAL, "mean": NAN}, ValueError, "a finite number"),
    row(normal_sample, "std", "negative", {**NORMAL, "std": -1.0}, ValueError, "0 or more"),
    row(normal_sample, "rng", "None", {**NORMAL, "rng": None}, TypeError, GENERATOR),
    row(
        normal_sample,
        "std",
        "overflow",
        {"n_samples": 100, "std": 1e308, "rng": 0},
        OverflowError,
        "overflowed .*; make mean or std smaller",
    ),
    row(noisy_line, "n_samples", "2.5", {**LINE, "n_samples": 2.5}, TypeError, WHOLE),
    row(noisy_line, "intercept", "a string", {**LINE, "intercept": "1"}, TypeError, REAL),
    row(
        noisy_line,
        "slope",
        "an int too large for a float",
        {**LINE, "slope": 10**400},
        ValueError,
        "a finite number, got one too large for a float",
    ),
    row(noisy_line, "noise", "negative", {**LINE, "noise": -0.5}, ValueError, "0 or more"),
    row(
        noisy_line,
        "x_range",
        "reversed",
        {**LINE, "x_range": (2.0, 0.0)},
        ValueError,
        r"must be \(low, high\) with low < high",
    ),
    row(noisy_line, "rng", "1.5", {**LINE, "rng": 1.5}, TypeError, GENERATOR),
    row(
        noisy_line,
        "x_range",
        "a string",
        {**LINE, "x_range": "01"},
        TypeError,
        r"must be a pair of numbers \(low, high\)",
    ),
    row(
        noisy_line,
        "x_range",
        "one number",
        {**LINE, "x_range": (0.0,)},
        TypeError,
        r"must be a pair of numbers \(low, high\)",
    ),
    row(
        noisy_line,
        "x_range",
        "NaN",
        {**LINE, "x_range": (0.0, NAN)},
        ValueError,
        r"x_range\[1\] must be a finite number",
    ),
    row(
        noisy_line,
        "x_range",
        "too wide",
        {**LINE, "x_range": (-1e308, 1e308)},
        ValueError,
        "is too wide: high - low must not pass",
    ),
    row(
        noisy_line,
        "slope",
        "overflow",
        {**LINE, "slope": 1e308, "noise": 0.0, "x_range": (2.0, 3.0)},
        OverflowError,
        "overflowed .*; make intercept, slope, noise or x_range smaller",
    ),
    row(linear_dataset, "n_samples", "True", {**LINEAR_DATA, "n_samples": True}, TypeError, WHOLE),
    row(
        linear_dataset,
        "weights",
        "2-D",
        {**LINEAR_DATA, "weights": [[2.0, -1.0]]},
        ValueError,
        "must be a 1-D list of numbers, one per feature",
    ),
    row(linear_dataset, "bias", "None", {**LINEAR_DATA, "bias": None}, TypeError, REAL),
    row(linear_dataset, "noise", "inf", {**LINEAR_DATA, "noise": INF}, ValueError, "finite"),
    row(linear_dataset, "rng", "a string", {**LINEAR_DATA, "rng": "0"}, TypeError, GENERATOR),
    row(
        linear_dataset,
        "weights",
        "overflow",
        {**LINEAR_DATA, "n_samples": 50, "weights": [1e308, 1e308]},
        OverflowError,
        "overflowed .*; make weights, bias or noise smaller",
    ),
    row(dummy_dataset, "n_groups", "0", {**DUMMY, "n_groups": 0}, ValueError, "1 or more"),
    row(
        dummy_dataset,
        "rows_per_group",
        "a string",
        {**DUMMY, "rows_per_group": "5"},
        TypeError,
        WHOLE,
    ),
    row(dummy_dataset, "intercept", "1", {**DUMMY, "intercept": 1}, TypeError, BOOLEAN),
    row(
        dummy_dataset,
        "means",
        "one too many",
        {**DUMMY, "means": [1.0, 2.0, 3.0]},
        ValueError,
        "must be a 1-D list of 2 numbers, one per group",
    ),
    row(dummy_dataset, "noise", "NaN", {**DUMMY, "noise": NAN}, ValueError, "a finite number"),
    row(
        dummy_dataset,
        "rng",
        "left out with noise",
        {**DUMMY, "noise": 0.5},
        TypeError,
        "is needed to draw the noise .*for example rng=0, or leave noise at 0",
    ),
    row(
        dummy_dataset,
        "means",
        "overflow",
        {**DUMMY, "rows_per_group": 50, "means": [1.7e308, 0.0], "noise": 1e307, "rng": 0},
        OverflowError,
        "overflowed .*; make means or noise smaller",
    ),
    # --- gdtutor.autodiff ---
    row(Tensor, "value", "a string", {"value": "1.0"}, TypeError, NUMBERS),
    row(Tensor, "value", "NaN", {"value": [1.0, NAN]}, ValueError, FINITE),
    *(
        row(function, "x", "a string", {"x": "2"}, TypeError, NUMBERS)
        for function in (exp, log, tanh, relu, sigmoid, softplus, logsumexp)
    ),
    row(logsumexp, "axis", "out of range", {"x": G2, "axis": 1}, ValueError, "from -1 to 0"),
    row(logsumexp, "axis", "a float", {"x": G2, "axis": 0.0}, TypeError, WHOLE),
    row(logsumexp, "keepdims", "1", {"x": G2, "keepdims": 1}, TypeError, BOOLEAN),
    row(
        softmax_cross_entropy,
        "logits",
        "1-D",
        {"logits": G2, "labels": [0]},
        ValueError,
        r"must be 2-D, shape \(n_samples, n_classes\)",
    ),
    row(
        softmax_cross_entropy,
        "labels",
        "floats",
        {"logits": LOGITS, "labels": [0.0, 1.0]},
        ValueError,
        r"must be integers of shape \(2,\)",
    ),
    row(
        softmax_cross_entropy,
        "labels",
        "a class too many",
        {"logits": LOGITS, "labels": [0, 2]},
        ValueError,
        "must lie in 0 .. 1 for 2 classes",
    ),
    row(value_and_grad, "f", "a number", {"f": 2.0}, TypeError, FUNCTION),
    row(grad, "f", "None", {"f": None}, TypeError, FUNCTION),
    row(BACKWARD, "seed", "no seed", {}, ValueError, r"reduce it first \(\.sum\(\)"),
    row(BACKWARD, "seed", "wrong shape", {"seed": [1.0]}, ValueError, r"must have the shape"),
]


@pytest.mark.parametrize(("function", "argument", "kwargs", "error", "fix"), ROWS)
def test_a_mistake_is_refused_with_a_message_that_names_the_argument_and_the_fix(
    function, argument, kwargs, error, fix
):
    with pytest.raises(error) as caught:
        function(**kwargs)
    message = str(caught.value)
    assert re.search(rf"\b{re.escape(argument)}\b", message), f"{argument} is not named: {message}"
    assert re.search(fix, message), f"the message does not say {fix!r}: {message}"


def public_callables():
    """Every public function and class defined in the core modules (not the names they import)."""
    found = {}
    for module in CORE_MODULES:
        for name, value in vars(module).items():
            if name.startswith("_") or not callable(value):
                continue
            if getattr(value, "__module__", None) == module.__name__:
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_argument_of_the_core_api_is_in_the_table():
    rows = {(param.values[0], param.values[1]) for param in ROWS}
    wanted = {
        (function, argument): f"{name}({argument})"
        for name, function in public_callables().items()
        for argument in inspect.signature(function).parameters
    }
    missing = sorted(label for key, label in wanted.items() if key not in rows)
    assert not missing, f"add a row to ROWS for each of: {missing}"
    unknown = sorted(
        f"{f.__qualname__}({argument})"
        for f, argument in rows - wanted.keys()
        if not is_argument_of_a_public_method(f, argument)
    )
    assert not unknown, f"these rows name no argument of their function: {unknown}"


def is_argument_of_a_public_method(method, argument) -> bool:
    """A row through a method (``Momentum(...).step``): of a public class, with that argument."""
    owner = getattr(method, "__self__", None)
    return (
        type(owner) in public_callables().values()
        and not method.__name__.startswith("_")
        and argument in inspect.signature(method).parameters
    )


def test_the_package_exports_only_core_functions():
    for name in gdtutor.__all__:
        assert getattr(gdtutor, name) in public_callables().values()


def test_the_introspection_finds_the_modules_functions():
    """The completeness test would pass vacuously if the introspection found nothing."""
    names = public_callables()
    assert "gdtutor.descent.gradient_descent" in names
    assert "gdtutor.optimizers.Adam" in names
    assert "gdtutor.schedules.InverseTimeDecay" in names
    assert "gdtutor.datasets.dummy_dataset" in names
    assert "gdtutor.linear.DescentResult" not in names  # imported, not defined there
    assert (
        "gdtutor.stochastic.InverseTimeDecay" not in names
    )  # still importable, defined in schedules
    assert len(names) == 45


# The functions whose docstrings must say, under "Raises", every exception their rows raise.
WITH_RAISES = [
    Tensor,
    logsumexp,
    softmax_cross_entropy,
    value_and_grad,
    grad,
    BACKWARD,
    gradient_descent,
    Momentum,
    Nesterov,
    AdaGrad,
    RMSProp,
    Adam,
    MOMENTUM_STEP,
    ADAM_STEP,
    InverseTimeDecay,
    StepDecay,
    ExponentialDecay,
    CosineDecay,
    Warmup,
    add_bias,
    mse,
    mse_gradient,
    mse_hessian,
    least_squares,
    fit_gradient_descent,
    LOGISTIC_SIGMOID,
    cross_entropy,
    cross_entropy_gradient,
    fit_logistic,
    normal_sample,
    noisy_line,
    linear_dataset,
    dummy_dataset,
    two_blobs,
    two_moons,
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


@pytest.mark.parametrize("function", WITH_RAISES, ids=lambda f: f.__qualname__)
def test_the_raises_section_names_every_exception_of_the_table(function):
    raised = {param.values[3].__name__ for param in ROWS if param.values[0] is function}
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
