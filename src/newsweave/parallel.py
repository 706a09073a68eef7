"""Run the per-article stages in worker processes, each article under a time budget.

Each worker loads the models once and runs the whole per-article pipeline, one article at a
time, so parsing, quotes and claims all spread over the cores. The parent gives each article a
deadline (``[pipeline] article_seconds``, see ``article_budget``): a worker still busy with an
article at its deadline is killed and replaced, the article becomes a ``skipped`` entry (E104),
and the batch goes on. A worker that dies (a crash, the OOM killer) costs its article only
(E101). Why processes and not a timer in the process: the stages spend their time in compiled
code (spaCy's Cython tokenizer and parser, onnxruntime) that neither a SIGALRM handler nor an
exception sent to a thread can interrupt -- the handler runs only when control returns to the
interpreter, which a stuck tokenizer never does -- and a thread cannot be killed at all. Only a
process can be stopped at any instruction, and the OS frees all it held.

Workers drop the spaCy Doc before sending an article back (pickled whole it is ~190 KB, mostly
the tok2vec tensor); with ``keep_parse`` they send a packed copy of the parse instead
(``nlp.parse_pack``, ~6 KB), which story stages that read the parse (stance, summarize) rebuild
instead of parsing again.
"""
from __future__ import annotations

import atexit
import collections
import logging
import multiprocessing
import time
from multiprocessing.connection import wait
from typing import Iterator

from newsweave import errors
from newsweave.config import Config
from newsweave.model import Article
from newsweave.nlp.parse_pack import PACK_KEY, pack

log = logging.getLogger(__name__)


class WorkersUnavailable(errors.NewsweaveError):
    """No worker process could start (for example a program run from standard input, which
    "spawn" cannot re-import); callers fall back to analysing in their own process."""

# A worker loads spaCy and the embedder before it takes work; on a loaded 2-core machine that
# took up to ~15 s, so this only catches a worker that cannot start at all.
STARTUP_SECONDS = 300.0
# The budget grows with the article beyond this many characters of text (a long news article;
# the longest PolNeAR article, 33,700 characters, takes 1.5-3 s here), so a genuine long
# article gets time in proportion and a short one cannot hold a worker for long.
BUDGET_CHARS = 20_000
# Text of the warm-up article each worker analyses before it reports ready (loads every model,
# so that the first real article's budget is not spent loading them).
_WARM_UP = ("The minister said on Monday that the plan would go ahead, officials in Paris told "
            "reporters. \"We will act,\" she said.")


def article_budget(article: Article, config: Config) -> float | None:
    """Seconds the per-article stages may take on ``article``: ``[pipeline] article_seconds``
    per BUDGET_CHARS characters of text, and at least that; None when budgets are off (0).

    >>> from newsweave.config import load_config
    >>> config = load_config(pipeline={"article_seconds": 10})
    >>> article_budget(Article.from_text("a", "short"), config)
    10.0
    >>> article_budget(Article.from_text("b", "x" * 60_000), config)
    30.0
    """
    seconds = config.pipeline.article_seconds
    if not seconds:
        return None
    return float(seconds) * max(1.0, len(article.text) / BUDGET_CHARS)


def _worker_config(config: Config) -> Config:
    # One ONNX thread per worker: the workers already use the cores.
    nlp = config.nlp.model_copy(update={"embed_threads": 1})
    return config.model_copy(update={"nlp": nlp})


def _stage_modules(config: Config) -> list[str]:
    """Modules outside the built-ins that registered a configured article stage: a worker
    imports them, so stages a program registers itself run in workers too."""
    from newsweave.registry import BUILTIN_MODULES, get_stage

    modules = {get_stage(name).func.__module__ for name in config.pipeline.article_stages}
    return sorted(modules - set(BUILTIN_MODULES) - {"__main__"})


def _run_after(articles: list[Article], config: Config, names: list[str],
               timings: dict[str, float]) -> None:
    """Run stages after an article's budgeted ones (``WorkerPool`` ``after_stages``): the
    brief-time vectors, which only complete what the parent would otherwise compute itself.
    A stage that fails leaves the article as it was, and the parent runs it as before."""
    from newsweave.registry import get_stage

    for name in names:
        stage = get_stage(name)
        keys = [item.split(".", 1)[1] for item in stage.assigns if item.startswith("article.")]
        before = [{k: a.values[k] for k in keys if k in a.values} for a in articles]
        t0 = time.perf_counter()
        try:
            stage.func(articles, config)
        except Exception:  # noqa: BLE001 - the parent's own run reports it
            log.debug("stage %s failed in a worker; left to the parent", name, exc_info=True)
            for article, values in zip(articles, before):
                for k in keys:
                    article.values.pop(k, None)
                article.values.update(values)
        key = f"{name} in workers"
        timings[key] = timings.get(key, 0.0) + time.perf_counter() - t0


def _worker_main(conn, config: Config, keep_parse: bool, modules: list[str],
                 after_stages: list[str] = ()) -> None:
    """A worker: warm up, say ready, then analyse one article per message until told to stop.
    With ``after_stages``, it says when the budgeted stages are done (the parent stops the
    article's clock) and runs those stages before sending the article back."""
    import importlib

    from newsweave.pipeline import run_article_stages

    for module in modules:
        importlib.import_module(module)
    config = _worker_config(config)
    try:
        run_article_stages([Article.from_text("warm-up", _WARM_UP)], config)
    except Exception:  # noqa: BLE001 - a real article will report the same failure with its code
        log.debug("worker warm-up failed", exc_info=True)
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        index, article = message
        timings: dict[str, float] = {}
        kept, skipped = run_article_stages([article], config, timings=timings)
        if after_stages and kept:
            conn.send(("budget-done", index))
            _run_after(kept, config, list(after_stages), timings)
        t0 = time.perf_counter()
        for done in kept:
            doc = done.cache.get("doc")
            done.cache.clear()
            if keep_parse and doc is not None:
                done.cache[PACK_KEY] = pack(doc)
        if keep_parse:
            timings["pack-parse"] = time.perf_counter() - t0
        conn.send((index, kept, skipped, timings))


class _Worker:
    """One worker process, the article it is working on, and that article's deadline."""

    def __init__(self, context, config: Config, keep_parse: bool, modules: list[str],
                 after_stages: list[str] = ()) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main,
                                       args=(child, config, keep_parse, modules,
                                             list(after_stages)),
                                       daemon=True, name="newsweave-worker")
        self.process.start()
        child.close()
        self.index: int | None = None
        self.started = time.monotonic()
        self.deadline = self.started + STARTUP_SECONDS  # until ready: the start-up deadline
        self.ready = False

    def kill(self) -> None:
        # SIGKILL: a worker stuck in compiled code may not act on SIGTERM soon, and it holds
        # nothing that needs a clean exit (the parent owns the store and the outputs).
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)
        self.conn.close()

    def stop(self) -> None:
        """Ask the worker to exit and return at once: it exits by itself on reading the stop
        message (taking ~0.5 s to unload), and daemon processes are reaped by multiprocessing.
        Only a busy worker (an abandoned article) is killed."""
        if self.index is not None or not self.ready:
            self.kill()
            return
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.conn.close()


class WorkerPool:
    """Worker processes that keep their models loaded across many calls (a long ingest), and
    stop any article that runs over its budget (``article_budget``).

    >>> with WorkerPool(config, processes=2) as pool:            # doctest: +SKIP
    ...     for kept, skipped, timings in pool.analyse(articles):
    ...         store.add_articles(kept)
    """

    def __init__(self, config: Config, *, processes: int, chunk_size: int = 16,
                 keep_parse: bool = False, after_stages: list[str] = ()) -> None:
        # "spawn": onnxruntime and spaCy hold threads that do not survive a fork safely.
        # keep_parse: send each article's parse back packed (for a brief, whose story stages
        # read it; an ingest stores articles without it and leaves it off).
        self._context = multiprocessing.get_context("spawn")
        self.config = config
        self.keep_parse = keep_parse
        # Article stages run after the budgeted ones, outside the budget (a brief's sentence
        # and claim vectors: they take long on a busy machine, and stopping an article for
        # them would lose it from the briefing).
        self.after_stages = list(after_stages)
        self.chunk_size = chunk_size
        self.replaced = 0  # workers killed over a budget or found dead, and started again
        self._start_failures = 0
        self._modules = _stage_modules(config)
        self._workers = [self._start() for _ in range(max(1, processes))]

    def _start(self) -> _Worker:
        return _Worker(self._context, self.config, self.keep_parse, self._modules,
                       self.after_stages)

    def analyse(self, articles: list[Article]
                ) -> Iterator[tuple[list[Article], list[dict], dict[str, float]]]:
        """Yield ``(analysed articles, skipped entries, stage timings)`` per chunk of
        ``chunk_size`` articles, in input order."""
        results: dict[int, tuple[list[Article], list[dict], dict[str, float]]] = {}
        pending = collections.deque(range(len(articles)))
        next_chunk = 0
        while next_chunk < len(articles):
            self._dispatch(articles, pending)
            self._collect(articles, results)
            while next_chunk < len(articles):
                end = min(next_chunk + self.chunk_size, len(articles))
                if any(i not in results for i in range(next_chunk, end)):
                    break
                kept, skipped, timings = [], [], {}
                for i in range(next_chunk, end):
                    k, s, t = results.pop(i)
                    kept.extend(k)
                    skipped.extend(s)
                    for name, seconds in t.items():
                        timings[name] = timings.get(name, 0.0) + seconds
                next_chunk = end
                yield kept, skipped, timings

    def _dispatch(self, articles: list[Article], pending: collections.deque) -> None:
        for worker in self._workers:
            if not worker.ready or worker.index is not None or not pending:
                continue
            index = pending.popleft()
            budget = article_budget(articles[index], self.config)
            worker.index = index
            worker.started = time.monotonic()
            worker.deadline = worker.started + budget if budget is not None else float("inf")
            try:
                worker.conn.send((index, articles[index]))
            except (OSError, ValueError):
                pass  # a dead worker: its EOF is read in _collect

    def _collect(self, articles: list[Article], results: dict) -> None:
        """Wait for the next message, or the next deadline, and act on what happened."""
        watched = [w for w in self._workers if w.index is not None or not w.ready]
        if not watched:
            return
        timeout = max(0.0, min(w.deadline for w in watched) - time.monotonic())
        ready = wait([w.conn for w in watched], timeout=None if timeout == float("inf") else timeout)
        now = time.monotonic()
        for n, worker in enumerate(self._workers):
            if worker not in watched:
                continue
            if not worker.ready:
                self._check_start(n, worker.conn in ready, now)
                continue
            index, article = worker.index, articles[worker.index]
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                    if message[0] == "budget-done":
                        worker.deadline = float("inf")  # the rest is outside the budget
                        continue
                    got, kept, skipped, timings = message
                except (EOFError, OSError):
                    code = worker.process.exitcode
                    results[index] = ([], [_failure(
                        article, errors.STAGE_FAILED,
                        f"the worker process analysing it died (exit code {code})",
                        "report this input to the newsweave maintainers")], {})
                    self._replace(n)
                    continue
                results[got] = (kept, skipped, timings)
                worker.index = None
            elif now >= worker.deadline:
                budget = worker.deadline - worker.started
                log.debug("article %s over its %.1f s budget; killing its worker", article.id,
                          budget)
                results[index] = ([], [_failure(
                    article, errors.OVER_BUDGET,
                    f"its per-article stages ran over their time budget of {budget:.0f} s "
                    f"({len(article.text):,} characters of text) and were stopped",
                    "if the article is genuine, raise [pipeline] article_seconds in a --config "
                    "file")], {})
                self._replace(n)

    def _check_start(self, n: int, has_message: bool, now: float) -> None:
        worker = self._workers[n]
        problem = None
        if has_message:
            try:
                worker.conn.recv()
                worker.ready = True
                self._start_failures = 0
                return
            except (EOFError, OSError):
                problem = f"exited while starting (code {worker.process.exitcode})"
        elif now >= worker.deadline:
            problem = f"did not start in {STARTUP_SECONDS:.0f} s"
        if problem is None:
            return
        self._start_failures += 1
        if self._start_failures > 2 * len(self._workers):
            raise WorkersUnavailable(
                errors.STAGE_FAILED, "worker process", problem,
                "rerun with NEWSWEAVE_DEBUG=1 to see why; or set [pipeline] article_seconds = 0 "
                "and [nlp] processes = 1 to analyse in this process")
        self._replace(n)

    def _replace(self, n: int) -> None:
        self._workers[n].kill()
        self._workers[n] = self._start()
        self.replaced += 1

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers = []

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _failure(article: Article, code: str, reason: str, fix: str) -> dict:
    return errors.NewsweaveError(code, article.meta.path or article.id, reason, fix).to_dict()


# One pool kept for in-process-sized runs (`brief` of a few articles, `quotes`), so a process
# that analyses many small batches (a test session, a feed watcher) loads the models once.
_shared: dict[str, WorkerPool] = {}


def shared_pool(config: Config, *, keep_parse: bool) -> WorkerPool:
    """A one-worker pool for ``config``, started on first use and kept until exit (or until a
    run with another config replaces it)."""
    key = f"{keep_parse}:{config.model_dump_json()}"
    pool = _shared.get(key)
    if pool is None:
        close_shared_pool()
        pool = _shared[key] = WorkerPool(config, processes=1, keep_parse=keep_parse)
    return pool


@atexit.register
def close_shared_pool() -> None:
    while _shared:
        _shared.popitem()[1].close()


def run_in_workers(
    articles: list[Article], config: Config, *, processes: int, chunk_size: int = 16,
    keep_parse: bool = True, after_stages: list[str] = (),
) -> Iterator[tuple[list[Article], list[dict], dict[str, float]]]:
    """Yield ``(analysed articles, skipped entries, stage timings)`` per chunk, in input order,
    from a pool started for this call. With ``keep_parse`` each article carries its parse
    packed in ``cache`` (see ``nlp.parse_pack``); ``after_stages`` run on each article after
    its budgeted stages, outside its budget."""
    with WorkerPool(config, processes=processes, chunk_size=chunk_size,
                    keep_parse=keep_parse, after_stages=after_stages) as pool:
        yield from pool.analyse(articles)
