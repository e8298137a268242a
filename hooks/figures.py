"""MkDocs hook: render every registered figure into the built site on each build or serve.

The figures are made by functions in gdtutor and registered in gdtutor.gallery; they become
`figures/<name>.svg` through File.generated, so nothing is written into docs/ or committed.
"""

from __future__ import annotations

import sys

from mkdocs.structure.files import File, Files


def on_config(config):
    # `mkdocs serve` reloads this hook on every rebuild; drop gdtutor from the import cache too,
    # so an edited figure function is used by the next rebuild rather than the first one.
    for name in [name for name in sys.modules if name == "gdtutor" or name.startswith("gdtutor.")]:
        del sys.modules[name]
    return config


def on_files(files: Files, config) -> Files:
    from gdtutor.gallery import FIGURES, figure_path, render_svg

    for name, make in FIGURES.items():
        files.append(File.generated(config, figure_path(name), content=render_svg(make())))
    return files
