"""Tests of the built documentation site (make docs-test)."""
