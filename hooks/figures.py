"""MkDocs hook: draw every page's figures into the built site, and cache what is slow.

A page shows a figure as ``![alt text](figures/<name>.svg)`` below the ```python block that makes
``fig``; hooks/figure_build.py runs the page's visible blocks and renders each such ``fig``. The
files become ``figures/<name>.svg`` through File.generated, so nothing is written into docs/.

Running pages is most of a build, so their figures are cached per page, keyed by everything that
decides their bytes: the page's visible code up to its last figure and where each figure is
taken (not its prose, nor its line numbers), the source of every gdtutor module and of the build
(this hook, hooks/pages.py, hooks/figure_build.py), the matplotlibrc in use and the versions of
Python, matplotlib, numpy and Pillow. Editing prose runs no page; editing one page's code runs
that page again; editing any gdtutor module runs every page with figures. The cache lives in
memory for the life of `mkdocs serve`, and on disk in `.cache/figures/` beside mkdocs.yml
(git-ignored) so the next `mkdocs build` or `serve` starts warm. Pages that must run do so in
worker processes, one per core, while MkDocs builds the pages: on_files adds the figures as
placeholders and on_env, just before files are written, fills them in.

mkdocs-jupyter's own cache of executed notebooks is keyed only by the notebook and its options,
but a notebook's output depends on gdtutor too: this hook points that cache at a directory named
after the same code digest, so editing gdtutor re-executes the notebooks.

Pages download their figures as a reader reaches them: on_post_page gives each figure's <img>
its size and loads all but a page's first lazily (figure_build.show_figures). On the notebook page
it also moves the figures mkdocs-jupyter writes into the page as data: URIs into files beside it,
and drops the style rules of JupyterLab's that cannot apply (figure_build.notebook_figures and
used_styles): what a reader must download before seeing the page goes from 260 KiB to 20 KiB.

The environment variable GDTUTOR_BUILD_CACHE controls both disk caches: unset, they live in
`.cache/`; `off` (or 0, false, no) turns them off, for a clean build (the tests build with it);
any other value is the directory to keep them in.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import multiprocessing
import os
import posixpath
import re
import shutil
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from mkdocs.structure.files import File, Files

# The build's modules are imported as the package `hooks` from the project's root, here and in
# the worker processes (which start with this process's sys.path).
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import figure_build, pages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.figures")

CACHE_VARIABLE = "GDTUTOR_BUILD_CACHE"
OFF = {"0", "off", "false", "no"}
BUILD_SOURCES = [Path(__file__), Path(pages.__file__), Path(figure_build.__file__)]

# Each page's figures ({name: SVG bytes}) by cache key. The module is loaded once per process
# (MkDocs caches hooks), so this survives every rebuild of `mkdocs serve`.
_rendered: dict[str, dict[str, bytes]] = {}
_code_digest = ""
# Each figure's file by its path in the site (figures/<name>.svg), for on_post_page.
_figure_files: dict[str, File] = {}
# Between on_files and on_env: the pages being run, and the worker processes.
_job = None
_pool: ProcessPoolExecutor | None = None


def cache_root(config) -> Path | None:
    """Where the disk caches live, or None when GDTUTOR_BUILD_CACHE turns them off."""
    value = os.environ.get(CACHE_VARIABLE, "").strip()
    if value.lower() in OFF:
        return None
    if value:
        return Path(value).resolve()
    return Path(config.config_file_path).resolve().parent / ".cache"


def code_digest() -> str:
    """A digest of everything besides a page's own code that decides its figures' bytes."""
    import matplotlib
    import numpy
    import PIL

    digest = hashlib.sha256()
    package = Path(importlib.util.find_spec("gdtutor").origin).parent
    for source in [
        *sorted(package.glob("*.py")),
        *BUILD_SOURCES,
        Path(matplotlib.matplotlib_fname()),
    ]:
        digest.update(f"{source.name}\0".encode() + source.read_bytes() + b"\0")
    for module in (matplotlib, numpy, PIL):
        digest.update(f"{module.__name__} {module.__version__}\0".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def on_config(config):
    global _code_digest
    # `mkdocs serve` reruns this on every rebuild; drop gdtutor from the import cache, so an
    # edited module is used by the next rebuild rather than the first one.
    for name in [name for name in sys.modules if name == "gdtutor" or name.startswith("gdtutor.")]:
        del sys.modules[name]
    _code_digest = code_digest()
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        root = cache_root(config)
        jupyter.config["cache"] = root is not None
        if root is not None:
            jupyter.config["cache_dir"] = str(root / "mkdocs-jupyter" / _code_digest[:16])
    return config


def _done(action, *args) -> Future:
    future = Future()
    try:
        future.set_result(action(*args))
    except Exception as error:  # reported by on_env, as a worker's would be
        future.set_exception(error)
    return future


def _render(plans: dict[str, figure_build.Plan]) -> dict[str, Future]:
    """Start running the pages of ``plans``: in worker processes, so the build goes on meanwhile."""
    global _pool
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(len(plans), cores or 1)
    if workers < 2:  # one page to run: a worker process would cost more than it saves
        return {key: _done(figure_build.render, plan) for key, plan in plans.items()}
    # spawn, not fork: `mkdocs serve` runs threads, and a fresh interpreter imports the gdtutor
    # now on disk. Each worker runs whole pages; the results are the same bytes either way.
    _pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn")
    )
    # Longest first (by the code to run), so no long page starts last.
    order = sorted(plans, key=lambda key: -sum(len(b[1]) for b in plans[key].blocks))
    return {key: _pool.submit(figure_build.render, plans[key]) for key in order}


def _read_disk(disk: Path | None, key: str, names: list[str]) -> dict[str, bytes] | None:
    folder = disk / key if disk is not None else None
    if folder is None or not all((folder / f"{name}.svg").is_file() for name in names):
        return None
    return {name: (folder / f"{name}.svg").read_bytes() for name in names}


def _write_disk(disk: Path, key: str, figures: dict[str, bytes]) -> None:
    partial = disk / f".{key}.{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name, svg in figures.items():
        (partial / f"{name}.svg").write_bytes(svg)
    try:
        partial.rename(disk / key)  # atomic: a reader sees all of a page's figures or none
    except OSError:  # another build stored the same page meanwhile: the same bytes
        shutil.rmtree(partial, ignore_errors=True)


def on_files(files: Files, config) -> Files:
    """Add every page's figures to the site: from the cache, or placeholders on_env fills in."""
    global _job
    started = time.perf_counter()
    plans: dict[str, tuple[str, figure_build.Plan]] = {}  # key -> (page's folder, plan)
    owner: dict[str, str] = {}  # figure file -> the page showing it
    docs = Path(config.docs_dir).name
    for file in list(files):
        if file.generated_by or not file.src_uri.endswith(".md"):
            continue
        try:
            page = pages.parse(f"{docs}/{file.src_uri}", file.content_string)
            plan = figure_build.plan(page)
        except figure_build.FigureError as error:
            log.error("%s", error)
            continue
        if plan is None:
            continue
        folder = posixpath.dirname(file.src_uri)
        uris = {
            name: posixpath.join(folder, "figures", f"{name}.svg") for name, _, _ in plan.figures
        }
        clashes = [(line, uris[name]) for name, line, _ in plan.figures if uris[name] in owner]
        for line, uri in clashes:
            log.error(
                "%s, line %d: %s is already shown on %s; give each figure its own name",
                plan.path,
                line,
                uri,
                owner[uri],
            )
        if clashes:
            continue
        owner.update(dict.fromkeys(uris.values(), plan.path))
        key = hashlib.sha256(f"{plan.digest()}\0{_code_digest}".encode()).hexdigest()
        plans[key] = (folder, plan)
    root = cache_root(config)
    disk = root / "figures" if root is not None else None
    for key, (_, plan) in plans.items():
        if key not in _rendered:
            cached = _read_disk(disk, key, [name for name, _, _ in plan.figures])
            if cached is not None:
                _rendered[key] = cached
    missing = {key: plan for key, (_, plan) in plans.items() if key not in _rendered}
    futures = _render(missing) if missing else {}
    waiting = []
    _figure_files.clear()
    for key, (folder, plan) in plans.items():
        made = []
        for name, _, _ in plan.figures:
            content = _rendered[key][name] if key in _rendered else b""
            file = File.generated(
                config, posixpath.join(folder, "figures", f"{name}.svg"), content=content
            )
            files.append(file)
            made.append((name, file))
            _figure_files[file.dest_uri] = file
        if key in futures:
            waiting.append((made, key, futures[key]))
    _job = (waiting, disk, len(plans), started)
    # Keep only what this build uses: in memory, on disk and in mkdocs-jupyter's cache.
    for key in set(_rendered) - set(plans):
        del _rendered[key]
    if disk is not None and disk.is_dir():
        for stale in disk.iterdir():
            if stale.name in plans or stale.name.startswith("."):
                continue
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:  # a figure cached by the hook before it cached pages
                stale.unlink(missing_ok=True)
    if root is not None and (root / "mkdocs-jupyter").is_dir():
        for stale in (root / "mkdocs-jupyter").iterdir():
            if stale.name == _code_digest[:16]:
                continue
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:  # what mkdocs-jupyter cached before this hook chose the directory
                stale.unlink(missing_ok=True)
    return files


def on_env(env, config, files):
    """Wait for the pages still running (the site's pages were built meanwhile) and fill in
    their figures. A page whose figures cannot be drawn is an error: strict builds stop."""
    global _job
    waiting, disk, count, started = _job
    _job = None
    figures = 0
    try:
        for made, key, future in waiting:
            try:
                rendered = future.result()
            except figure_build.FigureError as error:
                log.error("%s", error)
                continue
            _rendered[key] = rendered
            for name, file in made:
                file.content_bytes = rendered[name]
            figures += len(rendered)
            if disk is not None:
                _write_disk(disk, key, rendered)
    finally:
        _stop_pool()
    log.info(
        "figures: pages run %d, pages from the cache %d (%d figures drawn), %.1f s beside pages",
        len(waiting),
        count - len(waiting),
        figures,
        time.perf_counter() - started,
    )
    return env


# mkdocstrings links its style sheet from every page, but only the API reference's entries use it:
# elsewhere it would only hold up the page's first paint (a render-blocking request).
_MKDOCSTRINGS_CSS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">\s*')


def on_post_page(output: str, page, config) -> str:
    """Size each figure's <img> and load all but the page's first lazily; on a notebook's page,
    first move its figures into files and drop the style rules that cannot apply; on a page
    without an API entry, drop mkdocstrings' style sheet."""
    folder = posixpath.dirname(page.file.dest_uri)
    if 'class="doc ' not in output:  # mkdocstrings' style sheet, on a page with no API entry
        output = _MKDOCSTRINGS_CSS.sub("", output)
    moved: dict[str, bytes] = {}
    if page.file.src_uri.endswith(".ipynb"):
        output, moved = figure_build.notebook_figures(output)
        output = figure_build.used_styles(output)
        target = Path(config.site_dir) / folder
        target.mkdir(parents=True, exist_ok=True)
        for name, data in moved.items():
            (target / name).write_bytes(data)

    def size_of(src: str) -> tuple[int, int] | None:
        if src in moved:
            return figure_build.image_size(moved[src])
        if "://" in src or src.startswith(("/", "data:")):
            return None
        file = _figure_files.get(posixpath.normpath(posixpath.join(folder, src)))
        if file is None or not file.content_bytes:  # not a figure, or one that failed
            return None
        return figure_build.svg_size(file.content_bytes)

    return figure_build.show_figures(output, size_of)


def on_build_error(error):
    _stop_pool()


def _stop_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
