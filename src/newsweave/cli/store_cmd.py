"""`newsweave ingest` and `newsweave stories`: the embedded store from the command line.

Plain functions returning an exit code, so the typer app stays a thin layer over them.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsweave import errors

# Articles read, processed and committed together. A killed ingest loses at most one batch.
BATCH = 64


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def ingest_command(inputs: list[str], db: str, meta: str | None = None,
                   quiet: bool = False, *, config=None, batch_size: int | None = None) -> int:
    """Add the articles of ``inputs`` to the store at ``db`` and assign them to stories.

    Content already stored is skipped before any model runs (by content hash), so a rerun of
    the same inputs, or of an ingest that was killed part way, adds only what is missing.
    Returns 0 when every input was read or already known, 1 when some inputs were skipped with
    errors, 2 when nothing could be stored.

    Example: ``newsweave ingest examples/macron-troops/ --db news.db``
    """
    from newsweave.config import load_config
    from newsweave.ingest import load_meta, read_inputs
    from newsweave.nlp.fingerprint import content_hash
    from newsweave.pipeline import run_article_stages
    from newsweave.store import open_store

    config = config or load_config()
    if batch_size is None:
        # With workers, larger batches keep them all busy; commits still come per chunk of 16.
        batch_size = BATCH if config.nlp.processes < 2 else max(BATCH, 4 * config.nlp.processes * 16)
    try:
        store = open_store(db, config=config)
    except errors.NewsweaveError as exc:
        _err(str(exc))
        return 2
    added = known = 0
    skipped: list[dict] = []
    t0 = time.perf_counter()

    pool = None

    def _analyse(fresh: list):
        nonlocal pool
        if config.nlp.processes > 1 and len(fresh) >= min(batch_size, config.nlp.parallel_min_articles):
            from newsweave.parallel import WorkerPool

            # Started on the first large batch and kept: workers load the models once.
            pool = pool or WorkerPool(config, processes=config.nlp.processes)
            for done, failed, _ in pool.analyse(fresh):
                yield done, failed
        else:
            yield run_article_stages(fresh, config)

    def flush(batch: list) -> None:
        nonlocal added, known
        if not batch:
            return
        fresh, seen = [], set()
        hashes = {id(a): content_hash(a.text) for a in batch}
        stored = store.known_hashes(hashes.values())
        for article in batch:
            h = hashes[id(article)]
            if h in stored or h in seen:
                known += 1
                continue
            seen.add(h)
            article.values["content_hash"] = h
            fresh.append(article)
        if fresh:
            # Each chunk is committed as soon as it is analysed, so a kill loses one chunk.
            for done, failed in _analyse(fresh):
                skipped.extend(failed)
                a, k = store.add_articles(done)
                added += a
                known += k
        if not quiet:
            _err(f"  {added} added, {known} already known, {len(skipped)} skipped "
                 f"({time.perf_counter() - t0:.1f} s)")

    try:
        meta_table = load_meta(meta) if meta else None
        # Finish what an earlier, interrupted ingest stored but did not assign.
        store.assign_stories()
        batch: list = []
        for item in read_inputs(list(inputs), config, meta=meta_table):
            if isinstance(item, errors.NewsweaveError):
                skipped.append(item.to_dict())
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                flush(batch)
                batch = []
        flush(batch)
    except errors.NewsweaveError as exc:
        _err(str(exc))
        store.close()
        return 2
    finally:
        if pool is not None:
            pool.close()
    counts = store.counts()
    store.close()
    for entry in skipped:
        _err(f"skipped {entry['input']}: {entry['code']} {entry['reason']}")
    if not quiet:
        print(f"{added} articles added, {known} already known, {len(skipped)} inputs skipped; "
              f"{counts['articles']} articles in {counts['stories']} stories in {db}")
    if added == 0 and known == 0 and skipped:
        return 2
    return 1 if skipped else 0


def stories_command(db: str, format: str = "table") -> int:
    """List the stories of the store at ``db``: id, title, size, first and last date.

    ``format`` is ``table`` (for people), ``json`` (one array) or ``jsonl``.

    Example: ``newsweave stories --db news.db --format json``
    """
    from newsweave.store import open_store

    if db != ":memory:" and not Path(db).exists():
        _err(str(errors.NewsweaveError(errors.NOT_FOUND, db, "no database at this path",
                                       "create one with `newsweave ingest INPUT --db PATH`")))
        return 2
    if format not in ("table", "json", "jsonl"):
        _err(str(errors.NewsweaveError(errors.BAD_CONFIG, format, "unknown format",
                                       "use table, json or jsonl")))
        return 2
    try:
        with open_store(db) as store:
            stories = store.list_stories()
    except errors.NewsweaveError as exc:
        _err(str(exc))
        return 2
    if format == "json":
        print(json.dumps(stories, ensure_ascii=False, indent=2))
    elif format == "jsonl":
        for story in stories:
            print(json.dumps(story, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.markup import escape

        table = Table(title=f"{len(stories)} stories in {escape(db)}")
        for name in ("id", "title", "size", "first", "last"):
            table.add_column(name, overflow="fold", justify="right" if name == "size" else "left")
        for s in stories:
            table.add_row(s["id"], escape(s["title"] or ""), str(s["size"]),
                          (s["first"] or "")[:10], (s["last"] or "")[:10])
        Console().print(table)
    return 0
