"""Fixtures shared by the whole-site tests: strict builds of the site, and pages of the first
build in Debian's Chromium driven by Playwright (never a downloaded browser).

The browser gets the built files from Playwright's request routing (`page.route`), under a fixed
address that no network can answer: no server, no port. A test that needs real HTTP (gzip, as
`benchmarks/lighthouse.py` measures) has to start its own server.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import html
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.markdown_pages import ROOT

# The address the test builds are made for (sitemap, canonical links) and shown at. `.test` is
# reserved (RFC 2606): no request can leave for it. HTTPS makes the page a secure context, which
# the clipboard API (the copy buttons) needs; the routing answers without TLS.
SITE_URL = "https://gdtutor.test/"
# The repository the test builds link to, as the workflows set it: "Edit this page" and the
# header's link. The browser tests check that no page asks that host for anything.
REPO_URL = "https://github.com/gdtutor/gdtutor"
EDIT_URI = "edit/main/docs/"
# The wheels a learner's fresh environment is installed from, offline: `make install` downloads
# them at the versions of .venv (the Makefile's STAMP rule).
WHEELHOUSE = Path(os.environ.get("GDTUTOR_WHEELHOUSE") or ROOT / ".venv" / "wheelhouse")

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
    """This process's environment for a child: Agg, no MkDocs 2 banner, no inherited
    PYTHONPATH (only one given in ``extra``)."""
    env = {**os.environ, "MPLBACKEND": "Agg", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    return {**env, **extra}


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


def _builds(root: Path, sites: dict[str, dict]) -> dict:
    """Strict builds side by side, for the fixed address the browser tests serve: each site
    folder with its own environment variables."""
    base = quiet_env(SITE_URL=SITE_URL, REPO_URL=REPO_URL, EDIT_URI=EDIT_URI)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir"]
    builds = [
        subprocess.Popen(
            [*command, str(root / site)],
            cwd=ROOT,
            env={**base, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for site, env in sites.items()
    ]
    outputs = [build.communicate(timeout=300)[0] for build in builds]  # wait for all first
    for build, output in zip(builds, outputs, strict=True):
        if build.returncode != 0:
            return {"error": f"mkdocs build --strict failed:\n{output}"}
    return {"sites": [str(root / site) for site in sites]}


def _build(root: Path) -> dict:
    """Two clean strict builds: both render every figure and run every notebook. The first
    keeps its build caches (hooks/figures.py) in a new folder, for the instructor's edition;
    the second has none."""
    first = {"GDTUTOR_BUILD_CACHE": str(root / "cache")}
    return _builds(root, {"site1": first, "site2": {"GDTUTOR_BUILD_CACHE": "off"}})


def _once(tmp_path_factory, name: str, make) -> dict:
    """``make(folder)`` once for the whole run, its JSON record shared: xdist workers share the
    parent of their temp directories; the first to get here makes it, the others wait on the lock
    and reuse what it made. A record with an "error" fails every test that needs it."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    root.mkdir(exist_ok=True)
    with open(root / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = root / "record.json"
        if not record.exists():
            record.write_text(json.dumps(make(root)), "utf-8")
    made = json.loads(record.read_text("utf-8"))
    if "error" in made:
        pytest.fail(made["error"], pytrace=False)
    return made


@pytest.fixture(scope="session")
def _site(tmp_path_factory) -> dict:
    return _once(tmp_path_factory, "built-site", _build)


@pytest.fixture(scope="session")
def instructor_site(_site, tmp_path_factory) -> Path:
    """The instructor's edition (GDTUTOR_SOLUTIONS=off, hooks/solutions.py), built strictly
    with the first build's caches: no page's code runs again."""
    cache = Path(_site["sites"][0]).parent / "cache"
    env = {"GDTUTOR_SOLUTIONS": "off", "GDTUTOR_BUILD_CACHE": str(cache)}
    made = _once(tmp_path_factory, "instructor-site", lambda root: _builds(root, {"site": env}))
    return Path(made["sites"][0])


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


# --- the learner's path: the site served over HTTP, a fresh virtual environment ---------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass


@contextlib.contextmanager
def served(folder: Path):
    """``folder`` served over HTTP on 127.0.0.1 while the block runs; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()


def offline_pip_env(**extra) -> dict:
    """An environment in which pip reads no configuration and no index: it installs only from
    the wheelhouse (and from URLs it is given), so the tests need no network."""
    if not (WHEELHOUSE.is_dir() and any(WHEELHOUSE.glob("numpy-*.whl"))):
        pytest.fail(f"no wheelhouse at {WHEELHOUSE}: run `make install`", pytrace=False)
    pip = {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE)}
    return quiet_env(**pip, PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)


def fresh_venv(folder: Path) -> Path:
    """A new virtual environment with pip and nothing else, made from the base interpreter (not
    from .venv, which holds gdtutor from the source tree); its python."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, env=quiet_env())
    return folder / "bin" / "python"


def home_page_commands(site: Path) -> list[str]:
    """Every ``python -m pip install ...`` line the built home page shows, as a reader copies it."""
    page = (site / "index.html").read_text("utf-8")
    codes = [html.unescape(re.sub(r"<[^>]+>", "", code)) for code in CODE.findall(page)]
    return [line.strip() for code in codes for line in code.splitlines() if PIP.match(line)]


CODE = re.compile(r"<code[^>]*>(.*?)</code>", re.DOTALL)
PIP = re.compile(r"^\s*python -m pip install \S+\s*$")


def run_command(command: str, python: Path, site_url: str, local_url: str, **kwargs):
    """Run a ``python -m pip ...`` line as shown, with ``python`` as the interpreter and the
    site's address replaced by where it is served."""
    words = shlex.split(command.replace(site_url, local_url))
    assert words[0] == "python", command
    return subprocess.run(
        [str(python), *words[1:]], capture_output=True, text=True, timeout=300, **kwargs
    )


def _learner(root: Path, site: Path) -> dict:
    """The home page's install commands, run in a fresh virtual environment against the site
    served on 127.0.0.1; then sybil, which the paste driver imports."""
    python = fresh_venv(root / "venv")
    commands = home_page_commands(site)
    env = offline_pip_env()
    with served(site) as local_url:
        for command in commands:
            run = run_command(command, python, SITE_URL, local_url, env=env)
            if run.returncode:
                return {"error": f"the home page's `{command}` failed:\n{run.stdout}{run.stderr}"}
    tool = [str(python), "-m", "pip", "install", "--quiet", "sybil"]
    run = subprocess.run(tool, capture_output=True, text=True, env=env, timeout=300)
    if run.returncode:
        return {"error": f"installing sybil failed:\n{run.stderr}"}
    # What the paste driver imports from the project, without gdtutor's source beside it.
    tools = root / "tools"
    tools.mkdir()
    for package in ("hooks", "tests"):
        (tools / package).symlink_to(ROOT / package, target_is_directory=True)
    return {"python": str(python), "tools": str(tools), "commands": commands}


@pytest.fixture(scope="session")
def learner(_site, tmp_path_factory) -> dict:
    """A fresh virtual environment set up only by the commands the home page shows, run against
    the served site: its ``python``, the ``tools`` folder for PYTHONPATH (the test driver's
    modules and nothing of gdtutor), and the ``commands`` run."""
    site = Path(_site["sites"][0])
    return _once(tmp_path_factory, "learner", lambda root: _learner(root, site))
