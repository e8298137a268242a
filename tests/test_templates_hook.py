"""The templates hook: compiled templates are reused across rebuilds, never when stale."""

from __future__ import annotations

import importlib.util

import jinja2

from tests.markdown_pages import ROOT

spec = importlib.util.spec_from_file_location("templates_hook", ROOT / "hooks" / "templates.py")
templates = importlib.util.module_from_spec(spec)
spec.loader.exec_module(templates)


def test_a_new_environment_reuses_the_compiled_template_until_its_source_changes(
    tmp_path, monkeypatch
):
    page = tmp_path / "page.html"
    page.write_text("<h1>{{ title | upper }}</h1>", "utf-8")
    compiled = []
    compile_source = jinja2.Environment.compile

    def counting_compile(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_source(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)

    def rebuild() -> str:  # each MkDocs rebuild makes a new environment
        env = templates.on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path)), {}, [])
        return env.get_template("page.html").render(title="gd")

    assert rebuild() == "<h1>GD</h1>"
    assert rebuild() == "<h1>GD</h1>"
    assert compiled == ["page.html"]  # the second environment compiled nothing
    page.write_text("<h2>{{ title }}</h2>", "utf-8")
    assert rebuild() == "<h2>gd</h2>"  # an edited template is compiled afresh
    assert compiled == ["page.html", "page.html"]
