"""The test suite: see tests/conftest.py for what the modules share."""
