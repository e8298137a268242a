"""Lighthouse (mobile defaults) on every page of a strict build, served as GitHub Pages serves it.

    python benchmarks/lighthouse.py [--site DIR] [--pages a/ b/ ...]

Builds the site (unless --site is given), serves it on 127.0.0.1 with gzip for text files (as
GitHub Pages does), runs the npm `lighthouse` in node_modules against Debian's Chromium, offline,
and prints each page's four scores and bytes transferred against the goals of issue 7. Exits 1
if a goal is missed.
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
GOALS = {"performance": 0.95, "accessibility": 0.98, "best-practices": 1.0, "seo": 0.95}
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


def audit(url: str, chromium: str) -> dict:
    run = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    report = json.loads(run.stdout)
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
    return {"scores": scores, "kib": kib, "failing": failing}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build afresh)")
    parser.add_argument("--pages", nargs="*", help="paths such as one-dimension/ (default: all)")
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
        print(f"Lighthouse {version}, mobile defaults, served with gzip")
        print(f"{'page':<24}{header}{'KiB':>8}")
        missed = []
        worst = {name: 1.0 for name in GOALS}
        heaviest = 0.0
        for path in args.pages or pages_of(site):
            result = audit(url + path, chromium)
            row = "".join(f"{result['scores'][name]:>15.2f}" for name in GOALS)
            print(f"{path or '/':<24}{row}{result['kib']:>8.0f}", flush=True)
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
    for line in missed:
        print("  below goal:", line)
    return 1 if missed or heaviest > MAX_KIB else 0


if __name__ == "__main__":
    sys.exit(main())
