"""Incremental runs: Structured Streaming over an input folder, ``trigger(availableNow=True)``
and a checkpoint, so each run reads and analyses only the files that arrived since the last.

A run is a batch job in streaming form: the file source lists the folder, the checkpoint
remembers which files earlier runs took, and ``foreachBatch`` reads the new files with the
ingest readers and runs the per-article stages on them (the costly part), appending to the
articles and skipped tables. When new articles came in, stories are grouped again over the whole
articles table (no stage runs again on an old article: the grouping reads the stored records)
and the duplicates, stories and findings tables are rewritten.

>>> result = run_incremental(spark, source="inbox", out="out/spark",
...                          config=load_config())          # doctest: +SKIP
>>> result.articles               # articles new in this run  # doctest: +SKIP
12
"""
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from newsweave.config import Config, load_config  # noqa: F401 - load_config: the doctest
from newsweave.spark.job import (PARTITION_DAYS, JobResult, analyse_df, group_and_brief,
                                 read_inputs_df, write_skipped)

# The binaryFile source's fixed schema (a streaming source must be given its schema).
BINARY_FILE_SCHEMA = "path string, modificationTime timestamp, length long, content binary"


def local_path(uri: str) -> str:
    """A file source's path (``file:/a%20b/c.json``) as a local path.

    >>> local_path("file:/tmp/a%20b/c.jsonl")
    '/tmp/a b/c.jsonl'
    """
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme in ("file", "") else uri


def run_incremental(spark, *, source: str | Path, out: str | Path, config: Config,
                    checkpoint: str | Path | None = None,
                    partition_days: float | None = PARTITION_DAYS,
                    briefings: bool = True) -> JobResult:
    """Take the files of ``source`` not taken by an earlier run with this ``checkpoint``
    (default ``OUT/_checkpoint``), add them to the tables in ``out`` and regroup the stories.
    ``result.articles`` counts the articles new in this run."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    checkpoint = Path(checkpoint) if checkpoint else out / "_checkpoint"
    result = JobResult(out)
    t_all = time.perf_counter()
    table = out / "articles"
    taken: set[str] = set()
    if table.exists():
        taken = {r["id"] for r in spark.read.parquet(str(table)).select("id").collect()}
    counts = {"articles": 0, "skipped": 0}

    def take(batch, batch_id: int) -> None:
        paths = sorted(local_path(r["path"]) for r in batch.select("path").collect())
        if not paths:
            return
        rows, renamed, skipped = read_inputs_df(spark, paths, config, taken=taken)
        if rows is None:
            write_skipped(spark, out, skipped, spark.createDataFrame([], "skipped string"),
                          mode="append")
            counts["skipped"] += len(skipped)
            return
        analysed, failed = analyse_df(rows, config, renamed)
        analysed.write.mode("append").parquet(str(table))
        write_skipped(spark, out, skipped, failed, mode="append")
        new_ids = [r["id"] for r in analysed.select("id").collect()]
        taken.update(new_ids)
        counts["articles"] += len(new_ids)
        counts["skipped"] += len(skipped) + failed.count()
        analysed.unpersist()

    t0 = time.perf_counter()
    # Only the paths are used: the readers open the files themselves (with their size caps).
    files = (spark.readStream.format("binaryFile").schema(BINARY_FILE_SCHEMA)
             .option("recursiveFileLookup", "true").load(str(source)).select("path"))
    query = (files.writeStream.trigger(availableNow=True)
             .option("checkpointLocation", str(checkpoint)).foreachBatch(take).start())
    query.awaitTermination()
    result.articles, result.skipped = counts["articles"], counts["skipped"]
    result.timings["new-articles"] = time.perf_counter() - t0
    if result.articles or not (out / "stories").exists():
        if table.exists():
            group_and_brief(spark, spark.read.parquet(str(table)), config, out, result=result,
                            partition_days=partition_days, briefings=briefings)
    else:  # nothing new: the tables stand as the last run wrote them
        result.stories = spark.read.parquet(str(out / "stories")).count()
    result.timings["total"] = time.perf_counter() - t_all
    return result


__all__ = ["local_path", "run_incremental"]
