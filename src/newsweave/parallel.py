"""Run the per-article stages in worker processes for large batches.

Each worker loads the models once and runs the whole per-article pipeline on chunks of articles,
so parsing, quotes and claims all spread over the cores. Workers drop the spaCy Doc before
sending an article back: pickling Docs costs more than parsing them, and later stages re-parse
the few they need.
"""
from __future__ import annotations

import logging
import multiprocessing
from typing import Callable, Iterator

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


def run_in_workers(
    articles: list[Article], config: Config, *, processes: int, chunk_size: int = 16,
    on_chunk: Callable[[int], None] | None = None,
) -> Iterator[tuple[list[Article], list[dict], dict[str, float]]]:
    """Yield ``(analysed articles, skipped entries, stage timings)`` per chunk, in input order.

    Workers are started with "spawn": onnxruntime and spaCy hold threads that do not survive
    a fork safely.
    """
    chunks = [articles[i : i + chunk_size] for i in range(0, len(articles), chunk_size)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_init_worker, initargs=(config,)) as pool:
        for result in pool.imap(_run_chunk, chunks):
            if on_chunk:
                on_chunk(len(result[0]) + len(result[1]))
            yield result
