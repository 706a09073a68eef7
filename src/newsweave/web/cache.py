"""Briefings of stored stories, cached in the store and rebuilt when a story changes.

A cached briefing is kept in the table ``briefing_cache`` of the store, keyed by story id, with
the *version* it was built from: a hash of the story's member article ids (an article's text
never changes under its id), the configuration and the newsweave version. When a story gains
articles (``newsweave ingest`` or ``watch`` writing to the same file) its version changes:

- a request for it gets the cached briefing at once, marked ``stale``, and a rebuild is queued;
  a request never waits for the models when any briefing of the story is cached;
- only a story that has never been briefed makes its first request wait for the build;
- a background check (every ``poll_seconds``) queues the rebuild of every cached story whose
  version changed, so a story someone looked at is usually fresh by the next visit.

Builds run one at a time on one thread, the way `newsweave brief --db --story` runs them (the
same library calls; the findings are kept in the store too); a story asked for by several
requests at once is built once.
"""
from __future__ import annotations

import concurrent.futures as cf
import json
import logging
import queue
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from newsweave import errors
from newsweave.config import Config
# The versions and rows of kept briefings are shared with `newsweave brief --db` (store.kept).
from newsweave.store.kept import (SCHEMA, compact_json, config_digest,  # noqa: F401
                                  story_version, write_kept)
from newsweave.web.reads import Reader

log = logging.getLogger("newsweave.web")

_SCHEMA = SCHEMA
MEMORY_ENTRIES = 64  # briefings kept in memory as ready-to-send bytes


@dataclass(frozen=True)
class CachedBriefing:
    """A cached briefing: the story it was built for, from which articles, and its JSON."""

    story_id: str
    version: str
    articles: tuple[str, ...]
    body: bytes          # the briefing JSON (UTF-8), ready to send
    built: str
    seconds: float

    def briefing(self) -> dict[str, Any]:
        return json.loads(self.body)


class BriefingCache:
    """Reads and writes ``briefing_cache``; owns the builder thread."""

    def __init__(self, path: str, config: Config, reader: Reader, *,
                 poll_seconds: float = 10.0) -> None:
        self.path, self.config, self.reader = path, config, reader
        self.digest = config_digest(config)
        self.poll_seconds = poll_seconds
        conn = sqlite3.connect(path, timeout=30.0)
        try:
            conn.executescript(_SCHEMA)
        finally:
            conn.close()
        self._memory: OrderedDict[str, CachedBriefing] = OrderedDict()
        self._memory_lock = threading.Lock()
        self.builder = Builder(self)

    # -- versions and rows --------------------------------------------------------------------

    def current_version(self, story_id: str) -> str:
        return story_version(self.reader.member_ids(story_id), self.digest)

    def cached(self, story_id: str) -> CachedBriefing | None:
        """The cached briefing of a story (by its current id), else the newest one cached under
        an id the story had before a merge, else None."""
        conn = self.reader.conn()
        row = conn.execute("SELECT story_id, version, built FROM briefing_cache WHERE story_id=?",
                           (story_id,)).fetchone()
        if row is None:
            row = conn.execute(
                "SELECT story_id, version, built FROM briefing_cache WHERE story_id IN "
                "(SELECT alias FROM story_aliases WHERE story_id=?) ORDER BY built DESC LIMIT 1",
                (story_id,)).fetchone()
        if row is None:
            return None
        key, version, built = row
        with self._memory_lock:
            hit = self._memory.get(key)
            if hit is not None and hit.version == version and hit.built == built:
                self._memory.move_to_end(key)
                return hit
        full = conn.execute("SELECT version, articles, briefing, built, seconds FROM "
                            "briefing_cache WHERE story_id=?", (key,)).fetchone()
        if full is None:
            return None
        entry = CachedBriefing(key, full[0], tuple(json.loads(full[1])),
                               full[2].encode("utf-8"), full[3], float(full[4]))
        self._remember(entry)
        return entry

    def _remember(self, entry: CachedBriefing) -> None:
        with self._memory_lock:
            self._memory[entry.story_id] = entry
            self._memory.move_to_end(entry.story_id)
            while len(self._memory) > MEMORY_ENTRIES:
                self._memory.popitem(last=False)

    def lookup(self, story_id: str) -> tuple[CachedBriefing | None, str]:
        """``(cached, status)`` for a story's current id: ``fresh`` (built from the story as it
        is now), ``stale`` (the story changed since; a rebuild is queued) or ``missing``."""
        entry = self.cached(story_id)
        if entry is None:
            return None, "missing"
        if entry.story_id == story_id and entry.version == self.current_version(story_id):
            return entry, "fresh"
        self.builder.request(story_id)
        return entry, "stale"

    def statuses(self, story_ids: list[str]) -> dict[str, str]:
        """``fresh``, ``stale`` or ``missing`` for each story (by current id), in two queries."""
        if not story_ids:
            return {}
        marks = ",".join("?" * len(story_ids))
        conn = self.reader.conn()
        members: dict[str, list[str]] = {sid: [] for sid in story_ids}
        for sid, aid in conn.execute(
                "SELECT m.story_id, a.id FROM story_members m JOIN articles a "
                f"ON a.seq = m.article_seq WHERE m.story_id IN ({marks})", story_ids):
            members[sid].append(aid)
        cached = dict(conn.execute(
            f"SELECT story_id, version FROM briefing_cache WHERE story_id IN ({marks})",
            story_ids).fetchall())
        out = {}
        for sid in story_ids:
            if sid not in cached:
                out[sid] = "missing"
            else:
                current = story_version(members[sid], self.digest)
                out[sid] = "fresh" if cached[sid] == current else "stale"
        return out

    def stale_story_ids(self) -> list[str]:
        """Stories with a cached briefing that no longer matches them (current ids)."""
        conn = self.reader.conn()
        out: list[str] = []
        for cached_id, version in conn.execute(
                "SELECT story_id, version FROM briefing_cache").fetchall():
            current = self.reader.resolve_story(cached_id)
            if current is None:
                continue
            if current != cached_id:
                # Merged into another story: that one needs a briefing of its own.
                if conn.execute("SELECT 1 FROM briefing_cache WHERE story_id=?",
                                (current,)).fetchone() is None:
                    out.append(current)
            elif version != self.current_version(current):
                out.append(current)
        return list(dict.fromkeys(out))

    def missing_or_stale(self) -> list[str]:
        """Every story whose briefing is missing or stale, newest first (for warming)."""
        ids = [r[0] for r in self.reader.conn().execute(
            "SELECT id FROM stories ORDER BY last IS NULL, last DESC, created_seq DESC")]
        return [sid for sid in ids if self.lookup_quiet(sid) != "fresh"]

    def lookup_quiet(self, story_id: str) -> str:
        row = self.reader.conn().execute("SELECT version FROM briefing_cache WHERE story_id=?",
                                         (story_id,)).fetchone()
        if row is None:
            return "missing"
        return "fresh" if row[0] == self.current_version(story_id) else "stale"

    def write(self, conn: sqlite3.Connection, story_id: str, articles: list[str],
              body: str, seconds: float) -> CachedBriefing:
        version = story_version(articles, self.digest)
        conn.execute("BEGIN IMMEDIATE")
        try:
            built = self._write_rows(conn, story_id, version, articles, body, seconds)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        entry = CachedBriefing(story_id, version, tuple(articles), body.encode("utf-8"), built,
                               seconds)
        self._remember(entry)
        return entry

    _write_rows = staticmethod(write_kept)

    def close(self) -> None:
        self.builder.stop()


class Builder:
    """One thread that builds briefings in request order; one build per story at a time."""

    def __init__(self, cache: BriefingCache) -> None:
        self.cache = cache
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._pending: dict[str, cf.Future] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._store = None
        self.built = 0

    def start(self) -> None:
        with self._lock:
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(target=self._run, name="newsweave-briefings",
                                                daemon=True)
                self._thread.start()

    def request(self, story_id: str) -> cf.Future:
        """Queue a build of ``story_id`` (or join the one queued) and return its future."""
        with self._lock:
            future = self._pending.get(story_id)
            if future is None:
                future = cf.Future()
                self._pending[story_id] = future
                self._queue.put(story_id)
        self.start()
        return future

    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._queue.put(None)
        if thread is not None:
            thread.join(timeout)
        with self._lock:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(errors.NewsweaveError(
                        "E999", "server", "the server stopped before the briefing was built",
                        "start it again"))
            self._pending.clear()

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            if self._store is not None:  # opened on this thread, closed on it
                self._store.close()
                self._store = None

    def _loop(self) -> None:
        last_poll = time.monotonic()
        while True:
            wait = max(0.1, self.cache.poll_seconds - (time.monotonic() - last_poll))
            try:
                story_id = self._queue.get(timeout=wait)
            except queue.Empty:
                story_id = ""
            if story_id is None or self._stopping:
                return
            if story_id:
                self._build_one(story_id)
            if time.monotonic() - last_poll >= self.cache.poll_seconds:
                last_poll = time.monotonic()
                try:
                    for stale in self.cache.stale_story_ids():
                        self.request(stale)
                except sqlite3.Error as exc:  # the next poll tries again
                    log.warning("could not check cached briefings: %s", exc)

    def _build_one(self, story_id: str) -> None:
        with self._lock:
            future = self._pending.get(story_id)
        try:
            entry = self.build(story_id)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for it
            log.warning("briefing of story %s failed: %s", story_id, exc,
                        exc_info=not isinstance(exc, errors.NewsweaveError))
            with self._lock:
                self._pending.pop(story_id, None)
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        with self._lock:
            self._pending.pop(story_id, None)
        if future is not None and not future.done():
            future.set_result(entry)

    def build(self, story_id: str) -> CachedBriefing:
        """Brief one stored story now (what `newsweave brief --db --story` does) and cache it."""
        from newsweave import api
        from newsweave.store import open_store

        # The builder thread keeps its connection; a caller on another thread (a warm-up
        # script, a test) gets one of its own for this build.
        on_thread = threading.current_thread() is self._thread
        if on_thread and self._store is None:
            self._store = open_store(self.cache.path, config=self.cache.config)
        store = self._store if on_thread else open_store(self.cache.path,
                                                         config=self.cache.config)
        try:
            t0 = time.perf_counter()
            story, articles = store.load_story(story_id)
            briefing = api.brief_articles(list(articles.values()), config=self.cache.config,
                                          stories=[story])
            store.save_analysis(articles.values())
            store.save_findings(story)
            seconds = time.perf_counter() - t0
            entry = self.cache.write(store.conn, story.id, list(story.articles),
                                     compact_json(briefing), seconds)
        finally:
            if not on_thread:
                store.close()
        self.built += 1
        log.info("briefed story %s (%d articles) in %.1f s", story.id, len(story.articles),
                 seconds)
        return entry
