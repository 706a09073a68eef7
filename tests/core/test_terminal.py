"""Nothing the CLI prints can drive the terminal: escape sequences, controls and bidi overrides
from titles, file names and reasons are removed (or escaped in JSON output)."""
from __future__ import annotations

import json

import pytest

from newsweave.cli.common import json_safe, print_skipped, terminal_safe
from newsweave.config import load_config

HOSTILE = "Red\x1b[31m alert\x1b]0;owned\x07 over\rwrite \u202eevil\x9b2J\x00end"
BAD = ("\x1b", "\x07", "\r", "\u202e", "\x9b", "\x00")

LIGHT = load_config(pipeline={"article_stages": ["spacy@1"], "story_stages": []})


def assert_clean(text: str) -> None:
    assert not any(ch in text for ch in BAD), repr(text)


def test_terminal_safe_removes_escape_sequences_whole_and_every_control():
    clean = terminal_safe(HOSTILE)
    assert clean == "Red alert over write evilend"
    assert terminal_safe("a\nb\tc\u2028d") == "a b c d"
    assert terminal_safe("x" * 50, limit=10) == "x" * 10 + "…"


def test_json_safe_escapes_and_reads_back_the_same():
    value = {"title": HOSTILE, "n": 3}
    line = json_safe(value)
    assert_clean(line)
    assert json.loads(line) == value


def test_skipped_lines_print_no_control_characters(capsys):
    name = f"{HOSTILE}.txt"
    print_skipped([{"input": name, "code": "E001", "reason": f"empty {HOSTILE}"}], quiet=False)
    err = capsys.readouterr().err
    assert_clean(err)
    assert "E001" in err and "Red alert" in err


@pytest.fixture()
def hostile_store(tmp_path):
    """Inputs whose title and file names hold escape sequences: a JSON Lines file with one
    article and one broken line (a skipped entry), and an empty file."""
    folder = tmp_path / "in"
    folder.mkdir()
    article = {"id": "a1", "title": f"{HOSTILE} headline",
               "text": "The minister said on Monday that the plan for the port would go ahead "
                       "as agreed with the unions and the city council."}
    (folder / f"{HOSTILE.replace(chr(0), '')}.jsonl").write_text(
        json.dumps(article) + "\n{broken\n", "utf-8")
    (folder / "empty \x1b[2J\u202e.txt").write_text("", "utf-8")
    return folder, tmp_path / "news.db"


def test_ingest_and_stories_print_no_control_characters(hostile_store, capsys):
    from newsweave.cli.store_cmd import ingest_command, stories_command

    folder, db = hostile_store
    config = load_config(pipeline={"article_stages": ["fingerprint@1"], "story_stages": []})
    assert ingest_command([str(folder)], str(db), config=config) == 1  # one input skipped
    out, err = capsys.readouterr()
    assert_clean(out + err)
    assert "E001" in err and "empty" in err and "Red alert" in err
    for format in ("table", "json", "jsonl"):
        assert stories_command(str(db), format=format) == 0
        out, err = capsys.readouterr()
        assert_clean(out + err)
        assert "Red" in out
        if format == "json":
            (story,) = json.loads(out)
            assert story["title"].startswith("Red")
