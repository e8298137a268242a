"""gdtutor: the small, tested library behind the gradient-descent course."""

from .descent import DescentResult, DivergenceError, gradient_descent
from .gradcheck import gradient_error, numerical_gradient

__all__ = [
    "DescentResult",
    "DivergenceError",
    "gradient_descent",
    "gradient_error",
    "numerical_gradient",
]
