"""MkDocs hook: the ``gdtutor`` wheel, built from this checkout, is published with the site.

Each build calls the project's own build backend through its standard (PEP 517) entry point,
``hatchling.build.build_wheel``, and adds the wheel to the site as
``downloads/gdtutor-<version>-py3-none-any.whl``. Hatchling builds reproducibly (fixed
timestamps), so two builds of the same sources give the same bytes.

A page asks for the install command with the marker ``{{ pip_install_gdtutor }}``; the hook
writes ``python -m pip install <site_url>downloads/<wheel>`` in its place, with the site's real
address (``site_url``: the Pages address in the deploy, the local one under ``mkdocs serve``).
The notebook downloads (hooks/notebooks.py) install from the same address.
"""

from __future__ import annotations

import contextlib
import tempfile
import tomllib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
DOWNLOADS = "downloads"
MARKER = "{{ pip_install_gdtutor }}"


def build_wheel() -> tuple[str, bytes]:
    """The file name and bytes of the wheel of the checkout at ROOT."""
    from hatchling.build import build_wheel as backend

    # A PEP 517 backend builds the project in the working directory.
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(ROOT):
        name = backend(folder)
        return name, (Path(folder) / name).read_bytes()


def wheel_url(site_url: str, name: str) -> str:
    """The wheel's address in the site at ``site_url``."""
    return f"{(site_url or '/').rstrip('/')}/{DOWNLOADS}/{name}"


def install_command(site_url: str, name: str) -> str:
    """What the home page and each chapter tell the reader to type."""
    return f"python -m pip install {wheel_url(site_url, name)}"


def wheel_name() -> str:
    """The wheel's file name, from the version in pyproject.toml (the one source of it)."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    return f"{project['name']}-{project['version']}-py3-none-any.whl"


def current_url(config) -> str:
    """The address of the wheel this build publishes (hooks/notebooks.py uses it)."""
    return wheel_url(config.site_url, wheel_name())


def on_files(files: Files, config) -> Files:
    name, content = build_wheel()
    if name != wheel_name():
        raise PluginError(f"hooks/wheel.py: hatchling built {name}, not {wheel_name()}")
    files.append(File.generated(config, f"{DOWNLOADS}/{name}", content=content))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    return markdown.replace(MARKER, install_command(config.site_url, wheel_name()))
