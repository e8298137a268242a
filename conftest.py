"""Root pytest configuration: every page in docs/ and every docstring in gdtutor/ is a test.

The parser and its rules live in tests/markdown_pages.py; this file only wires them in.
"""

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: no windows, same pixels everywhere

from tests.markdown_pages import DOCSTRINGS, PAGES  # noqa: E402

pytest_collect_file = (PAGES + DOCSTRINGS).pytest()


def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist (`make test` runs `-n auto`) tests spread one by one, except that the
    examples of one page (or one module's docstrings) share a namespace: they stay together."""
    from xdist.scheduler import LoadScopeScheduling

    class PageScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::")[0]
            return path if path.startswith(("docs/", "gdtutor/")) else nodeid

    return PageScheduling(config, log)
