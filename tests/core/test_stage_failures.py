"""A story stage that fails is an error the user sees: printed with its code, exit 3, and the
briefing still written; --keep-going accepts the partial briefing with exit 0."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsweave.cli.main import app
from newsweave.registry import story_stage


@story_stage("test-story-boom@1", assigns=("story.nothing",))
def _boom(story, articles, config):
    raise RuntimeError("this stage always fails")


CONFIG = """
[pipeline]
article_stages = ["fingerprint@1"]
story_stages = ["test-story-boom@1"]
"""
TEXT = "Flood waters rose along the river on Monday, forcing residents to leave their homes."


@pytest.mark.parametrize("keep_going, code", [(False, 3), (True, 0)])
def test_failed_stage_is_printed_and_exits_3_unless_keep_going(tmp_path, keep_going, code):
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "config.toml").write_text(CONFIG, "utf-8")
    args = ["brief", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--quiet",
            "--config", str(tmp_path / "config.toml")]
    result = CliRunner().invoke(app, args + (["--keep-going"] if keep_going else []))
    assert result.exit_code == code, result.output
    assert "E201" in result.output and "test-story-boom@1" in result.output  # even with --quiet
    briefing = json.loads((tmp_path / "out" / "briefing.json").read_text("utf-8"))
    assert [w["code"] for w in briefing["warnings"]] == ["E201"]
    assert len(briefing["articles"]) == 1
