"""The figures on the course site, by name, and how they are turned into files.

Each entry repeats the code its page shows; the page's check block calls :func:`assert_same_figure`,
so the page's code and the figure on the site cannot drift apart. The site build (hooks/figures.py)
writes each entry to ``figures/<name>.svg``.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from .descent import gradient_descent
from .plots import plot_contour_path, plot_iterates, plot_path_on_curve


def _square_grad(w):
    return 2 * w


def _square(w):
    return w**2


def _one_d_run():
    return gradient_descent(_square_grad, start=20.0, learning_rate=0.1, steps=30, cost=_square)


def _learning_rates() -> Figure:
    rates = [0.01, 0.1, 0.5, 0.9, 1.0, 1.1]
    return plot_iterates({f"η = {rate}": gradient_descent(_square_grad, 20.0, rate, 20) for rate in rates})


def _flat_floor() -> Figure:
    def quartic(w):
        return w[0] ** 2 + w[1] ** 4

    def quartic_grad(w):
        return np.array([2 * w[0], 4 * w[1] ** 3])

    bowl = gradient_descent(quartic_grad, [1, 1], learning_rate=0.1, steps=100, cost=quartic)
    return plot_contour_path(quartic, bowl, xlim=(-1.2, 1.2), ylim=(-1.2, 1.2))


FIGURES: dict[str, Callable[[], Figure]] = {
    # docs/one-dimension.md
    "gd-1d-iterates": lambda: plot_iterates({"η = 0.1": _one_d_run()}),
    "gd-1d-path-on-parabola": lambda: plot_path_on_curve(_square, _one_d_run()),
    "gd-1d-learning-rates": _learning_rates,
    "gd-1d-exercise-flat-floor": _flat_floor,
}


def figure_path(name: str) -> str:
    """Where the site serves a registered figure, relative to the site root."""
    return f"figures/{name}.svg"


def render_svg(fig: Figure) -> bytes:
    """SVG bytes that depend only on the figure: no date, fixed ids, text drawn as paths."""
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "gdtutor", "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def assert_same_figure(fig: Figure, name: str) -> None:
    """Fail unless ``fig`` renders to the same bytes as the registered figure ``name``."""
    if name not in FIGURES:
        raise KeyError(f"no figure named {name!r} in gdtutor.gallery.FIGURES; register it there")
    if render_svg(fig) != render_svg(FIGURES[name]()):
        raise AssertionError(
            f"the page's figure differs from the registered {name!r}: "
            "make the code in gdtutor.gallery match the code the page shows"
        )
