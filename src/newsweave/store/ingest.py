"""Ingest into a store: read inputs, analyse what is new, store it and assign it to stories.

The library function behind `newsweave ingest` (and the feed watcher): the CLI only opens the
store and prints what this returns.

Content already stored is skipped before any model runs (by content hash), so a rerun of the
same inputs, or of an ingest that was killed part way, adds only what is missing. Each chunk is
committed as soon as it is analysed, so a killed ingest loses one chunk at most.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from newsweave import errors
from newsweave.config import Config, load_config  # noqa: F401 - load_config for the doctest

log = logging.getLogger(__name__)

# Articles read, processed and committed together. A killed ingest loses at most one batch.
BATCH = 64

# Called after each batch: (articles added so far, already known, skipped, seconds).
IngestProgress = Callable[[int, int, int, float], None]


@dataclass
class IngestReport:
    """What one ingest did."""

    added: int = 0
    known: int = 0
    skipped: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    # Ids of the articles this run added (as stored), and whether their stories were
    # re-clustered together at the end (False: too large, see [stories] reconcile_limit).
    article_ids: list[str] = field(default_factory=list, repr=False)
    reconciled: bool = False


def ingest_into(
    store, inputs: Iterable[str | Path], *, config: Config | None = None,
    meta_path: str | Path | None = None, batch_size: int | None = None,
    progress: IngestProgress | None = None, articles: Iterable | None = None,
    wait_seconds: float = 600.0, on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Add the articles of ``inputs`` to ``store`` and assign them to stories.

    ``articles`` (Articles, and NewsweaveErrors for inputs that could not be used), when given,
    is ingested instead of reading ``inputs``: the feed watcher builds its articles itself.

    One ingest at a time writes to a database: the run holds the store's writer lock from start
    to end, and another run waits up to ``wait_seconds`` (``on_wait`` is told) and then fails
    with E306 (see ``SqliteStore.writer_lock``).

    >>> from newsweave.store import open_store
    >>> store = open_store(":memory:", config=load_config(
    ...     pipeline={"article_stages": ["fingerprint@1"], "story_stages": []}))
    >>> report = ingest_into(store, ["examples/macron-troops"], config=store.config)
    >>> report.added, report.known, report.skipped
    (5, 0, [])
    """
    config = config or store.config
    if batch_size is None:
        # With workers, larger batches keep them all busy; commits still come per chunk of 16.
        batch_size = (BATCH if config.nlp.processes < 2
                      else max(BATCH, 4 * config.nlp.processes * 16))
    with store.writer_lock(timeout=wait_seconds, on_wait=on_wait):
        report = _ingest_locked(store, inputs, config, meta_path, batch_size, progress,
                                articles)
    if progress:
        progress(report.added, report.known, len(report.skipped), report.seconds)
    return report


def _ingest_locked(store, inputs, config: Config, meta_path, batch_size: int,
                   progress: IngestProgress | None, articles: Iterable | None) -> IngestReport:
    from newsweave.ingest import load_meta, read_inputs

    report = IngestReport()
    t0 = time.perf_counter()
    from newsweave.pipeline import ingest_config

    # A staged ingest: only what story assignment needs runs now (``[pipeline]
    # ingest_substitutes``); a brief runs the rest once and stores it (``save_analysis``).
    analyser = _Analyser(ingest_config(config), batch_size)
    try:
        meta_table = load_meta(meta_path) if meta_path else None
        # Finish what an earlier, interrupted ingest stored but did not assign.
        store.assign_stories()
        batch: list = []
        items = (read_inputs([str(i) for i in inputs], config, meta=meta_table)
                 if articles is None else articles)
        for item in items:
            if isinstance(item, errors.NewsweaveError):
                report.skipped.append(item.to_dict())
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                _flush(store, batch, analyser, report)
                batch = []
                if progress:
                    progress(report.added, report.known, len(report.skipped),
                             time.perf_counter() - t0)
        _flush(store, batch, analyser, report)
        # Batches were assigned one at a time, each with the weights of its moment; one pass
        # over the stories this run touched gives them the grouping a single batch (`brief`)
        # gives. A kill before it leaves the per-batch grouping, which is still valid.
        if report.article_ids:
            report.reconciled = store.reconcile_stories(report.article_ids)
    finally:
        analyser.close()
        report.seconds = time.perf_counter() - t0
    return report


class _Analyser:
    """Runs the per-article stages in-process, or in worker processes for large batches
    (started on the first large batch and kept, so the workers load the models once)."""

    def __init__(self, config: Config, batch_size: int) -> None:
        self.config = config
        self.batch_size = batch_size
        self.pool = None
        self.pool_size = 0

    def analyse(self, fresh: list):
        from newsweave.pipeline import run_article_stages

        config = self.config
        parallel = config.nlp.processes > 1 and len(fresh) >= min(
            self.batch_size, config.nlp.parallel_min_articles)
        if parallel or config.pipeline.article_seconds:
            # Workers for large batches, and for every batch under a time budget: only a
            # process can be stopped mid-article (see newsweave.parallel).
            from newsweave.parallel import WorkerPool, WorkersUnavailable

            if self.pool is None or (parallel and self.pool_size < config.nlp.processes):
                self.close()
                self.pool_size = config.nlp.processes if parallel else 1
                self.pool = WorkerPool(config, processes=self.pool_size)
            handled = 0
            try:
                for done, failed, _ in self.pool.analyse(fresh):
                    handled += len(done) + len(failed)
                    yield done, failed
                return
            except WorkersUnavailable as exc:
                # One kept article or one skipped entry per article, in order: go on after them.
                log.warning("%s; analysing in this process, without a time budget", exc)
                self.close()
                self.config = config = config.model_copy(update={
                    "pipeline": config.pipeline.model_copy(update={"article_seconds": 0}),
                    "nlp": config.nlp.model_copy(update={"processes": 1})})
                fresh = fresh[handled:]
        yield run_article_stages(fresh, config)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None


def _flush(store, batch: list, analyser: _Analyser, report: IngestReport) -> None:
    from newsweave.nlp.fingerprint import content_hash

    if not batch:
        return
    fresh, seen = [], set()
    hashes = {id(a): content_hash(a.text) for a in batch}
    stored = store.known_hashes(hashes.values())
    for article in batch:
        h = hashes[id(article)]
        if h in stored or h in seen:
            report.known += 1
            continue
        seen.add(h)
        article.values["content_hash"] = h
        fresh.append(article)
    # Each chunk is committed as soon as it is analysed, so a kill loses one chunk.
    for done, failed in analyser.analyse(fresh) if fresh else ():
        report.skipped.extend(failed)
        added, known = store.add_articles(done)
        report.article_ids.extend(a.id for a in done)
        report.added += added
        report.known += known
