"""Run the per-article stages in worker processes for large batches.

Each worker loads the models once and runs the whole per-article pipeline on chunks of articles,
so parsing, quotes and claims all spread over the cores. Workers drop the spaCy Doc before
sending an article back (pickled whole it is ~190 KB, mostly the tok2vec tensor); with
``keep_parse`` they send a packed copy of the parse instead (``nlp.parse_pack``, ~6 KB), which
story stages that read the parse (stance, summarize) rebuild instead of parsing again.
"""
from __future__ import annotations

import logging
import multiprocessing
import time
from typing import Iterator

from newsweave.config import Config
from newsweave.model import Article
from newsweave.nlp.parse_pack import PACK_KEY, pack

log = logging.getLogger(__name__)

_worker_config: Config | None = None
_keep_parse = False


def _init_worker(config: Config, keep_parse: bool = False) -> None:
    global _worker_config, _keep_parse
    _keep_parse = keep_parse
    # One ONNX thread per worker: the workers already use every core.
    nlp = config.nlp.model_copy(update={"embed_threads": 1})
    _worker_config = config.model_copy(update={"nlp": nlp})


def _run_chunk(articles: list[Article]) -> tuple[list[Article], list[dict], dict[str, float]]:
    from newsweave.pipeline import run_article_stages

    timings: dict[str, float] = {}
    kept, skipped = run_article_stages(articles, _worker_config, timings=timings)
    t0 = time.perf_counter()
    for article in kept:
        doc = article.cache.get("doc")
        article.cache.clear()
        if _keep_parse and doc is not None:
            article.cache[PACK_KEY] = pack(doc)
    if _keep_parse:
        timings["pack-parse"] = time.perf_counter() - t0
    return kept, skipped, timings


class WorkerPool:
    """Worker processes that keep their models loaded across many calls (a long ingest).

    >>> with WorkerPool(config, processes=2) as pool:            # doctest: +SKIP
    ...     for kept, skipped, timings in pool.analyse(articles):
    ...         store.add_articles(kept)
    """

    def __init__(self, config: Config, *, processes: int, chunk_size: int = 16,
                 keep_parse: bool = False) -> None:
        # "spawn": onnxruntime and spaCy hold threads that do not survive a fork safely.
        # keep_parse: send each article's parse back packed (for a brief, whose story stages
        # read it; an ingest stores articles without it and leaves it off).
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(processes, initializer=_init_worker,
                                  initargs=(config, keep_parse))
        self.chunk_size = chunk_size

    def analyse(self, articles: list[Article]
                ) -> Iterator[tuple[list[Article], list[dict], dict[str, float]]]:
        """Yield ``(analysed articles, skipped entries, stage timings)`` per chunk, in order."""
        chunks = [articles[i : i + self.chunk_size]
                  for i in range(0, len(articles), self.chunk_size)]
        yield from self._pool.imap(_run_chunk, chunks)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_in_workers(
    articles: list[Article], config: Config, *, processes: int, chunk_size: int = 16,
    keep_parse: bool = True,
) -> Iterator[tuple[list[Article], list[dict], dict[str, float]]]:
    """Yield ``(analysed articles, skipped entries, stage timings)`` per chunk, in input order,
    from a pool started for this call. With ``keep_parse`` each article carries its parse
    packed in ``cache`` (see ``nlp.parse_pack``)."""
    with WorkerPool(config, processes=processes, chunk_size=chunk_size,
                    keep_parse=keep_parse) as pool:
        yield from pool.analyse(articles)
