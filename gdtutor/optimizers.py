r"""Update rules: how the one engine turns gradients into steps.

:func:`gdtutor.gradient_descent` (and :func:`gdtutor.stochastic.fit_minibatch`) take an
``update`` argument. Without it a step is :math:`w_{t+1} = w_t - \eta_t g_t`, with
:math:`g_t = \nabla J(w_t)`. With a rule from this module the engine asks the rule for a
*direction* :math:`d_t` instead, and steps along it:

.. math::

    w_{t+1} = w_t - \eta_t \, d_t

A rule is a small object with two methods: ``init(w)`` returns its state for parameters shaped
like ``w`` (a tuple of zero arrays; :class:`Adam` adds a step count), and ``step(g, state)``
returns the direction and the new state. It holds no state itself, so one rule can be used for
many runs. The learning rate and its schedule stay with the engine, so every rule works with
every schedule, and the engine's checks (divergence, tolerance, the record of the run) are the
same for all of them.

Any object with these two methods works, if its state is an array, a number or a tuple of them
(the engine checks each for NaN and infinity); the five rules here are the ones the course
teaches.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ._validate import non_negative_int, positive_float, real_to_float

__all__ = ["AdaGrad", "Adam", "Momentum", "Nesterov", "RMSProp"]


def _fraction(value, name: str) -> float:
    """Return ``value`` as a float in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    number = real_to_float(value, name)
    if not 0.0 <= number < 1.0:  # also rejects NaN
        raise ValueError(
            f"{name} must be at least 0 and less than 1 (for example 0.9), got {value!r}"
        )
    return number


def _state(state, g: np.ndarray, sizes: int, rule: str) -> tuple:
    """Check a state handed to ``step``: a tuple of ``sizes`` finite arrays shaped like ``g``."""
    if not isinstance(state, tuple) or len(state) != sizes:
        raise TypeError(
            f"state must be the tuple of {sizes} array(s) that {rule}.init or {rule}.step "
            f"returned, got {type(state).__name__}"
        )
    for part in state:
        if not isinstance(part, (np.ndarray, np.floating)) or part.shape != g.shape:
            shape = getattr(part, "shape", type(part).__name__)
            raise ValueError(
                f"state must hold arrays of the gradient's shape {g.shape}, got {shape}; "
                f"start it with {rule}.init(w)"
            )
        if not np.all(np.isfinite(part)):
            raise ValueError(
                f"state holds NaN or infinity, so {rule} cannot continue; start again from "
                f"{rule}.init(w), with a smaller learning rate if the run diverged"
            )
    return state


def _gradient(g) -> np.ndarray:
    g = np.asarray(g, dtype=float)
    if not np.all(np.isfinite(g)):
        raise ValueError("g holds NaN or infinity; a step needs a finite gradient")
    return g


def _zeros(w, count: int) -> tuple:
    shape = np.shape(w)
    return tuple(np.zeros(shape) for _ in range(count))


@dataclass(frozen=True)
class Momentum:
    r"""Heavy-ball momentum: step along a running sum of past gradients.

    .. math::

        v_{t+1} = \beta \, v_t + g_t, \qquad d_t = v_{t+1}, \qquad v_0 = 0

    so that :math:`w_{t+1} = w_t - \eta \, v_{t+1}`. Where the gradient keeps its direction,
    :math:`v` grows towards :math:`g / (1 - \beta)`; where it flips at every step, successive
    gradients partly cancel. :math:`\beta = 0` is plain gradient descent.

    Parameters
    ----------
    beta : float, default 0.9
        The momentum :math:`\beta`, with :math:`0 \le \beta < 1`.

    Raises
    ------
    TypeError
        If ``beta`` is not a real number.
    ValueError
        If ``beta`` is not in :math:`[0, 1)`.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.optimizers import Momentum
    >>> run = gradient_descent(lambda w: 2 * w, 20.0, 0.1, 3, update=Momentum(beta=0.5))
    >>> print(run.path)
    [20.   16.   10.8   6.04]
    """

    beta: float = 0.9

    def __post_init__(self):
        object.__setattr__(self, "beta", _fraction(self.beta, "beta"))

    def init(self, w) -> tuple:
        """The state before the first step: the velocity :math:`v_0 = 0`, shaped like ``w``."""
        return _zeros(w, 1)

    def step(self, g, state: tuple) -> tuple:
        """The direction :math:`d_t` for the gradient ``g``, and the new state.

        Raises
        ------
        TypeError
            If ``state`` is not the tuple that ``init`` or ``step`` returned.
        ValueError
            If ``g`` or ``state`` holds NaN or infinity, or ``state`` is not shaped like ``g``.
        """
        g = _gradient(g)
        (v,) = _state(state, g, 1, type(self).__name__)
        v = self.beta * v + g
        return v, (v,)


@dataclass(frozen=True)
class Nesterov(Momentum):
    r"""Nesterov's accelerated gradient: momentum that looks one step ahead.

    .. math::

        v_{t+1} = \beta \, v_t + g_t, \qquad d_t = g_t + \beta \, v_{t+1}, \qquad v_0 = 0

    The usual form evaluates the gradient at a look-ahead point,
    :math:`v_{t+1} = \beta v_t + \nabla J(w_t - \eta \beta v_t)`,
    :math:`w_{t+1} = w_t - \eta v_{t+1}`. The engine evaluates it where its parameters are, so
    with this rule the engine's parameters are the look-ahead points
    :math:`u_t = w_t - \eta \beta v_t` themselves: with :math:`g_t = \nabla J(u_t)` and
    :math:`\beta v_t = v_{t+1} - g_t`,
    :math:`u_{t+1} = u_t + \eta \beta v_t - \eta (1 + \beta) v_{t+1} = u_t - \eta d_t`.
    The two forms evaluate the same gradients. Compared with :class:`Momentum`, the only
    change is the direction: the latest gradient counts once more, through
    :math:`\beta v_{t+1}`.

    Parameters
    ----------
    beta : float, default 0.9
        The momentum :math:`\beta`, with :math:`0 \le \beta < 1`.

    Raises
    ------
    TypeError
        If ``beta`` is not a real number.
    ValueError
        If ``beta`` is not in :math:`[0, 1)`.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.optimizers import Nesterov
    >>> run = gradient_descent(lambda w: 2 * w, 20.0, 0.1, 2, update=Nesterov(beta=0.5))
    >>> print(run.path)
    [20.  14.   8.8]
    """

    def step(self, g, state: tuple) -> tuple:
        """The direction :math:`d_t` for the gradient ``g``, and the new state.

        Raises
        ------
        TypeError
            If ``state`` is not the tuple that ``init`` or ``step`` returned.
        ValueError
            If ``g`` or ``state`` holds NaN or infinity, or ``state`` is not shaped like ``g``.
        """
        v, new_state = super().step(g, state)  # Momentum's velocity, then one more term
        return np.asarray(g, dtype=float) + self.beta * v, new_state


@dataclass(frozen=True)
class AdaGrad:
    r"""AdaGrad: divide each coordinate's step by the root of its summed squared gradients.

    .. math::

        s_{t+1} = s_t + g_t^2, \qquad d_t = \frac{g_t}{\sqrt{s_{t+1}} + \epsilon},
        \qquad s_0 = 0

    (squares, roots and the division are per coordinate). A coordinate whose gradients have
    been large takes small steps, one whose gradients have been small or rare takes large ones;
    the first step has size almost exactly :math:`\eta` in every coordinate whose gradient is
    much larger than :math:`\epsilon` (exactly :math:`\eta |g| / (|g| + \epsilon)`). Since
    :math:`s` only grows, every coordinate's effective rate :math:`\eta / \sqrt{s}` only
    shrinks (Duchi, Hazan and Singer, 2011).

    Parameters
    ----------
    eps : float, default 1e-8
        :math:`\epsilon > 0`, which keeps the division finite where :math:`s` is 0.

    Raises
    ------
    TypeError
        If ``eps`` is not a real number.
    ValueError
        If ``eps`` is not a finite number greater than 0.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.optimizers import AdaGrad
    >>> rule = AdaGrad()
    >>> direction, state = rule.step(np.array([3.0, -0.01]), rule.init(np.zeros(2)))
    >>> print(np.round(direction, 4), state[0])
    [ 1. -1.] [9.e+00 1.e-04]
    """

    eps: float = 1e-8

    def __post_init__(self):
        object.__setattr__(self, "eps", positive_float(self.eps, "eps"))

    def init(self, w) -> tuple:
        """The state before the first step: the sum of squared gradients, 0, shaped like ``w``."""
        return _zeros(w, 1)

    def step(self, g, state: tuple) -> tuple:
        """The direction :math:`d_t` for the gradient ``g``, and the new state.

        Raises
        ------
        TypeError
            If ``state`` is not the tuple that ``init`` or ``step`` returned.
        ValueError
            If ``g`` or ``state`` holds NaN or infinity, or ``state`` is not shaped like ``g``.
        """
        g = _gradient(g)
        (s,) = _state(state, g, 1, "AdaGrad")
        s = s + g * g
        return g / (np.sqrt(s) + self.eps), (s,)


@dataclass(frozen=True)
class RMSProp:
    r"""RMSProp: divide each coordinate's step by the root of a moving average of its squares.

    .. math::

        s_{t+1} = \rho \, s_t + (1 - \rho) \, g_t^2, \qquad
        d_t = \frac{g_t}{\sqrt{s_{t+1}} + \epsilon}, \qquad s_0 = 0

    Like :class:`AdaGrad`, but old gradients are forgotten at the rate :math:`1 - \rho`, so the
    effective rate can grow again when the gradients become small. Proposed by Geoffrey Hinton
    in a lecture (2012), with :math:`\rho = 0.9`.

    Parameters
    ----------
    rho : float, default 0.9
        The decay :math:`\rho` of the average, with :math:`0 \le \rho < 1`.
    eps : float, default 1e-8
        :math:`\epsilon > 0`, which keeps the division finite where :math:`s` is 0.

    Raises
    ------
    TypeError
        If ``rho`` or ``eps`` is not a real number.
    ValueError
        If ``rho`` is not in :math:`[0, 1)` or ``eps`` is not a finite number greater than 0.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.optimizers import RMSProp
    >>> rule = RMSProp(rho=0.9)
    >>> direction, state = rule.step(np.array([3.0, -0.01]), rule.init(np.zeros(2)))
    >>> print(np.round(direction, 4))
    [ 3.1623 -3.1623]
    """

    rho: float = 0.9
    eps: float = 1e-8

    def __post_init__(self):
        object.__setattr__(self, "rho", _fraction(self.rho, "rho"))
        object.__setattr__(self, "eps", positive_float(self.eps, "eps"))

    def init(self, w) -> tuple:
        """The state before the first step: the average of squares, 0, shaped like ``w``."""
        return _zeros(w, 1)

    def step(self, g, state: tuple) -> tuple:
        """The direction :math:`d_t` for the gradient ``g``, and the new state.

        Raises
        ------
        TypeError
            If ``state`` is not the tuple that ``init`` or ``step`` returned.
        ValueError
            If ``g`` or ``state`` holds NaN or infinity, or ``state`` is not shaped like ``g``.
        """
        g = _gradient(g)
        (s,) = _state(state, g, 1, "RMSProp")
        s = self.rho * s + (1.0 - self.rho) * (g * g)
        return g / (np.sqrt(s) + self.eps), (s,)


@dataclass(frozen=True)
class Adam:
    r"""Adam: momentum on the gradient, RMSProp on its square, both corrected for their start.

    .. math::

        m_{t+1} = \beta_1 m_t + (1 - \beta_1) \, g_t, \qquad
        s_{t+1} = \beta_2 s_t + (1 - \beta_2) \, g_t^2,

    .. math::

        d_t = \frac{\hat m}{\sqrt{\hat s} + \epsilon}, \qquad
        \hat m = \frac{m_{t+1}}{1 - \beta_1^{t+1}}, \qquad
        \hat s = \frac{s_{t+1}}{1 - \beta_2^{t+1}}, \qquad m_0 = s_0 = 0

    The corrections undo the pull towards the zero start of both averages. At the first step
    :math:`\hat m = g_0` and :math:`\hat s = g_0^2`, so :math:`d_0 = g_0 / (|g_0| + \epsilon)`:
    a step of size almost exactly :math:`\eta` in every coordinate with
    :math:`|g_0| \gg \epsilon`, whatever the size of the gradient. The defaults are those of
    Kingma and Ba (2015), who also suggest :math:`\eta = 0.001`.

    Parameters
    ----------
    beta1 : float, default 0.9
        The decay :math:`\beta_1` of the average of gradients, :math:`0 \le \beta_1 < 1`.
    beta2 : float, default 0.999
        The decay :math:`\beta_2` of the average of squares, :math:`0 \le \beta_2 < 1`.
    eps : float, default 1e-8
        :math:`\epsilon > 0`, which keeps the division finite where :math:`\hat s` is 0.

    Raises
    ------
    TypeError
        If ``beta1``, ``beta2`` or ``eps`` is not a real number.
    ValueError
        If ``beta1`` or ``beta2`` is not in :math:`[0, 1)`, or ``eps`` is not a finite number
        greater than 0.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.optimizers import Adam
    >>> rule = Adam()
    >>> direction, state = rule.step(np.array([300.0, -0.002]), rule.init(np.zeros(2)))
    >>> print(np.round(direction, 4))
    [ 1. -1.]
    """

    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def __post_init__(self):
        object.__setattr__(self, "beta1", _fraction(self.beta1, "beta1"))
        object.__setattr__(self, "beta2", _fraction(self.beta2, "beta2"))
        object.__setattr__(self, "eps", positive_float(self.eps, "eps"))

    def init(self, w) -> tuple:
        """The state before the first step: :math:`m_0 = s_0 = 0` shaped like ``w``, and the
        number of steps taken, 0."""
        return (*_zeros(w, 2), 0)

    def step(self, g, state: tuple) -> tuple:
        """The direction :math:`d_t` for the gradient ``g``, and the new state.

        Raises
        ------
        TypeError
            If ``state`` is not the tuple ``(m, s, t)`` that ``init`` or ``step`` returned, or its
            step count ``t`` is not a whole number.
        ValueError
            If ``g``, ``m`` or ``s`` holds NaN or infinity, ``m`` or ``s`` is not shaped like
            ``g``, or ``t`` is negative.
        """
        g = _gradient(g)
        if not isinstance(state, tuple) or len(state) != 3:
            raise TypeError(
                "state must be the tuple (m, s, t) that Adam.init or Adam.step returned, "
                f"got {type(state).__name__}"
            )
        m, s = _state(state[:2], g, 2, "Adam")
        t = non_negative_int(state[2], "state[2], the number of steps taken,") + 1
        m = self.beta1 * m + (1.0 - self.beta1) * g
        s = self.beta2 * s + (1.0 - self.beta2) * (g * g)
        m_hat = m / (1.0 - self.beta1**t)
        s_hat = s / (1.0 - self.beta2**t)
        return m_hat / (np.sqrt(s_hat) + self.eps), (m, s, t)
