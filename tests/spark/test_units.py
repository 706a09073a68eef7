"""The Spark package's pure parts (no Spark needed): partitions, LSH parameters, paths,
story order, and the error when PySpark is missing."""
from __future__ import annotations

import sys

import pytest

from newsweave import errors
from newsweave.spark import require_pyspark
from newsweave.spark.duplicates import lsh_params
from newsweave.spark.grouping import UNDATED, Assignment, partition_of, story_order
from newsweave.spark.stream import local_path

DAY = 86400.0


@pytest.mark.parametrize("ts, days, part", [
    (None, 28, UNDATED), (float("nan"), 28, UNDATED), (0.0, 28, 0), (27.9 * DAY, 28, 0),
    (28 * DAY, 28, 1), (100 * DAY, None, 0), (DAY, 1, 1), (-1.0, 28, -1),  # before 1970: not the undated partition
])
def test_partition_of(ts, days, part):
    assert partition_of(ts, days) == part


def test_lsh_params_cover_the_signature_and_follow_the_threshold():
    for threshold in (0.3, 0.5, 0.8):
        bands, rows = lsh_params(threshold)
        assert bands * rows <= 128
    # A stricter threshold needs more agreeing values per band.
    assert lsh_params(0.8)[1] > lsh_params(0.3)[1]


def test_local_path_decodes_file_uris():
    assert local_path("file:/tmp/in%20box/a.jsonl") == "/tmp/in box/a.jsonl"
    assert local_path("file:///tmp/a.jsonl") == "/tmp/a.jsonl"
    assert local_path("/tmp/a.jsonl") == "/tmp/a.jsonl"


def test_story_order_is_largest_first_then_first_member():
    assignment = Assignment({"a": "s1", "b": "s2", "c": "s2", "d": "s3"}, {})
    order = {"a": 0, "b": 3, "c": 1, "d": 2}
    assert story_order(assignment, order) == [("s2", ["c", "b"]), ("s1", ["a"]), ("s3", ["d"])]


def test_missing_pyspark_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # makes `import pyspark` fail
    with pytest.raises(errors.NewsweaveError) as info:
        require_pyspark()
    assert "newsweave[spark]" in info.value.fix


def test_command_line_without_pyspark_names_the_fix(monkeypatch, capsys):
    from newsweave.spark.__main__ import main

    monkeypatch.setitem(sys.modules, "pyspark", None)
    assert main(["examples/macron-troops", "--out", "unused"]) == 2
    assert "newsweave[spark]" in capsys.readouterr().err
