"""Each reader fuzzed by hypothesis (structured strategies, steered toward slow inputs): a few
examples per reader here, minutes per reader in `make fuzz`. No exception, no reader bug, every
file accounted for, every article's invariants kept, no input over its budget."""
from __future__ import annotations

import pytest
from reliability_hypo import READERS, fuzz_reader


@pytest.mark.parametrize("fmt", READERS)
def test_reader_holds_its_properties_on_generated_files(fmt):
    result = fuzz_reader(fmt, examples=15, seed_base=0)
    assert result["examples"] >= 15
    assert result["failures"] == [], result["failures"][0]
