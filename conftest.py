"""Root pytest configuration: every page in docs/ and every docstring in gdtutor/ is a test.

The parser and its rules live in tests/markdown_pages.py; this file only wires them in.
"""

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: no windows, same pixels everywhere

from tests.markdown_pages import DOCSTRINGS, PAGES  # noqa: E402

pytest_collect_file = (PAGES + DOCSTRINGS).pytest()
