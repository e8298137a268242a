"""MkDocs hook: render every registered figure into the built site, and cache what is slow.

The figures are made by functions in gdtutor and registered in gdtutor.gallery; they become
`figures/<name>.svg` through File.generated, so nothing is written into docs/ or committed.

Rendering them is most of a build, so rendered figures are cached, keyed by everything that
determines their bytes: the figure's name, the source of every gdtutor module, this hook, the
matplotlibrc in use and the versions of Python, matplotlib, numpy and Pillow. Editing a page
re-renders nothing; editing any gdtutor module re-renders every figure (simple, and safe). The
cache lives in memory for the life of `mkdocs serve`, and on disk in `.cache/figures/` beside
mkdocs.yml (git-ignored) so the next `mkdocs build` or `serve` starts warm. Figures that must be
rendered are rendered in worker processes, one per core, while MkDocs builds the pages: on_files
adds them as placeholders and on_env, just before files are written, fills them in.

mkdocs-jupyter's own cache of executed notebooks is keyed only by the notebook and its options,
but a notebook's output depends on gdtutor too: this hook points that cache at a directory named
after the same code digest, so editing gdtutor re-executes the notebooks.

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
import shutil
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.figures")

CACHE_VARIABLE = "GDTUTOR_BUILD_CACHE"
OFF = {"0", "off", "false", "no"}
# Below this many figures to render, starting worker processes costs more than it saves.
PARALLEL_FROM = 4

# Rendered figures by cache key. The module is loaded once per process (MkDocs caches hooks), so
# this survives every rebuild of `mkdocs serve`.
_rendered: dict[str, bytes] = {}
_code_digest = ""
# Between on_files and on_env: the figures being rendered, and the worker processes.
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
    """A digest of everything besides a figure's name that determines its bytes."""
    import matplotlib
    import numpy
    import PIL

    digest = hashlib.sha256()
    package = Path(importlib.util.find_spec("gdtutor").origin).parent
    for source in [
        *sorted(package.glob("*.py")),
        Path(__file__),
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


def _render(names: list[str]) -> dict[str, Future]:
    """Start rendering ``names``: in worker processes, so the build goes on meanwhile."""
    from gdtutor.gallery import site_svg

    global _pool
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(len(names), cores or 1)
    if len(names) < PARALLEL_FROM or workers < 2:
        done = {name: Future() for name in names}
        for name, future in done.items():
            future.set_result(site_svg(name))
        return done
    # spawn, not fork: `mkdocs serve` runs threads, and a fresh interpreter imports the gdtutor
    # now on disk. Each worker renders whole figures; the results are the same bytes either way.
    _pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn")
    )
    return {name: _pool.submit(site_svg, name) for name in names}


def on_files(files: Files, config) -> Files:
    """Add every figure to the site: from the cache, or a placeholder that on_env fills in."""
    from gdtutor.gallery import FIGURES, figure_path

    global _job
    started = time.perf_counter()
    keys = {
        name: hashlib.sha256(f"{name}\0{_code_digest}".encode()).hexdigest() for name in FIGURES
    }
    root = cache_root(config)
    disk = root / "figures" if root is not None else None
    for key in keys.values():
        if key not in _rendered and disk is not None and (disk / f"{key}.svg").is_file():
            _rendered[key] = (disk / f"{key}.svg").read_bytes()
    missing = [name for name, key in keys.items() if key not in _rendered]
    futures = _render(missing) if missing else {}
    waiting = []
    for name, key in keys.items():
        file = File.generated(config, figure_path(name), content=_rendered.get(key, b""))
        files.append(file)
        if name in futures:
            waiting.append((file, key, futures[name]))
    _job = (waiting, disk, len(keys), started)
    # Keep only what this build uses: in memory, on disk and in mkdocs-jupyter's cache.
    for key in set(_rendered) - set(keys.values()):
        del _rendered[key]
    if disk is not None and disk.is_dir():
        for stale in disk.glob("*.svg"):
            if stale.stem not in keys.values():
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
    """Wait for the figures still rendering (the pages were built meanwhile) and fill them in."""
    global _job
    waiting, disk, count, started = _job
    _job = None
    try:
        for file, key, future in waiting:
            file.content_bytes = _rendered[key] = future.result()
            if disk is not None:
                disk.mkdir(parents=True, exist_ok=True)
                partial = disk / f".{key}.{os.getpid()}"
                partial.write_bytes(file.content_bytes)
                partial.replace(disk / f"{key}.svg")  # atomic: a reader sees all or nothing
    finally:
        _stop_pool()
    log.info(
        "figures: %d rendered, %d from the cache, in %.1f s beside the pages",
        len(waiting),
        count - len(waiting),
        time.perf_counter() - started,
    )
    return env


def on_build_error(error):
    _stop_pool()


def _stop_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
