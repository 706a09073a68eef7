"""The `newsweave` command as a user runs it: the example, bad inputs, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave import __version__

pytestmark = pytest.mark.slow


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsweave", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600)


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and __version__ in result.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory, example_dir):
    out = tmp_path_factory.mktemp("demo")
    result = run_cli("brief", str(example_dir), "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out, json.loads((out / "briefing.json").read_text("utf-8"))


def test_demo_writes_three_files_listing_all_articles(demo, example_dir):
    out, briefing = demo
    assert {p.name for p in out.iterdir()} >= {"briefing.json", "briefing.md", "briefing.html"}
    assert briefing["schema"] == "newsweave/briefing@1"
    ids = {a["id"] for a in briefing["articles"]}
    assert ids == {p.stem for p in example_dir.glob("*.txt")}
    assert briefing["skipped"] == []
    story_members = [m for s in briefing["stories"] for m in s["articles"]]
    assert sorted(story_members) == sorted(ids)


def test_demo_summary_cites_valid_raw_offsets_without_boilerplate(demo, example_dir):
    _, briefing = demo
    raws = {p.stem: p.read_text("utf-8") for p in example_dir.glob("*.txt")}
    sentences = [s for story in briefing["stories"] for s in story["summary"]]
    assert sentences, "the example must get a summary"
    for sentence in sentences:
        assert sentence["citations"], sentence
        first = sentence["citations"][0]
        cited = raws[first["article"]][first["start"]:first["end"]]
        assert " ".join(cited.split()) == " ".join(sentence["text"].split())
        for citation in sentence["citations"]:
            assert 0 <= citation["start"] < citation["end"] <= len(raws[citation["article"]])
        for furniture in ("Image is licensed", "Written by", "Read also"):
            assert furniture not in sentence["text"]


def test_bad_inputs_are_skipped_and_the_batch_goes_on(tmp_path, example_dir):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text((example_dir / "003_c9e233ed828a4b21.txt").read_text("utf-8"))
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inputs / "latin1.txt").write_bytes("Le président a déclaré à la presse".encode("latin-1") * 5)
    (inputs / "notes.xyz").write_text("what is this")
    (inputs / "broken.jsonl").write_text('{"id": "x", "text": \n')
    out = tmp_path / "out"
    result = run_cli("brief", str(inputs), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    briefing = json.loads((out / "briefing.json").read_text("utf-8"))
    assert [a["id"] for a in briefing["articles"]] == ["good"]
    codes = {Path(s["input"].split("#")[0]).name: s["code"] for s in briefing["skipped"]}
    assert codes == {"empty.txt": "E001", "binary.txt": "E002", "latin1.txt": "E003",
                     "notes.xyz": "E005", "broken.jsonl": "E007"}
    for entry in briefing["skipped"]:
        assert "fix" in entry["reason"]


def test_no_usable_input_exits_non_zero_without_traceback(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run_cli("brief", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "E001" in result.stderr and "Traceback" not in result.stderr


def test_quiet_still_gives_the_reasons_when_no_input_could_be_used(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run_cli("brief", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"), "-q")
    assert result.returncode != 0
    assert "E001" in result.stderr and "E303" in result.stderr


def test_missing_input_is_reported(tmp_path):
    result = run_cli("brief", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode != 0 and "E011" in result.stderr


def test_unwritable_output_is_a_clear_error(tmp_path, example_dir):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("brief", str(example_dir / "003_c9e233ed828a4b21.txt"), "-o",
                     str(blocker / "sub"), "--quiet")
    assert result.returncode != 0 and "E302" in result.stderr and "Traceback" not in result.stderr


def test_words_budget_is_respected(tmp_path, example_dir):
    out = tmp_path / "out"
    result = run_cli("brief", str(example_dir), "-o", str(out), "--words", "60", "--quiet")
    assert result.returncode == 0, result.stderr
    briefing = json.loads((out / "briefing.json").read_text("utf-8"))
    for story in briefing["stories"]:
        assert sum(len(s["text"].split()) for s in story["summary"]) <= 60
