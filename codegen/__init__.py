"""The smspartner-codes generator: catalog/ (YAML) -> the package's data (src/smspartner_codes/_data/)
and the other artefacts (generated/: JSON, gettext sources, Markdown).

Stages, each its own module: loader (YAML) -> validate (JSON Schema, after a fast first pass
in schema_fastpath, and semantic rules) -> model (frozen records), which
``catalog.load_catalog`` runs in one call -> render (one function per kind of artefact) ->
writer (the only code that touches the disk). ``runtime`` reads from the hand-written
package what its data must fit; ``maintenance`` holds the tools that keep the catalog in
step with SMSPartner. Run it as ``python -m codegen``.
"""
