"""Fixtures shared by the whole-site tests: strict builds of the site, and pages of the first
build in Debian's Chromium driven by Playwright (never a downloaded browser).

The browser gets the built files from Playwright's request routing (`page.route`), under a fixed
address that no network can answer: no server, no port. A test that needs real HTTP (gzip, as
`benchmarks/lighthouse.py` measures) has to start its own server.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.markdown_pages import ROOT

# The address the test builds are made for (sitemap, canonical links) and shown at. `.test` is
# reserved (RFC 2606): no request can leave for it. HTTPS makes the page a secure context, which
# the clipboard API (the copy buttons) needs; the routing answers without TLS.
SITE_URL = "https://gdtutor.test/"

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


def _build(root: Path) -> dict:
    """Two clean strict builds side by side, for the fixed address the browser tests serve."""
    # No build caches (hooks/figures.py): both builds render every figure and run every notebook.
    env = quiet_env(SITE_URL=SITE_URL, GDTUTOR_BUILD_CACHE="off")
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
    return {"sites": [str(site) for site in sites]}


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
            record.write_text(json.dumps(_build(root)), "utf-8")
    site = json.loads(record.read_text("utf-8"))
    if "error" in site:
        pytest.fail(site["error"], pytrace=False)
    return site


@pytest.fixture(scope="session")
def built_sites(_site) -> list[Path]:
    """Two clean strict builds, side by side: each must pass, and they must agree byte for byte."""
    return [Path(site) for site in _site["sites"]]


@pytest.fixture(scope="session")
def site_url(built_sites) -> str:
    """The address at which `page` shows the first build."""
    return SITE_URL


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, built_sites):
    """A fresh page in light mode that shows the first build under SITE_URL, as GitHub Pages serves
    it: a folder's address gets its index.html, a missing file 404.html with status 404.
    Everything the page does that a reader would notice is logged in `page.problems`: console
    errors, failed or 4xx/5xx requests, and any request for another address (those are blocked,
    as they would fail offline)."""
    context = chromium.new_context(
        color_scheme="light", permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    problems: list[str] = []
    site = built_sites[0]

    def serve(route):
        url = route.request.url
        parts = urlsplit(url)
        if url.startswith("data:"):
            route.continue_()
        elif f"{parts.scheme}://{parts.netloc}/" != SITE_URL:
            problems.append(f"request to another host: {url}")
            route.abort()
        else:
            file = site / unquote(parts.path).lstrip("/")
            file = file / "index.html" if parts.path.endswith("/") else file
            if file.is_file():
                route.fulfill(path=file)
            else:
                route.fulfill(status=404, path=site / "404.html")

    page.route("**/*", serve)
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
