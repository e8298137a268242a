"""How fast the site builds and how heavy its pages are, each against its goal (issue 7).

Run by `make bench`, or `.venv/bin/python benchmarks/site.py`. It copies the project into a
temporary directory (so no page of the real one is ever touched) and there measures:

- a clean `mkdocs build --strict` with empty caches (every page with figures run, notebooks
  executed), the wall time of the whole command, goal 15 s;
- the same build again with the caches that build left (not a goal; what `make site` costs);
- `mkdocs serve`: the time from saving a prose edit of a page to the rebuild being done (the log
  line "Reloading browsers"), goal 3 s, and that this rebuild ran no page's code; then the same
  after editing one code block of that page, which must run that page only, and after editing a
  gdtutor module, which must run every page with figures;
- every page's weight: its HTML plus everything a browser fetches to show it (stylesheets and
  the fonts they declare, scripts, images, favicon, and what Material fetches on load: the
  search worker and index and, with instant navigation, the sitemap), as files on disk and
  gzip-compressed as GitHub Pages serves text; goal: the heaviest page at most 600 KiB
  transferred (gzip);
- every figure as served (compact SVG) against the same figure as an optimised PNG as sharp on a
  2x screen; goal: no figure that a PNG would send in fewer bytes;
- the momentum explorer (Explore page) in Chromium at its largest settings, κ 1000 and 300
  steps: the median time of 30 redraws, goal one frame at 60 Hz (16 ms).

Timings depend on the machine and on what else it is doing; the README records a run.
"""

from __future__ import annotations

import gzip
import html.parser
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
CLEAN_BUILD_GOAL_S = 15.0
REBUILD_GOAL_S = 3.0
PAGE_GOAL_KIB = 600.0
PNG_DPI = 192  # two device pixels per CSS pixel (1/96 inch) at the figure's natural size
EDITED_PAGE = "docs/one-dimension.md"
EDITED_MODULE = "gdtutor/descent.py"
# GitHub Pages compresses text; images that are already compressed are sent as they are.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb", ".txt", ".map"}
NOT_COPIED = {".git", ".venv", "site", ".cache", "node_modules", ".pytest_cache", ".ruff_cache"}

REDRAW_GOAL_MS = 16.0  # one frame at 60 Hz
# Moves the momentum explorer's sliders to `settings`, then times `count` redraws (moving β
# between two positions), each until the layout of the new figure is done.
TIME_REDRAWS = """(root, [settings, count]) => {
    for (const [name, value] of Object.entries(settings)) {
        const input = root.querySelector(`input[name="${name}"]`);
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    const beta = root.querySelector('input[name="beta"]');
    const times = [];
    for (let k = 0; k < count; k++) {
        const start = performance.now();
        beta.value = k % 2 ? "0.99" : "0.98";
        beta.dispatchEvent(new Event("input", { bubbles: true }));
        root.getBoundingClientRect();
        root.querySelector("svg").getBBox();
        times.push(performance.now() - start);
    }
    return { times, readout: root.querySelector(".gd-readout").textContent };
}"""

results: list[tuple[str, str, bool | None]] = []


def record(what: str, value: str, ok: bool | None = None) -> None:
    """One line of the report; ok=None for a number with no goal."""
    results.append((what, value, ok))
    verdict = "" if ok is None else ("PASS" if ok else "FAIL")
    print(f"{what:<58} {value:>24}  {verdict}", flush=True)


def environment(project: Path, cache: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg"}
    # The copy's gdtutor, not the editable install's, and the build caches in `cache`.
    env["PYTHONPATH"] = str(project)
    env["GDTUTOR_BUILD_CACHE"] = str(cache)
    return env


def timed_build(project: Path, site: Path, env: dict) -> float:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{run.stderr}")
    return elapsed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Serve:
    """`mkdocs serve` in the background, its log lines readable as they come."""

    def __init__(self, project: Path, env: dict):
        address = f"127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line.rstrip())

    def wait_for(self, pattern: str, timeout: float = 300.0) -> list[str]:
        """The log lines up to and including the first that matches ``pattern``."""
        seen, deadline = [], time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(
                    f"mkdocs serve never logged {pattern!r}:\n" + "\n".join(seen)
                ) from None
            seen.append(line)
            if re.search(pattern, line):
                return seen
            if self.process.poll() is not None and self.lines.empty():
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(seen))

    def rebuild_after(self, path: Path, edit) -> tuple[float, list[str]]:
        """Seconds from saving ``edit(text)`` into ``path`` to the browsers being reloaded."""
        text = path.read_text("utf-8")
        started = time.perf_counter()
        path.write_text(edit(text), "utf-8")
        log = self.wait_for(r"Reloading browsers")
        return time.perf_counter() - started, log

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def page_counts(log: list[str]) -> tuple[int, int]:
    """(pages run, pages from the cache) as hooks/figures.py logs them."""
    for line in log:
        found = re.search(r"figures: pages run (\d+), pages from the cache (\d+)", line)
        if found:
            return int(found[1]), int(found[2])
    raise ValueError("hooks/figures.py logged no page counts:\n" + "\n".join(log))


def edit_first_block(text: str) -> str:
    """The page with a comment added at the top of its first python block: its code changed."""
    fence = "```python\n"
    assert fence in text, "the edited page has no python block"
    return text.replace(fence, fence + "# edited\n", 1)


class Loads(html.parser.HTMLParser):
    """The URLs a page makes the browser fetch as it loads, and Material's page config."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in {"stylesheet", "icon"}:
            self.urls.append(attrs["href"])
        elif tag in {"script", "img"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        self._in_config = tag == "script" and attrs.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


def transferred(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSED else len(data)


def page_weights(site: Path) -> dict[str, tuple[int, int]]:
    """Each page's (bytes on disk, bytes transferred) with everything it loads."""
    weights = {}
    for page in sorted(site.rglob("index.html")):
        url = page.relative_to(site).parent.as_posix() + "/"
        parser = Loads()
        parser.feed(page.read_text("utf-8"))
        loads = list(parser.urls)
        if parser.config:
            config = json.loads(parser.config)
            base = config.get("base", ".") + "/"
            if config.get("search"):
                loads += [config["search"], base + "search/search_index.json"]
            if "navigation.instant" in config.get("features", []):
                loads.append(base + "sitemap.xml")
        files = {page}
        for load in loads:
            if re.match(r"^(?:[a-z]+:)?//|^data:", load):
                continue  # not a file of the site (the tests forbid loading from elsewhere)
            target = urljoin("http://site/" + url, load.split("#")[0].split("?")[0])
            files.add(site / target.removeprefix("http://site/"))
        # Fonts a loaded stylesheet declares (the maths font): counted for every page that loads
        # the stylesheet, an upper bound, as a browser fetches a font only for a page using it.
        for sheet in [f for f in files if f.suffix == ".css" and f.is_file()]:
            for font in re.findall(r"url\([\"']?([^\"')]+\.woff2?)", sheet.read_text("utf-8")):
                files.add((sheet.parent / font).resolve())
        missing = [str(f) for f in files if not f.is_file()]
        if missing:
            sys.exit(f"{url} loads files the build did not make: {missing}")
        weights[url] = (sum(f.stat().st_size for f in files), sum(map(transferred, files)))
    return weights


def png_bytes(project: Path) -> dict[str, int]:
    """Each figure as an optimised PNG as sharp as its SVG on a 2x screen: 192 dpi, drawn by
    its page's code as the build draws it."""
    sys.path.insert(0, str(project))
    import io

    from hooks.figure_build import draw, plan
    from hooks.pages import parse

    sizes = {}
    for page in sorted((project / "docs").glob("*.md")):
        page_plan = plan(parse(page))
        for name, fig in draw(page_plan) if page_plan else ():
            buffer = io.BytesIO()
            fig.savefig(
                buffer,
                format="png",
                dpi=PNG_DPI,
                metadata={"Software": None},
                pil_kwargs={"optimize": True},
            )
            sizes[name] = len(buffer.getvalue())
    return sizes


def momentum_redraw_ms(site: Path) -> list[float]:
    """The momentum explorer of the Explore page in Debian's Chromium, at its largest settings
    (κ 1000, 300 steps): 31 redraws' times in ms, the first a warm-up."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_FLAGS, chromium_path, served
    from tests.test_explorers import input_value, momentum

    largest = momentum(kappa="1000", steps="300", eta="0.0037", beta="0.99")
    settings = {key: input_value(key, value) for key, value in largest.items()}
    with served(site) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(f"{address}explore/")
        explorer = page.locator('.gd-explorer[data-explorer="momentum"]')
        explorer.locator("[data-result=cost]").wait_for()
        timed = explorer.evaluate(TIME_REDRAWS, [settings, 31])
        browser.close()
    if not timed["readout"].startswith("After 300 steps"):
        sys.exit(f"the momentum explorer did not run 300 steps: {timed['readout']}")
    return timed["times"]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gdtutor-bench-") as scratch:
        scratch = Path(scratch)
        project = scratch / "project"
        shutil.copytree(ROOT, project, ignore=lambda d, names: NOT_COPIED & set(names))
        env = environment(project, scratch / "cache")
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}", flush=True)

        clean = timed_build(project, scratch / "site", env)
        record("clean strict build, empty caches (s)", f"{clean:.1f}", clean <= CLEAN_BUILD_GOAL_S)
        warm = timed_build(project, scratch / "site-warm", env)
        record("strict build again, warm caches (s)", f"{warm:.1f}")

        serve = Serve(project, env)
        try:
            serve.wait_for(r"Serving on")
            page = project / EDITED_PAGE
            seconds, log = serve.rebuild_after(page, lambda text: text + "\nOne more line.\n")
            run, cached = page_counts(log)
            record(
                "serve: rebuild after a prose edit of the page (s)",
                f"{seconds:.1f}",
                seconds <= REBUILD_GOAL_S,
            )
            record("serve: pages run after a prose edit", str(run), run == 0)
            seconds, log = serve.rebuild_after(page, edit_first_block)
            run, cached = page_counts(log)
            record("serve: rebuild after a code edit of the page (s)", f"{seconds:.1f}")
            record("serve: pages run after editing one page's code", str(run), run == 1)
            module = project / EDITED_MODULE
            seconds, log = serve.rebuild_after(module, lambda text: text + "\n# edited\n")
            run, cached = page_counts(log)
            record(f"serve: rebuild after editing {EDITED_MODULE} (s)", f"{seconds:.1f}")
            record("serve: pages run after a module edit", str(run), run > 0 and cached == 0)
        finally:
            serve.stop()

        site = scratch / "site"
        times = momentum_redraw_ms(site)
        median = statistics.median(times[1:])  # the first one warms up
        record(
            "momentum explorer, κ 1000, 300 steps: redraw, median (ms)",
            f"{median:.1f} ({min(times):.1f}-{max(times):.1f})",
            median <= REDRAW_GOAL_MS,
        )
        figures = sorted((site / "figures").iterdir())
        record("figures (count)", str(len(figures)))
        record(
            "figures, total on disk (KiB)", f"{sum(f.stat().st_size for f in figures) / 1024:.0f}"
        )
        record("figures, total transferred (KiB)", f"{sum(map(transferred, figures)) / 1024:.0f}")
        pngs = png_bytes(project)
        print(f"{'figure':<28} {'SVG on disk':>12} {'transferred':>12} {'PNG, 192 dpi':>13}")
        for figure in figures:
            png = pngs[figure.stem]
            svg, sent = figure.stat().st_size, transferred(figure)
            print(f"{figure.stem:<28} {svg:>12,} {sent:>12,} {png:>13,}")
        smaller_as_png = [f.stem for f in figures if pngs[f.stem] < transferred(f)]
        record(
            "figures a PNG would send in fewer bytes", str(len(smaller_as_png)), not smaller_as_png
        )
        weights = page_weights(site)
        for url, (raw, sent) in sorted(weights.items(), key=lambda item: -item[1][1]):
            record(
                f"page /{url.removeprefix('./')}: on disk / transferred (KiB)",
                f"{raw / 1024:.0f} / {sent / 1024:.0f}",
            )
        url, (raw, sent) = max(weights.items(), key=lambda item: item[1][1])
        record(
            f"heaviest page, /{url.removeprefix('./')}, transferred (KiB)",
            f"{sent / 1024:.0f}",
            sent / 1024 <= PAGE_GOAL_KIB,
        )
    failed = [what for what, _, ok in results if ok is False]
    print("FAIL: " + "; ".join(failed) if failed else "every goal met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
