"""Serve a built site on 127.0.0.1 until a given process ends (the pytest run that started it).

    python -m tests.site_server DIRECTORY PORT PID

The test workers of one run (pytest-xdist) share one build and this one server, so it must
outlive whichever worker started it; it stops by itself once the run's main process is gone.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def main(directory: str, port: str, pid: str) -> None:
    handler = functools.partial(QuietHandler, directory=directory)
    server = ThreadingHTTPServer(("127.0.0.1", int(port)), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    while alive(int(pid)):
        time.sleep(0.5)
    server.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
