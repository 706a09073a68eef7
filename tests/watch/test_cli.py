"""`newsweave watch` as a user runs it: --once exit codes, lines on stderr without control
characters, and the loop stopped by Ctrl-C."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from watch_site import REPORTS, Route, item

SRC = Path(__file__).resolve().parents[2] / "src"
LIGHT_TOML = """
[pipeline]
article_stages = ["fingerprint@1"]
story_stages = []

[watch]
host_delay_seconds = 0.0
timeout_seconds = 1.0
"""


@pytest.fixture
def light_toml(tmp_path) -> Path:
    path = tmp_path / "light.toml"
    path.write_text(LIGHT_TOML)
    return path


def _watch(*args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.Popen([sys.executable, "-m", "newsweave", "watch", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint, **kwargs)


def _default_sigint() -> None:
    # A test run started in the background of a shell without job control inherits an ignored
    # SIGINT, and Python then never turns Ctrl-C into KeyboardInterrupt; the child of this
    # test stands for a watch started in a terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run(*args: str) -> tuple[int, str, str]:
    proc = _watch(*args)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def test_once_reads_the_feeds_and_prints_what_changed(site, tmp_path, light_toml):
    hostile = dict(item("fire-a"), title="Fire damages \u202eDenholm\x07 library\u2066")
    feed = site.feed("/rss", [item("bridge-a"), item("bridge-b"), hostile],
                     title="Valley\u009b31m News")
    db = tmp_path / "nw.db"
    code, out, err = _run("--db", str(db), feed, "--once", "--config", str(light_toml))
    assert code == 0, err
    assert "poll 1: feeds 1 read; 3 article(s) added" in err
    assert err.count(" created: ") == 2
    assert "Fire damages Denholm library" in err
    assert not any(ch in err for ch in "\u009b\u202e\x07\x1b")
    # Nothing new the second time: still exit 0.
    code, _, err = _run("--db", str(db), feed, "--once", "--config", str(light_toml))
    assert code == 0 and "1 not-modified; 0 article(s) added" in err


def test_once_fails_when_every_feed_failed(site, tmp_path, light_toml):
    site.routes["/down"] = Route(b"", status=502, content_type="text/plain")
    code, _, err = _run("--db", str(tmp_path / "nw.db"), site.url("/down"), site.url("/gone"),
                        "--once", "--config", str(light_toml))
    assert code == 1
    assert "E020" in err and "HTTP 502" in err and "HTTP 404" in err
    assert "every feed failed" in err


def test_other_schemes_are_a_usage_error(tmp_path):
    code, _, err = _run("--db", str(tmp_path / "nw.db"), "file:///etc/passwd", "--once")
    assert code == 2 and "E021" in err and "only http(s) feeds" in err


def test_the_loop_polls_again_and_stops_cleanly_on_ctrl_c(site, tmp_path, light_toml):
    feed = site.feed("/rss", [item("bridge-a")])
    proc = _watch("--db", str(tmp_path / "nw.db"), feed, "--every", "0.01",
                  "--config", str(light_toml))
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("poll 2:"):
                # A new item between polls shows up at the next one.
                site.feed("/rss", [item("bridge-c", day=1), item("bridge-a")])
            if line.startswith("poll 3:"):
                break
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=30)[1], None
    finally:
        if proc.poll() is None:
            proc.kill()
    text = "".join(lines) + (rest or "")
    assert proc.returncode == 0, text
    assert "poll 3:" in text and "stopped after 3 poll(s)" in text
    assert "poll 2: feeds 1 not-modified" in text
    assert "updated: +1 article(s), 2 in all" in text
    assert REPORTS["bridge-a"][0] in text
