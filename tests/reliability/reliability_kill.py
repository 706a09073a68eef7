"""The ``kill -9`` loop: run ``newsweave ingest --db`` (fingerprint stage only), SIGKILL it at a
random moment, rerun it to the end, and compare the store with a clean ingest of the same inputs.

Counted per run: whether the kill landed while the database was being written (some rows, not
all), rows lost (articles of the clean ingest missing after the rerun), rows doubled (articles
stored twice, under another id, or members counted twice), and whether SQLite's integrity check
and the story sizes still hold.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from reliability_harness import LIGHT_TOML, SRC
from reliability_inputs import PARAGRAPHS

EVENTS = ["ferry strike in Tolland", "museum reopening in Orlen", "storm damage on the coast",
          "bridge closure in Varn", "harvest festival in Ostby"]


def write_inputs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        event = EVENTS[i % len(EVENTS)]
        (folder / f"r{i:04d}.txt").write_text(
            f"Report {i} on the {event}\n\n{PARAGRAPHS[i % 4]} The {event} was reported again "
            f"in update {i}, which adds detail number {i * 7}.", "utf-8")
    return folder


def _ingest(inputs: Path, db: Path, config: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsweave", "ingest", str(inputs), "--db", str(db), "--config",
         str(config), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONPATH=str(SRC)))


def _state(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
        hashes = [r[0] for r in conn.execute("SELECT content_hash FROM articles")]
        members = conn.execute("SELECT count(*) FROM story_members").fetchone()[0]
        sizes = conn.execute("SELECT coalesce(sum(size), 0) FROM stories").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return {"ids": ids, "hashes": hashes, "members": members, "sizes": sizes,
            "integrity": integrity}


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def kill_loop(folder: Path, *, runs: int, articles: int = 200, seed: int = 0) -> dict:
    """``runs`` ingests killed at random moments, each rerun; the counts."""
    rng = random.Random(seed)
    inputs = write_inputs(folder / "in", articles)
    config = folder / "light.toml"
    config.write_text(LIGHT_TOML, "utf-8")
    clean_db = folder / "clean.db"
    t0 = time.monotonic()
    proc = _ingest(inputs, clean_db, config)
    _, err = proc.communicate(timeout=600)
    duration = time.monotonic() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"the clean ingest failed: {err[-500:]}")
    clean = _state(clean_db)
    totals = {"runs": runs, "killed_while_writing": 0, "rows_lost": 0, "rows_doubled": 0,
              "integrity_failures": 0, "rerun_failures": 0, "clean_seconds": round(duration, 1),
              "problems": []}
    for run in range(runs):
        db = folder / f"killed-{run}.db"
        proc = _ingest(inputs, db, config)
        if run % 2:   # at a random moment, from the import to the end of a clean run's time
            time.sleep(rng.uniform(0.2, duration))
        else:         # once a random number of rows is stored (between and inside batches)
            target = rng.randint(1, articles - 1)
            deadline = time.monotonic() + 2 * duration + 30
            while proc.poll() is None and time.monotonic() < deadline:
                if db.exists() and _count(db) >= target:
                    break
                time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stored = _count(db) if db.exists() else 0
        if 0 < stored < articles:
            totals["killed_while_writing"] += 1
        rerun = _ingest(inputs, db, config)
        _, err = rerun.communicate(timeout=600)
        if rerun.returncode != 0:
            totals["rerun_failures"] += 1
            totals["problems"].append(f"run {run}: rerun exit {rerun.returncode}: {err[-200:]}")
            continue
        after = _state(db)
        lost = len(set(clean["hashes"]) - set(after["hashes"]))
        doubled = (len(after["hashes"]) - len(set(after["hashes"]))
                   + len(set(after["ids"]) - set(clean["ids"]))
                   + max(0, after["members"] - len(after["ids"])))
        totals["rows_lost"] += lost
        totals["rows_doubled"] += doubled
        if after["integrity"] != "ok" or after["sizes"] != len(after["ids"]):
            totals["integrity_failures"] += 1
            totals["problems"].append(f"run {run}: integrity {after['integrity']}, "
                                      f"story sizes {after['sizes']} for {len(after['ids'])}")
        if lost or doubled:
            totals["problems"].append(f"run {run} (killed at {stored} rows): {lost} lost, "
                                      f"{doubled} doubled")
    return totals
