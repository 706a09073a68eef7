"""Where the API's searches run: on processes of their own (`newsweave serve`), or on two
threads of the server's process (the default of ``create_app``, and what tests use).

Why processes: a search is mostly Python (snippets, encoding) holding the GIL, and the server's
own work per request (HTTP parsing, routing, validation) holds it too, so in one process a search
not answered before costs about 1.5-1.8 ms of one core however many cores there are; with 50
clients sending searches back to back the queue, not the search, made the latency. A search
process reads the store through its own read-only connection (the server's process keeps the
index current, so a search process never writes), answers with the encoded bytes, and the
server's process only passes them on.

A search process that dies (killed, out of memory) does not take the server down: the pool is
replaced and that request gets E104 (503, "try again"); the next one gets a new process. A
server that is killed outright leaves no search process behind: each checks every second that
the server is still its parent.
"""
from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor

from newsweave import errors
from newsweave.web.reads import Reader
from newsweave.web.search import SearchIndex

log = logging.getLogger("newsweave.web")

# Threads when searches run in the server's process. Few on purpose: with the 40 threads of the
# shared pool, 50 concurrent searches spent about as much CPU handing over the GIL and warming
# 40 connections' page caches as searching. Waiting searches queue here, in arrival order,
# and leave the shared pool to the other endpoints.
SEARCH_THREADS = 2
PARENT_CHECK_SECONDS = 1.0  # how often a search process checks that the server still runs

# The search process's own index (set by ``_start_process``; one per process).
_index: SearchIndex | None = None


def json_bytes(body: dict) -> bytes:
    """Compact UTF-8 JSON, as FastAPI's own encoding of a response model."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def answer_bytes(index: SearchIndex, query: str, terms: list[str], limit: int,
                 offset: int) -> bytes:
    """The API's answer to a search, encoded: the fields of ``SearchOut`` in its order (the
    tests check the bytes against the model; validating every answer cost a tenth of a
    search's CPU)."""
    found = index.search(terms, limit=limit, offset=offset)
    return json_bytes({"query": query, "terms": found.terms, "engine": found.engine,
                       "complete": found.complete, "total": found.total, "limit": limit,
                       "offset": offset, "hits": found.hits})


def _start_process(path: str, engine: str, like_scan: int, server_pid: int) -> None:
    global _index
    threading.Thread(target=_exit_with_server, args=(server_pid,), daemon=True,
                     name="newsweave-search-watch").start()
    _index = SearchIndex(path, Reader(path), engine=engine, like_scan=like_scan,
                         reading_only=True)
    if engine == "fts5":
        # Opens the FTS5 table on this connection now, unbounded: an interrupt while SQLite
        # builds the virtual table surfaces as "vtable constructor failed", not as the
        # interrupt the time bound turns into E104.
        _index.reader.conn().execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"a\"' LIMIT 1").fetchall()


def _exit_with_server(server_pid: int) -> None:
    # A server killed outright (SIGKILL, out of memory) shuts nothing down, and its search
    # processes would wait for work for ever: each leaves once its parent is no longer the
    # server.
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        if os.getppid() != server_pid:
            os._exit(0)


def _answer_in_process(query: str, terms: list[str], limit: int, offset: int,
                       bound: tuple[float, int]) -> bytes:
    assert _index is not None, "search process not started"
    # The server's index holds the time bound (it may change at run time), sent each time.
    _index.seconds, _index.progress_steps = bound
    return answer_bytes(_index, query, terms, limit, offset)


class SearchPool:
    """Runs searches of one store: on ``processes`` processes, or on threads of this process
    when ``processes`` is 0 (then ``index`` answers)."""

    def __init__(self, index: SearchIndex, *, processes: int = 0) -> None:
        if processes < 0:
            raise ValueError("processes must be 0 or more")
        self.index, self.processes = index, processes
        self._lock = threading.Lock()
        self._executor: Executor = self._new_executor()

    def _new_executor(self) -> Executor:
        if self.processes == 0:
            return ThreadPoolExecutor(SEARCH_THREADS, thread_name_prefix="newsweave-search")
        # Spawned, not forked: the server's process has threads (indexer, briefing builder),
        # and a fork copies their locks in whatever state they are in.
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_process,
                                   initargs=(self.index.path, self.index.engine,
                                             self.index.like_scan, os.getpid()))

    def warm(self) -> None:
        """Start the search processes now, so the first searches do not wait for them. A
        failure is logged, not raised: the server starts, and searches answer E104 until a
        process starts."""
        if not self.processes:
            return
        try:
            bound = (self.index.seconds, self.index.progress_steps)
            for future in [self._executor.submit(_answer_in_process, "", [], 1, 0, bound)
                           for _ in range(self.processes)]:
                future.result(timeout=120)
        except Exception:  # noqa: BLE001 - logged; each search retries with new processes
            log.warning("the search processes did not start", exc_info=True)
            self._replace(self._executor)

    async def answer(self, query: str, terms: list[str], limit: int, offset: int) -> bytes:
        """The encoded answer to a search; E104 when SQLite stopped it at its time bound or its
        process died."""
        loop = asyncio.get_running_loop()
        executor = self._executor
        if self.processes == 0:
            return await loop.run_in_executor(
                executor, answer_bytes, self.index, query, terms, limit, offset)
        try:
            return await loop.run_in_executor(executor, _answer_in_process, query, terms,
                                              limit, offset,
                                              (self.index.seconds, self.index.progress_steps))
        except BrokenProcessPool:
            log.warning("a search process stopped; starting new ones")
            self._replace(executor)
            raise errors.NewsweaveError(
                errors.OVER_BUDGET, query[:100] or "q", "the search process stopped",
                "try again") from None

    def _replace(self, broken: Executor) -> None:
        with self._lock:
            if self._executor is broken:  # not already replaced by another request
                self._executor = self._new_executor()
        broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __repr__(self) -> str:
        where = f"{self.processes} processes" if self.processes else f"{SEARCH_THREADS} threads"
        return f"SearchPool({self.index.path!r}, {where})"


def default_processes(cpu_count: int | None) -> int:
    """Search processes `newsweave serve` starts by default: none on one core (they would only
    compete with the server's process), else two.

    >>> default_processes(1), default_processes(2), default_processes(16)
    (0, 2, 2)
    """
    return 0 if (cpu_count or 1) < 2 else 2
