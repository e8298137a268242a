"""The figures on the course site, by name, and how they are turned into files.

Each entry repeats the code its page shows; the page's check block calls :func:`assert_same_figure`,
so the page's code and the figure on the site cannot drift apart. The site build (hooks/figures.py)
writes each entry to ``figures/<name>.svg``.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

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
    return plot_iterates(
        {f"η = {rate}": gradient_descent(_square_grad, 20.0, rate, 20) for rate in rates}
    )


def _flat_floor() -> Figure:
    def quartic(w):
        return w[0] ** 2 + w[1] ** 4

    def quartic_grad(w):
        return np.array([2 * w[0], 4 * w[1] ** 3])

    bowl = gradient_descent(quartic_grad, [1, 1], learning_rate=0.1, steps=100, cost=quartic)
    fig = plot_contour_path(quartic, bowl, xlim=(-1.2, 1.2), ylim=(-1.2, 1.2))
    fig.axes[0].get_legend().set_loc("lower left")  # out of the way of the start at (1, 1)
    return fig


FIGURES: dict[str, Callable[[], Figure]] = {
    # docs/one-dimension.md
    "gd-1d-iterates": lambda: plot_iterates({"η = 0.1": _one_d_run()}),
    "gd-1d-path-on-parabola": lambda: plot_path_on_curve(_square, _one_d_run()),
    "gd-1d-learning-rates": _learning_rates,
    "gd-1d-exercise-flat-floor": _flat_floor,
}


def figure_path(name: str) -> str:
    r"""Where the site serves a registered figure, relative to the site root.

    Parameters
    ----------
    name : str
        The figure's key in ``FIGURES``.

    Returns
    -------
    str
        ``figures/<name>.svg``, the path a page's image links to.

    Examples
    --------
    >>> from gdtutor.gallery import figure_path
    >>> print(figure_path("gd-1d-iterates"))
    figures/gd-1d-iterates.svg
    """
    return f"figures/{_registered(name)}.svg"


def _registered(name) -> str:
    """``name`` if a figure is registered under it."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a figure's name (a str), got {type(name).__name__}")
    if name not in FIGURES:
        raise KeyError(
            f"no figure named {name!r} in gdtutor.gallery.FIGURES; register it there "
            "(name must be a key of FIGURES)"
        )
    return name


def render_svg(fig: Figure) -> bytes:
    r"""SVG bytes that depend only on the figure: no date, fixed ids, text drawn as paths.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render.

    Returns
    -------
    bytes
        The SVG document; the same figure gives the same bytes on every run.

    Examples
    --------
    >>> from gdtutor.gallery import render_svg
    >>> from gdtutor.plots import new_figure
    >>> svg = render_svg(new_figure(2.0, 1.0))
    >>> print(svg[:38], svg == render_svg(new_figure(2.0, 1.0)))
    b'<?xml version="1.0" encoding="utf-8" s' True
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "gdtutor", "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def assert_same_figure(fig: Figure, name: str) -> None:
    r"""Fail unless ``fig`` renders to the same bytes as the registered figure ``name``.

    A page's check block calls it on the figure its visible code drew, so that the figure the
    site shows is the one the code on the page makes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure the page's code drew.
    name : str
        The figure's key in ``FIGURES``.

    Raises
    ------
    KeyError
        If no figure is registered under ``name``.
    AssertionError
        If the two figures render to different SVG bytes.

    Examples
    --------
    >>> from gdtutor import gradient_descent
    >>> from gdtutor.gallery import assert_same_figure
    >>> from gdtutor.plots import plot_iterates
    >>> run = gradient_descent(lambda w: 2 * w, start=20.0, learning_rate=0.1, steps=30,
    ...                        cost=lambda w: w**2)
    >>> assert_same_figure(plot_iterates({"η = 0.1": run}), "gd-1d-iterates")
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    _registered(name)
    if render_svg(fig) != render_svg(FIGURES[name]()):
        raise AssertionError(
            f"the page's figure differs from the registered {name!r}: "
            "make the code in gdtutor.gallery match the code the page shows"
        )


# --- the files the site serves ---------------------------------------------------------------
#
# What the site serves for a figure is its SVG made smaller without changing what it shows.
# Coordinates are in points (1/72 inch), so two decimals are far below a device pixel.
_DECIMAL = re.compile(rb"-?\d+\.\d+")
_PATH_DATA = re.compile(rb' d="([^"]*)"')
_POSITION = re.compile(rb' (x|y)="(-?\d+\.\d+)"')
_TRANSLATE = re.compile(rb"translate\(([^)]*)\)")
_COMMAND = re.compile(rb"\s*([MLQCz])\s*")
_PNG = re.compile(rb'data:image/png;base64,([^"]*)"')
_MARKER_GROUP = re.compile(rb'<g( clip-path="[^"]*")?>((?:<use [^>]*/>){2,})</g>')
_STYLE = re.compile(rb' style="([^"]*)"')
# Properties that children inherit, so setting them once on the group instead of on each <use>
# draws the same (``opacity`` is not inherited: a group's opacity is not each marker's).
_INHERITED = {b"fill", b"fill-opacity", b"stroke", b"stroke-opacity", b"stroke-width"}


def _round(number: bytes) -> bytes:
    text = (b"%.2f" % float(number)).rstrip(b"0").rstrip(b".")
    return b"0" if text == b"-0" else text


def _round_all(text: bytes) -> bytes:
    return _DECIMAL.sub(lambda m: _round(m[0]), text)


def _path_data(match: re.Match) -> bytes:
    data = _COMMAND.sub(rb"\1", _round_all(match[1]))
    return b' d="' + b" ".join(data.split()) + b'"'


def _marker_group(match: re.Match) -> bytes:
    uses = match[2]
    styles = _STYLE.findall(uses)
    if len(styles) != uses.count(b"<use ") or len(set(styles)) != 1:
        return match[0]
    names = {part.split(b":")[0].strip() for part in styles[0].split(b";") if part.strip()}
    if not names <= _INHERITED:
        return match[0]
    clip = match[1] or b""
    return b"<g" + clip + b' style="' + styles[0] + b'">' + _STYLE.sub(b"", uses) + b"</g>"


def _smaller_png(match: re.Match) -> bytes:
    """A rasterised artist's PNG re-encoded losslessly, as a palette image if it fits one."""
    original = base64.b64decode(b"".join(match[1].split()))
    with Image.open(io.BytesIO(original)) as image:
        pixels = np.ascontiguousarray(image.convert("RGBA"))
    # One uint32 per RGBA pixel, so finding the distinct colours is one fast 1-D np.unique.
    colours, index = np.unique(pixels.view(np.uint32), return_inverse=True)
    if len(colours) <= 256:
        smaller = Image.fromarray(index.reshape(pixels.shape[:2]).astype(np.uint8), mode="P")
        smaller.putpalette(colours.tobytes(), rawmode="RGBA")
    else:
        smaller = Image.fromarray(pixels, mode="RGBA")
    buffer = io.BytesIO()
    smaller.save(buffer, format="png", optimize=True)
    best = min(original, buffer.getvalue(), key=len)
    return b"data:image/png;base64," + base64.b64encode(best) + b'"'


def compact_svg(svg: bytes) -> bytes:
    r"""The same picture in fewer bytes: what the site serves for a figure.

    Coordinates are rounded to two decimals of a point, path data and layout whitespace are
    squeezed, comments are dropped, a marker style repeated on every ``<use>`` of a line is set
    once on its group, and embedded PNGs (rasterised artists) are re-encoded losslessly, as
    palette images when they have at most 256 colours. The same input gives the same bytes.

    Parameters
    ----------
    svg : bytes
        An SVG document as :func:`render_svg` writes it.

    Returns
    -------
    bytes
        The smaller SVG document.

    Examples
    --------
    >>> from gdtutor.gallery import compact_svg
    >>> compact_svg(b'<svg>\n <path d="M 0.123456 1 \nL 2.5 -0.001 \nz\n"/>\n</svg>')
    b'<svg><path d="M0.12 1L2.5 0z"/></svg>'
    """
    if not isinstance(svg, bytes):
        raise TypeError(f"svg must be bytes (an SVG document), not {type(svg).__name__}")
    svg = re.sub(rb"<!--.*?-->", b"", svg, flags=re.DOTALL)
    svg = _PATH_DATA.sub(_path_data, svg)
    svg = _POSITION.sub(lambda m: b" " + m[1] + b'="' + _round(m[2]) + b'"', svg)
    svg = _TRANSLATE.sub(lambda m: b"translate(" + _round_all(m[1]) + b")", svg)
    svg = _PNG.sub(_smaller_png, svg)
    svg = re.sub(rb">\s+<", b"><", svg)
    return _MARKER_GROUP.sub(_marker_group, svg)


def site_svg(name: str) -> bytes:
    r"""The file the site serves for the registered figure ``name``, ``figures/<name>.svg``.

    The build (hooks/figures.py) calls this, in worker processes when it renders many figures.

    Parameters
    ----------
    name : str
        The figure's key in ``FIGURES``.

    Returns
    -------
    bytes
        The figure as :func:`compact_svg` makes it; the same name gives the same bytes.

    Raises
    ------
    KeyError
        If no figure is registered under ``name``.

    Examples
    --------
    >>> from gdtutor.gallery import site_svg
    >>> svg = site_svg("gd-1d-iterates")
    >>> print(svg[:5], svg == site_svg("gd-1d-iterates"))
    b'<?xml' True
    """
    _registered(name)
    return compact_svg(render_svg(FIGURES[name]()))


# --- docs/error-curve.md ---------------------------------------------------------------------


def _readings():
    from .datasets import normal_sample

    return normal_sample(1000, mean=2.0, std=0.3, rng=0)


def _error_curve(with_runs: bool) -> Figure:
    from .plots import plot_error_curve

    x = _readings()
    x_bar = x.mean()

    def cost(m):
        return np.mean((x - m) ** 2)

    def grad(m):
        return -2 * np.mean(x - m)

    if not with_runs:
        return plot_error_curve(cost, (1.0, 3.0), minimum=x.mean())
    runs = {
        "η = 0.1": gradient_descent(grad, 1.0, 0.1, 15),
        "η = 0.5": gradient_descent(grad, 1.0, 0.5, 1),
    }
    return plot_error_curve(cost, (1.0, 3.0), minimum=x_bar, runs=runs)


FIGURES.update(
    {
        "error-curve-mse": lambda: _error_curve(with_runs=False),
        "error-curve-descent": lambda: _error_curve(with_runs=True),
    }
)


# --- docs/dummy-variable-trap.md ---------------------------------------------------------------


def _dummy_trap_run(seed: int):
    from .datasets import dummy_dataset

    X, y = dummy_dataset(n_groups=2, rows_per_group=5)

    def cost(w):
        residual = y - X @ w
        return residual @ residual

    def grad(w):
        return -2 * X.T @ (y - X @ w)

    D = X.shape[1]
    start = np.random.default_rng(seed).normal(0.0, np.sqrt(1 / D), size=D)
    return X, y, gradient_descent(grad, start, learning_rate=0.001, steps=1000, cost=cost)


def _dummy_trap_cost_curve() -> Figure:
    from .plots import plot_cost_curves

    _, _, run = _dummy_trap_run(0)
    fig = plot_cost_curves({"η = 0.001": run})
    fig.axes[0].get_legend().set_loc("upper right")  # keep the first steps in view
    return fig


def _dummy_trap_predictions() -> Figure:
    from .plots import plot_predictions

    X, y, run = _dummy_trap_run(0)
    groups = np.repeat(["A", "B"], 5)
    fits = {"start": X @ run.path[0], "after 1000 steps": X @ run.w}
    return plot_predictions(y, fits, groups=groups)


def _dummy_trap_null_space() -> Figure:
    from .plots import plot_parameter_paths

    _, _, run = _dummy_trap_run(0)
    names = ["$w_0$ (intercept)", "$w_A$", "$w_B$"]
    return plot_parameter_paths(run, names, direction=[1, -1, -1], direction_name="along $u$")


FIGURES["dummy-trap-cost-curve"] = _dummy_trap_cost_curve
FIGURES["dummy-trap-predictions"] = _dummy_trap_predictions
FIGURES["dummy-trap-null-space"] = _dummy_trap_null_space


# --- docs/linear-regression.md ---------------------------------------------------------------


def _line_iterations() -> Figure:
    from .datasets import noisy_line
    from .linear import add_bias, fit_gradient_descent
    from .plots import plot_line_iterations

    x, y = noisy_line(50, intercept=8.0, slope=6.0, noise=1.0, x_range=(0.0, 2.0), rng=1)
    X = add_bias(x)
    rng = np.random.default_rng(0)
    start = rng.normal(0.0, np.sqrt(1 / X.shape[1]), size=X.shape[1])
    best, *_ = np.linalg.lstsq(X, y, rcond=None)
    ten = fit_gradient_descent(X, y, learning_rate=0.1, steps=10, start=start)
    return plot_line_iterations(x, y, ten, final=best)


def _one_parameter() -> Figure:
    from .datasets import noisy_line
    from .linear import fit_gradient_descent, mse
    from .plots import plot_one_parameter_fit

    x1, y1 = noisy_line(20, intercept=0.0, slope=0.5, noise=0.1, x_range=(-1.0, 1.0), rng=2)
    X1 = x1.reshape(-1, 1)
    one = fit_gradient_descent(X1, y1, learning_rate=1.0, steps=8, start=[3.0])
    return plot_one_parameter_fit(x1, y1, lambda theta: mse([theta], X1, y1), one)


def _two_parameters() -> Figure:
    from .datasets import noisy_line
    from .linear import add_bias, fit_gradient_descent, least_squares, mse
    from .plots import plot_two_parameter_fit

    x2, y2 = noisy_line(20, intercept=2.0, slope=2.0, noise=0.2, x_range=(-1.0, 1.0), rng=3)
    X2 = add_bias(x2)
    two = fit_gradient_descent(X2, y2, learning_rate=0.7, steps=15, start=[0.0, 0.0])
    return plot_two_parameter_fit(
        x2, y2, lambda theta: mse(theta, X2, y2), two, minimum=least_squares(X2, y2)
    )


FIGURES.update(
    {
        "linreg-line-iterations": _line_iterations,
        "linreg-one-parameter": _one_parameter,
        "linreg-two-parameters": _two_parameters,
    }
)


# --- docs/learning-rate.md -------------------------------------------------------------------


def _straight_line():
    from .datasets import noisy_line
    from .linear import add_bias

    x, y = noisy_line(50, intercept=8.0, slope=6.0, noise=1.0, x_range=(0.0, 2.0), rng=1)
    return x, y, add_bias(x)


def _cost_curves() -> Figure:
    from .linear import fit_gradient_descent, least_squares, mse
    from .plots import plot_cost_curves

    _, y, X = _straight_line()
    runs = {
        "η = 0.02, too small": fit_gradient_descent(X, y, learning_rate=0.02, steps=60),
        "η = 0.4, good": fit_gradient_descent(X, y, learning_rate=0.4, steps=60),
        "η = 0.47, too large": fit_gradient_descent(X, y, learning_rate=0.47, steps=60),
    }
    return plot_cost_curves(runs, minimum=mse(least_squares(X, y), X, y))


def _scaling_paths() -> Figure:
    from .linear import add_bias, fit_gradient_descent, least_squares, mse, mse_hessian
    from .plots import plot_contour_paths

    x, y, _ = _straight_line()
    x_wide = 10 * x
    z = (x_wide - x_wide.mean()) / x_wide.std()
    panels = {}
    for name, feature in [("x in [0, 20]", x_wide), ("standardised", z)]:
        A = add_bias(feature)
        rate = 1 / np.linalg.eigvalsh(mse_hessian(A)).max()
        run = fit_gradient_descent(A, y, rate, steps=100_000, tol=1e-8)
        panels[name] = (lambda w, A=A: mse(w, A, y), run, least_squares(A, y))
    return plot_contour_paths(panels)


FIGURES.update(
    {
        "lr-cost-curves": _cost_curves,
        "lr-scaling-paths": _scaling_paths,
    }
)


# --- docs/batch-stochastic.md ----------------------------------------------------------------
#
# The page's data set and runs, cached because several figures share them (a DescentResult is
# read-only, so sharing one is safe).
_SGD_RUNS: dict = {}


def _sgd_data():
    from .datasets import noisy_line
    from .linear import add_bias, least_squares, mse

    if "data" not in _SGD_RUNS:
        x, y = noisy_line(1000, intercept=2.0, slope=3.0, noise=1.0, x_range=(-1.0, 1.0), rng=0)
        X = add_bias(x)
        w_best = least_squares(X, y)
        _SGD_RUNS["data"] = (X, y, w_best, mse(w_best, X, y))
    return _SGD_RUNS["data"]


def _sgd_cost(w):
    X, y, _, _ = _sgd_data()
    residual = y - X @ w
    return residual @ residual / len(y)


def _sgd_variants() -> dict:
    from .stochastic import fit_minibatch

    if "variants" not in _SGD_RUNS:
        X, y, _, _ = _sgd_data()
        N = len(y)
        batch_sizes = {"batch": N, "mini-batch, b = 32": 32, "stochastic": 1}
        _SGD_RUNS["variants"] = {
            name: fit_minibatch(X, y, b, learning_rate=0.05, epochs=5, rng=1)
            for name, b in batch_sizes.items()
        }
    return _SGD_RUNS["variants"]


def _sgd_schedules() -> dict:
    from .stochastic import InverseTimeDecay, fit_minibatch

    if "schedules" not in _SGD_RUNS:
        X, y, _, _ = _sgd_data()
        schedule = InverseTimeDecay(initial=0.05, tau=100)
        rates = {"constant η = 0.05": 0.05, "η = 0.05 / (1 + t/100)": schedule}
        _SGD_RUNS["schedules"] = {
            name: fit_minibatch(X, y, 1, rate, epochs=10, rng=1) for name, rate in rates.items()
        }
    return _SGD_RUNS["schedules"]


def _sgd_paths(runs, xlim, ylim) -> Figure:
    from .plots import plot_path_panels

    return plot_path_panels(_sgd_cost, runs, xlim=xlim, ylim=ylim, minimum=_sgd_data()[2])


def _sgd_costs(runs) -> Figure:
    from .plots import plot_epoch_costs

    return plot_epoch_costs(runs, minimum_cost=_sgd_data()[3])


FIGURES["sgd-paths"] = lambda: _sgd_paths(_sgd_variants(), (-0.5, 3.5), (-0.5, 4.0))
FIGURES["sgd-costs"] = lambda: _sgd_costs(_sgd_variants())
FIGURES["sgd-noise-ball"] = lambda: _sgd_paths(_sgd_schedules(), (1.0, 3.0), (2.0, 4.0))
FIGURES["sgd-decay-costs"] = lambda: _sgd_costs(_sgd_schedules())


# --- docs/struggles.md ------------------------------------------------------------------------


def _two_minima() -> Figure:
    from .plots import plot_error_curve

    def cost(w):
        return w**4 - 3 * w**2 + w

    def grad(w):
        return 4 * w**3 - 6 * w + 1

    critical = np.sort(np.roots([4, 0, -6, 1]).real)
    runs = {
        f"start at w = {start:g}": gradient_descent(grad, start, 0.02, 100, cost=cost)
        for start in (-2.0, 2.0)
    }
    return plot_error_curve(
        cost, (-2.1, 2.1), minimum=critical[0], runs=runs, xlabel="$w$", ylabel="$J(w)$"
    )


def _saddle() -> Figure:
    from .plots import plot_contours_and_costs

    def saddle_cost(w):
        return w[0] ** 2 + w[1] ** 4 / 4 - w[1] ** 2 / 2

    def saddle_grad(w):
        return np.array([2 * w[0], w[1] ** 3 - w[1]])

    saddle_runs = {
        f"start (1.5, {offset:g})": gradient_descent(
            saddle_grad, [1.5, offset], 0.1, 200, cost=saddle_cost
        )
        for offset in (0.1, 1e-3, 1e-6)
    }
    return plot_contours_and_costs(
        saddle_cost,
        saddle_runs,
        xlim=(-1.6, 1.6),
        ylim=(-1.5, 1.5),
        marks={"minima": [[0.0, 1.0], [0.0, -1.0]], "saddle": [0.0, 0.0]},
        levels=np.linspace(-0.2, 2.4, 14),
    )


def _ravine() -> Figure:
    from .plots import plot_contours_and_costs

    def ravine_cost(w, kappa=50):
        return w[0] ** 2 + kappa * w[1] ** 2

    def ravine_grad(w, kappa=50):
        return np.array([2 * w[0], 2 * kappa * w[1]])

    start = [-10.0, 1.0]
    mu, big_l, kappa = 2.0, 100.0, 50
    plain_rate = 2 / (mu + big_l)
    heavy_rate = 4 / (np.sqrt(big_l) + np.sqrt(mu)) ** 2
    heavy_beta = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
    ravine_runs = {
        "plain, η = 0.0196": gradient_descent(ravine_grad, start, plain_rate, 80, cost=ravine_cost),
        "momentum, tuned": gradient_descent(
            ravine_grad, start, heavy_rate, 80, cost=ravine_cost, momentum=heavy_beta
        ),
        "momentum, η = 0.0196, β = 0.9": gradient_descent(
            ravine_grad, start, plain_rate, 80, cost=ravine_cost, momentum=0.9
        ),
    }
    fig = plot_contours_and_costs(
        ravine_cost,
        ravine_runs,
        xlim=(-11.0, 5.5),
        ylim=(-3.0, 3.0),
        marks={"minimum": [0.0, 0.0]},
        levels=np.geomspace(0.05, 500, 10),
        log_cost=True,
    )
    fig.axes[1].get_legend().set_loc("lower left")  # the slow runs' costs fill the top
    return fig


def _momentum_over_bump() -> Figure:
    from .plots import COLOURS, CURVE, new_figure

    def grad(w):
        return 4 * w**3 - 6 * w + 1

    critical = np.sort(np.roots([4, 0, -6, 1]).real)

    def plot_positions(runs, steps=80):
        """Each run's w against the step, with the three critical points as dotted lines."""
        fig = new_figure()
        ax = fig.subplots()
        names = ("global minimum", "hump (local maximum)", "local minimum")
        for point, name in zip(critical, names, strict=True):
            ax.axhline(point, color=CURVE, linewidth=0.8, linestyle=":")
            ax.text(steps + 2, point, name, ha="left", va="center", fontsize=8, color=CURVE)
        for (label, run), colour in zip(runs.items(), COLOURS, strict=False):
            path = run.path[: steps + 1]
            ax.plot(path, "o-", color=colour, markersize=2.5, linewidth=1.0, label=label)
        ax.set_xlim(-2, 1.4 * steps)
        ax.set_ylim(-2.3, 2.6)
        ax.set_xlabel("step $t$")
        ax.set_ylabel("$w_t$")
        ax.legend(loc="upper center", ncols=len(runs))
        return fig

    bump_runs = {
        beta: gradient_descent(grad, 2.0, 0.02, 1000, momentum=beta) for beta in (0.0, 0.8, 0.95)
    }
    return plot_positions({f"β = {beta}": bump_runs[beta] for beta in (0.0, 0.8, 0.95)})


FIGURES["struggles-two-minima"] = _two_minima
FIGURES["struggles-saddle"] = _saddle
FIGURES["struggles-ravine"] = _ravine
FIGURES["struggles-momentum-over-bump"] = _momentum_over_bump
