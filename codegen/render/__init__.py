"""Stage 4: turn the model into the text of every generated file.

Each renderer is a pure function ``render_*(catalog) -> {relative path: bytes}``;
only ``codegen.writer`` touches the disk.
"""

from __future__ import annotations

from codegen.model import Catalog
from codegen.render.docs import render_docs
from codegen.render.gettext import render_gettext
from codegen.render.json_files import render_json
from codegen.render.python import render_python

Rendered = dict[str, bytes]

RENDERERS = (render_python, render_json, render_gettext, render_docs)


def render_all(catalog: Catalog) -> Rendered:
    """Every generated file, keyed by its path relative to the output directory."""
    files: Rendered = {}
    for renderer in RENDERERS:
        for path, content in renderer(catalog).items():
            if path in files:
                raise RuntimeError(f"two renderers produce {path}")
            files[path] = content
    return dict(sorted(files.items()))
