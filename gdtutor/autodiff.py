r"""Reverse-mode automatic differentiation over numpy arrays, small enough to read in one sitting.

A :class:`Tensor` wraps an array. Every operation on tensors makes a new tensor that remembers
its inputs and how to send a gradient back to them: the computation builds a graph as it runs
(the *forward pass*). :meth:`Tensor.backward` then visits that graph once, from the output back
to the inputs in reverse topological order, applying the chain rule at every node (the
*backward pass*, or backpropagation). :func:`grad` and :func:`value_and_grad` turn a function of
tensors into a gradient function that :func:`gdtutor.gradient_descent` accepts.

Plain numbers and numpy arrays mixed into a computation are constants: they get no gradient, and
no work is spent on one. A value that overflows or divides by zero becomes infinity or NaN
without a numpy warning; the backward pass then stops with a ``FloatingPointError`` that names
the operation, rather than returning a NaN gradient.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validate import as_float_array, boolean, callable_arg

__all__ = [
    "Tensor",
    "exp",
    "grad",
    "log",
    "logsumexp",
    "relu",
    "sigmoid",
    "softmax_cross_entropy",
    "softplus",
    "tanh",
    "value_and_grad",
]


class Tensor:
    r"""An array that records the operations made from it, so that it can be differentiated.

    Tensors support ``+ - * / @``, ``-t``, ``t ** p`` (for a number ``p``), indexing,
    :meth:`sum`, :meth:`mean`, :meth:`reshape`, :attr:`T` and the functions of this module
    (also as methods: ``t.exp()``, ``t.tanh()``, ...). Shapes broadcast as in numpy; ``@``
    takes 1-D and 2-D operands.

    Parameters
    ----------
    value : float or array_like, any shape
        The numbers, finite; converted to a float array (a copy).

    Attributes
    ----------
    value : ndarray
        The numbers this tensor holds (read-only).
    grad : ndarray or None
        After ``out.backward()``: :math:`\partial\,\mathrm{out} / \partial\,\mathrm{self}`,
        the same shape as ``value``; None before, and for a tensor ``out`` does not depend on.
    op : str
        The operation that made this tensor, ``""`` for one made directly.
    parents : tuple of Tensor
        The tensors it was made from (constants included), ``()`` for one made directly.

    Raises
    ------
    TypeError
        If ``value`` (or an operand mixed in later) is not a number or an array of numbers.
    ValueError
        If ``value`` holds NaN or infinity or is empty; in an operation, if the shapes do not
        broadcast or do not fit ``@`` (the message gives both shapes).

    Examples
    --------
    >>> from gdtutor.autodiff import Tensor
    >>> w = Tensor([1.0, -2.0])
    >>> J = (w * w).sum()
    >>> J.backward()
    >>> print(J.value, w.grad)
    5.0 [ 2. -4.]
    """

    __array_ufunc__ = None  # numpy hands `array + tensor` to Tensor.__radd__, not its own loop

    def __init__(self, value):
        self.value = _frozen(as_float_array(value, "value"))
        self.grad = None
        self.op = ""
        self.parents = ()
        self._backward = None
        self._constant = False

    # --- how the graph is built -------------------------------------------------------------

    @classmethod
    def _make(cls, value, parents=(), backward=None, op="", constant=False) -> Tensor:
        """A tensor computed by an operation (no checks: the values may be NaN or infinite)."""
        out = cls.__new__(cls)
        out.value = _frozen(np.asarray(value, dtype=float))
        out.grad = None
        out.op = op
        out.parents = tuple(parents)
        out._backward = backward
        out._constant = constant or all(p._constant for p in out.parents)
        return out

    @property
    def shape(self) -> tuple:
        """The shape of ``value``."""
        return self.value.shape

    @property
    def ndim(self) -> int:
        """The number of dimensions of ``value``."""
        return self.value.ndim

    def __repr__(self) -> str:
        made = f", op={self.op!r}" if self.op else ""
        return f"Tensor({np.array2string(self.value, separator=', ')}{made})"

    # --- arithmetic, with broadcasting ------------------------------------------------------

    def __add__(self, other):
        a, b = self, _lift(other, "the operand of +")
        _broadcast(a, b, "add")
        with _quiet():  # inf - inf, or an overflow: reported by the backward pass
            value = a.value + b.value
        return Tensor._make(
            value,
            (a, b),
            lambda g: (_unbroadcast(g, a.shape), _unbroadcast(g, b.shape)),
            "add",
        )

    def __radd__(self, other):
        return _lift(other, "the operand of +") + self

    def __neg__(self):
        return Tensor._make(-self.value, (self,), lambda g: (-g,), "neg")

    def __sub__(self, other):
        return self + (-_lift(other, "the operand of -"))

    def __rsub__(self, other):
        return _lift(other, "the operand of -") + (-self)

    def __mul__(self, other):
        a, b = self, _lift(other, "the operand of *")
        _broadcast(a, b, "multiply")
        with _quiet():  # inf * 0, or an overflow: reported by the backward pass
            value = a.value * b.value
        return Tensor._make(
            value,
            (a, b),
            lambda g: (_unbroadcast(g * b.value, a.shape), _unbroadcast(g * a.value, b.shape)),
            "mul",
        )

    def __rmul__(self, other):
        return _lift(other, "the operand of *") * self

    def __truediv__(self, other):
        a, b = self, _lift(other, "the operand of /")
        _broadcast(a, b, "divide")
        with _quiet():  # a zero denominator: inf here, reported by the backward pass
            value = a.value / b.value
        return Tensor._make(
            value,
            (a, b),
            lambda g: (
                _unbroadcast(g / b.value, a.shape),
                _unbroadcast(-g * a.value / b.value**2, b.shape),
            ),
            "div",
        )

    def __rtruediv__(self, other):
        return _lift(other, "the operand of /") / self

    def __pow__(self, power):
        if isinstance(power, Tensor) or np.ndim(power) != 0 or isinstance(power, bool):
            raise TypeError(
                "the exponent of ** must be a plain number such as 2 or 0.5; for a tensor "
                "exponent write exp(p * log(t))"
            )
        p = float(power)
        x = self.value
        with _quiet():
            value = x**p

        def backward(g):
            if p == 0:  # t ** 0 is the constant 1, even at t = 0 (where 0 * 0 ** -1 is NaN)
                return (np.zeros_like(x),)
            return (g * p * x ** (p - 1),)

        return Tensor._make(value, (self,), backward, f"pow {p:g}")

    def __matmul__(self, other):
        a, b = self, _lift(other, "the operand of @")
        _matmul_shapes(a.shape, b.shape)
        # Promote 1-D operands to a row (left) and a column (right), as numpy's @ does.
        a2 = a.value.reshape(1, -1) if a.ndim == 1 else a.value
        b2 = b.value.reshape(-1, 1) if b.ndim == 1 else b.value

        def backward(g):
            g2 = np.reshape(g, (a2.shape[0], b2.shape[1]))
            ga = None if a._constant else (g2 @ b2.T).reshape(a.shape)
            gb = None if b._constant else (a2.T @ g2).reshape(b.shape)
            return ga, gb

        with _quiet():
            value = a.value @ b.value
        return Tensor._make(value, (a, b), backward, "matmul")

    def __rmatmul__(self, other):
        return _lift(other, "the operand of @") @ self

    # --- reductions and shapes --------------------------------------------------------------

    def sum(self, axis=None, keepdims: bool = False) -> Tensor:
        """Sum over ``axis`` (all axes by default), as :meth:`numpy.ndarray.sum`."""
        shape = self.shape
        with _quiet():  # an overflow gives inf, as in the other operations
            kept = np.sum(self.value, axis=axis, keepdims=True)  # checks the axis, numpy's way
            value = np.sum(self.value, axis=axis, keepdims=keepdims)

        def backward(g):
            return (np.broadcast_to(np.reshape(g, kept.shape), shape),)

        return Tensor._make(value, (self,), backward, "sum")

    def mean(self, axis=None, keepdims: bool = False) -> Tensor:
        """Mean over ``axis`` (all axes by default), as :meth:`numpy.ndarray.mean`."""
        total = self.sum(axis=axis, keepdims=keepdims)
        return total / (self.value.size / max(total.value.size, 1))

    def reshape(self, *shape) -> Tensor:
        """The same numbers in a new shape, as :meth:`numpy.ndarray.reshape`."""
        old = self.shape
        value = self.value.reshape(*shape)
        return Tensor._make(value, (self,), lambda g: (np.reshape(g, old),), "reshape")

    @property
    def T(self) -> Tensor:
        """The transpose (axes reversed)."""
        return Tensor._make(self.value.T, (self,), lambda g: (np.transpose(g),), "transpose")

    def __getitem__(self, index) -> Tensor:
        shape = self.shape
        value = self.value[index]  # numpy's own IndexError for a bad index

        basic = all(
            isinstance(i, (int, np.integer, slice)) or i is None or i is Ellipsis
            for i in (index if isinstance(index, tuple) else (index,))
        )

        def backward(g):
            full = np.zeros(shape)
            if basic:  # slices and integers pick each entry at most once
                full[index] = g
            else:  # an index array may repeat an entry: its gradients add up (chain rule)
                np.add.at(full, index, g)
            return (full,)

        return Tensor._make(value, (self,), backward, "index")

    # --- element-wise functions (also module-level functions below) -------------------------

    def exp(self) -> Tensor:
        """:math:`e^t`, element by element; its derivative is itself."""
        with _quiet():  # overflow gives inf, reported by the backward pass
            y = np.exp(self.value)
        return Tensor._make(y, (self,), lambda g: (g * y,), "exp")

    def log(self) -> Tensor:
        """The natural logarithm, element by element; derivative :math:`1/t`."""
        x = self.value
        with _quiet():  # log 0 = -inf, reported by the backward pass
            value = np.log(x)
        return Tensor._make(value, (self,), lambda g: (g / x,), "log")

    def tanh(self) -> Tensor:
        r""":math:`\tanh t`, element by element; derivative :math:`1 - \tanh^2 t`."""
        y = np.tanh(self.value)
        return Tensor._make(y, (self,), lambda g: (g * (1 - y**2),), "tanh")

    def relu(self) -> Tensor:
        r""":math:`\max(t, 0)`, element by element; derivative 1 where :math:`t > 0`, else 0."""
        x = self.value
        return Tensor._make(np.maximum(x, 0.0), (self,), lambda g: (g * (x > 0),), "relu")

    def sigmoid(self) -> Tensor:
        r""":math:`\sigma(t) = 1/(1 + e^{-t})`, computed without overflow; derivative
        :math:`\sigma(1 - \sigma)`."""
        x = self.value
        y = np.exp(-np.logaddexp(0.0, -x))  # 1 / (1 + e^-x) that never overflows
        return Tensor._make(y, (self,), lambda g: (g * y * (1 - y),), "sigmoid")

    def softplus(self) -> Tensor:
        r""":math:`\log(1 + e^t)`, computed without overflow; derivative :math:`\sigma(t)`."""
        x = self.value
        slope = np.exp(-np.logaddexp(0.0, -x))
        return Tensor._make(np.logaddexp(0.0, x), (self,), lambda g: (g * slope,), "softplus")

    # --- the backward pass ------------------------------------------------------------------

    def backward(self, seed=None) -> None:
        r"""Set ``t.grad`` to :math:`\partial\,\mathrm{self}/\partial t` for every tensor ``t``
        that ``self`` was computed from (``self`` included), by the chain rule.

        Each call starts afresh: gradients from an earlier call are replaced, not added to.

        Parameters
        ----------
        seed : array_like, same shape as self, optional
            The gradient of some number with respect to ``self``. May be left out only when
            ``self`` is a single number (then it is 1). With a seed ``v``, every ``t.grad``
            becomes :math:`\partial (v \cdot \mathrm{self}) / \partial t`.

        Raises
        ------
        ValueError
            If ``self`` is not a single number and no ``seed`` is given, or the seed has the
            wrong shape.
        FloatingPointError
            If the backward pass produces NaN or infinity; the message names the operation.
        """
        if seed is None:
            if self.shape != ():
                raise ValueError(
                    f"backward() without a seed needs a single number, but this tensor has shape "
                    f"{self.shape}; reduce it first (.sum() or .mean()), or pass a seed gradient "
                    f"of shape {self.shape}"
                )
            seed = np.ones(())
        else:
            seed = as_float_array(seed, "seed")
            if seed.shape != self.shape:
                raise ValueError(
                    f"seed must have the shape of the tensor, {self.shape}, got {seed.shape}"
                )
        order = self._topological_order()
        for node in order:
            node.grad = None
        self.grad = seed.copy()
        for node in reversed(order):  # the output first, each node after everything it feeds
            if node._backward is None or node.grad is None:
                continue
            with _quiet():  # NaN and infinity are caught just below, with a clearer message
                grads = node._backward(node.grad)
            for parent, g in zip(node.parents, grads, strict=True):
                if parent._constant or g is None:
                    continue
                g = np.asarray(g, dtype=float)
                if not np.all(np.isfinite(g)):
                    raise FloatingPointError(_non_finite(node, parent, order))
                parent.grad = g.copy() if parent.grad is None else np.asarray(parent.grad + g)

    def _topological_order(self) -> list[Tensor]:
        """Every non-constant tensor self depends on, each after all of its parents."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # depth-first without recursion: deep graphs need no recursion limit
            node, done = stack.pop()
            if done:
                order.append(node)
            elif id(node) not in seen and not node._constant:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in node.parents)
        return order


def _non_finite(node: Tensor, parent: Tensor, order: list) -> str:
    """Why the backward pass stopped at ``node``, naming where the trouble began."""
    why = _WHY.get(node.op.split()[0], "check the inputs of that operation")
    message = (
        f"the backward pass through {node.op!r} produced NaN or infinity "
        f"(the gradient of an input of shape {parent.shape}); {why}"
    )
    # The first value of the forward pass that was already NaN or infinite, if any.
    source = next((t for t in order if t.op and not np.all(np.isfinite(t.value))), None)
    if source is not None and source is not node:
        message += (
            f". The forward pass first produced NaN or infinity in {source.op!r}: "
            f"{_WHY.get(source.op.split()[0], 'check its inputs')}"
        )
    return message


_WHY = {
    "log": "log's derivative 1/t is infinite at t = 0; keep its input positive",
    "div": "a denominator is 0 or tiny",
    "pow": "a negative or fractional power has an infinite derivative at 0",
    "exp": "exp overflowed; the inputs are too large (rescale them, or use logsumexp)",
}


# --- module-level functions -------------------------------------------------------------------


def exp(x) -> Tensor:
    r""":math:`e^x`, element by element (see :meth:`Tensor.exp`).

    Examples
    --------
    >>> from gdtutor.autodiff import Tensor, exp
    >>> x = Tensor([0.0, 1.0])
    >>> exp(x).sum().backward()
    >>> print(x.grad.round(4))
    [1.     2.7183]
    """
    return _lift(x, "x").exp()


def log(x) -> Tensor:
    r"""The natural logarithm, element by element (see :meth:`Tensor.log`).

    Examples
    --------
    >>> from gdtutor.autodiff import Tensor, log
    >>> x = Tensor([0.5, 4.0])
    >>> log(x).sum().backward()
    >>> print(x.grad)
    [2.   0.25]
    """
    return _lift(x, "x").log()


def tanh(x) -> Tensor:
    r"""The hyperbolic tangent, element by element (see :meth:`Tensor.tanh`).

    Examples
    --------
    >>> from gdtutor.autodiff import Tensor, tanh
    >>> x = Tensor([0.0, 20.0])
    >>> tanh(x).sum().backward()
    >>> print(x.grad)
    [1. 0.]
    """
    return _lift(x, "x").tanh()


def relu(x) -> Tensor:
    r"""The rectified linear unit :math:`\max(x, 0)`, element by element (see
    :meth:`Tensor.relu`).

    Examples
    --------
    >>> from gdtutor.autodiff import Tensor, relu
    >>> x = Tensor([-2.0, 3.0])
    >>> y = relu(x).sum()
    >>> y.backward()
    >>> print(y.value, x.grad)
    3.0 [0. 1.]
    """
    return _lift(x, "x").relu()


def sigmoid(x) -> Tensor:
    r"""The logistic function :math:`1/(1 + e^{-x})`, element by element (see
    :meth:`Tensor.sigmoid`).

    Examples
    --------
    >>> from gdtutor.autodiff import Tensor, sigmoid
    >>> x = Tensor([0.0, -1000.0])
    >>> y = sigmoid(x)
    >>> y.sum().backward()
    >>> print(y.value, x.grad)
    [0.5 0. ] [0.25 0.  ]
    """
    return _lift(x, "x").sigmoid()


def softplus(x) -> Tensor:
    r""":math:`\log(1 + e^x)`, element by element (see :meth:`Tensor.softplus`).

    Examples
    --------
    >>> from gdtutor.autodiff import Tensor, softplus
    >>> x = Tensor([0.0, 50.0])
    >>> y = softplus(x)
    >>> y.sum().backward()
    >>> print(y.value.round(4), x.grad)
    [ 0.6931 50.    ] [0.5 1. ]
    """
    return _lift(x, "x").softplus()


def logsumexp(x, axis=-1, keepdims: bool = False) -> Tensor:
    r"""The log of a sum of exponentials along ``axis``, without overflow.

    .. math::

        \operatorname{logsumexp}(x) = m + \log \sum_j e^{x_j - m}, \qquad m = \max_j x_j

    Subtracting the largest entry changes nothing mathematically and keeps every exponential
    at most 1. The gradient is the softmax, :math:`e^{x_j} / \sum_k e^{x_k}`.

    Parameters
    ----------
    x : Tensor or array_like, any shape
        The numbers.
    axis : int, default -1
        The axis to reduce.
    keepdims : bool, default False
        Keep the reduced axis with length 1.

    Returns
    -------
    Tensor
        The shape of ``x`` without ``axis`` (with it, of length 1, if ``keepdims``).

    Raises
    ------
    TypeError
        If ``x`` is not numbers, ``axis`` not a whole number or ``keepdims`` not a bool.
    ValueError
        If ``x`` holds NaN or infinity, or ``axis`` is not one of its axes.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.autodiff import Tensor, logsumexp
    >>> x = Tensor([1000.0, 1000.0])
    >>> y = logsumexp(x)
    >>> y.backward()
    >>> print(np.round(y.value - 1000, 6), x.grad)
    0.693147 [0.5 0.5]
    """
    x = _lift(x, "x")
    keepdims = boolean(keepdims, "keepdims")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be a whole number, got {type(axis).__name__}")
    if x.ndim == 0:
        raise ValueError("x must have at least one axis to reduce, got a single number")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(
            f"axis must be from {-x.ndim} to {x.ndim - 1} for x of shape {x.shape}, got {axis}"
        )
    m = np.max(x.value, axis=axis, keepdims=True)
    with _quiet():  # an infinite entry (from an overflow upstream) gives NaN, reported later
        e = np.exp(x.value - m)  # every entry at most 1: no overflow
        total = np.sum(e, axis=axis, keepdims=True)
        kept = m + np.log(total)
        softmax = e / total  # adds up to 1 even where m + log(total) rounds to m

    def backward(g):
        return (np.reshape(g, kept.shape) * softmax,)

    value = kept if keepdims else np.squeeze(kept, axis=axis)
    return Tensor._make(value, (x,), backward, "logsumexp")


def softmax_cross_entropy(logits, labels) -> Tensor:
    r"""The mean cross-entropy of softmax probabilities against class labels.

    For logits :math:`z_i` (one row per sample, one column per class) and labels :math:`y_i`:

    .. math::

        J = \frac{1}{n} \sum_{i=1}^n \Bigl( \operatorname{logsumexp}(z_i) - z_{i, y_i} \Bigr)
          = -\frac{1}{n} \sum_{i=1}^n \log \frac{e^{z_{i, y_i}}}{\sum_k e^{z_{i,k}}}

    computed from the logits, so that no probability is ever rounded to 0 before its log.

    Parameters
    ----------
    logits : Tensor or array_like, shape (n_samples, n_classes)
        The unnormalised scores.
    labels : array_like of int, shape (n_samples,)
        The class of each sample, from 0 to ``n_classes - 1``.

    Returns
    -------
    Tensor, shape ()
        The mean cross-entropy, in nats.

    Raises
    ------
    TypeError
        If ``logits`` is not numbers.
    ValueError
        If ``logits`` is not 2-D or holds NaN or infinity, or ``labels`` are not integers of
        shape ``(n_samples,)`` between 0 and ``n_classes - 1``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor.autodiff import Tensor, softmax_cross_entropy
    >>> z = Tensor([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    >>> J = softmax_cross_entropy(z, [0, 2])
    >>> J.backward()
    >>> print(f"{J.value:.4f}")
    0.6691
    >>> print(np.round(z.grad, 4))
    [[-0.1065  0.0533  0.0533]
     [ 0.1667  0.1667 -0.3333]]
    """
    z = _lift(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must be 2-D, shape (n_samples, n_classes), got shape {z.shape}")
    labels = np.asarray(labels)
    if labels.shape != (z.shape[0],) or labels.dtype.kind not in "iu":
        raise ValueError(
            f"labels must be integers of shape ({z.shape[0]},), one class per row of logits, "
            f"got {labels.dtype} of shape {labels.shape}"
        )
    if labels.size and (labels.min() < 0 or labels.max() >= z.shape[1]):
        raise ValueError(
            f"labels must lie in 0 .. {z.shape[1] - 1} for {z.shape[1]} classes, "
            f"got values from {labels.min()} to {labels.max()}"
        )
    return logsumexp(z, axis=1).mean() - z[np.arange(z.shape[0]), labels].mean()


# --- gradients of functions -------------------------------------------------------------------


def value_and_grad(f: Callable) -> Callable:
    r"""Turn ``f`` into a function returning :math:`(f(w), \nabla f(w))`, by reverse mode.

    The result is what :func:`gdtutor.gradient_descent` takes with ``value_and_grad=True``.

    Parameters
    ----------
    f : callable
        ``f(w)`` computes a single number from the Tensor ``w`` with tensor operations.

    Returns
    -------
    callable
        ``wrapped(w)`` takes a float or an array (any shape) and returns the pair
        ``(float, ndarray shaped like w)``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or does not return a Tensor.
    ValueError
        If ``f`` returns a Tensor that is not a single number.

    Examples
    --------
    >>> import numpy as np
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.autodiff import value_and_grad
    >>> J = value_and_grad(lambda w: ((w - 3.0) ** 2).sum())
    >>> print(J(np.array([1.0, 5.0])))
    (8.0, array([-4.,  4.]))
    >>> run = gradient_descent(J, [1.0, 5.0], 0.25, 40, value_and_grad=True)
    >>> print(np.round(run.w, 6))
    [3. 3.]
    """
    f = callable_arg(f, "f")

    def wrapped(w):
        w = Tensor(w)
        out = f(w)
        if not isinstance(out, Tensor):
            raise TypeError(
                f"f must return a Tensor computed from its argument, got {type(out).__name__}; "
                "use the argument's operations (w * w, w.sum(), exp(w)), not numpy functions"
            )
        if out.shape != ():
            raise ValueError(
                f"f must return a single number, got a Tensor of shape {out.shape}; "
                "reduce it with .sum() or .mean()"
            )
        out.backward()
        g = np.zeros(w.shape) if w.grad is None else w.grad
        return float(out.value), g

    return wrapped


def grad(f: Callable) -> Callable:
    r"""Turn ``f`` into the function :math:`w \mapsto \nabla f(w)`, by reverse mode.

    See :func:`value_and_grad` for what ``f`` must be.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or (when called) does not return a Tensor.
    ValueError
        If ``f`` returns a Tensor that is not a single number.

    Examples
    --------
    >>> from gdtutor.autodiff import grad
    >>> print(grad(lambda w: w**2)(3.0))
    6.0
    """
    with_value = value_and_grad(f)
    return lambda w: with_value(w)[1]


# --- helpers ------------------------------------------------------------------------------------


def _lift(x, name: str) -> Tensor:
    """``x`` itself if it is a Tensor, else a constant Tensor holding it."""
    if isinstance(x, Tensor):
        return x
    value = as_float_array(x, name)
    return Tensor._make(value, constant=True)


def _broadcast(a: Tensor, b: Tensor, verb: str) -> tuple:
    try:
        return np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(
            f"cannot {verb} tensors of shapes {a.shape} and {b.shape}: they do not broadcast "
            "(trailing sizes must match or be 1)"
        ) from None


def _matmul_shapes(left: tuple, right: tuple) -> None:
    if not (1 <= len(left) <= 2 and 1 <= len(right) <= 2):
        raise ValueError(
            f"@ takes 1-D and 2-D operands, got shapes {left} and {right}; reshape them first"
        )
    if left[-1] != right[0]:
        raise ValueError(
            f"cannot compute {left} @ {right}: the left operand's last size {left[-1]} must "
            f"equal the right operand's first size {right[0]}"
        )


def _unbroadcast(g, shape: tuple) -> np.ndarray:
    """Sum ``g`` over the axes that broadcasting added or stretched, back to ``shape``."""
    g = np.asarray(g)
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g


def _quiet():
    """numpy's floating-point warnings off: this module reports NaN and infinity itself."""
    return np.errstate(divide="ignore", over="ignore", invalid="ignore")


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array
