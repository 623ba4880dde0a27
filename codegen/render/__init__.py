"""Stage 4: turn the model into the text of every generated file.

Each renderer is a pure function ``render_*(catalog) -> Output``: files keyed by their path in
each of the three output folders. Only ``codegen.writer`` touches the disk.
"""

from __future__ import annotations

from codegen.model import Catalog
from codegen.render.docs import render_docs
from codegen.render.gettext import render_gettext
from codegen.render.json_files import render_json
from codegen.render.output import Output, Rendered
from codegen.render.python import render_python
from codegen.render.typescript import render_typescript

__all__ = ["RENDERERS", "Output", "Rendered", "render_all"]

RENDERERS = (render_python, render_json, render_gettext, render_docs, render_typescript)


def render_all(catalog: Catalog) -> Output:
    """Every generated file, in its output folder."""
    outputs = [renderer(catalog) for renderer in RENDERERS]
    return Output(
        artefacts=_merge([output.artefacts for output in outputs]),
        package_data=_merge([output.package_data for output in outputs]),
        npm_data=_merge([output.npm_data for output in outputs]),
    )


def _merge(parts: list[Rendered]) -> Rendered:
    files: Rendered = {}
    for part in parts:
        for path, content in part.items():
            if path in files:
                raise RuntimeError(f"two renderers produce {path}")
            files[path] = content
    return dict(sorted(files.items()))
