"""One ingest at a time per database: a second run waits for the first (and says so), or fails
with E306 naming the database and the fix; a run killed with kill -9 leaves no lock behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from contextlib import contextmanager

import pytest

from newsweave import errors
from newsweave.config import load_config
from newsweave.store import open_store
from newsweave.store.ingest import ingest_into

LIGHT = load_config(pipeline={"article_stages": ["fingerprint@1"], "story_stages": []},
                    ingest={"require_english": False})

HOLDER = textwrap.dedent("""
    import sys, time
    from newsweave.store import open_store
    store = open_store(sys.argv[1])
    with store.writer_lock(timeout=5):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
    print("released", flush=True)
""")


def hold_lock(db, seconds: float) -> subprocess.Popen:
    """Another process (as another `newsweave ingest` would) holding the writer lock."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == "locked"
    return proc


@contextmanager
def held_by_another_run(db, seconds: float):
    """``hold_lock`` for the block; the holder is killed (if still running) after it."""
    holder = hold_lock(db, seconds)
    try:
        yield holder
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Port strike\n\nDock workers in the port walked out on Monday "
                                  "over pay, the union said in a statement.\n", "utf-8")
    return folder


def test_a_second_run_refuses_with_a_coded_error_naming_the_database(tmp_path, inputs):
    db = tmp_path / "news.db"
    told = []
    with held_by_another_run(db, 60) as holder:
        store = open_store(db, config=LIGHT)
        with pytest.raises(errors.NewsweaveError) as info:
            ingest_into(store, [inputs], config=LIGHT, wait_seconds=0.5, on_wait=told.append)
    assert info.value.code == errors.STORE_BUSY
    assert str(db) in str(info.value) and f"process {holder.pid}" in str(info.value)
    assert "--wait" in info.value.fix
    assert told and "waiting for another newsweave run" in told[0]
    assert store.counts()["articles"] == 0  # nothing was written meanwhile


def test_a_second_run_waits_for_the_first_then_ingests(tmp_path, inputs):
    db = tmp_path / "news.db"
    told = []
    with held_by_another_run(db, 1.5) as holder:
        store = open_store(db, config=LIGHT)
        report = ingest_into(store, [inputs], config=LIGHT, wait_seconds=120,
                             on_wait=told.append)
        assert report.added == 1 and told
        assert holder.wait(timeout=30) == 0


def test_kill_9_releases_the_lock(tmp_path, inputs):
    db = tmp_path / "news.db"
    holder = hold_lock(db, 600)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    store = open_store(db, config=LIGHT)
    report = ingest_into(store, [inputs], config=LIGHT, wait_seconds=0)
    assert report.added == 1


def test_the_lock_is_held_for_the_whole_run(tmp_path, inputs):
    # While one ingest runs, another process cannot take the lock.
    db = tmp_path / "news.db"
    store = open_store(db, config=LIGHT)
    seen = []

    def probe(added, known, skipped, seconds):
        other = open_store(db, config=LIGHT)
        try:
            with other.writer_lock(timeout=0):
                seen.append("free")
        except errors.NewsweaveError as exc:
            seen.append(exc.code)
        finally:
            other.close()

    ingest_into(store, [inputs], config=LIGHT, batch_size=1, progress=probe)
    assert seen and set(seen[:-1]) <= {errors.STORE_BUSY} and seen[0] == errors.STORE_BUSY
