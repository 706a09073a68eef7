"""Every example in a docstring of the package runs and holds (documented behaviour is tested)."""
import doctest
import importlib
import pkgutil

import pytest

import newsweave

MODULES = sorted(m.name for m in pkgutil.walk_packages(newsweave.__path__, "newsweave.")
                 if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
