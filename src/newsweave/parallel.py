"""Run the per-article stages in worker processes for large batches.

Each worker loads the models once and runs the whole per-article pipeline on chunks of articles,
so parsing, quotes and claims all spread over the cores. Workers drop the spaCy Doc before
sending an article back: pickling Docs costs more than parsing them, and later stages re-parse
the few they need.
"""
from __future__ import annotations

import logging
import multiprocessing
from typing import Iterator

from newsweave.config import Config
from newsweave.model import Article

log = logging.getLogger(__name__)

_worker_config: Config | None = None


def _init_worker(config: Config) -> None:
    global _worker_config
    # One ONNX thread per worker: the workers already use every core.
    nlp = config.nlp.model_copy(update={"embed_threads": 1})
    _worker_config = config.model_copy(update={"nlp": nlp})


def _run_chunk(articles: list[Article]) -> tuple[list[Article], list[dict], dict[str, float]]:
    from newsweave.pipeline import run_article_stages

    timings: dict[str, float] = {}
    kept, skipped = run_article_stages(articles, _worker_config, timings=timings)
    for article in kept:
        article.cache.clear()
    return kept, skipped, timings


class WorkerPool:
    """Worker processes that keep their models loaded across many calls (a long ingest).

    >>> with WorkerPool(config, processes=2) as pool:            # doctest: +SKIP
    ...     for kept, skipped, timings in pool.analyse(articles):
    ...         store.add_articles(kept)
    """

    def __init__(self, config: Config, *, processes: int, chunk_size: int = 16) -> None:
        # "spawn": onnxruntime and spaCy hold threads that do not survive a fork safely.
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(processes, initializer=_init_worker, initargs=(config,))
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
) -> Iterator[tuple[list[Article], list[dict], dict[str, float]]]:
    """Yield ``(analysed articles, skipped entries, stage timings)`` per chunk, in input order,
    from a pool started for this call."""
    with WorkerPool(config, processes=processes, chunk_size=chunk_size) as pool:
        yield from pool.analyse(articles)
