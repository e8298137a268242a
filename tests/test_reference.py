"""The API reference (docs/reference/): every public object is on it, with an example that runs.

The docstring examples themselves are run by sybil (root conftest.py). These tests add what that
cannot see: that the pages document every public module, class and function; that each of them
has an example; that each example, as the page's copy button copies it (code only, no prompts, no
output: tests/test_browser.py checks the button) and pasted into a fresh Python console, prints
what the page shows; and that the built page shows maths and links rather than reST markup.
"""

from __future__ import annotations

import code
import contextlib
import doctest
import importlib
import importlib.util
import inspect
import io
import pkgutil
import re

import griffe
import pytest

import gdtutor
from tests.markdown_pages import DOCS, ROOT, normalise
from tests.test_browser import copied_from_console


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


griffe_rest = load_hook("griffe_rest")

REFERENCE = DOCS / "reference"  # index.md: the conventions and the package; a page per module
MODULES = [
    importlib.import_module(f"gdtutor.{info.name}")
    for info in pkgutil.iter_modules(gdtutor.__path__)
    if not info.name.startswith("_")
]
DIRECTIVE = re.compile(r"^::: (?P<name>[\w.]+)[ \t]*\n(?P<options>(?:[ \t]+\S[^\n]*\n)*)", re.M)


def public_objects(module) -> list[tuple[str, object]]:
    """The classes and functions a module defines whose names do not start with an underscore."""
    return [
        (f"{module.__name__}.{name}", obj)
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(obj) or inspect.isfunction(obj))
        and obj.__module__ == module.__name__
    ]


PUBLIC = [item for module in MODULES for item in public_objects(module)]
PUBLIC_IDS = [path for path, _ in PUBLIC]
# Everything with a docstring example: the public objects, and any module docstring with one.
WITH_EXAMPLES = PUBLIC + [
    (module.__name__, module) for module in MODULES if ">>>" in (module.__doc__ or "")
]


def examples_section(obj) -> str:
    """The text of a numpy-style docstring's Examples section ('' when there is none)."""
    found = re.search(r"^Examples\n-{8}\n(?P<body>.*)", inspect.getdoc(obj) or "", re.M | re.S)
    return "" if found is None else re.split(r"\n\S[^\n]*\n-{3,}\n", found["body"])[0]


def directives() -> dict[str, str]:
    """The objects docs/reference/ renders with ``::: name``, each with its option lines."""
    texts = [page.read_text("utf-8") for page in sorted(REFERENCE.glob("*.md"))]
    return {m["name"]: m["options"] for text in texts for m in DIRECTIVE.finditer(text)}


def test_every_public_module_is_rendered_in_full():
    documented = directives()
    assert MODULES and {module.__name__ for module in MODULES} <= documented.keys(), (
        "add a page docs/reference/<module>.md with `::: gdtutor.<module>` for every public module"
    )
    for module in MODULES:
        assert "members:" not in documented[module.__name__], (
            f"{module.__name__} is rendered with a members option: some public objects would "
            "be missing from the reference"
        )


def test_the_top_level_table_links_every_export():
    page = (REFERENCE / "index.md").read_text("utf-8")
    for name in gdtutor.__all__:
        assert f"[`gdtutor.{name}`][gdtutor.{name}]" in page, (
            f"gdtutor.{name} is exported but missing from the top-level table of the reference"
        )


@pytest.mark.parametrize("path, obj", PUBLIC, ids=PUBLIC_IDS)
def test_every_public_class_and_function_has_an_example(path, obj):
    assert ">>>" in examples_section(obj), (
        f"{path}: add an Examples section with a small, printed, checked example"
    )


def paste_into_console(copied: str) -> tuple[str, list[str]]:
    """Type ``copied`` line by line into a fresh interactive console, as a reader's paste does."""
    errors: list[str] = []
    console = code.InteractiveConsole(locals={"__name__": "__console__"})
    console.write = errors.append  # tracebacks and syntax errors
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for line in [*copied.splitlines(), ""]:  # a final Enter ends a last compound statement
            console.push(line)
    return printed.getvalue(), errors


@pytest.mark.parametrize("path, obj", WITH_EXAMPLES, ids=[path for path, _ in WITH_EXAMPLES])
def test_copied_example_runs_in_a_fresh_console_and_prints_what_the_page_shows(path, obj):
    text = examples_section(obj)
    copied = copied_from_console(text)
    printed, errors = paste_into_console(copied)
    assert errors == [], f"{path}: the copied example fails in a fresh console:\n{''.join(errors)}"
    shown = "".join(example.want for example in doctest.DocTestParser().get_examples(text))
    assert normalise(printed) == normalise(shown), f"{path}: the copied example printed:\n{printed}"


def test_griffe_extension_turns_rest_into_site_markdown():
    extension = griffe.load_extensions(f"{ROOT / 'hooks' / 'griffe_rest.py'}:RestToMarkdown")
    package = griffe.load("gdtutor", search_paths=[ROOT], extensions=extension)
    mse = package["linear.mse"].docstring.value
    assert "[`add_bias`][gdtutor.linear.add_bias]" in mse  # a relative role, resolved
    assert "\\[\n" in mse and "\\(J(w)\\)" in mse and ":math:" not in mse
    lstsq = package["linear.least_squares"].docstring.value
    assert "`numpy.linalg.lstsq`" in lstsq and "][numpy" not in lstsq  # no inventory: just code
    fit = package["stochastic.fit_minibatch"].docstring.value
    assert "[`gdtutor.linear.add_bias`][gdtutor.linear.add_bias]" in fit


def test_an_unknown_role_target_becomes_a_link_the_strict_build_rejects():
    extension = griffe.load_extensions(f"{ROOT / 'hooks' / 'griffe_rest.py'}:RestToMarkdown")
    package = griffe.load("gdtutor", search_paths=[ROOT], extensions=extension)
    text = griffe_rest.to_markdown(":func:`no_such_function`", package["linear"])
    assert text == "[`no_such_function`][no_such_function]"


def test_every_module_has_its_own_page_linked_from_the_first():
    index = (REFERENCE / "index.md").read_text("utf-8")
    for module in MODULES:
        short = module.__name__.removeprefix("gdtutor.")
        page = (REFERENCE / f"{short}.md").read_text("utf-8")
        assert [m["name"] for m in DIRECTIVE.finditer(page)] == [module.__name__], (
            f"docs/reference/{short}.md should render {module.__name__}, and only it"
        )
        assert f"[`{module.__name__}`]({short}.md)" in index


@pytest.fixture(scope="module")
def reference_html(built_sites) -> str:
    """All the reference's built pages, the first (index) first."""
    folder = built_sites[0] / "reference"
    pages = [folder / "index.html", *sorted(folder.glob("*/index.html"))]
    return "".join(page.read_text("utf-8") for page in pages)


def test_built_reference_has_every_public_object_and_links_every_export(built_sites):
    folder = built_sites[0] / "reference"
    for module in MODULES:
        short = module.__name__.removeprefix("gdtutor.")
        page = (folder / short / "index.html").read_text("utf-8")
        for path, _ in public_objects(module):
            assert f'id="{path}"' in page, f"{path} is not on the built page of {module.__name__}"
    index = (folder / "index.html").read_text("utf-8")
    for name in gdtutor.__all__:
        target = getattr(gdtutor, name)
        short = target.__module__.removeprefix("gdtutor.")
        assert f'href="{short}/#{target.__module__}.{name}"' in index, (
            f"the link to gdtutor.{name} on the reference's first page does not reach its entry"
        )


def test_built_reference_shows_maths_and_links_not_rest_markup(reference_html):
    text = re.sub(r"<[^>]*>", "", reference_html)
    for markup in (":math:", ":func:", ":class:", ":meth:", ":mod:", ".. math::"):
        assert markup not in text, f"raw reST {markup} on the reference page"
    assert reference_html.count("<math") > 40


def test_built_reference_shows_every_example_as_a_console_block(reference_html):
    # tests/test_browser.py clicks each block's copy button; here, that there is one per object.
    assert reference_html.count('<div class="language-pycon highlight">') >= len(PUBLIC)
