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


# ----------------------------------------------------------------------------- the schema
# Every briefing a test builds in this process is checked against the published JSON Schema
# (newsweave/briefing@1); a violation fails the test that built it.
VALIDATED = {"count": 0}


def validate_briefing(briefing: dict) -> None:
    import jsonschema

    from newsweave.report.build import briefing_schema

    validator = _validator(jsonschema, briefing_schema)
    errors = sorted(validator.iter_errors(briefing), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        raise AssertionError(f"briefing violates briefing-1.schema.json at "
                             f"{'/'.join(map(str, first.path))}: {first.message} "
                             f"({len(errors)} error(s))")
    VALIDATED["count"] += 1


_VALIDATOR = []


def _validator(jsonschema, briefing_schema):
    if not _VALIDATOR:
        schema = briefing_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATOR.append(jsonschema.Draft202012Validator(schema))
    return _VALIDATOR[0]


@pytest.fixture(autouse=True, scope="session")
def _every_briefing_is_validated():
    import newsweave.api as api
    import newsweave.report.build as build

    original = build.build_briefing

    def checked(*args, **kwargs):
        briefing = original(*args, **kwargs)
        validate_briefing(briefing)
        return briefing

    build.build_briefing = checked
    api.build_briefing = checked
    yield
    build.build_briefing = original
    api.build_briefing = original
