"""The examples in the report modules' docstrings run and hold."""
import doctest
import importlib

import pytest

MODULES = ["newsweave.report", "newsweave.report.common", "newsweave.report.highlight",
           "newsweave.report.markdown", "newsweave.report.html"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
