"""The notebooks: every page with code as a download, and the explorers notebook page.

* The converter in hooks/notebooks.py, on a small page made for the purpose.
* Every page's notebook holds exactly the blocks the page tests run, and, executed top to bottom
  in a Jupyter kernel, each code cell prints what the page shows under its block. The pages share
  one kernel, cleared before each page (and checked to be empty), as starting one per page costs
  more than most pages take to run.
* docs/notebooks/explorers.ipynb is committed without outputs; its sliders have the ranges and
  steps of the Explore page's, and moving them reruns the fit with gdtutor's numbers.
* The built site offers each notebook for download; the notebook page, run in a kernel on
  build, shows gdtutor's numbers, loads nothing from the network and holds no widget state.
* Each download's first code cell installs gdtutor from the site: in a fresh virtual
  environment against the site served on 127.0.0.1 it does, where gdtutor is installed it does
  nothing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import nbclient
import nbformat
import numpy as np
import pytest

from gdtutor import DivergenceError
from gdtutor.linear import add_bias, fit_gradient_descent, mse_hessian
from hooks import notebooks as hook
from hooks import wheel
from hooks.pages import parse, solutions
from tests.conftest import SITE_URL as BUILT_URL
from tests.conftest import fresh_venv, offline_pip_env, quiet_env, served
from tests.markdown_pages import DOCS, TRACEBACK_HEAD, matches, normalise

PAGES = sorted(p for p in DOCS.rglob("*.md") if parse(p).blocks)
NOTEBOOK_PAGES = sorted((DOCS / "notebooks").glob("*.ipynb"))
EXPLORERS = DOCS / "notebooks" / "explorers.ipynb"
SITE_URL = "https://example.org/gdtutor/"
WHEEL_URL = wheel.wheel_url(SITE_URL, wheel.wheel_name())

SYNTHETIC = """# A small page

Some prose, a [link to a section](other.md#a-section) and one [to this page](#exercises).

!!! info "Before you start"
    Paste the blocks in order.

```python
value = 6 * 7
print(value)
```

```output
42
```

<!-- invisible-code-block: python
assert value == 42
-->

```python title="figure.py"
fig = object()
```

<!-- invisible-code-block: python
assert fig is not None
-->

![A long description of the figure that a reader would need](figures/a-figure.svg)

```python
int("forty-two")
```

```output
Traceback (most recent call last):
  ...
ValueError: invalid literal for int() with base 10: 'forty-two'
```

```text
not code: stays prose
```

## Exercises

**1. One more.** Print one more than value: `check("chapter", 1, answer=...)`.

??? success "Solution"
    The answer is one more:

    ```python
    print(value + 1)
    ```

    ```output
    43
    ```

    <!-- invisible-code-block: python
    assert value + 1 == 43
    -->

    That is all.
"""


# IPython's own names, which a reset puts back.
SESSION = sorted({"In", "Out", "exit", "quit", "get_ipython", "open"})
# Run before each page's notebook in the shared kernel: no name, figure or output history of the
# page before is left. It prints the names left in the namespace, which must be none.
RESET_SOURCE = f"""import matplotlib.pyplot
matplotlib.pyplot.close("all")
%reset -f
print(sorted(n for n in globals() if not n.startswith("_") and n not in {SESSION}))"""


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """One python3 kernel for every page notebook (their tests share an xdist worker), in an
    empty directory: starting one per page cost more than most pages take to run."""
    client = nbclient.NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3", timeout=300)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPLBACKEND", "Agg")  # the kernel's default; `%matplotlib inline` wins
        with client.setup_kernel(cwd=str(tmp_path_factory.mktemp("notebooks"))):
            yield client


def run_in(kernel, notebook):
    """Execute a page's notebook top to bottom in the shared kernel, after a cell that clears
    what the page before left there; return the notebook's own cells, executed."""
    reset = nbformat.v4.new_code_cell(RESET_SOURCE)
    kernel.nb = nbformat.v4.new_notebook(cells=[reset, *notebook.cells])
    kernel.execute(cleanup_kc=False)  # keep the kernel for the next page
    assert printed(reset) == "[]", f"the page before left names in the kernel: {printed(reset)}"
    return notebook


def printed(cell) -> str:
    """What a code cell shows as a page does: the printed text, then any exception's last line."""
    text, error = "", None
    for output in cell.outputs:
        if output.output_type == "stream":
            assert output.name == "stdout", f"the cell wrote to {output.name}:\n{output.text}"
            text += output.text
        elif output.output_type == "error":
            error = f"{output.ename}: {output.evalue}"
        else:
            pytest.fail(f"the cell shows a value the page does not show:\n{cell.source}\n{output}")
    if error is None:
        return normalise(text)
    return normalise(f"{text}\n{TRACEBACK_HEAD}\n{error}")


def unqualified(expected: str) -> str:
    """Jupyter names an exception without its module (``LinAlgError``, not ``numpy.linalg.``)."""
    lines = expected.splitlines()
    if TRACEBACK_HEAD in expected and lines:
        lines[-1] = re.sub(r"^(?:\w+\.)+(?=\w+(?::|$))", "", lines[-1])
    return "\n".join(lines)


# --- the converter ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic():
    return hook.page_to_notebook(SYNTHETIC, "chapter.md", SITE_URL)


def test_python_blocks_become_code_cells_and_outputs_and_checks_are_dropped(synthetic):
    code = [cell for cell in synthetic.cells if cell.cell_type == "code"]
    assert [cell.source for cell in code] == [
        "%matplotlib inline",
        "value = 6 * 7\nprint(value)",
        "fig = object()",
        "fig",
        'int("forty-two")',
        "",  # the learner's answer, in place of the solution
        'from gdtutor.exercises import check\n\ncheck("chapter", 1, answer=...)',
    ]
    assert [cell.metadata.get("tags", []) for cell in code] == [
        ["setup"],
        [],
        [],
        ["figure"],
        ["raises-exception"],
        ["answer"],
        ["check"],
    ]
    prose = "\n".join(cell.source for cell in synthetic.cells if cell.cell_type == "markdown")
    for dropped in ["```output", "42\n", "invisible-code-block", "assert", "figures/a-figure"]:
        assert dropped not in prose
    assert "```text\nnot code: stays prose\n```" in prose


def test_boxes_solutions_and_links_read_well_in_jupyter(synthetic):
    prose = [cell.source for cell in synthetic.cells if cell.cell_type == "markdown"]
    assert prose[0].startswith("*This notebook is generated from the course page [A small page]")
    assert f"({SITE_URL}chapter/)" in prose[0] and "installs `gdtutor`" in prose[0]
    assert "> **Before you start**\n>\n> Paste the blocks in order." in prose[1]
    assert f"[link to a section]({SITE_URL}other/#a-section)" in prose[1]
    assert f"[to this page]({SITE_URL}chapter/#exercises)" in prose[1]
    assert prose[-1].endswith('`check("chapter", 1, answer=...)`.')  # the statement, then cells
    for solution in ["Solution", "The answer is one more", "That is all"]:
        assert not any(solution in text for text in prose), solution


def test_notebook_is_valid_and_the_same_bytes_every_time(synthetic):
    nbformat.validate(synthetic)
    assert [cell.id for cell in synthetic.cells] == [
        f"cell-{i}" for i in range(len(synthetic.cells))
    ]
    assert synthetic.metadata["kernelspec"]["name"] == "python3"
    again = hook.page_to_notebook(SYNTHETIC, "chapter.md", SITE_URL)
    assert hook.notebook_text(again) == hook.notebook_text(synthetic)


def test_the_first_code_cell_installs_what_the_notebook_imports():
    plain = hook.page_to_notebook(SYNTHETIC, "chapter.md", SITE_URL, wheel_url=WHEEL_URL)
    uses = SYNTHETIC.replace("value = 6 * 7", "from sklearn import datasets\nvalue = 6 * 7")
    for markdown, extras in [(SYNTHETIC, {}), (uses, {"sklearn": "scikit-learn"})]:
        notebook = hook.page_to_notebook(markdown, "chapter.md", SITE_URL, wheel_url=WHEEL_URL)
        install, setup = [cell for cell in notebook.cells if cell.cell_type == "code"][:2]
        assert install.metadata["tags"] == ["install"] and setup.source == "%matplotlib inline"
        namespace = {}
        needed = install.source.split("needed = ")[1].split("\n}")[0] + "}"
        exec(f"needed = {needed}", namespace)
        assert namespace["needed"] == {"gdtutor": WHEEL_URL, **extras}
    # The rest of the notebook is what it is without the install cell.
    assert [
        cell.source for cell in plain.cells if "install" not in cell.metadata.get("tags", [])
    ] == [cell.source for cell in hook.page_to_notebook(SYNTHETIC, "chapter.md", SITE_URL).cells]


def test_only_pages_with_python_get_a_notebook():
    assert hook.has_python(SYNTHETIC)
    assert not hook.has_python("# Prose\n\n```text\nprint(1)\n```\n")
    assert hook.download_uri("linear-regression.md") == "downloads/linear-regression.ipynb"
    assert hook.download_uri("notebooks/explorers.ipynb") == "downloads/explorers.ipynb"


def outside_solutions(page) -> list[tuple[int, str, str | None]]:
    """The page's visible blocks that no solution holds: the notebook's code."""
    spans = solutions(page.read_text("utf-8"))
    return [
        (block.line, block.source, block.expected)
        for block in parse(page).blocks
        if not any(start <= block.start < end for start, end in spans)
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_notebook_holds_exactly_the_blocks_the_page_tests_run(page):
    text = page.read_text("utf-8")
    src = page.relative_to(DOCS).as_posix()
    notebook = hook.page_to_notebook(text, src, SITE_URL, wheel_url=WHEEL_URL)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    added = {"install", "setup", "figure", "answer", "check"}
    blocks = [cell.source for cell in code if not added & set(cell.metadata.get("tags", []))]
    assert blocks == [source.strip("\n") for _, source, _ in outside_solutions(page)]
    answers = [cell for cell in code if "answer" in cell.metadata.get("tags", [])]
    assert len(answers) == len(solutions(text)) and all(cell.source == "" for cell in answers)
    for cell in code:
        assert "Solution" not in cell.source
    figures = [cell for cell in code if "figure" in cell.metadata.get("tags", [])]
    shown = [
        f for f in parse(page).figures if not any(a <= f.start < b for a, b in solutions(text))
    ]
    assert len(figures) == len(shown), "a figure has no cell drawing it"


# --- every page's notebook, run in Jupyter ----------------------------------------------------


@pytest.mark.xdist_group("page-notebooks-kernel")  # one worker under pytest-xdist: one kernel
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_notebook_runs_top_to_bottom_and_prints_what_the_page_shows(page, kernel):
    src = page.relative_to(DOCS).as_posix()
    notebook = hook.page_to_notebook(page.read_text("utf-8"), src, SITE_URL, wheel_url=WHEEL_URL)
    run_in(kernel, notebook)  # fails on an error in a cell not tagged to raise
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    expected = iter(outside_solutions(page))
    for cell in code:
        tags = cell.metadata.get("tags", [])
        if "check" in tags:  # the check with `...` for the answer: it says what to give it
            [shown] = cell.outputs
            assert shown.output_type == "execute_result", cell.source
            assert shown.data["text/plain"].startswith("Not yet."), shown.data["text/plain"]
        elif {"setup", "install", "answer"} & set(tags):  # installed here: nothing to do
            assert cell.outputs == []
        elif "figure" in tags:
            [shown] = cell.outputs
            assert shown.output_type == "execute_result" and "image/png" in shown.data, (
                f"{page.name}: the cell `{cell.source}` does not draw a figure"
            )
        else:
            line, _, want = next(expected)
            got = printed(cell)
            assert matches(unqualified(normalise(want or "")), got), (
                f"{page.name}, block at line {line}, run in Jupyter, printed:\n{got}"
            )
            raised = any(output.output_type == "error" for output in cell.outputs)
            assert raised == ("raises-exception" in tags)


# --- the explorers notebook page --------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=lambda p: p.name)
def test_committed_notebooks_carry_no_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.metadata["license"] == hook.LICENSE  # as every download says
    assert "widgets" not in notebook.metadata
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{path.name}: clear the outputs before committing (cell {cell.id})"
            )


def gdtutor_fit(X, y, learning_rate, steps, start):
    """gdtutor's run and how the notebook says it ended: after the steps, or where it raised."""
    try:
        fit = fit_gradient_descent(X, y, learning_rate=learning_rate, steps=steps, start=start)
    except DivergenceError as error:
        return error.result, f"diverged at step {error.result.steps}"
    return fit, f"after {fit.steps} steps"


def off_the_figure(fit, minimum, reach) -> str:
    """The line the notebook adds when a run goes more than ``reach`` from the minimum."""
    far = np.flatnonzero(np.any(np.abs(fit.path - minimum) > reach, axis=1))
    if far.size == 0:
        return ""
    return (
        f"\n(the figure stops at step {far[0] - 1}: step {far[0]} is more than {reach} "
        "from the minimum)"
    )


def one_parameter(steps, learning_rate, start):
    x = np.linspace(-1, 1, 20)
    fit, ended = gdtutor_fit(x.reshape(-1, 1), 0.5 * x, learning_rate, steps, [start])
    return f"{ended}: θ₁ = {fit.w[0]:.12g}, J = {fit.costs[-1]:.12g}" + off_the_figure(fit, 0.5, 3)


def two_parameters(steps, learning_rate, true_theta0, true_theta1, start_theta0, start_theta1):
    x = np.linspace(-1, 1, 20)
    y = true_theta0 + true_theta1 * x
    fit, ended = gdtutor_fit(add_bias(x), y, learning_rate, steps, [start_theta0, start_theta1])
    theta0, theta1 = fit.w
    return f"{ended}: θ₀ = {theta0:.12g}, θ₁ = {theta1:.12g}, J = {fit.costs[-1]:.12g}" + (
        off_the_figure(fit, [true_theta0, true_theta1], 12)
    )


# Slider name -> (description, min, max, step, default); the contract shared with explorers.js.
ONE_SLIDERS = {
    "steps": ("steps N", 1, 100, 1, 20),
    "learning_rate": ("α", 0.1, 3.5, 0.05, 1.15),
    "start": ("start θ₁", -0.2, 1.2, 0.1, 0.0),
}
TWO_SLIDERS = {
    "steps": ("steps N", 2, 20, 1, 15),
    "learning_rate": ("α", 0.1, 1.5, 0.01, 0.7),
    "true_theta0": ("true θ₀", -4.0, 4.0, 0.1, 2.0),
    "true_theta1": ("true θ₁", -4.0, 4.0, 0.1, 2.0),
    "start_theta0": ("start θ₀", -4.0, 4.0, 0.1, 0.0),
    "start_theta1": ("start θ₁", -4.0, 4.0, 0.1, 0.0),
}
# Settings a reader might choose; each is set on the sliders, as a reader would set them.
ONE_SETTINGS = [
    {"steps": 1, "learning_rate": 0.1, "start": -0.2},
    {"steps": 5, "learning_rate": 2.0, "start": 1.2},
    {"steps": 100, "learning_rate": 1.35, "start": 0.3},
    # past the stability bound 2/h = 2.714: growing, then raising DivergenceError at step 52
    {"steps": 20, "learning_rate": 2.8, "start": 0.0},
    {"steps": 100, "learning_rate": 3.5, "start": 1.2},
]
TWO_SETTINGS = [
    {"steps": 2, "learning_rate": 1.0, "true_theta0": -4.0, "true_theta1": 3.5},
    {"steps": 20, "learning_rate": 0.73, "start_theta0": 4.0, "start_theta1": -4.0},
    # past the stability bound 1.0: theta0 zig-zags outwards, off the figure
    {"steps": 20, "learning_rate": 1.5, "true_theta0": 4.0, "true_theta1": 4.0},
]

# Runs the explorers notebook's cells in a plain python, the slider cells too, then moves the
# sliders. No Jupyter: nbclient's stand-in for a browser's Output widget can deadlock
# (jupyter/nbclient#312), and the page build already runs the notebook in a kernel (see the
# site test below). Without a kernel, ipywidgets runs the explorer in place and its output, a
# figure's repr and the printed numbers, goes to stdout.
EXPLORERS_DRIVER = """
import contextlib, io, json, sys
import nbformat
notebook = nbformat.read(sys.argv[1], as_version=4)
moves = json.loads(sys.argv[2])
namespace = {"__name__": "__main__"}


def printed(action, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        action(*args)
    return out.getvalue().replace("\\x1b[2K\\r", "")  # what clear_output prints in a terminal


def run(source):
    magic_free = "\\n".join(line for line in source.splitlines() if not line.startswith("%"))
    exec(compile(magic_free, "<cell>", "exec"), namespace)


cells = [printed(run, c.source) for c in notebook.cells if c.cell_type == "code"]
explorers = [namespace[name].widget for name in ["one_parameter", "two_parameters"]]
sliders = [[[w.description, w.min, w.max, w.step, w.value] for w in e.kwargs_widgets]
           for e in explorers]
shown = []
for which, setting in moves:
    widgets = {w.description: w for w in explorers[which].kwargs_widgets}
    for description, value in setting:  # one slider at a time, as a reader moves them
        text = printed(setattr, widgets[description], "value", value)
    shown.append(text)
print(json.dumps({"cells": cells, "sliders": sliders, "shown": shown}))
"""


# The tests that read the `explorers` run share one worker under pytest-xdist, so it runs once.
ONE_RUN = pytest.mark.xdist_group("explorers-notebook-run")


@pytest.fixture(scope="module")
def explorers(tmp_path_factory):
    """What each code cell of the explorers notebook prints, its sliders, and what the explorer
    shows after each setting (the last slider moved for it)."""
    moves = [
        [which, [[contract[key][0], value] for key, value in setting.items()]]
        for which, (contract, settings) in enumerate(
            [(ONE_SLIDERS, ONE_SETTINGS), (TWO_SLIDERS, TWO_SETTINGS)]
        )
        for setting in settings
    ]
    run = subprocess.run(
        [sys.executable, "-W", "error", "-c", EXPLORERS_DRIVER, str(EXPLORERS), json.dumps(moves)],
        cwd=tmp_path_factory.mktemp("explorers"),
        env={**os.environ, "MPLBACKEND": "Agg"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@ONE_RUN
def test_explorer_sliders_have_the_explore_pages_ranges(explorers):
    for sliders, contract in zip(explorers["sliders"], [ONE_SLIDERS, TWO_SLIDERS], strict=True):
        assert [w[0] for w in sliders] == [spec[0] for spec in contract.values()]
        for (label, *numbers), spec in zip(sliders, contract.values(), strict=True):
            assert numbers == pytest.approx(spec[1:], rel=1e-12), label


def test_explorer_sliders_have_the_explore_pages_steps_too():
    # "They have the ranges and steps of the Explore page's sliders": min, max, step and default
    # of each slider in explorers.js, in order, one explorer after the other.
    # The momentum explorer has no twin in the notebook: only the two regression explorers count.
    script = (DOCS / "javascripts" / "explorers.js").read_text("utf-8")
    regression = script[script.index('"one-parameter": {') : script.index("    momentum: {")]
    spec = r"min: (-?[\d.]+), max: (-?[\d.]+), step: ([\d.]+), value: (-?[\d.]+) \}"
    page = [[float(v) for v in match] for match in re.findall(spec, regression)]
    notebook = [list(s[1:]) for c in (ONE_SLIDERS, TWO_SLIDERS) for s in c.values()]
    assert page == notebook


@ONE_RUN
def test_explorers_draw_the_defaults_and_print_gdtutors_numbers(explorers):
    code = [c.source for c in nbformat.read(EXPLORERS, as_version=4).cells if c.cell_type == "code"]
    shown = dict(zip(code, explorers["cells"], strict=True))
    # Without Jupyter, display(figure) prints the figure's repr: one figure, then the numbers.
    assert shown["one_parameter()"] == f"Figure(960x380)\n{one_parameter(20, 1.15, 0.0)}\n"
    assert shown["two_parameters()"] == (
        f"Figure(960x400)\n{two_parameters(15, 0.7, 2.0, 2.0, 0.0, 0.0)}\n"
    )


@ONE_RUN
def test_moving_the_sliders_reruns_the_fit_with_gdtutors_numbers(explorers):
    expected = []
    for function, contract, settings in [
        (one_parameter, ONE_SLIDERS, ONE_SETTINGS),
        (two_parameters, TWO_SLIDERS, TWO_SETTINGS),
    ]:
        values = {key: spec[-1] for key, spec in contract.items()}  # the defaults, then
        for setting in settings:  # each setting moves some sliders; the others stay put
            values |= setting
            expected.append(function(**values))
    for text, want in zip(explorers["shown"], expected, strict=True):
        figure, *numbers = text.splitlines()
        assert figure.startswith("Figure(") and "\n".join(numbers) == want
    shown = "\n".join(explorers["shown"])  # the settings past the bounds are shown sanely
    assert "diverged at step 52: θ₁ = 14461589706.9" in shown  # α = 3.5 from 1.2, as gdtutor
    assert "nan" not in shown and "inf" not in shown
    assert "(the figure stops at step" in shown


def test_explorer_learning_rates_go_past_the_stability_bounds():
    x = np.linspace(-1, 1, 20)
    one = 2 / mse_hessian(x.reshape(-1, 1))[0, 0]
    two = 2 / np.max(np.linalg.eigvalsh(mse_hessian(add_bias(x))))
    assert ONE_SLIDERS["learning_rate"][2] > 1.25 * one and TWO_SLIDERS["learning_rate"][2] > two
    assert any(setting.get("learning_rate", 0) > one for setting in ONE_SETTINGS)
    assert any(setting.get("learning_rate", 0) > two for setting in TWO_SETTINGS)


def test_explorers_notebook_claims_hold():
    x = np.linspace(-1, 1, 20)
    X = x.reshape(-1, 1)
    # "Past the stability bound ... that part of the distance grows at every step (if it starts
    # at 0, only rounding errors are there to grow). With one parameter it is the whole
    # distance; with two, the other part can still shrink, so a run may come closer to the
    # minimum for a few steps before it is driven away."
    h = mse_hessian(X)[0, 0]
    for alpha in [2.75, 3.5]:
        past = fit_gradient_descent(X, 0.5 * x, learning_rate=alpha, steps=30, start=[0.0])
        assert alpha > 2 / h and np.all(np.diff(np.abs(past.path[:, 0] - 0.5)) > 0)
    X2 = add_bias(x)  # the steepest direction is theta0's: curvatures 2 (theta0) and h (theta1)
    assert np.allclose(np.diag(mse_hessian(X2)), [2, h]) and abs(mse_hessian(X2)[0, 1]) < 1e-15
    y = 2.0 + 2.0 * x
    for alpha in [1.01, 1.2, 1.5]:
        for start in [[0.0, 0.0], [4.0, -4.0], [1.9, 2.0]]:
            run = fit_gradient_descent(X2, y, learning_rate=alpha, steps=20, start=start)
            assert np.all(np.diff(np.abs(run.path[:, 0] - 2.0)) > 0)
        at_zero = fit_gradient_descent(X2, y, learning_rate=alpha, steps=20, start=[2.0, 0.0])
        assert np.max(np.abs(at_zero.path[:, 0] - 2.0)) < 1e-8  # rounding errors, grown
    default = fit_gradient_descent(X2, y, learning_rate=1.01, steps=20, start=[0.0, 0.0])
    distance = np.linalg.norm(default.path - [2.0, 2.0], axis=1)
    assert distance[1] < distance[0] and distance[-1] > distance[0]  # closer first, then away
    # "one_parameter(learning_rate=2.8, steps=400): ... each step lands only about 6% further
    # from the minimum than the last ... it diverges at step 388. With the slider's 100 steps, it
    # ends far from the minimum but without an error."
    assert round(100 * (abs(1 - 2.8 * h) - 1)) == 6
    with pytest.raises(DivergenceError, match="diverged at step 388: the parameters grew past"):
        fit_gradient_descent(X, 0.5 * x, learning_rate=2.8, steps=400, start=[0.0])
    hundred = fit_gradient_descent(X, 0.5 * x, learning_rate=2.8, steps=100, start=[0.0])
    assert abs(hundred.w[0] - 0.5) > 100
    # "past 10^10 when the start is at most 1 in size"
    for start in [0.0, 1.0, -1.0]:
        with pytest.raises(DivergenceError, match="grew past 1e[+]10 in size"):
            fit_gradient_descent(X, 0.5 * x, learning_rate=3.5, steps=100, start=[start])
    # "two_parameters(learning_rate=1.0, steps=40): theta0 bounces between two values for ever
    # while the slope settles"
    y = 2.0 + 2.0 * x
    edge = fit_gradient_descent(add_bias(x), y, learning_rate=1.0, steps=40, start=[0.0, 0.0])
    assert set(np.round(edge.path[:, 0], 9)) == {0.0, 4.0}
    assert abs(edge.w[1] - 2.0) < 1e-9
    text = EXPLORERS.read_text("utf-8")
    assert "one_parameter(learning_rate=2.8, steps=400)" in text
    assert "two_parameters(learning_rate=1.0, steps=40)" in text


# --- the built site ---------------------------------------------------------------------------


def test_every_page_with_code_links_its_notebook_download(built_sites):
    site = built_sites[0]
    sources = [page.relative_to(DOCS).as_posix() for page in PAGES + NOTEBOOK_PAGES]
    for src in sources:
        download = site / hook.download_uri(src)
        assert download.is_file(), f"no notebook for {src}"
        notebook = nbformat.reads(download.read_text("utf-8"), as_version=4)
        nbformat.validate(notebook)
        assert notebook.metadata["license"] == {"code": "MIT", "text and figures": "CC-BY-4.0"}
        stem = src.rsplit(".", 1)[0]
        html_path = site / stem.removesuffix("index") / "index.html"
        html = html_path.read_text("utf-8")
        [href] = re.findall(r'<a [^>]*class="md-button gd-download"[^>]*>', html)
        target = re.search(r'href="([^"]+)"', href)[1]
        assert (html_path.parent / target).resolve() == download.resolve(), src
        assert ">Download as notebook</a>" in html


def test_notebook_page_is_executed_offline_without_widget_state(built_sites):
    page, again = (site / "notebooks" / "explorers" / "index.html" for site in built_sites)
    html = page.read_text("utf-8")
    assert html == again.read_text("utf-8"), "the notebook page differs between two builds"
    # The two explorers, drawn on build, in files beside the page (hooks/figures.py moves them).
    drawn = re.findall(r'src="(output-[0-9a-f]{16}\.png)"', html)
    assert len(drawn) == 2 and all((page.parent / name).is_file() for name in drawn)
    assert one_parameter(20, 1.15, 0.0) in html  # run on build, with gdtutor's numbers
    assert two_parameters(15, 0.7, 2.0, 2.0, 0.0, 0.0) in html
    for loader in ["require.js", "@jupyter-widgets", "unpkg.com", "cdnjs", "cdn.jsdelivr"]:
        assert loader not in html, loader
    assert "application/vnd.jupyter.widget" not in html
    assert "mathjax" not in html.lower()


def test_every_download_starts_by_installing_gdtutor_from_the_site(built_sites):
    site = built_sites[0]
    url = wheel.wheel_url(BUILT_URL, wheel.wheel_name())
    assert (site / url.removeprefix(BUILT_URL)).is_file(), "the site publishes no wheel there"
    for src in [page.relative_to(DOCS).as_posix() for page in PAGES + NOTEBOOK_PAGES]:
        notebook = nbformat.read(site / hook.download_uri(src), as_version=4)
        first = next(cell for cell in notebook.cells if cell.cell_type == "code")
        assert first.metadata.get("tags") == ["install"] and repr(url) in first.source, src
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        assert ("'scikit-learn'" in first.source) == (
            "import sklearn" in code or "from sklearn" in code
        ), src


def test_a_downloaded_notebooks_install_cell_installs_gdtutor_in_a_fresh_python(
    built_sites, tmp_path
):
    """The install cell, run in a new virtual environment (outside the source tree, which
    `python -c` would import gdtutor from) against the site served locally,
    installs gdtutor (and scikit-learn) from it; run again, with no site and no wheels to
    install from, it does nothing and succeeds."""
    site = built_sites[0]
    notebook = nbformat.read(site / hook.download_uri("logistic.md"), as_version=4)
    cell = next(cell for cell in notebook.cells if cell.cell_type == "code")
    python = fresh_venv(tmp_path / "venv")
    with served(site) as local_url:
        source = cell.source.replace(BUILT_URL, local_url)
        assert source != cell.source
        run = subprocess.run(
            [python, "-c", source],
            capture_output=True,
            text=True,
            env=offline_pip_env(),
            cwd=tmp_path,
        )
    assert run.returncode == 0, run.stderr
    check = "import gdtutor, sklearn; print(gdtutor.__file__)"
    where = subprocess.run(
        [python, "-c", check], capture_output=True, text=True, env=quiet_env(), cwd=tmp_path
    )
    assert where.returncode == 0 and where.stdout.startswith(str(tmp_path / "venv")), where
    nowhere = quiet_env(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_FIND_LINKS="")
    again = subprocess.run(
        [python, "-c", source], capture_output=True, text=True, env=nowhere, cwd=tmp_path
    )
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
