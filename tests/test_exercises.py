"""The exercises' checks (gdtutor.exercises).

* Every check fails at least two typical wrong answers, each with a message that names the
  mistake: a check that passes everything is a defect, and this is what shows it cannot.
* Right answers written otherwise (a list, a float32, a Fraction, a set, the precision the page
  prints) pass, and answers of the wrong kind (None, nan, a string, a function) say "Not yet."
  and never raise.
* Every page's own solution passes its check: the solution calls it, and its output block, which
  the page tests compare, shows "Right.".
* Every exercise on the site shows the call of its check under it, except the pages in PENDING
  (issue 16 is adding them page by page; each is a strict xfail, which fails once its page has
  checks, so the list can only shrink).
"""

from __future__ import annotations

import inspect
import re
from fractions import Fraction

import numpy as np
import pytest
from sklearn.datasets import load_diabetes

from gdtutor import exercises
from gdtutor.datasets import noisy_line, normal_sample, two_blobs
from gdtutor.exercises import Verdict, check
from gdtutor.linear import add_bias
from tests.markdown_pages import DOCS


def quartic_grad(w):
    return np.array([2 * w[0], 4 * w[1] ** 3])


# error-curve: the readings, the distance to their mean after 10 halvings, the robust derivative.
READINGS = normal_sample(1000, mean=2.0, std=0.3, rng=0)
SPOILT = np.concatenate([READINGS, np.full(50, 10.0)])
HALVED = (READINGS.mean() - 1) * 0.5**10


def robust_grad(m, data=SPOILT, c=0.3):
    return np.mean(-2 * (data - m) / (c**2 + (data - m) ** 2))


# (page, number) -> typical wrong answers: (keyword arguments, what the message must say).
WRONG = {
    ("one-dimension", 1): [
        ({"one_step": 1 / 3, "diverges_above": 1 / 3}, "one_step: off by a factor of 2 "),
        ({"one_step": 0.4, "diverges_above": 1 / 3}, "diverges: |1 − 6η| = 1.4 > 1"),
        ({"one_step": -1 / 6, "diverges_above": 1 / 3}, "one_step: your learning rate diverges"),
        ({"one_step": 1 / 6, "diverges_above": 1 / 6}, "diverges_above: off by a factor of 1/2"),
        (
            {"one_step": 1 / 6, "diverges_above": 0.3},
            "diverges_above: not right; yours is too small",
        ),
        ({"one_step": "1/6", "diverges_above": 1 / 3}, "one_step: expected a number, got str"),
    ],
    ("one-dimension", 2): [
        (
            {"gradient": lambda w: np.array([w[0], 4 * w[1] ** 3]), "first": "w1"},
            "gradient, component 1: off by a constant factor of 1/2.",
        ),
        (
            {"gradient": lambda w: np.array([2 * w[0], 4 * w[1] ** 2]), "first": "w1"},
            "gradient, component 2: wrong, and not by a constant factor",
        ),
        ({"gradient": lambda w: -quartic_grad(w), "first": "w1"}, "gradient: the sign is flipped."),
        ({"gradient": lambda w: 2 * w[:1], "first": "w1"}, "returns shape (1,)"),
        ({"gradient": lambda w: quartic_grad(w).T @ w, "first": "w1"}, "returns shape ()"),
        ({"gradient": quartic_grad, "first": "w2"}, "first: not that one"),
        ({"gradient": quartic_grad, "first": 1}, "first: answer one of 'w1', 'w2'"),
        (  # 2|w₁|: right where w₁ > 0, so not a flipped sign
            {"gradient": lambda w: np.array([2 * abs(w[0]), 4 * w[1] ** 3]), "first": "w1"},
            "gradient, component 1: wrong, and not by a constant factor",
        ),
        (  # twice the gradient where w₁ < 0 only: not a constant factor
            {"gradient": lambda w: quartic_grad(w) * (2 if w[0] < 0 else 1), "first": "w1"},
            "gradient: wrong, and not by a constant factor",
        ),
    ],
    ("error-curve", 1): [
        (
            {"factor": 0.75, "distance": HALVED},
            "factor: that is 1 − η, as if J'(m) had no factor 2",
        ),
        ({"factor": -0.5, "distance": HALVED}, "factor: right size, wrong sign"),
        (
            {"factor": 0.5, "distance": HALVED / 2},
            "off by one step: yours is the distance after 11",
        ),
        ({"factor": 0.5, "distance": 0.5**10}, "distance: only the shrinking; multiply by the"),
        ({"factor": 0.5, "distance": 1e-3}, "distance: not right; yours is too large"),
        ({"factor": 2, "distance": HALVED}, "factor: each step divides the distance by that;"),
        (
            {"factor": 0.5, "distance": READINGS.mean() - HALVED},
            "distance: that is where the run is; how far is that from x̄?",
        ),
    ],
    ("error-curve", 2): [
        ({"eta_1": "converges", "eta_1_05": "diverges"}, "eta_1: not that one; work out the"),
        ({"eta_1": "bounces", "eta_1_05": "bounces"}, "eta_1_05: not that one; work out the"),
        ({"eta_1": "oscillates", "eta_1_05": "diverges"}, "eta_1: answer one of 'converges',"),
    ],
    ("error-curve", 3): [
        ({"gradient": lambda m: -robust_grad(m), "centre": 1.9832}, "gradient: the sign is flip"),
        ({"gradient": lambda m: robust_grad(m) / 2, "centre": 1.9832}, "factor of 1/2."),
        (
            {"gradient": lambda m: robust_grad(m) * 1050, "centre": 1.9832},
            "gradient: off by a constant factor of n = 1050 (a sum for a mean?)",
        ),
        (
            {"gradient": lambda m: robust_grad(m, c=np.sqrt(0.3)), "centre": 1.9832},
            "gradient: wrong, and not by a constant factor",
        ),
        (
            {"gradient": lambda m: robust_grad(m, READINGS), "centre": 1.9832},
            "gradient: wrong, and not by a constant factor",
        ),
        ({"gradient": robust_grad, "centre": SPOILT.mean()}, "centre: that is the mean of the"),
        ({"gradient": robust_grad, "centre": 1.9817}, "the robust centre of the clean readings"),
        ({"gradient": robust_grad, "centre": 1.99}, "centre: not right; yours is too large"),
        ({"gradient": 1.9832, "centre": 1.9832}, "gradient: expected a function of w, got float"),
        ({"gradient": lambda m: 0 * m, "centre": 1.9832}, "gradient: it is 0 where the gradient"),
    ],
    ("struggles", 1): [
        ({"left_up_to": 0.17, "right_from": 0.16}, "the right starts, swapped."),
        ({"left_up_to": 0.15, "right_from": 0.17}, "left_up_to: off by one start; the starts are"),
        ({"left_up_to": 0.16, "right_from": 0.18}, "right_from: off by one start"),
        ({"left_up_to": 0.16, "right_from": 0.16993844}, "right_from: that is the hump; give a"),
        ({"left_up_to": -1.30084, "right_from": 0.17}, "left_up_to: that is where runs end, not"),
        ({"left_up_to": 0.16, "right_from": 1.1309}, "right_from: that is where runs end"),
        ({"left_up_to": 0.1, "right_from": 0.17}, "left_up_to: not right; yours is too small"),
        ({"left_up_to": "0.16", "right_from": 0.17}, "left_up_to: expected a number, got str"),
    ],
    ("struggles", 2): [
        ({"stops_at": [0.0, 0.0], "found_minimum": True}, "found_minimum: not that one; look at"),
        ({"stops_at": [0.0, 1.0], "found_minimum": False}, "stops_at: that is a minimum; does w₂"),
        ({"stops_at": [1.5, 0.0], "found_minimum": False}, "stops_at: that is the start;"),
        ({"stops_at": [0.0, 0.5], "found_minimum": False}, "stops_at: not where this run stops."),
        ({"stops_at": 0.0, "found_minimum": False}, "stops_at: has shape (); expected shape (2,)"),
        ({"stops_at": [0, 0], "found_minimum": "no"}, "found_minimum: answer one of True, False"),
    ],
}
# dummy-variable-trap: two groups of 5 without an intercept; three groups of 4 with one.
X_NO = np.kron(np.eye(2), np.ones((5, 1)))
RIGHT_NO = {"rank": 2, "XtX": 5 * np.eye(2), "w": [0.0, 1.0], "two_answers": False}
W_PLUS = np.array([0.75, -0.75, 0.25, 1.25])
RIGHT_3 = {"rank": 3, "null_vector": [1.0, -1.0, -1.0, -1.0], "w_plus": W_PLUS}
WRONG |= {
    ("dummy-variable-trap", 1): [
        (RIGHT_NO | {"rank": 3}, "rank: X has only 2 columns, so its rank is at most 2."),
        (RIGHT_NO | {"rank": 1}, "rank: too small; how many of the columns are independent?"),
        (RIGHT_NO | {"XtX": 10 * np.eye(2)}, "XtX: off by a factor of 2 "),
        (RIGHT_NO | {"XtX": np.eye(2) / 2}, "XtX: off by a factor of 1/10 "),
        (RIGHT_NO | {"XtX": X_NO @ X_NO.T}, "XtX: has shape (10, 10), that of X Xᵀ"),
        (RIGHT_NO | {"w": [1.0, 0.0]}, "w: the right numbers in the wrong order."),
        (RIGHT_NO | {"w": [1 / 3, -1 / 3, 2 / 3]}, "w: has shape (3,); expected shape (2,)."),
        (RIGHT_NO | {"w": [0.0, 0.5]}, "w: off by a factor of 1/2 "),
        (RIGHT_NO | {"two_answers": True}, "two_answers: not that one; look for a null space"),
        (RIGHT_NO | {"two_answers": 0}, "two_answers: answer one of True, False."),
    ],
    ("dummy-variable-trap", 2): [
        (RIGHT_3 | {"rank": 4}, "rank: that is the number of columns; are they independent?"),
        (RIGHT_3 | {"null_vector": [1.0, 1.0, 1.0, 1.0]}, "null_vector: X v is not 0, so it is"),
        (RIGHT_3 | {"null_vector": np.zeros(4)}, "null_vector: the zero vector spans nothing"),
        (RIGHT_3 | {"null_vector": [-1.0, -1.0, -1.0]}, "null_vector: has shape (3,); expected"),
        (
            RIGHT_3 | {"w_plus": [0.0, 0.0, 1.0, 2.0]},
            "w_plus: fits the data exactly, but it is not the one of least norm",
        ),
        (RIGHT_3 | {"w_plus": W_PLUS + [0.1, 0, 0, 0]}, "w_plus: does not fit the data"),
        (RIGHT_3 | {"w_plus": -W_PLUS}, "w_plus: right size, wrong sign."),
        (RIGHT_3 | {"w_plus": W_PLUS[1:]}, "w_plus: has shape (3,); expected shape (4,)."),
    ],
}
WRONG |= {
    ("linear-regression", 1): [
        (
            {"learning_rate": 0.1},
            "learning_rate: your learning rate diverges: |1 − λ_max η| = 21.5",
        ),
        ({"learning_rate": 0.1 * 50}, "learning_rate: your learning rate diverges"),
        ({"learning_rate": -0.1 / 50}, "learning_rate: your learning rate diverges"),
        ({"learning_rate": 0.1 / 49}, "learning_rate: off by one in n"),
        ({"learning_rate": 0.1 / 50 / 2}, "learning_rate: off by a factor of 1/2 "),
        ({"learning_rate": 0.1 / 50**2}, "off by a factor of 1/n = 1/50: divided by n twice?"),
        ({"learning_rate": 0.0021}, "learning_rate: not right; yours is too large."),
    ],
    ("linear-regression", 2): [
        ({"slope": 6.0445}, "slope: that is the slope of the line with a bias"),
        ({"slope": 6.0}, "slope: that is the slope of the line with a bias"),
        ({"slope": 7.8538}, "slope: that is the bias of a line with a bias"),
        ({"slope": 2 * 11.926584}, "slope: off by a factor of 2 "),
        ({"slope": 11.93}, "slope: not right; yours is too large."),
        ({"slope": np.array([11.927, 7.854])}, "slope: expected a number, got ndarray."),
    ],
    ("linear-regression", 3): [
        ({"w": [0.5, 0.5]}, "w: that is the minimum-norm solution, where the run from zero"),
        ({"w": [1.0, -1.0]}, "w: that is the start; the run moves from there."),
        ({"w": [2.0, -1.0]}, "w: fits the data exactly, but is not where this run ends"),
        ({"w": [1.5, 0.5]}, "w: does not fit the data"),
        ({"w": [-0.5, 1.5]}, "w: the right numbers in the wrong order."),
        ({"w": [1.5]}, "w: has shape (1,); expected shape (2,)."),
    ],
}
WRONG |= {
    ("learning-rate", 1): [
        ({"fastest": 0.4, "steep_factor": 0.88}, "steep_factor: that is the shallow direction's"),
        ({"fastest": 0.4, "steep_factor": 0.98}, "steep_factor: that is its size; give the factor"),
        ({"fastest": 0.4, "steep_factor": -0.5}, "steep_factor: not right; yours is too large."),
        ({"fastest": 0.44, "steep_factor": -0.98}, "fastest: not that one; look at the steep"),
        ({"fastest": 0.45, "steep_factor": -0.98}, "that run never gets there: what is |1 − 0.45"),
        ({"fastest": 0.3, "steep_factor": -0.98}, "fastest: not that one; count the steps again."),
        ({"fastest": np.float32(0.45), "steep_factor": -0.98}, "that run never gets there:"),
        ({"fastest": 0.5, "steep_factor": -0.98}, "fastest: answer one of 0.1, 0.2, 0.3, 0.4,"),
    ],
    ("learning-rate", 2): [
        ({"at_0_02": 25, "at_0_4": 416}, "at_0_02 and at_0_4: the right counts, swapped."),
        ({"at_0_02": 417, "at_0_4": 25}, "at_0_02: off by one"),
        ({"at_0_02": 415, "at_0_4": 25}, "at_0_02: off by one"),
        ({"at_0_02": 381, "at_0_4": 25}, "at_0_02: that is within 0.01 of the lowest; 1% of"),
        ({"at_0_02": 416, "at_0_4": 40}, "at_0_4: not right; yours is too large."),
        ({"at_0_02": 416, "at_0_4": 24}, "at_0_4: off by one"),  # within 0.01 too, but one
    ],
    ("learning-rate", 3): [
        ({"hessian": 2.0, "bound": 0.5}, "bound: that is 1/λ_max, the rate that lands in one"),
        ({"hessian": 1.0, "bound": 2.0}, "hessian: off by a factor of 1/2 "),
        ({"hessian": 1.0, "bound": 2.0}, "bound: 2/λ_max is right, for the wrong Hessian."),
        ({"hessian": 2000.0, "bound": 1.0}, "hessian: that is 2 XᵀX, the Hessian of the sum"),
        ({"hessian": np.array([[1000.0]]), "bound": 1.0}, "hessian: that is XᵀX; the Hessian"),
        ({"hessian": 2.0, "bound": 2.0}, "bound: off by a factor of 2 "),
        ({"hessian": np.inf, "bound": 0.0}, "bound: not right; yours is too small."),
        ({"hessian": 3.0, "bound": 1.0}, "hessian: not right; yours is too large."),  # no count
    ],
}
WRONG |= {
    ("batch-stochastic", 1): [
        ({"rate": 2 / 2.0034, "epochs": 8}, "rate: that is 2/λ_max, the stability bound"),
        ({"rate": 1 / 2.0034, "epochs": 8}, "rate: that is 1/λ_max; balance λ_min and λ_max."),
        ({"rate": 377.6, "epochs": 8}, "rate: that is the balanced rate for XᵀX; the Hessian"),
        ({"rate": 0.7, "epochs": 8}, "rate: not right; yours is too small."),
        ({"rate": 0.755, "epochs": 5}, "epochs: that is the mini-batch run's; count the batch"),
        ({"rate": 0.755, "epochs": 9}, "epochs: off by one"),
    ],
    ("batch-stochastic", 2): [
        ({"cost_power": 0.56, "distance_power": 1.1}, "the right powers, swapped."),
        ({"cost_power": 1.1, "distance_power": 1.1}, "distance_power: that is the squared"),
        ({"cost_power": -1.1, "distance_power": 0.56}, "cost_power: right size, wrong sign"),
        ({"cost_power": 2.0, "distance_power": 0.56}, "cost_power: not right; yours is too large"),
        ({"cost_power": 1.0, "distance_power": 0.25}, "distance_power: not right; yours is too"),
        ({"cost_power": np.nan, "distance_power": 0.56}, "cost_power: nan is not a finite number."),
    ],
    ("batch-stochastic", 3): [
        ({"closest": 1000, "decays_too_fast": 1}, "closest: not that one; compare the mean"),
        ({"closest": 100, "decays_too_fast": 1000}, "decays_too_fast: not that one; look at"),
        ({"closest": 50, "decays_too_fast": 1}, "closest: answer one of 1, 10, 100, 1000."),
        ({"closest": 100, "decays_too_fast": True}, "decays_too_fast: answer one of 1, 10,"),
    ],
}
WRONG |= {
    ("momentum", 1): [
        ({"plain": 3224.6, "momentum": 80.55}, "momentum: that is with the factor β; the factor"),
        ({"plain": 3224.6, "momentum": 199}, "momentum: that is the measured count; predict"),
        ({"plain": 3224.6, "momentum": 56.62}, "momentum: that is for κ = 50; this ravine has κ"),
        ({"plain": 403.0, "momentum": 161.1}, "plain: that is for κ = 50; this ravine has κ = 400"),
        ({"plain": 3223.6, "momentum": 161.1}, "plain: the start is √101 from the minimum, not 10"),
        ({"plain": 4000, "momentum": 161.1}, "plain: not right; yours is too large."),
        ({"plain": "3225", "momentum": 161.1}, "plain: expected a number, got str."),
    ],
    ("momentum", 2): [
        ({"best_at_0_005": 0.7, "best_at_1_51": 0.8}, "the right β's, swapped."),
        ({"best_at_0_005": 0.9, "best_at_1_51": 0.7}, "best_at_0_005: not that one; count the"),
        ({"best_at_0_005": 0.8, "best_at_1_51": 0.5}, "best_at_1_51: not that one; count the"),
        ({"best_at_0_005": 0.85, "best_at_1_51": 0.7}, "best_at_0_005: answer one of 0.0, 0.5,"),
        ({"best_at_0_005": 0.8, "best_at_1_51": False}, "best_at_1_51: answer one of 0.0, 0.5,"),
    ],
    ("momentum", 3): [
        ({"largest": 0.038, "edge": 0.038}, "largest: at the edge itself the steep direction"),
        ({"largest": 0.0379, "edge": 0.038}, "largest: give a rate of the grid 0.034, 0.035,"),
        ({"largest": 0.036, "edge": 0.038}, "largest: not right; yours is too small."),
        ({"largest": 0.037, "edge": 0.02}, "edge: that is plain descent's 2/L; momentum's edge"),
        ({"largest": 0.037, "edge": 1.9}, "edge: that is for the shallow curvature μ; the steep"),
        ({"largest": 0.037, "edge": 0.002}, "edge: that is with 1 − β; the edge has 1 + β."),
        ({"largest": 0.037, "edge": 0.019}, "edge: off by a factor of 1/2 "),
    ],
}


class AdamWithout:
    """adaptive 2: Adam without the bias correction, or with a slip: ``corrected`` divides m and
    s by 1 − β^t, ``swapped`` swaps β and 1 − β in m, ``root`` takes √s, ``inside`` puts ε in it."""

    def __init__(self, corrected=False, swapped=False, root=True, inside=False):
        self.corrected, self.swapped, self.root, self.inside = corrected, swapped, root, inside

    def init(self, w):
        return np.zeros(np.shape(w)), np.zeros(np.shape(w)), 0

    def step(self, g, state):
        m, s, t = state
        m = 0.1 * m + 0.9 * g if self.swapped else 0.9 * m + 0.1 * g
        s, t = 0.999 * s + 0.001 * g**2, t + 1
        m_hat, s_hat = (m / (1 - 0.9**t), s / (1 - 0.999**t)) if self.corrected else (m, s)
        if self.inside:
            return m_hat / np.sqrt(s_hat + 1e-8), (m, s, t)
        return m_hat / ((np.sqrt(s_hat) if self.root else s_hat) + 1e-8), (m, s, t)


WRONG |= {
    ("adaptive", 1): [
        ({"best_rate": 10.0, "old_rate_steps": 563}, "best_rate: that was the best from (−10, 1)"),
        ({"best_rate": 1e5, "old_rate_steps": 563}, "best_rate: give a rate of the grid"),
        ({"best_rate": 63.1, "old_rate_steps": 563}, "best_rate: not right; yours is too small."),
        ({"best_rate": 100.0, "old_rate_steps": 9}, "old_rate_steps: that is the count at the new"),
        ({"best_rate": 100.0, "old_rate_steps": 564}, "old_rate_steps: off by one"),
    ],
    ("adaptive", 2): [
        ({"rule": AdamWithout(corrected=True), "longest": 6.57}, "that is Adam's bias correction"),
        ({"rule": AdamWithout(swapped=True), "longest": 6.57}, "rule: β and 1 − β are swapped in"),
        ({"rule": AdamWithout(root=False), "longest": 6.57}, "rule: the square root of s is"),
        ({"rule": AdamWithout(inside=True), "longest": 6.57}, "rule: ε is inside the square root"),
        ({"rule": AdamWithout, "longest": 6.57}, "rule: calling its init raised TypeError"),
        ({"rule": lambda g: g, "longest": 6.57}, "rule: expected an object with init and step"),
        ({"rule": AdamWithout(), "longest": 1.0}, "longest: that is Adam's, with the correction."),
        ({"rule": AdamWithout(), "longest": 3.24}, "longest: that is the longest with the warm-up"),
        ({"rule": AdamWithout(), "longest": 0.657}, "longest: that is in units of w; divide by η"),
    ],
    ("adaptive", 3): [
        ({"converges": False, "distance": 0.00335}, "converges: not that one; see whether its"),
        ({"converges": True, "distance": 0.00337}, "distance: that is η_t/√2, the estimate;"),
        ({"converges": True, "distance": 0.0707}, "distance: that is η/√2 at the constant rate"),
        ({"converges": True, "distance": 0.0034}, "distance: not right; yours is too large."),
        ({"converges": "yes", "distance": 0.00335}, "converges: answer one of True, False."),
    ],
}
# (helper A: insert WRONG |= {...} blocks above this line)


# autodiff: a Value class like the page's, with sigmoids right and wrong.
class Value:
    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = float(data), 0.0, parents
        self.backward_step = lambda: None

    def __add__(self, other):  # type(self): a subclass's sums and products have its sigmoid
        other = other if isinstance(other, Value) else type(self)(other)
        out = type(self)(self.data + other.data, (self, other))

        def backward_step():
            self.grad += out.grad
            other.grad += out.grad

        out.backward_step = backward_step
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else type(self)(other)
        out = type(self)(self.data * other.data, (self, other))

        def backward_step():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out.backward_step = backward_step
        return out

    def backward(self):
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            node.backward_step()


def with_sigmoid(step, sign=-1.0, parents=True):
    """Value with a sigmoid whose backward step gives self the grad step(x, s, out_grad, old);
    without ``parents``, its output forgets that it was computed from self."""

    def sigmoid(self):
        out = Value(1 / (1 + np.exp(sign * self.data)), (self,) if parents else ())

        def backward_step():
            self.grad = step(self.data, out.data, out.grad, self.grad)

        out.backward_step = backward_step
        return out

    return type("Value", (Value,), {"sigmoid": sigmoid})


SIGMOID_RIGHT = with_sigmoid(lambda x, s, g, old: old + s * (1 - s) * g)
# ridge: the page's 50 points, the MSE's gradient, and the minimiser with λ = 0.5.
LINE_X, LINE_Y = noisy_line(50, intercept=8.0, slope=6.0, noise=1.0, x_range=(0.0, 2.0), rng=1)
LINE = add_bias(LINE_X)


def line_mse_grad(w):
    return -2 / 50 * LINE.T @ (LINE_Y - LINE @ w)


def ridge(strength):
    return np.linalg.solve(LINE.T @ LINE / 50 + strength * np.eye(2), LINE.T @ LINE_Y / 50)


RIDGE = {"gradient": lambda w: line_mse_grad(w) + w, "w": ridge(0.5)}
WRONG |= {
    ("autodiff", 1): [
        (
            {"value_class": with_sigmoid(lambda x, s, g, old: old + s * (1 + s) * g)},
            "σ(1 + σ) is not the derivative",
        ),
        (
            {"value_class": with_sigmoid(lambda x, s, g, old: old + x * (1 - x) * g)},
            "it uses the input x where σ(x), the output, belongs",
        ),
        (
            {"value_class": with_sigmoid(lambda x, s, g, old: old + s * (1 - s))},
            "it leaves out out.grad, the chain rule's factor",
        ),
        (
            {"value_class": with_sigmoid(lambda x, s, g, old: s * (1 - s) * g)},
            "it assigns to self.grad instead of adding to it",
        ),
        (
            {"value_class": with_sigmoid(lambda x, s, g, old: old, sign=1.0)},
            "sigmoid: its value is σ(−x); look at the sign in the exponent.",
        ),
        (
            {"value_class": with_sigmoid(lambda x, s, g, old: old - s * (1 - s) * g)},
            "sigmoid's backward step: right size, wrong sign.",
        ),
        ({"value_class": Value}, "expected the class Value, with your method sigmoid attached"),
        (  # right on an input, but its output has no parents: σ(2x) never reaches x
            {
                "value_class": with_sigmoid(
                    lambda x, s, g, old: old + s * (1 - s) * g, parents=False
                )
            },
            "wrong on a computed input, such as σ(2x): is x out's parent?",
        ),
    ],
    ("autodiff", 2): [
        ({"culprit": "*", "t_plus_t": 1.0}, "culprit: not that one; test each one on"),
        ({"culprit": "+", "t_plus_t": 2.0}, "t_plus_t: that is the right derivative;"),
        ({"culprit": "=", "t_plus_t": 1.0}, "culprit: answer one of '+', '*'."),
        ({"culprit": "+", "t_plus_t": 0.0}, "t_plus_t: not right; yours is too small."),
    ],
    ("autodiff", 3): [
        (RIDGE | {"gradient": line_mse_grad}, "gradient: that is the gradient of the MSE alone"),
        (
            RIDGE | {"gradient": lambda w: line_mse_grad(w) + 0.5 * w},
            "gradient: the penalty's part is λw",
        ),
        (
            RIDGE | {"gradient": lambda w: -line_mse_grad(w) + w},
            "gradient: the MSE's part has the wrong sign",
        ),
        (
            RIDGE | {"gradient": lambda w: 50 * line_mse_grad(w) + w},
            "the MSE's part is n times too large",
        ),
        (RIDGE | {"gradient": lambda w: 2 * line_mse_grad(w) + 2 * w}, "constant factor of 2."),
        (RIDGE | {"gradient": lambda w: w[:1]}, "returns shape (1,)"),
        (RIDGE | {"w": ridge(0.0)}, "w: that is the least-squares fit"),
        (RIDGE | {"w": ridge(0.25)}, "w: that is the minimum for a penalty half as strong"),
        (RIDGE | {"w": ridge(0.5)[::-1]}, "w: the right numbers in the wrong order."),
    ],
}
# logistic: the overlapping blobs, the cross-entropy's gradient, and the fits.
BLOB_POINTS, BLOB_Y = two_blobs(200, separation=2.0, rng=0)
BLOBS = add_bias(BLOB_POINTS)
FREE = 0.01 * np.array([0.0, 1.0, 1.0])
FREE_W = np.array([-1.56042837, 1.16903339, 1.27001855])  # the free-intercept fit
BLOBS_W = np.array([-1.73708825, 1.30585875, 1.42728686])  # the fit without a penalty


def blobs_grad(w):
    return BLOBS.T @ (1 / (1 + np.exp(-BLOBS @ w)) - BLOB_Y) / 200


FREE_RIGHT = {"gradient": lambda w: blobs_grad(w) + FREE * w, "w": FREE_W}
SOFTMAX_W = np.column_stack([-BLOBS_W / 2, BLOBS_W / 2])
DIFFERENCE = {"W": SOFTMAX_W, "to_logistic": lambda W: W[:, 1] - W[:, 0]}
WRONG |= {
    ("logistic", 1): [
        (
            FREE_RIGHT | {"gradient": lambda w: blobs_grad(w) + 0.01 * w},
            "gradient: the penalty reaches the bias too",
        ),
        (
            FREE_RIGHT | {"gradient": lambda w: -blobs_grad(w) + FREE * w},
            "the cross-entropy's part has the wrong sign: that is the log-likelihood's",
        ),
        (
            FREE_RIGHT | {"gradient": lambda w: 200 * blobs_grad(w) + FREE * w},
            "the cross-entropy's part is n times too large",
        ),
        (FREE_RIGHT | {"gradient": blobs_grad}, "the gradient of the cross-entropy alone"),
        (FREE_RIGHT | {"gradient": lambda w: -blobs_grad(w) - FREE * w}, "the sign is flipped."),
        (FREE_RIGHT | {"w": BLOBS_W}, "w: that is the fit without a penalty."),
        (FREE_RIGHT | {"w": [-1.4, 1.1, 1.2]}, "w: not right."),
        (FREE_RIGHT | {"w": FREE_W[1:]}, "w: has shape (2,); expected shape (3,)."),
    ],
    ("logistic", 2): [
        ({"accuracy": 0.11, "misclassified": 22}, "accuracy: that is the fraction misclassified"),
        ({"accuracy": 89.0, "misclassified": 22}, "accuracy: that is a percentage"),
        ({"accuracy": 1.0, "misclassified": 0}, "accuracy: no line puts every point"),
        ({"accuracy": 0.89, "misclassified": 178}, "misclassified: that is the number classified"),
        ({"accuracy": 0.89, "misclassified": 0.11}, "misclassified: that is a fraction"),
        ({"accuracy": 0.89, "misclassified": 23}, "misclassified: off by one"),
        ({"accuracy": 0.9, "misclassified": 22}, "accuracy: not right; yours is too large."),
    ],
    ("logistic", 3): [
        (DIFFERENCE | {"W": SOFTMAX_W.T}, "W: has shape (2, 3); one row per column of X"),
        (DIFFERENCE | {"W": -SOFTMAX_W}, "W: right size, wrong sign."),
        (DIFFERENCE | {"to_logistic": lambda W: W[:, 1]}, "to_logistic(W): off by a factor of 1/2"),
        (DIFFERENCE | {"to_logistic": lambda W: W[:, 0] - W[:, 1]}, "right size, wrong sign."),
        (
            DIFFERENCE | {"to_logistic": lambda W: 2 * W[:, 1]},
            "to_logistic: right for the W from zeros, but not for every minimiser",
        ),
        (DIFFERENCE | {"to_logistic": lambda W: W[1]}, "to_logistic(W): has shape (2,)"),
        (
            DIFFERENCE | {"to_logistic": None},
            "to_logistic: expected a function of W, got NoneType.",
        ),
    ],
}
# explore: the explorers' 20 points; the slope's curvature h, and θ₁ after k steps.
EXPLORE_H = 2 * np.mean(np.linspace(-1.0, 1.0, 20) ** 2)


def theta_after(steps, factor=1 - 2.0 * EXPLORE_H):
    return 0.5 + 0.7 * factor**steps


WRONG |= {
    ("explore", 1): [
        ({"theta1": theta_after(3) - 0.5}, "theta1: that is the distance θ₁ − 0.5"),
        ({"theta1": 1.2 * (1 - 2.0 * EXPLORE_H) ** 3}, "theta1: that shrinks θ₁ itself"),
        ({"theta1": theta_after(3, 1 - EXPLORE_H)}, "as for half the mean squared error"),
        ({"theta1": theta_after(4)}, "theta1: off by one step: yours is θ₁ after 4 steps."),
        ({"theta1": 0.43}, "theta1: not right; yours is too large."),
        ({"theta1": [0.4256, 0.5]}, "theta1: expected a number, got list."),
    ],
    ("explore", 2): [
        ({"alpha": 1 / EXPLORE_H}, "alpha: that lands the slope in one step"),
        ({"alpha": 0.5}, "alpha: that lands the bias in one step"),
        ({"alpha": 0.73}, "alpha: close: that is the nearest slider position"),
        ({"alpha": 0.7}, "alpha: not right; yours is too small."),
        ({"alpha": 4 / (2 + EXPLORE_H)}, "alpha: off by a factor of 2 "),
    ],
}


# neural-network: the network's cost in numpy, with ReLU or tanh, and parameter counts.
def moons_cost(w, X, y, activation=np.tanh):
    m = (len(w) - 2) // 5
    W1, b1, W2, b2 = w[: 2 * m].reshape(2, m), w[2 * m : 3 * m], w[3 * m : 5 * m], w[5 * m :]
    Z = activation(X @ W1 + b1) @ W2.reshape(m, 2) + b2
    return np.mean(np.log(np.exp(Z).sum(axis=1)) - Z[np.arange(len(y)), y])


def relu_cost(w, X, y):
    return moons_cost(w, X, y, lambda a: np.maximum(a, 0.0))


def count(sizes, bias=1):
    return sum((a + bias) * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


RELU = {"cost": relu_cost, "best_rate": 0.03, "boundary": "straight pieces"}
COUNT = {"count_parameters": count, "one_hidden": 79510, "two_hidden": 89610}
HALF = {"output_zero": ["W1", "b1"], "hidden_zero": ["W2"]}
WRONG |= {
    ("neural-network", 1): [
        (RELU | {"cost": moons_cost}, "cost: that is the tanh network's cost"),
        (
            RELU | {"cost": lambda w, X, y: len(y) * relu_cost(w, X, y)},
            "cost: a sum over the points where the cost is their mean.",
        ),
        (RELU | {"best_rate": 0.1}, "best_rate: that is the best rate for tanh"),
        (RELU | {"best_rate": 0.3}, "best_rate: not that one; compare late costs."),
        (RELU | {"boundary": "a smooth curve"}, "boundary: not that one; what is max(a, 0)"),
        (RELU | {"boundary": "one straight line"}, "where no unit changes sign?"),
        (RELU | {"cost": lambda w, X, y: 1 / 0}, "cost: calling it raised ZeroDivisionError"),
    ],
    ("neural-network", 2): [
        (COUNT | {"count_parameters": lambda s: count(s, 0)}, "it leaves out the biases."),
        (
            COUNT | {"count_parameters": lambda s: count(s, 0) + sum(s[:-1])},
            "it gives each layer a bias per input, not per output.",
        ),
        (COUNT | {"count_parameters": lambda s: count(s) + 1}, "(2, 8, 2)): off by one"),
        (COUNT | {"one_hidden": 78500}, "one_hidden: that is the first layer only."),
        (COUNT | {"two_hidden": 89400}, "two_hidden: that leaves out the biases."),
        (COUNT | {"two_hidden": 89600}, "two_hidden: not right; yours is too small."),
        (
            COUNT | {"count_parameters": None},
            "count_parameters: expected a function, got NoneType.",
        ),
    ],
    ("neural-network", 3): [
        ({"output_zero": ["W2"], "hidden_zero": ["W1", "b1"]}, "the right answers, swapped."),
        (HALF | {"hidden_zero": ["W2", "b2"]}, "hidden_zero: b2's gradient is the sum of dZ's"),
        (HALF | {"output_zero": ["W1"]}, "output_zero: it misses a gradient that is zero"),
        (HALF | {"output_zero": ["W1", "b1", "W2"]}, "output_zero: it names a gradient that is"),
        (HALF | {"hidden_zero": "W2"}, "hidden_zero: give a list of names among 'W1', 'b1',"),
    ],
}
# real-data: the diabetes data as the page has them, its training set standardised, the fits.
DIABETES = load_diabetes(scaled=False)
DIABETES_X, DIABETES_Y = DIABETES.data, DIABETES.target
TRAIN = np.random.default_rng(0).permutation(442)[100:]
A_TRAIN = add_bias((DIABETES_X[TRAIN] - DIABETES_X[TRAIN].mean(0)) / DIABETES_X[TRAIN].std(0))
Y_TRAIN = DIABETES_Y[TRAIN]
PENALISED = 1e-4 * np.concatenate([[0.0], np.ones(10)])


def diabetes_mse_grad(w):
    return -2 / 342 * A_TRAIN.T @ (Y_TRAIN - A_TRAIN @ w)


def diabetes_fit(penalty):
    return np.linalg.solve(A_TRAIN.T @ A_TRAIN / 342 + np.diag(penalty), A_TRAIN.T @ Y_TRAIN / 342)


SGD_COST = {
    "gradient": lambda w: diabetes_mse_grad(w) + 2 * PENALISED * w,
    "w": diabetes_fit(PENALISED),
    "moved": 0.45,
    "A": A_TRAIN,
    "y": Y_TRAIN,
}
SPLITS = {"better": 6, "largest": 1.44, "X": DIABETES_X, "y": DIABETES_Y}
NOISE = {"kept": 8, "test_least_squares": 4923.1, "test_kept": 3897.6} | SPLITS
del NOISE["better"], NOISE["largest"]
WRONG |= {
    ("real-data", 1): [
        (
            SGD_COST | {"gradient": lambda w: diabetes_mse_grad(w) + 2e-4 * w},
            "gradient: the penalty reaches the bias too",
        ),
        (SGD_COST | {"gradient": diabetes_mse_grad}, "gradient: that is the gradient of the MSE"),
        (
            SGD_COST | {"gradient": lambda w: diabetes_mse_grad(w) + PENALISED * w},
            "gradient: the penalty's part is half its size next to the MSE's",
        ),
        (SGD_COST | {"w": diabetes_fit(0 * PENALISED)}, "w: that is w*, the least-squares fit"),
        (SGD_COST | {"w": diabetes_fit(np.full(11, 1e-4))}, "w: that is the fit with the bias"),
        (  # as gradient descent finds it, with tol=1e-8
            SGD_COST | {"w": diabetes_fit(np.full(11, 1e-4)) + 3e-6},
            "w: that is the fit with the bias",
        ),
        (SGD_COST | {"moved": 0.6}, "moved: not right; yours is too large."),
        (  # the cost itself, with the penalty's part halved along with the MSE's
            SGD_COST | {"gradient": lambda w: (diabetes_mse_grad(w) + PENALISED * w) / 2},
            "gradient: the penalty's part is half its size next to the MSE's",
        ),
        (SGD_COST | {"A": A_TRAIN[:, 1:]}, "A, y: have shapes (342, 10), (342,); pass A_train"),
    ],
    ("real-data", 2): [
        (SPLITS | {"better": 4}, "better: that is the number of splits where early stopping did"),
        (SPLITS | {"better": 7}, "better: off by one"),
        (SPLITS | {"largest": 1.447}, "largest: a standard deviation over n; divide by n − 1."),
        (SPLITS | {"largest": 1.5}, "largest: not right; yours is too large."),
        (SPLITS | {"X": load_diabetes().data}, "X: already scaled"),
        (SPLITS | {"X": np.ones((442, 10))}, "X, y: not the page's data"),
    ],
    ("real-data", 3): [
        (NOISE | {"kept": 28}, "kept: that is where the run stops"),
        (NOISE | {"kept": 9}, "kept: off by one"),
        (
            NOISE | {"test_least_squares": 3897.6, "test_kept": 4923.1},
            "test_least_squares and test_kept: the right errors, swapped.",
        ),
        (NOISE | {"test_least_squares": 1682.0}, "test_least_squares: that is the training error"),
        (NOISE | {"test_kept": 2933.5}, "test_kept: not right; yours is too small."),
        (NOISE | {"X": np.full((442, 10), np.nan)}, "X, y: not the page's data"),
    ],
}
# (helper B: insert WRONG |= {...} blocks above this line)
# Pages whose exercises have no check yet.
PENDING: set[str] = set()
PAGES = sorted(p for p in DOCS.glob("*.md") if "\n## Exercises\n" in p.read_text("utf-8"))
EXERCISE = re.compile(r"^\*\*(\d+)\. ", re.MULTILINE)


def page_exercises(page) -> dict[int, str]:
    """Each exercise's number and its text, statement and solution, up to the next one."""
    text = page.read_text("utf-8").split("\n## Exercises\n", 1)[1]
    starts = list(EXERCISE.finditer(text))
    ends = [match.start() for match in starts[1:]] + [len(text)]
    return {int(m[1]): text[m.start() : end] for m, end in zip(starts, ends, strict=True)}


@pytest.mark.parametrize("exercise", exercises.exercises(), ids=lambda e: f"{e[0]}-{e[1]}")
def test_typical_wrong_answers_fail_with_a_message_that_names_the_mistake(exercise):
    wrong = WRONG.get(exercise, [])
    assert len(wrong) >= 2, f"{exercise}: give at least two typical wrong answers in WRONG"
    for answer, says in wrong:
        verdict = check(*exercise, **answer)
        assert not verdict.right and not verdict, (exercise, answer)
        assert says in repr(verdict), (exercise, answer, repr(verdict))
        assert "?." not in repr(verdict) and ".." not in repr(verdict), repr(verdict)


# Right answers written otherwise than in the page's solution: other types, other methods, the
# precision the page prints. Each must pass.
RIGHT_VARIANTS = [
    (
        ("one-dimension", 2),
        {"gradient": lambda w: [2 * w[0], 4 * w[1] ** 3], "first": np.str_("w1")},
    ),
    (
        ("error-curve", 3),
        {"gradient": lambda m: robust_grad(float(m)), "centre": np.float32(1.9832)},
    ),
    (("dummy-variable-trap", 2), RIGHT_3 | {"null_vector": np.array([-2, 2, 2, 2])}),
    (("learning-rate", 1), {"fastest": np.float32(0.4), "steep_factor": -0.98}),
    (("learning-rate", 3), {"hessian": Fraction(2), "bound": Fraction(1, 1)}),
    (("one-dimension", 1), {"one_step": Fraction(1, 6), "diverges_above": Fraction(1, 3)}),
    (("momentum", 2), {"best_at_0_005": np.arange(0.5, 1.0, 0.1)[3], "best_at_1_51": 0.1 * 7}),
    (("logistic", 1), FREE_RIGHT | {"w": [-1.5604, 1.169, 1.27]}),  # as the page prints it
    (("neural-network", 3), {"output_zero": {"W1", "b1"}, "hidden_zero": ("W2",)}),
    (  # the gradient of the cost itself, as a list
        ("real-data", 1),
        SGD_COST | {"gradient": lambda w: list(diabetes_mse_grad(w) / 2 + PENALISED * w)},
    ),
    (("autodiff", 1), {"value_class": SIGMOID_RIGHT}),
    (("real-data", 1), SGD_COST | {"w": diabetes_fit(PENALISED) + 3e-6}),  # descent, tol=1e-8
]


@pytest.mark.parametrize("case", range(len(RIGHT_VARIANTS)))
def test_right_answers_written_otherwise_pass(case):
    exercise, answer = RIGHT_VARIANTS[case]
    verdict = check(*exercise, **answer)
    assert verdict.right, (exercise, repr(verdict))


# Answers of the wrong kind, given for every part of an exercise at once.
ODD = (None, float("nan"), float("inf"), "x", True, Fraction(2, 5), 10**400, lambda *a: None)


@pytest.mark.parametrize("exercise", exercises.exercises(), ids=lambda e: f"{e[0]}-{e[1]}")
def test_answers_of_the_wrong_kind_say_not_yet_and_never_raise(exercise):
    parameters = inspect.signature(exercises._CHECKS[exercise]).parameters
    for bad in ODD:
        verdict = check(*exercise, **dict.fromkeys(parameters, bad))
        assert isinstance(verdict, Verdict) and not verdict, (bad, repr(verdict))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_exercise_shows_its_check_and_its_solution_passes_it(page, request):
    if page.name in PENDING:
        request.applymarker(pytest.mark.xfail(reason="issue 16: no checks yet", strict=True))
    stem = page.stem
    for number, text in page_exercises(page).items():
        statement, _, solution = text.partition('??? success "Solution')
        call = f'check("{stem}", {number}, '
        assert call in statement, f"{page.name}, exercise {number}: show `{call}...)` under it"
        assert (stem, number) in exercises.exercises(), f"{page.name} {number}: no check"
        # The solution runs the check on its own answer, and the page shows "Right." under it.
        runs = re.search(
            rf"```python\n(?:(?!```).)*?{re.escape(call)}.*?```\s*```output\n\s*Right\.\n",
            solution,
            re.DOTALL,
        )
        assert runs, f"{page.name}, exercise {number}: the solution does not pass its check"


def test_a_verdict_reads_as_right_or_as_what_is_wrong():
    assert repr(Verdict(True)) == "Right." and bool(Verdict(True))
    wrong = Verdict(False, ("a: too large.", "b: wrong sign."))
    assert str(wrong) == "Not yet. a: too large. b: wrong sign." and not wrong


def test_check_names_the_exercises_and_the_answer_it_takes():
    with pytest.raises(
        ValueError, match=r"no exercise 9 on page 'one-dimension'.*'one-dimension', 1"
    ):
        check("one-dimension", 9, 1.0)
    with pytest.raises(TypeError, match=r"takes your answer as \(one_step, diverges_above\)"):
        check("one-dimension", 1, 0.1)
    verdict = check("one-dimension", 2, gradient=lambda w: 1 / 0, first="w1")
    assert "raised ZeroDivisionError" in repr(verdict)


@pytest.mark.parametrize("exercise", exercises.exercises(), ids=lambda e: f"{e[0]}-{e[1]}")
def test_the_notebooks_check_cell_run_before_any_answer_says_what_to_give(exercise):
    """A notebook download calls each check with ``...`` for every part of the answer, as the
    page shows the call (hooks/notebooks.py): that must say "Not yet", never raise."""
    parameters = inspect.signature(exercises._CHECKS[exercise]).parameters
    verdict = check(*exercise, **dict.fromkeys(parameters, ...))
    assert not verdict and repr(verdict).startswith("Not yet. "), repr(verdict)
