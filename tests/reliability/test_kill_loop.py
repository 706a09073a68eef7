"""`newsweave ingest --db` killed with SIGKILL at random moments, then rerun: nothing lost,
nothing doubled, the database intact (`make fuzz` runs 30 kills; this runs 2). The single
deterministic kill between batches is tests/store/test_sqlite.py's; this is the random loop."""
from __future__ import annotations

from reliability_kill import kill_loop


def test_random_kills_during_ingest_lose_and_double_nothing(tmp_path):
    result = kill_loop(tmp_path, runs=2, articles=100, seed=1)
    assert result["rerun_failures"] == 0, result["problems"]
    assert result["rows_lost"] == 0 and result["rows_doubled"] == 0, result["problems"]
    assert result["integrity_failures"] == 0, result["problems"]
    assert result["killed_while_writing"] >= 1   # a kill landed with some rows stored
