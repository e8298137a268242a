"""`make bench`, algorithm speed: three ratios, each measured side by side in one run.

A ratio of two timings taken close together survives a busy or slow machine far better than
either time alone, so every figure here is a ratio, and each comes from trials that alternate
the two sides (A then B, then B then A, ...); the figure is the median of the per-trial ratios,
printed with the middle half of them to show the spread.

1. One step of batch gradient descent (``gdtutor.linear.fit_gradient_descent``) divided by the
   two matrix-vector products a step needs, ``X @ w`` and ``X.T @ r``, on 100 000 x 10.
   Goal: at most 1.2.
2. Mini-batch time-to-accuracy: ``gdtutor.stochastic.fit_minibatch`` divided by scikit-learn's
   ``SGDRegressor``, on 100 000 x 10 with an intercept, gdtutor reaching at least as small a
   parameter error as scikit-learn does. Goal: at most 0.5.
3. The per-sample Python loop of the linear-regression chapter divided by the vectorised
   ``gdtutor.linear.mse_gradient``, on the chapter's five-feature example. Goal: at least 100.

BLAS runs on one thread (unless OPENBLAS_NUM_THREADS / OMP_NUM_THREADS / MKL_NUM_THREADS are
already set): the machine may be shared, and a second thread mostly adds noise to products this
small. The exit status is 1 when a goal is missed, so that a regression cannot go unnoticed.

Run: ``python benchmarks/algorithms.py`` (needs the ``bench`` extra: scikit-learn).
"""

from __future__ import annotations

import os

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
for _variable in THREAD_VARIABLES:  # before numpy loads its BLAS
    os.environ.setdefault(_variable, "1")

import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402

from gdtutor.datasets import linear_dataset  # noqa: E402
from gdtutor.linear import add_bias, fit_gradient_descent, least_squares, mse_gradient  # noqa: E402
from gdtutor.stochastic import InverseTimeDecay, fit_minibatch  # noqa: E402

# One data set for ratios 1 and 2: 100 000 samples, 10 standard-normal features, noise 1.
N_SAMPLES = 100_000
WEIGHTS = np.array([3.0, -2.0, 1.5, 0.5, -1.0, 2.5, -0.5, 1.0, 4.0, -3.0])
BIAS = 2.0
SEED = 0

# Ratio 1: steps per timed fit, and trials (short trials pair the two sides more closely).
STEPS = 40
STEP_TRIALS = 101

# Ratio 2: scikit-learn with its defaults (documented in the README), except that nothing
# penalises the weights, so both fit the same least-squares problem; a fixed seed.
SKLEARN_SETTINGS = {"penalty": None, "random_state": SEED}
# gdtutor: chosen once (not tuned per run): mini-batches of 1000, a decaying rate, one epoch.
MINIBATCH_SETTINGS = {
    "batch_size": 1000,
    "learning_rate": InverseTimeDecay(initial=0.25, tau=10),
    "epochs": 1,
    "rng": SEED,
    "record_costs": False,
}
SGD_TRIALS = 7

# Ratio 3: the five-feature example of docs/linear-regression.md.
LOOP_TRIALS = 9
VECTORISED_CALLS = 200


def clock(function: Callable, *args, number: int = 1) -> float:
    """Seconds for ``number`` calls of ``function(*args)``."""
    begin = time.perf_counter()
    for _ in range(number):
        function(*args)
    return time.perf_counter() - begin


class Paired:
    """Timings of two things, ``first`` and ``second``, taken in alternating order."""

    def __init__(self, trials: int, first: Callable[[], float], second: Callable[[], float]):
        a, b = [], []
        for trial in range(trials):
            if trial % 2 == 0:
                a.append(first())
                b.append(second())
            else:
                b.append(second())
                a.append(first())
        self.first, self.second = np.array(a), np.array(b)
        self.ratios = self.first / self.second

    @property
    def ratio(self) -> float:
        """The figure reported: the median of the per-trial ratios."""
        return float(np.median(self.ratios))

    def spread(self, best: float | None = None) -> str:
        """The middle half of the per-trial ratios, and the ratio of the best times."""
        low, high = np.percentile(self.ratios, [25, 75])
        best = self.first.min() / self.second.min() if best is None else best
        return (
            f"middle half of {self.ratios.size} trials {low:.3g} to {high:.3g}, "
            f"ratio of the best times {best:.3g}"
        )


def environment() -> list[str]:
    config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    threads = " ".join(f"{v}={os.environ.get(v)}" for v in THREAD_VARIABLES)
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    import sklearn

    return [
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"scikit-learn {sklearn.__version__}, BLAS {config['name']} {config.get('version', '?')}",
        f"CPUs {os.cpu_count()} (usable {usable}), BLAS threads: {threads}",
        f"load average {load} (a busy machine inflates times; the ratios are paired)",
    ]


def step_ratio(X: np.ndarray, y: np.ndarray) -> tuple[Paired, str]:
    """Ratio 1: one batch gradient-descent step over X @ w plus X.T @ r."""
    w = np.linspace(-1.0, 1.0, X.shape[1])
    r = y - X @ w

    def products() -> float:
        begin = time.perf_counter()
        for _ in range(STEPS):
            X @ w
            X.T @ r
        return time.perf_counter() - begin

    wholes, fixeds = [], []

    def steps() -> float:
        # A fit of STEPS steps minus a fit of none: what is left is the steps themselves,
        # without the argument checks and the cost at the start, which every fit pays once.
        wholes.append(clock(fit_gradient_descent, X, y, 0.1, STEPS))
        fixeds.append(clock(fit_gradient_descent, X, y, 0.1, 0))
        return wholes[-1] - fixeds[-1]

    steps(), products()  # warm up
    wholes.clear()
    fixeds.clear()
    timings = Paired(STEP_TRIALS, steps, products)
    step_us, product_us = (1e6 * np.median(t) / STEPS for t in (timings.first, timings.second))
    best = (min(wholes) - min(fixeds)) / timings.second.min()
    detail = (
        f"{X.shape[0]} x {X.shape[1]}, fits of {STEPS} steps at learning rate 0.1; median step "
        f"{step_us:.0f} us, X @ w + X.T @ r {product_us:.0f} us; {timings.spread(best)}"
    )
    return timings, detail


def sgd_ratio(X: np.ndarray, y: np.ndarray) -> tuple[Paired, str, bool]:
    """Ratio 2: gdtutor mini-batch time-to-accuracy over scikit-learn's SGDRegressor."""
    from sklearn.linear_model import SGDRegressor

    best = least_squares(add_bias(X), y)  # the minimiser of the training error, bias first

    def sklearn_fit():
        return SGDRegressor(**SKLEARN_SETTINGS).fit(X, y)

    def gdtutor_fit():
        # Timed from the raw features: adding the bias column is part of gdtutor's work.
        return fit_minibatch(add_bias(X), y, **MINIBATCH_SETTINGS)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning would make the comparison moot
        model = sklearn_fit()
    target = float(np.linalg.norm(np.r_[model.intercept_, model.coef_] - best))
    achieved = float(np.linalg.norm(gdtutor_fit().w - best))  # also warms gdtutor up
    reached = achieved <= target

    timings = Paired(SGD_TRIALS, lambda: clock(gdtutor_fit), lambda: clock(sklearn_fit))
    gdtutor_ms, sklearn_ms = (1e3 * np.median(t) for t in (timings.first, timings.second))
    settings = MINIBATCH_SETTINGS
    detail = (
        f"error |w - w_lstsq|: SGDRegressor {target:.4f} after {model.n_iter_} epochs in "
        f"{sklearn_ms:.0f} ms; gdtutor {achieved:.4f} after {settings['epochs']} epoch of "
        f"batches of {settings['batch_size']} in {gdtutor_ms:.0f} ms"
        f"{'' if reached else ' (TARGET ERROR NOT REACHED)'}; {timings.spread()}"
    )
    return timings, detail, reached


def gradient_loop(w, X, y):
    """The MSE gradient, one sample at a time (as in docs/linear-regression.md)."""
    total = np.zeros_like(w)
    for x_i, y_i in zip(X, y, strict=True):
        total += -2 * (y_i - x_i @ w) * x_i
    return total / len(y)


def loop_ratio() -> tuple[Paired, str]:
    """Ratio 3: the per-sample loop over gdtutor's vectorised gradient."""
    features, target = linear_dataset(5000, [2, 4, 5, 9, 11], bias=2.0, noise=1.0, rng=4)
    A = add_bias(features)
    w6 = np.ones(6)
    if not np.allclose(gradient_loop(w6, A, target), mse_gradient(w6, A, target)):
        raise RuntimeError("the loop and mse_gradient disagree; the comparison is meaningless")

    timings = Paired(
        LOOP_TRIALS,
        lambda: clock(gradient_loop, w6, A, target),
        lambda: clock(mse_gradient, w6, A, target, number=VECTORISED_CALLS) / VECTORISED_CALLS,
    )
    loop_ms, fast_us = 1e3 * np.median(timings.first), 1e6 * np.median(timings.second)
    detail = (
        f"{A.shape[0]} x {A.shape[1]}, one gradient: loop {loop_ms:.1f} ms, mse_gradient "
        f"{fast_us:.0f} us (argument checks included); {timings.spread()}"
    )
    return timings, detail


def main() -> int:
    print("gdtutor algorithm speed (make bench)")
    for line in environment():
        print("  " + line)
    print()
    X, y = linear_dataset(N_SAMPLES, WEIGHTS, bias=BIAS, noise=1.0, rng=SEED)

    header = f"{'ratio':<46} {'measured':>8}  {'goal':<7} result"
    print(header)
    print("-" * len(header))
    missed = []

    def report(name: str, measured: float, goal: str, met: bool, detail: str) -> None:
        print(f"{name:<46} {measured:>8.3g}  {goal:<7} {'PASS' if met else 'FAIL'}")
        print(f"    {detail}", flush=True)
        if not met:
            missed.append(name)

    step, detail = step_ratio(X, y)
    report("batch GD step / (X @ w + X.T @ r)", step.ratio, "<= 1.2", step.ratio <= 1.2, detail)

    sgd, detail, reached = sgd_ratio(X, y)
    met = reached and sgd.ratio <= 0.5
    report("mini-batch / SGDRegressor, same error", sgd.ratio, "<= 0.5", met, detail)

    loop, detail = loop_ratio()
    report("per-sample loop / vectorised gradient", loop.ratio, ">= 100", loop.ratio >= 100, detail)

    print()
    if missed:
        print("goal missed: " + "; ".join(missed))
        return 1
    print("all goals met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
