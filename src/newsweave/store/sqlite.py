"""The embedded store: one SQLite file in WAL mode holding articles, span layers, per-article
values (embeddings and fingerprints as blobs), stories with their aliases, and story findings.

What is persisted, and what is not:

- every article's ``raw`` (zlib-compressed, and only when it differs from ``text``), ``text``,
  offset map (zlib-compressed deltas), ``meta``, content hash, every span layer, and every value:
  numpy arrays (``embedding``, ``sentence_embeddings``, ``minhash``) as typed blobs, the rest
  as JSON. An article loaded back is equal to the one stored, layers and values included, so
  story stages run on it without re-running any per-article stage.
- the spaCy ``Doc`` (``article.cache["doc"]``) is *not* persisted as such: once a brief has
  parsed an article, ``save_analysis`` keeps it packed (``nlp.parse_pack``, ~6 KB, in
  ``arrays`` as ``parse_packed``), and it comes back in ``cache`` for the story stages.
  ``load_story(..., reparse=True)`` re-runs spaCy on the loaded texts; the layers already
  stored are kept as they are.
- with a staged ingest (``[pipeline] ingest_substitutes``) an article holds only what story
  assignment needs until its story is first briefed; the brief's results are then written back
  (``save_analysis``).

How an article becomes rows is ``rows.py``, and what this store does as the PostgreSQL one does
is ``common.StoreBase``; this module holds the SQLite schema, connection and writer lock.

Idempotence: an article whose content hash (normalised words, see ``nlp.fingerprint``) is
already stored is skipped, whatever its id or path. Crash safety: each call of
``add_articles`` is one transaction that stores the batch *and* its story assignments, so a
process killed part way leaves whole batches behind and a rerun skips them as known.

>>> from newsweave.model import Article
>>> store = open_store(":memory:")
>>> store.add_articles([Article.from_text("a1", "Quake hits the coast of Chile.")])
(1, 0)
>>> store.add_articles([Article.from_text("a2", "Quake hits the coast of Chile!")])
(0, 1)
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from newsweave import errors
from newsweave.store.common import (StoreBase, inside_window, schema_mismatch, wait_for_lock,
                                    window_cutoff)
from newsweave.store.finding_views import views_sql
from newsweave.store.rows import INSERT_ARTICLE, SCHEMA_VERSION

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,   -- arrival order
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    source TEXT,
    url TEXT,
    published TEXT,                          -- ISO 8601 or NULL
    meta TEXT NOT NULL,                      -- ArticleMeta as JSON
    text TEXT NOT NULL,
    raw BLOB,                                -- zlib(raw) when raw != text, else NULL
    offsets BLOB NOT NULL,                   -- zlib(int32 deltas of the offset map)
    vals TEXT NOT NULL,                      -- JSON-able values
    added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE IF NOT EXISTS layers (
    article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    name TEXT NOT NULL,
    spans TEXT NOT NULL,                     -- JSON [[start, end, label, attrs|null], ...]
    PRIMARY KEY (article_seq, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS arrays (
    article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    name TEXT NOT NULL,                      -- embedding, sentence_embeddings, minhash, ...
    dtype TEXT NOT NULL,
    shape TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (article_seq, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    created_seq INTEGER NOT NULL,            -- seq of the article that founded it
    size INTEGER NOT NULL DEFAULT 0,
    first TEXT,
    last TEXT
);
CREATE TABLE IF NOT EXISTS story_members (
    article_seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
    story_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id);
CREATE TABLE IF NOT EXISTS story_aliases (alias TEXT PRIMARY KEY, story_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS findings (
    story_id TEXT NOT NULL,
    kind TEXT NOT NULL,                      -- quotes, claims, copies, summary, ...
    data TEXT NOT NULL,                      -- JSON
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (story_id, kind)
) WITHOUT ROWID;
"""


def _lock_holder(lock_path: str) -> str:
    """" (process N)" from the pid the holder wrote into the lock file, or ""."""
    try:
        pid = Path(lock_path).read_text("utf-8").strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def open_store(path: str | Path, *, config=None) -> "SqliteStore":
    """Open (creating if needed) the SQLite store at ``path``.

    >>> store = open_store(":memory:")
    >>> store.counts()["articles"]
    0
    """
    return SqliteStore(str(path), config=config)


class SqliteStore(StoreBase):
    """Articles, layers, values, stories and findings in one SQLite file (WAL mode). What it
    shares with the PostgreSQL store is in ``common.StoreBase``; here are the connection, the
    writer lock (``flock``), the inserts and the clusterer's stories."""

    DB_HINT = "PATH"
    NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

    def __init__(self, path: str, *, config=None) -> None:
        from newsweave.config import load_config

        self.path = path
        self.config = config or load_config()
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise errors.NewsweaveError(errors.CANNOT_WRITE, path,
                                            "the folder of the database does not exist",
                                            f"create {parent} first")
        try:
            self.conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.executescript(_SCHEMA)
            # Row views over the findings documents, for Datasette and plain SQL.
            self.conn.executescript(views_sql())
            row = self.conn.execute("SELECT value FROM info WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise errors.NewsweaveError(errors.CANNOT_WRITE, path,
                                        f"not a usable newsweave database: {exc}",
                                        "give a new path or a database made by newsweave") from None
        if row is None:
            self.conn.execute("INSERT OR IGNORE INTO info VALUES ('schema', ?)",
                              (str(SCHEMA_VERSION),))
        elif int(row[0]) != SCHEMA_VERSION:
            raise schema_mismatch(
                path, row[0],
                older_fix="rebuild it from the original inputs: "
                          "`newsweave ingest INPUTS --db NEW.db`",
                newer_fix="use the newsweave version that wrote it, or ingest into a new "
                          "database")
        self._clusterer = None

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def _write_transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- one writer run at a time ---------------------------------------------------------

    @contextmanager
    def writer_lock(self, *, timeout: float = 600.0,
                    on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the database's writer lock for a whole run (an ingest): a second run waits up
        to ``timeout`` seconds (``on_wait`` is told once, with who holds it), then fails with
        E306. SQLite's own locks serialise single transactions, not runs: two ingests that
        interleave their batches assigned the same articles to different stories. The lock is
        an OS lock (``flock``) on ``<db>.lock``, which the kernel releases when its holder
        exits, even by ``kill -9``, so a killed run never leaves the database locked.

        >>> with open_store(":memory:").writer_lock():   # no lock for an in-memory store
        ...     pass
        """
        if self.path == ":memory:":
            yield
            return
        import fcntl

        lock_path = f"{self.path}.lock"
        try:
            handle = open(lock_path, "a+", encoding="utf-8")
        except OSError as exc:
            raise errors.NewsweaveError(errors.CANNOT_WRITE, lock_path,
                                        f"cannot create the lock file: {exc.strerror or exc}",
                                        "make the folder of the database writable") from None

        def try_lock() -> bool:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                return False

        try:
            wait_for_lock(try_lock, lambda: _lock_holder(lock_path), path=self.path,
                          timeout=timeout, on_wait=on_wait,
                          where=f" (its lock is {lock_path})")
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            handle.close()  # releases the lock

    # -- what differs from PostgreSQL -----------------------------------------------------

    def _any(self, column: str, values: list) -> tuple[str, tuple]:
        return f"{column} IN ({','.join('?' * len(values))})", tuple(values)

    def _insert_rows(self, conn: sqlite3.Connection, rows: list[tuple]) -> list[int]:
        return [int(conn.execute(INSERT_ARTICLE, row).lastrowid) for row in rows]

    def _restore_members(self, window_days: float | None
                         ) -> tuple[dict[str, int], list[tuple[Any, str]]]:
        created = dict(self.conn.execute("SELECT id, created_seq FROM stories"))
        members: list[tuple[Any, str]] = []
        for sid in self._active_story_ids(window_days):
            rows = self._article_rows(
                "WHERE a.seq IN (SELECT article_seq FROM story_members WHERE story_id=?) "
                "ORDER BY a.seq", (sid,))
            members.extend(self._member_features(rows, [sid] * len(rows)))
        return created, members

    def _active_story_ids(self, window_days: float | None) -> list[str]:
        newest = self.conn.execute("SELECT max(last) FROM stories").fetchone()[0]
        if window_days is None or newest is None:
            return [r[0] for r in self.conn.execute("SELECT id FROM stories ORDER BY created_seq")]
        cutoff = window_cutoff(newest, window_days)
        return [sid for sid, last in self.conn.execute(
            "SELECT id, last FROM stories ORDER BY created_seq") if inside_window(last, cutoff)]
