"""Fixtures shared by the whole-site tests: strict builds of the site, served on 127.0.0.1, and
pages in Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.markdown_pages import ROOT

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # this machine has no internet: no update or sync pings
    "--disable-component-update",
    "--disable-sync",
]


def quiet_env(**extra) -> dict:
    env = {**os.environ, "MPLBACKEND": "Agg", "NO_MKDOCS_2_WARNING": "1", **extra}
    env.pop("PYTHONPATH", None)
    return env


def chromium_path() -> str:
    """Debian's Chromium, or skip (fail in CI) with how to get it."""
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if found:
        return found
    message = "browser tests need Chromium: install it with `sudo apt-get install -y chromium`"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI is set but {message} (.ci/run does this)", pytrace=False)
    pytest.skip(message)


_servers: list[subprocess.Popen] = []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _build_and_serve(root: Path) -> dict:
    """Two clean strict builds side by side, then the first served on a free port."""
    port = _free_port()  # chosen first: the build must know its own address (sitemap, links)
    # No build caches (hooks/figures.py): both builds render every figure and run every notebook.
    env = quiet_env(SITE_URL=f"http://127.0.0.1:{port}/", GDTUTOR_BUILD_CACHE="off")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir"]
    sites = [root / "site1", root / "site2"]
    builds = [
        subprocess.Popen(
            [*command, str(site)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for site in sites
    ]
    outputs = [build.communicate(timeout=300)[0] for build in builds]  # wait for both first
    for build, output in zip(builds, outputs, strict=True):
        if build.returncode != 0:
            return {"error": f"mkdocs build --strict failed:\n{output}"}
    # The run's main process: the xdist controller for a worker, else this process.
    run = os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()
    _servers.append(  # kept, not awaited: it outlives this worker, and stops with the run
        subprocess.Popen(
            [sys.executable, "-m", "tests.site_server", str(sites[0]), str(port), str(run)],
            cwd=ROOT,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    for _ in range(100):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.1):
            break
        time.sleep(0.1)
    return {"sites": [str(site) for site in sites], "url": f"http://127.0.0.1:{port}/"}


@pytest.fixture(scope="session")
def _site(tmp_path_factory) -> dict:
    # One build for the whole run: xdist workers share the parent of their temp directories;
    # the first to get here builds, the others wait on the lock and reuse what it made.
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "built-site"
    root.mkdir(exist_ok=True)
    with open(root / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = root / "site.json"
        if not record.exists():
            record.write_text(json.dumps(_build_and_serve(root)), "utf-8")
    site = json.loads(record.read_text("utf-8"))
    if "error" in site:
        pytest.fail(site["error"], pytrace=False)
    return site


@pytest.fixture(scope="session")
def built_sites(_site) -> list[Path]:
    """Two clean strict builds, side by side: each must pass, and they must agree byte for byte."""
    return [Path(site) for site in _site["sites"]]


@pytest.fixture(scope="session")
def site_url(_site) -> str:
    """The first strict build, served on 127.0.0.1 as GitHub Pages would serve it."""
    return _site["url"]


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, site_url):
    """A fresh page in light mode. Everything it does that a reader would notice is logged in
    `page.problems`: console errors, failed or 4xx/5xx requests, and any request that leaves
    127.0.0.1 (those are blocked, as they would fail offline)."""
    context = chromium.new_context(
        color_scheme="light", permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    problems: list[str] = []
    host = urlsplit(site_url).netloc

    def route(route):
        url = route.request.url
        if url.startswith("data:") or urlsplit(url).netloc == host:
            route.continue_()
        else:
            problems.append(f"request to another host: {url}")
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} ({r.failure})"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"),
    )
    page.problems = problems
    yield page
    context.close()
