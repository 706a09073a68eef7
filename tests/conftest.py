"""Shared fixtures: paths to the bundled example and the shared evaluation kit."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "macron-troops"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def expected() -> dict:
    """What a careful analyst reads out of the example (from ../shared; skipped when absent)."""
    import json

    path = SHARED / "corpus" / "macron-troops" / "expected.json"
    if not path.exists():
        pytest.skip("../shared/corpus/macron-troops/expected.json is not beside the checkout")
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def example_briefing(tmp_path_factory) -> dict:
    """The briefing of the example corpus, computed once per test session."""
    from newsweave.api import brief

    return brief([str(EXAMPLE)])
