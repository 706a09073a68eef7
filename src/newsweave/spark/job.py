"""The Spark batch job: inputs (or read articles) in, Parquet tables and briefings out.

    articles    one row per analysed article: flat columns, span layers as JSON, the record
    skipped     one row per input or article not used, with its reason (as a briefing's skipped)
    duplicates  near-duplicate pairs across the whole run (``duplicates``)
    stories     one row per story: members, the Story record as JSON, its briefing (same schema
                as ``newsweave brief``), the warnings of its stages
    findings    one row per finding of a story (quotes, claims, timeline entries...)

>>> from newsweave.spark.session import local_session                 # doctest: +SKIP
>>> result = run_job(local_session(), inputs=["examples/macron-troops"],
...                  out="out/spark", config=load_config())            # doctest: +SKIP
>>> result.articles, result.stories                                     # doctest: +SKIP
(5, 1)
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave import errors
from newsweave.config import Config, load_config  # noqa: F401 - load_config: the doctest
from newsweave.ingest.ids import UniqueIds
from newsweave.model import Article
from newsweave.spark import article_stages as stages
from newsweave.spark.duplicates import find_duplicates
from newsweave.spark.grouping import (ASSIGN_SCHEMA, UNDATED, Assignment, group_partition,
                                      reconcile, story_order)
from newsweave.spark.rows import SKIPPED_SCHEMA, pack, skipped_row, unpack
from newsweave.spark.story_stages import FINDING_SCHEMA, STORY_SCHEMA, brief_story, finding_rows

# Four clustering windows per partition: few stories span a boundary, so the reconcile step
# stays small. One partition is one clustering task, whose cost grows faster than its size:
# at crawl scale, choose fewer days (--partition-days; docs/scale.md has the measured costs).
PARTITION_DAYS = 28.0


@dataclass
class JobResult:
    """What a run did: counts, seconds per step, and where the tables are."""

    out: Path
    articles: int = 0
    skipped: int = 0
    stories: int = 0
    duplicates: int = 0
    reconciled: int = 0
    refused: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def story_of(self) -> dict[str, str]:
        """Article id -> story id, read back from the stories table."""
        import pyarrow.parquet as pq

        table = pq.read_table(self.out / "stories", columns=["story", "articles"]).to_pylist()
        return {aid: row["story"] for row in table for aid in row["articles"]}


def read_inputs_df(spark, paths: list[str], config: Config, *, taken: set[str] = frozenset()):
    """Read input files on the executors. Returns the rows to analyse ``(key, order,
    payload)`` with the renaming that makes ids unique (in reading order, after ``taken``),
    and the skipped entries."""
    from pyspark.sql import functions as F

    files, skipped = stages.list_inputs(paths, config)
    if not files:
        return None, {}, skipped
    cfg = stages.config_json(config)
    listing = spark.createDataFrame([(i, p, d) for i, (p, d) in enumerate(files)],
                                    "order long, path string, display string")
    listing = listing.repartition(min(len(files), spark.sparkContext.defaultParallelism * 4))
    read = listing.mapInPandas(stages.read_files(cfg), stages.READ_SCHEMA).cache()
    ids = UniqueIds()
    for aid in taken:
        ids.claim(aid)
    renamed: dict[str, str] = {}
    for row in read.select("order", "pos", "id", "skipped").orderBy("order", "pos").collect():
        if row["skipped"] is not None:
            skipped.append(json.loads(row["skipped"]))
            continue
        unique = ids.claim(row["id"])
        if unique != row["id"]:
            renamed[f"{row['order']}:{row['pos']}"] = unique
    # The reading order of an article: its file's place, then its place in the file.
    rows = read.where(F.col("payload").isNotNull()).select(
        F.concat_ws(":", "order", "pos").alias("key"),
        (F.col("order") * 1_000_000 + F.col("pos")).alias("order"), "payload")
    return rows, renamed, skipped


def articles_df(spark, articles: list[Article], *, slices: int | None = None, first: int = 0):
    """Rows to analyse from articles already read (a benchmark's own reader)."""
    data = [(a.id, first + i, pack(a)) for i, a in enumerate(articles)]
    slices = slices or spark.sparkContext.defaultParallelism * 4
    return spark.createDataFrame(data, "key string, order long, payload binary").repartition(
        max(1, min(slices, len(data))))


def analyse_df(rows, config: Config, renamed: dict[str, str] | None = None):
    """The per-article stages over rows ``(key, order, payload)``: (articles, skipped) frames."""
    from pyspark.sql import functions as F

    # Cached: both tables come from one pass of the stages (disk when memory runs short).
    out = rows.mapInPandas(stages.analyse(stages.config_json(config), renamed),
                           stages.ANALYSED_SCHEMA).cache()
    return out.where(F.col("skipped").isNull()).drop("skipped"), out.where(
        F.col("skipped").isNotNull()).select("skipped")


def group_and_brief(spark, articles, config: Config, out: Path, *, result: JobResult,
                    partition_days: float | None = PARTITION_DAYS, briefings: bool = True) -> None:
    """Duplicates, stories (partitions plus reconcile) and per-story stages over the analysed
    ``articles`` frame; writes the duplicates, stories and findings tables into ``out``."""
    from pyspark.sql import functions as F

    cfg = stages.config_json(config)
    timings = result.timings
    t0 = time.perf_counter()
    dups = find_duplicates(articles, threshold=config.stories.copies_duplicate_jaccard)
    dups.write.mode("overwrite").parquet(str(out / "duplicates"))
    result.duplicates = spark.read.parquet(str(out / "duplicates")).count()
    timings["duplicates"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    # partition_of, in SQL (no Python round trip per row).
    span = f"floor(published_ts / {float(partition_days) * 86400.0})" if partition_days else "0"
    part = F.expr(f"CAST(CASE WHEN published_ts IS NULL OR isnan(published_ts) THEN {UNDATED} "
                  f"ELSE {span} END AS long)")
    parted = articles.select("id", "order", "published_ts", "payload", part.alias("part"))
    assigned = parted.groupBy("part").applyInPandas(group_partition(cfg), ASSIGN_SCHEMA)
    rows = assigned.join(parted.select("id", "order", "published_ts"), "id").collect()
    stamps = {r["id"]: (r["part"], r["published_ts"], r["order"]) for r in rows}
    assignment = Assignment({r["id"]: r["story"] for r in rows},
                            {r["story"]: r["title"] for r in rows})
    timings["group-partitions"] = time.perf_counter() - t0

    t0 = time.perf_counter()

    def fetch(ids: list[str]) -> dict[str, Article]:
        got = articles.where(F.col("id").isin(ids)).select("payload").collect()
        return {a.id: a for a in (unpack(r["payload"]) for r in got)}

    reconcile(assignment, stamps, fetch, config, partition_days=partition_days)
    result.reconciled, result.refused = assignment.reconciled, assignment.refused
    timings["reconcile"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    order = {aid: s[2] for aid, s in stamps.items()}
    ordered = story_order(assignment, order)
    rank = {sid: i for i, (sid, _) in enumerate(ordered)}
    members = spark.createDataFrame(
        [(aid, sid, assignment.titles.get(sid, ""), rank[sid])
         for sid, ids in ordered for aid in ids],
        "id string, story string, title string, rank long")
    stories = (articles.select("id", "order", "payload").join(members, "id")
               .groupBy("story").applyInPandas(brief_story(cfg, briefings=briefings),
                                               STORY_SCHEMA))
    stories = stories.join(members.select("story", "rank").distinct(), "story")
    stories.orderBy("rank").drop("rank").write.mode("overwrite").parquet(str(out / "stories"))
    timings["story-stages"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    written = spark.read.parquet(str(out / "stories"))

    def findings(batches):
        import pandas as pd

        for batch in batches:
            rows = [r for sid, rec in zip(batch["story"], batch["record"])
                    for r in finding_rows(sid, json.loads(rec))]
            yield pd.DataFrame(rows, columns=["story", "kind", "position", "record"])

    written.select("story", "record").mapInPandas(findings, FINDING_SCHEMA).write.mode(
        "overwrite").parquet(str(out / "findings"))
    result.stories = written.count()
    timings["findings"] = time.perf_counter() - t0


def run_job(spark, *, out: str | Path, config: Config, inputs: list[str] | None = None,
            articles: list[Article] | None = None, partition_days: float | None = PARTITION_DAYS,
            briefings: bool = True) -> JobResult:
    """Run the whole batch job on ``inputs`` (files and folders, read by the ingest readers)
    or on ``articles`` already read; write the tables into ``out`` (replacing them)."""
    if (inputs is None) == (articles is None):
        raise errors.NewsweaveError(errors.BAD_CONFIG, "run_job", "needs inputs or articles",
                                    "pass exactly one of them")
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    result = JobResult(out)
    t_all = time.perf_counter()
    t0 = time.perf_counter()
    skipped: list[dict[str, Any]] = []
    if inputs is not None:
        rows, renamed, skipped = read_inputs_df(spark, [str(p) for p in inputs], config)
    else:
        rows, renamed = articles_df(spark, articles), {}
    result.timings["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if rows is None:
        raise errors.NewsweaveError(errors.NO_USABLE_INPUT, ", ".join(map(str, inputs or [])),
                                    "no readable file among the inputs",
                                    "check the paths; see the skipped entries")
    analysed, failed = analyse_df(rows, config, renamed)
    analysed.write.mode("overwrite").parquet(str(out / "articles"))
    articles_table = spark.read.parquet(str(out / "articles"))
    result.articles = articles_table.count()
    result.timings["article-stages"] = time.perf_counter() - t0
    write_skipped(spark, out, skipped, failed)
    analysed.unpersist()
    result.skipped = spark.read.parquet(str(out / "skipped")).count()
    group_and_brief(spark, articles_table, config, out, result=result,
                    partition_days=partition_days, briefings=briefings)
    result.timings["total"] = time.perf_counter() - t_all
    return result


def write_skipped(spark, out: Path, skipped: list[dict], failed, *, mode: str = "overwrite"):
    """The skipped table: entries found on the driver plus the stages' failures (``failed``)."""
    from pyspark.sql import functions as F

    found = spark.createDataFrame([skipped_row(e) for e in skipped], SKIPPED_SCHEMA)
    entry = F.from_json("skipped", "input string, code string, reason string")
    failed_rows = failed.select(entry.alias("e")).select("e.input", "e.code", "e.reason")
    found.unionByName(failed_rows).write.mode(mode).parquet(str(out / "skipped"))
