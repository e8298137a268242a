"""MkDocs hook: keep the theme's compiled templates across the rebuilds of `mkdocs serve`.

Every rebuild makes new Jinja environments, for Material's templates and for mkdocstrings', and
compiles the templates again: a few tenths of a second of each rebuild. Jinja can keep compiled
templates in a bytecode cache; this hook gives each build's environments the same ones, in
memory. Jinja checks each entry against
the template's source, so an edited template is compiled afresh. A single `mkdocs build` compiles
each template once, as before.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates by Jinja's key (template name and source checksum), in memory."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


# MkDocs loads a hook once per process, so these live as long as `mkdocs serve`: one for the
# theme, one for mkdocstrings' templates (compiled code depends on the environment's settings).
_theme = MemoryBytecodeCache()
_reference = MemoryBytecodeCache()


def on_files(files, config):
    # mkdocstrings renders the API reference with its own environment, made for each build like
    # the theme's; give it its cache before the pages are rendered.
    plugin = config.plugins.get("mkdocstrings")
    try:
        handlers = plugin.handlers
    except (AttributeError, RuntimeError):  # no mkdocstrings, or it is turned off
        return files
    handler = handlers.get_handler(handlers.get_handler_name({}))  # made once per build anyway
    handler.env.bytecode_cache = _reference
    return files


def on_env(env, config, files):
    env.bytecode_cache = _theme
    return env
