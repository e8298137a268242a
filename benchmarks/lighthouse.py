"""Lighthouse (mobile defaults) on every page of a strict build, served as GitHub Pages serves it.

    python benchmarks/lighthouse.py [--site DIR] [--pages a/ b/ ...]

Builds the site (unless --site is given), serves it on 127.0.0.1 with gzip for text files (as
GitHub Pages does), runs the npm `lighthouse` in node_modules against Debian's Chromium, offline,
and prints each page's four scores, bytes transferred, largest contentful paint and total blocking
time against the goals of issues 7 and 15. Exits 1 if a goal is missed. --reports DIR keeps each
page's Lighthouse JSON (opportunities, diagnostics) for a closer look.

Lighthouse's performance score varies from run to run, the more so on a busy machine (its total
blocking time scales the main thread's observed tasks): each page is audited --runs times (3 by
default) and the run with the median performance score is reported, as Lighthouse's own
documentation advises; the spread of the runs' scores is shown beside it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
GOALS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
MAX_KIB = 600
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".xml", ".ipynb", ".map", ".txt"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the browser asks (as GitHub Pages)."""

    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects a to a/
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(site: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir"]
    subprocess.run([*command, str(site)], cwd=ROOT, env=env, check=True)


def pages_of(site: Path) -> list[str]:
    return sorted(
        "" if p.parent == site else f"{p.parent.relative_to(site).as_posix()}/"
        for p in site.rglob("index.html")
    )


def audit(url: str, chromium: str, keep: Path | None = None) -> dict:
    run = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    report = json.loads(run.stdout)
    if keep is not None:
        keep.write_text(run.stdout, encoding="utf-8")
    scores = {name: report["categories"][name]["score"] for name in GOALS}
    failing = {
        name: [
            ref["id"]
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
        ]
        for name in GOALS
    }
    kib = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    lcp = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
    tbt = report["audits"]["total-blocking-time"]["numericValue"]
    return {"scores": scores, "kib": kib, "lcp": lcp, "tbt": tbt, "failing": failing}


def load() -> str:
    """The machine's load averages: Lighthouse's timings, TBT above all, depend on them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build afresh)")
    parser.add_argument("--pages", nargs="*", help="paths such as one-dimension/ (default: all)")
    parser.add_argument("--reports", type=Path, help="a directory to keep each page's JSON in")
    parser.add_argument("--runs", type=int, default=3, help="audits per page, median kept (3)")
    args = parser.parse_args()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not chromium or not LIGHTHOUSE.exists():
        print("needs Chromium (apt-get install -y chromium) and `npm ci` (make install runs it)")
        return 1
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as temp:
        site = args.site or Path(temp) / "site"
        if args.site is None:
            build(site, url)
        server = ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(GzipHandler, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        header = "".join(f"{name[:13]:>15}" for name in GOALS)
        package = ROOT / "node_modules" / "lighthouse" / "package.json"
        version = json.loads(package.read_text("utf-8"))["version"]
        print(f"Lighthouse {version}, mobile defaults, served with gzip; load {load()}")
        print(f"{'page':<24}{header}{'KiB':>8}{'LCP s':>8}{'TBT ms':>8}  performance of the runs")
        if args.reports is not None:
            args.reports.mkdir(parents=True, exist_ok=True)
        missed = []
        worst = {name: 1.0 for name in GOALS}
        heaviest = 0.0
        for path in args.pages or pages_of(site):
            stem = path.strip("/").replace("/", "-") or "index"
            runs = []
            for run in range(args.runs):
                keep = None
                if args.reports is not None:
                    keep = args.reports / f"{stem}.{run + 1}.json"
                runs.append(audit(url + path, chromium, keep))
            runs.sort(key=lambda result: result["scores"]["performance"])
            result = runs[(len(runs) - 1) // 2]  # the median run (of an even number, the lower)
            row = "".join(f"{result['scores'][name]:>15.2f}" for name in GOALS)
            row += f"{result['kib']:>8.0f}{result['lcp']:>8.1f}{result['tbt']:>8.0f}  "
            row += " ".join(f"{run['scores']['performance']:.2f}" for run in runs)
            print(f"{path or '/':<24}{row}", flush=True)
            for name, goal in GOALS.items():
                worst[name] = min(worst[name], result["scores"][name])
                if result["scores"][name] < goal:
                    missed.append(f"{path or '/'} {name}: {result['failing'][name]}")
            heaviest = max(heaviest, result["kib"])
        server.shutdown()
    for name, goal in GOALS.items():
        verdict = "PASS" if worst[name] >= goal else "FAIL"
        print(f"lowest {name:<15} {worst[name]:.2f}   goal >= {goal:.2f}   {verdict}")
    verdict = "PASS" if heaviest <= MAX_KIB else "FAIL"
    print(f"heaviest page transferred {heaviest:.0f} KiB   goal <= {MAX_KIB} KiB   {verdict}")
    print(f"load average (1, 5, 15 min) at the end: {load()}; TBT and performance vary with it")
    for line in missed:
        print("  below goal:", line)
    return 1 if missed or heaviest > MAX_KIB else 0


if __name__ == "__main__":
    sys.exit(main())
