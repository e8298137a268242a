"""Griffe extension for the API reference: the reST in numpy-style docstrings, as site Markdown.

mkdocstrings (configured in mkdocs.yml) loads this file; it is not an mkdocs hook. The docstrings
stay plain numpy style for ``help()`` and editors; only the copy that the reference page renders
is rewritten, before griffe parses it:

* a ``.. math::`` block becomes ``\\[ ... \\]`` and ``:math:`x``` becomes ``\\( x \\)``, which
  pymdownx.arithmatex keeps intact and hooks/maths.py turns into MathML, as on every other page;
* ``:func:`name``` (and ``:class:``, ``:meth:``, ``:mod:``, ``:attr:``, ``:exc:``, ``:data:``,
  ``:obj:``) becomes a link to the object on the reference page when it names something in
  gdtutor, resolved in the scope of the docstring's object; an unknown gdtutor name is left as
  a link that cannot resolve, so the strict build fails. Names outside gdtutor (numpy,
  matplotlib) become code: the site downloads no inventory of other projects' pages.
"""

from __future__ import annotations

import re

import griffe

MATH_BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)\.\. math::[ \t]*\n(?P<body>(?:[ \t]*\n|(?P=indent)[ \t]+\S[^\n]*\n?)+)",
    re.MULTILINE,
)
MATH_ROLE = re.compile(r":math:`(?P<tex>[^`]+)`")
ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|exc|data|obj):`(?P<name>~?[\w.]+)`")


def math_block(match: re.Match) -> str:
    indent = match["indent"]
    lines = match["body"].strip("\n").splitlines()
    depth = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    tex = "\n".join(f"{indent}{line[depth:]}".rstrip() for line in lines)
    return f"{indent}\\[\n{tex}\n{indent}\\]\n\n"


def target(obj: griffe.Object, name: str) -> str | None:
    """The full path a role's name refers to, or None for an object outside gdtutor."""
    if name.split(".")[0] == "gdtutor":
        return name
    try:
        return obj.resolve(name)
    except griffe.NameResolutionError:
        # A bare name must be in scope; a dotted one is another project's (numpy.linalg.lstsq).
        return None if "." in name else name


def role(obj: griffe.Object, match: re.Match) -> str:
    name = match["name"]
    shown = name.lstrip("~").rsplit(".", 1)[-1] if name.startswith("~") else name
    path = target(obj, name.lstrip("~"))
    return f"`{shown}`" if path is None else f"[`{shown}`][{path}]"


def to_markdown(text: str, obj: griffe.Object) -> str:
    """The docstring ``text`` of ``obj`` with its reST maths and roles in the site's Markdown."""
    text = MATH_BLOCK.sub(math_block, text)
    text = MATH_ROLE.sub(lambda m: f"\\({m['tex'].strip()}\\)", text)
    return ROLE.sub(lambda m: role(obj, m), text)


class RestToMarkdown(griffe.Extension):
    """Rewrite every docstring of a package once it is loaded, before anything parses it."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs) -> None:
        for obj in walk(pkg):
            if obj.docstring is not None:
                obj.docstring.value = to_markdown(obj.docstring.value, obj)


def walk(obj: griffe.Object):
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from walk(member)
