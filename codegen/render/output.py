"""What a renderer returns: files keyed by their path in each of the three output folders."""

from __future__ import annotations

from typing import NamedTuple

Rendered = dict[str, bytes]


class Output(NamedTuple):
    artefacts: Rendered  # generated/: JSON, gettext sources, Markdown
    package_data: Rendered  # src/smspartner_codes/_data/: what the package needs at run time
    # npm/src/_data/: what the npm package needs (renderers that write none leave it out; never mutated)
    npm_data: Rendered = {}  # noqa: RUF012
