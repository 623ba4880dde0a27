"""The smspartner-codes generator: catalog/ (YAML) -> generated/ (Python, JSON, gettext, Markdown).

Stages, each its own module: loader (YAML) -> validate (JSON Schema and
semantic rules) -> model (frozen records) -> render (one function per kind of
artefact) -> writer (the only code that touches the disk). Run it as
``python -m codegen``.
"""
