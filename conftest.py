"""Root pytest configuration: every page in docs/ and every docstring in gdtutor/ is a test.

The parser and its rules live in tests/markdown_pages.py; this file only wires them in.
"""

import matplotlib
import pytest

matplotlib.use("Agg")  # before anything imports pyplot: no windows, same pixels everywhere

from tests.markdown_pages import DOCS, DOCSTRINGS, PAGES, ROOT  # noqa: E402

pytest_collect_file = (PAGES + DOCSTRINGS).pytest()
SHARED_NAMESPACES = (DOCS, ROOT / "gdtutor")


def pytest_configure(config):
    # pytest-xdist registers this marker too; registered here, --strict-markers also passes
    # when the suite runs without it (`pytest -p no:xdist`).
    config.addinivalue_line(
        "markers", "xdist_group(name): under `--dist loadgroup`, run on one worker with its group"
    )


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the marks (`--dist loadgroup`)
def pytest_collection_modifyitems(config, items):
    """The examples of one page (or one module's docstrings) share a namespace: under
    pytest-xdist (`make test` runs `-n auto --dist loadgroup`) they stay on one worker."""
    for item in items:
        if any(item.path.is_relative_to(folder) for folder in SHARED_NAMESPACES):
            group = item.path.relative_to(ROOT).as_posix()
            item.add_marker(pytest.mark.xdist_group(group))
