"""The figure files: compact SVG that draws the same, and a build cache that is never stale."""

from __future__ import annotations

import base64
import importlib.util
import io
import re
import shutil
import sys
from concurrent.futures import Future
from xml.etree import ElementTree

import numpy as np
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from PIL import Image

from gdtutor.gallery import FIGURES, compact_svg, figure_path, render_svg, site_svg
from tests.markdown_pages import ROOT

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
PNG = re.compile(r"^data:image/png;base64,(.*)$", re.DOTALL)
XLINK = "{http://www.w3.org/1999/xlink}href"
USE, GROUP = "{http://www.w3.org/2000/svg}use", "{http://www.w3.org/2000/svg}g"


def drawing(svg: bytes) -> list[tuple]:
    """Every element as (tag, attributes): coordinates as (the text around them, the numbers),
    embedded PNGs as pixel arrays, and a marker's style as it applies, its own or its group's."""
    elements = []

    def walk(element, group_style):
        attributes = {}
        for name, value in element.attrib.items():
            png = PNG.match(value) if name == XLINK else None
            if png:
                with Image.open(io.BytesIO(base64.b64decode(png[1]))) as image:
                    attributes[name] = np.asarray(image.convert("RGBA"))
            elif name in {"d", "x", "y", "transform"}:
                skeleton = re.sub(r"\s", "", NUMBER.sub("#", value))
                attributes[name] = (skeleton, [float(n) for n in NUMBER.findall(value)])
            else:
                attributes[name] = value
        markers = len(element) > 0 and all(child.tag == USE for child in element)
        if element.tag == USE:
            attributes["style"] = element.get("style", group_style)
        elif element.tag == GROUP and markers:
            attributes.pop("style", None)
        elements.append((element.tag, attributes))
        for child in element:
            walk(child, element.get("style") if markers else None)

    walk(ElementTree.fromstring(svg), None)
    return elements


@pytest.mark.parametrize("name", ["dummy-trap-cost-curve", "sgd-costs", "struggles-saddle"])
def test_compact_svg_draws_the_same_elements_at_the_same_places(name):
    original = render_svg(FIGURES[name]())
    compact = compact_svg(original)
    assert len(compact) < 0.9 * len(original)
    assert compact_svg(original) == compact, "compact_svg must be deterministic"
    before, after = drawing(original), drawing(compact)
    assert [tag for tag, _ in before] == [tag for tag, _ in after]
    for (tag, old), (_, new) in zip(before, after, strict=True):
        assert old.keys() == new.keys(), tag
        for key, value in old.items():
            if isinstance(value, np.ndarray):
                np.testing.assert_array_equal(new[key], value)  # re-encoded losslessly
            elif isinstance(value, tuple):
                assert new[key][0] == value[0], (tag, key)
                np.testing.assert_allclose(new[key][1], value[1], rtol=0, atol=0.005 + 1e-9)
            else:
                assert new[key] == value, (tag, key)


def test_compact_svg_moves_a_marker_style_to_its_group_only_when_inherited():
    same = b'<g><use x="1" style="fill: #000"/><use x="2" style="fill: #000"/></g>'
    assert compact_svg(same) == b'<g style="fill: #000"><use x="1"/><use x="2"/></g>'
    # opacity is not inherited: on the group it would fade the markers together, not each one
    faded = b'<g><use x="1" style="opacity: 0.5"/><use x="2" style="opacity: 0.5"/></g>'
    assert compact_svg(faded) == faded
    mixed = b'<g><use x="1" style="fill: #000"/><use x="2" style="fill: #fff"/></g>'
    assert compact_svg(mixed) == mixed


def test_compact_svg_keeps_scales_that_two_decimals_would_break():
    glyph = b'<path d="M 0.5 1" transform="scale(0.015625)"/>'
    assert compact_svg(glyph) == b'<path d="M0.5 1" transform="scale(0.015625)"/>'


def test_compact_svg_names_the_argument_it_refuses():
    with pytest.raises(TypeError, match="svg must be bytes"):
        compact_svg("<svg/>")
    with pytest.raises(KeyError, match="register it there"):
        site_svg("no-such-figure")


# --- the hook's cache ---------------------------------------------------------------------------


@pytest.fixture
def hook(monkeypatch, tmp_path):
    """hooks/figures.py, loaded afresh, rendering stand-in bytes and counting what it renders.

    The hook drops gdtutor from sys.modules; the modules this test process already imported are
    put back afterwards, so later tests see the classes they were written against.
    """
    for name in [n for n in sys.modules if n == "gdtutor" or n.startswith("gdtutor.")]:
        monkeypatch.setitem(sys.modules, name, sys.modules[name])
    spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "hooks" / "figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.renders = []

    def render(names):
        module.renders.append(sorted(names))
        futures = {name: Future() for name in names}
        for name, future in futures.items():
            future.set_result(f"<svg>{name} {module._code_digest}</svg>".encode())
        return futures

    monkeypatch.setattr(module, "_render", render)
    monkeypatch.setenv("GDTUTOR_BUILD_CACHE", str(tmp_path / "cache"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    module.config = load_config(str(tmp_path / "mkdocs.yml"))
    module.config.plugins._current_plugin = "hooks/figures.py"  # as MkDocs sets it for an event
    return module


def build(hook) -> dict[str, bytes]:
    config = hook.on_config(hook.config)
    files = hook.on_files(Files([]), config)
    hook.on_env(None, config, files)
    return {f.src_uri: f.content_bytes for f in files}


def test_the_cache_renders_each_figure_once_in_memory_and_on_disk(hook, tmp_path):
    first = build(hook)
    assert hook.renders == [sorted(FIGURES)]
    assert sorted(first) == sorted(figure_path(name) for name in FIGURES)
    assert build(hook) == first  # a rebuild of `mkdocs serve`: from memory
    hook._rendered.clear()
    assert build(hook) == first  # a new `mkdocs build`: from .cache/figures
    assert hook.renders == [sorted(FIGURES)]
    assert len(list((tmp_path / "cache" / "figures").glob("*.svg"))) == len(FIGURES)


def test_editing_any_gdtutor_module_renders_every_figure_again(hook, monkeypatch, tmp_path):
    package = tmp_path / "copy" / "gdtutor"
    shutil.copytree(ROOT / "gdtutor", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.syspath_prepend(str(package.parent))
    first = build(hook)
    edited = package / "descent.py"  # not gallery.py: a figure depends on every module
    edited.write_text(edited.read_text("utf-8") + "\n# edited\n", "utf-8")
    second = build(hook)
    assert hook.renders == [sorted(FIGURES), sorted(FIGURES)]
    assert first.keys() == second.keys() and all(first[k] != second[k] for k in first)
    assert len(list((tmp_path / "cache" / "figures").glob("*.svg"))) == len(FIGURES)  # evicted


def test_the_cache_can_be_turned_off_for_a_clean_build(hook, monkeypatch, tmp_path):
    monkeypatch.setenv("GDTUTOR_BUILD_CACHE", "off")
    build(hook)
    hook._rendered.clear()
    build(hook)
    assert hook.renders == [sorted(FIGURES), sorted(FIGURES)]
    assert not (tmp_path / "cache").exists()


def test_the_notebook_cache_is_keyed_by_the_library_code_too(hook, monkeypatch, tmp_path):
    config = hook.on_config(load_config(str(ROOT / "mkdocs.yml")))
    jupyter = config.plugins["mkdocs-jupyter"].config
    assert jupyter["cache"] is True
    assert jupyter["cache_dir"] == str(
        tmp_path / "cache" / "mkdocs-jupyter" / hook._code_digest[:16]
    )
    monkeypatch.setenv("GDTUTOR_BUILD_CACHE", "off")
    assert hook.on_config(config).plugins["mkdocs-jupyter"].config["cache"] is False
