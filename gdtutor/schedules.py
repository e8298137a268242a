r"""Learning-rate schedules: the rate :math:`\eta_t` as a function of the step number :math:`t`.

Each schedule is a small frozen object; calling it with :math:`t = 0, 1, \dots` gives the rate
for the step from :math:`w_t` to :math:`w_{t+1}`. Pass one as the ``learning_rate`` of
:func:`gdtutor.gradient_descent` or :func:`gdtutor.stochastic.fit_minibatch`, with any update
rule of :mod:`gdtutor.optimizers`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ._validate import finite_real, positive_float, positive_int

__all__ = ["CosineDecay", "ExponentialDecay", "InverseTimeDecay", "StepDecay", "Warmup"]


def _below_one(value, name: str) -> float:
    factor = positive_float(value, name)
    if factor >= 1:
        raise ValueError(f"{name} must be greater than 0 and less than 1, got {value!r}")
    return factor


@dataclass(frozen=True)
class InverseTimeDecay:
    r"""A learning rate that shrinks with the step number :math:`t`.

    .. math::

        \eta_t = \frac{\eta_0}{1 + t / \tau}

    It starts at :math:`\eta_0`, is halved after :math:`\tau` steps and keeps shrinking like
    :math:`1/t`: slowly enough that the rates add up to infinity,
    :math:`\sum_t \eta_t = \infty`, and fast enough that their squares add up to a finite
    number, :math:`\sum_t \eta_t^2 < \infty`. These are the Robbins–Monro conditions, which
    (with further assumptions on the cost and on the noise of the gradients) make stochastic
    gradient descent converge. They are asymptotic: they say nothing about how many steps that
    takes, which depends on :math:`\eta_0 \tau` and the curvature :math:`\mu` of the cost.
    When :math:`\eta_0 \tau \mu` is small, the rate becomes too small long before the run is
    close, and the run crawls: on :math:`J(w) = \mu w^2 / 2` without noise, the distance to
    the minimum shrinks only roughly like :math:`(1 + t/\tau)^{-\eta_0 \tau \mu}`. Pass it as
    the ``learning_rate`` of :func:`gdtutor.gradient_descent` or
    :func:`gdtutor.stochastic.fit_minibatch`.

    Parameters
    ----------
    initial : float
        The first learning rate :math:`\eta_0`, greater than 0.
    tau : float
        The number of steps :math:`\tau` after which the rate has halved, greater than 0.

    Raises
    ------
    TypeError
        If ``initial`` or ``tau`` is not a real number (None, text, a bool, a complex number or
        an array).
    ValueError
        If ``initial`` or ``tau`` is not a finite number greater than 0.

    Examples
    --------
    >>> from gdtutor.schedules import InverseTimeDecay
    >>> schedule = InverseTimeDecay(initial=0.1, tau=100)
    >>> print([round(schedule(t), 4) for t in (0, 100, 300)])
    [0.1, 0.05, 0.025]
    """

    initial: float
    tau: float

    def __post_init__(self):
        object.__setattr__(self, "initial", positive_float(self.initial, "initial"))
        object.__setattr__(self, "tau", positive_float(self.tau, "tau"))

    def __call__(self, t: int) -> float:
        """The learning rate :math:`\\eta_t` for the step from :math:`w_t` to :math:`w_{t+1}`."""
        return self.initial / (1.0 + t / self.tau)


@dataclass(frozen=True)
class StepDecay:
    r"""A rate that is multiplied by ``factor`` every ``every`` steps.

    .. math::

        \eta_t = \eta_0 \, \gamma^{\lfloor t / k \rfloor}

    Parameters
    ----------
    initial : float
        The first rate :math:`\eta_0`, greater than 0.
    factor : float
        :math:`\gamma`, greater than 0 and less than 1.
    every : int
        :math:`k`, the number of steps between two cuts, 1 or more.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a number of the kind and range above.

    Examples
    --------
    >>> from gdtutor.schedules import StepDecay
    >>> schedule = StepDecay(initial=0.1, factor=0.5, every=10)
    >>> print([schedule(t) for t in (0, 9, 10, 25)])
    [0.1, 0.1, 0.05, 0.025]
    """

    initial: float
    factor: float
    every: int

    def __post_init__(self):
        object.__setattr__(self, "initial", positive_float(self.initial, "initial"))
        object.__setattr__(self, "factor", _below_one(self.factor, "factor"))
        object.__setattr__(self, "every", positive_int(self.every, "every"))

    def __call__(self, t: int) -> float:
        r"""The learning rate :math:`\eta_t`."""
        return self.initial * self.factor ** (t // self.every)


@dataclass(frozen=True)
class ExponentialDecay:
    r"""A rate multiplied by the same factor at every step.

    .. math::

        \eta_t = \eta_0 \, \gamma^{t}

    Its rates add up to the finite :math:`\eta_0 / (1 - \gamma)`: the parameters can move only
    a bounded distance (at most that sum times the longest step direction, which without an
    update rule is the largest gradient), so a run that starts farther away cannot arrive.

    Parameters
    ----------
    initial : float
        The first rate :math:`\eta_0`, greater than 0.
    factor : float
        :math:`\gamma`, greater than 0 and less than 1.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a number of the kind and range above.

    Examples
    --------
    >>> from gdtutor.schedules import ExponentialDecay
    >>> schedule = ExponentialDecay(initial=0.1, factor=0.5)
    >>> print([schedule(t) for t in (0, 1, 2)])
    [0.1, 0.05, 0.025]
    """

    initial: float
    factor: float

    def __post_init__(self):
        object.__setattr__(self, "initial", positive_float(self.initial, "initial"))
        object.__setattr__(self, "factor", _below_one(self.factor, "factor"))

    def __call__(self, t: int) -> float:
        r"""The learning rate :math:`\eta_t`."""
        return self.initial * self.factor**t


@dataclass(frozen=True)
class CosineDecay:
    r"""A rate that falls from :math:`\eta_0` to :math:`\eta_{\min}` along half a cosine.

    .. math::

        \eta_t = \eta_{\min} + \frac{\eta_0 - \eta_{\min}}{2}
        \left(1 + \cos \frac{\pi \min(t, T)}{T}\right)

    It stays at :math:`\eta_{\min}` after step :math:`T` (Loshchilov and Hutter, 2017, without
    their restarts).

    Parameters
    ----------
    initial : float
        The first rate :math:`\eta_0`, greater than 0.
    steps : int
        :math:`T`, the step at which the rate reaches :math:`\eta_{\min}`, 1 or more.
    final : float, default 0.0
        :math:`\eta_{\min}`, 0 or more and less than ``initial``. The engine refuses a rate of
        0, so with the default give it no more than ``steps`` steps.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a number of the kind and range above.

    Examples
    --------
    >>> from gdtutor.schedules import CosineDecay
    >>> schedule = CosineDecay(initial=0.1, steps=100, final=0.01)
    >>> print([round(schedule(t), 4) for t in (0, 50, 100, 150)])
    [0.1, 0.055, 0.01, 0.01]
    """

    initial: float
    steps: int
    final: float = 0.0

    def __post_init__(self):
        initial = positive_float(self.initial, "initial")
        object.__setattr__(self, "initial", initial)
        object.__setattr__(self, "steps", positive_int(self.steps, "steps"))
        final = finite_real(self.final, "final")
        if not 0.0 <= final < initial:
            raise ValueError(
                f"final must be 0 or more and less than initial ({initial!r}), got {self.final!r}"
            )
        object.__setattr__(self, "final", final)

    def __call__(self, t: int) -> float:
        r"""The learning rate :math:`\eta_t`."""
        fraction = min(t, self.steps) / self.steps
        return self.final + (self.initial - self.final) * (1 + math.cos(math.pi * fraction)) / 2


@dataclass(frozen=True)
class Warmup:
    r"""Raise the rate linearly for the first ``steps`` steps, then follow another schedule.

    .. math::

        \eta_t = \frac{t + 1}{W} \, \eta'_t \quad (t < W), \qquad \eta_t = \eta'_t \quad (t \ge W)

    where :math:`\eta'` is ``then``, a schedule or a constant rate. Warm-up keeps the first
    steps small while an adaptive rule's averages (:class:`gdtutor.optimizers.Adam`) are still
    based on few gradients.

    Parameters
    ----------
    then : float or callable
        The rate after the warm-up: a number greater than 0, or a schedule ``then(t)``.
    steps : int
        :math:`W`, the length of the warm-up, 1 or more.

    Raises
    ------
    TypeError, ValueError
        If ``then`` is neither a rate nor a callable, or ``steps`` is not a whole number from 1.

    Examples
    --------
    >>> from gdtutor.schedules import Warmup
    >>> schedule = Warmup(then=0.1, steps=4)
    >>> print([round(schedule(t), 3) for t in (0, 1, 3, 10)])
    [0.025, 0.05, 0.1, 0.1]
    """

    then: float | Callable
    steps: int

    def __post_init__(self):
        then = self.then if callable(self.then) else positive_float(self.then, "then")
        object.__setattr__(self, "then", then)
        object.__setattr__(self, "steps", positive_int(self.steps, "steps"))

    def __call__(self, t: int) -> float:
        r"""The learning rate :math:`\eta_t`."""
        rate = self.then(t) if callable(self.then) else self.then
        return rate * min(1.0, (t + 1) / self.steps)
