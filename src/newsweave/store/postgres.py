"""The PostgreSQL store: the SQLite store's interface and behaviour (store/sqlite.py) on a
PostgreSQL database, for teams that share one store. ``open_store("postgresql://user@host:port/db")``
returns it; the schema is in ``pg_schema.py``.

Same behaviour as SQLite, point by point:

- Records are serialised by the same code (``store/rows.py``: ``model.record.encode``/
  ``decode``, the same JSON defaults, zlib'd raw text and offset deltas, typed array bytes), so
  an article or a finding read back is equal to the one stored, and equal to what the SQLite
  store gives back. The stories, findings and article methods are the same code too
  (``common.StoreBase``); this module keeps what PostgreSQL does differently.
- Stories come from the same ``StoryClusterer``, restored from the database the same way (the
  stories inside the clustering window of the newest article, members in the same order), so the
  same articles give the same stories, ids included (tests/store_pg/test_parity.py).
- Idempotent, crash-safe ingest: ``add_articles`` stores a batch and its story assignments in one
  transaction; content already stored (by content hash) is skipped. A client killed mid-batch
  has its transaction rolled back by the server; what was committed stays, and a rerun skips it.
- Writers are serialised: every write transaction first takes a transaction-level advisory lock
  (what SQLite's ``BEGIN IMMEDIATE`` gives), and ``writer_lock`` holds a session-level advisory
  lock for a whole run (an ingest), which the server releases when the client disconnects or
  dies, so a killed run never leaves the database locked. A second run waits, then fails with
  E306 naming the holder.

What differs: full-text search is a generated ``tsvector`` column with a GIN index (``search``);
the SQLite-only finding views (JSON1 SQL) and the web layer's SQLite readers are not ported, so
``newsweave serve`` and ``watch`` need a SQLite store (they say so).
"""
from __future__ import annotations

import os
import re
import socket
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit, urlunsplit

from newsweave import errors
from newsweave.store.common import (StoreBase, inside_window, schema_mismatch, wait_for_lock,
                                    window_cutoff)
from newsweave.store.pg_schema import RUN_LOCK, SCHEMA, SCHEMA_LOCK, TX_LOCK
from newsweave.store.rows import INSERT_ARTICLE, ROW_COLUMNS, SCHEMA_VERSION

# The writer lock's error code, the SQLite store's (kept here for the callers that import it).
STORE_BUSY = errors.STORE_BUSY

_URL = re.compile(r"^(postgres(?:ql)?):/+", re.IGNORECASE)


def is_postgres_url(target: Any) -> bool:
    """Whether a ``--db`` value names a PostgreSQL database rather than a SQLite file. A URL that
    went through ``pathlib.Path`` has lost one slash (``postgresql:/u@h/db``); it still counts.

    >>> is_postgres_url("postgresql://nw@127.0.0.1:5432/news"), is_postgres_url("news.db")
    (True, False)
    """
    return bool(_URL.match(str(target)))


def normalise_url(target: Any) -> str:
    """The URL with its ``//`` back (see ``is_postgres_url``).

    >>> normalise_url("postgresql:/nw@127.0.0.1:5432/news")
    'postgresql://nw@127.0.0.1:5432/news'
    """
    return _URL.sub(lambda m: m.group(1) + "://", str(target), count=1)


def redact(url: str) -> str:
    """The URL without its password, for messages and listings.

    >>> redact("postgresql://nw:secret@db:5432/news")
    'postgresql://nw:***@db:5432/news'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def require_sqlite(target: Any, command: str) -> None:
    """Refuse a PostgreSQL URL for a command that reads SQLite directly (``serve``, ``watch``).

    >>> require_sqlite("news.db", "serve")
    """
    if is_postgres_url(target):
        raise errors.NewsweaveError(
            errors.BAD_CONFIG, redact(normalise_url(target)),
            f"`newsweave {command}` works on a SQLite store only for now (it reads the "
            "database with SQLite directly)",
            f"give it a SQLite file: `newsweave ingest INPUTS --db news.db` then "
            f"`newsweave {command} --db news.db ...`")



class PostgresStore(StoreBase):
    """Articles, layers, values, stories and findings in one PostgreSQL database. What it
    shares with the SQLite store is in ``common.StoreBase``; here are the connection, the
    advisory locks, the pipelined inserts, the clusterer's stories in one query, and search."""

    DB_HINT = "URL"
    NOW_SQL = "now()"
    # A parameter array has no length bound (SQLite's IN list has): few round trips.
    CHUNK = 10_000

    def __init__(self, url: str, *, config=None) -> None:
        from newsweave.config import load_config

        self.url = normalise_url(url)
        self.path = redact(self.url)   # what messages show (SqliteStore.path is its file)
        self.config = config or load_config()
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a main dependency
            raise errors.NewsweaveError(errors.CANNOT_WRITE, self.path,
                                        "the PostgreSQL driver psycopg is not installed",
                                        "reinstall newsweave (`make venv`)") from None
        self._psycopg = psycopg
        try:
            # application_name tells a waiting run which process holds the writer lock.
            self.conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10,
                                        application_name=f"newsweave[{os.getpid()}@"
                                        f"{socket.gethostname()[:30]}]")
        except psycopg.Error as exc:
            raise errors.NewsweaveError(
                errors.CANNOT_WRITE, self.path,
                f"cannot connect to PostgreSQL: {_first_line(exc)}",
                "start the server, or check host, port, user and database name in the URL "
                "(postgresql://USER@HOST:PORT/DATABASE)") from None
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                self.conn.execute(SCHEMA)
                row = self.conn.execute("SELECT value FROM info WHERE key='schema'").fetchone()
                if row is None:
                    self.conn.execute("INSERT INTO info VALUES ('schema', %s) "
                                      "ON CONFLICT DO NOTHING", (str(SCHEMA_VERSION),))
        except psycopg.Error as exc:
            self.conn.close()
            raise errors.NewsweaveError(
                errors.CANNOT_WRITE, self.path,
                f"not a usable newsweave database: {_first_line(exc)}",
                "give a database the user may create tables in, or one made by newsweave"
            ) from None
        if row is not None and int(row[0]) != SCHEMA_VERSION:
            self.conn.close()
            raise schema_mismatch(
                self.path, row[0],
                older_fix="rebuild it from the original inputs into a new database",
                newer_fix="use the newsweave version that wrote it")
        self._clusterer = None

    # -- transactions and locks -----------------------------------------------------------

    @contextmanager
    def _write_transaction(self) -> Iterator[Any]:
        with self.conn.transaction():
            # One writer transaction at a time, as SQLite's BEGIN IMMEDIATE.
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (TX_LOCK,))
            yield self.conn

    @contextmanager
    def writer_lock(self, *, timeout: float = 600.0,
                    on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the database's writer lock for a whole run (an ingest): a second run waits up
        to ``timeout`` seconds (``on_wait`` is told once, with who holds it), then fails with
        E306. A session-level advisory lock: the server releases it when the holder's
        connection ends, even when its process is killed."""
        wait_for_lock(lambda: self.conn.execute("SELECT pg_try_advisory_lock(%s)",
                                                (RUN_LOCK,)).fetchone()[0],
                      self._lock_holder, path=self.path, timeout=timeout, on_wait=on_wait)
        try:
            yield
        finally:
            if not self.conn.closed:
                self.conn.execute("SELECT pg_advisory_unlock(%s)", (RUN_LOCK,))

    def _lock_holder(self) -> str:
        row = self.conn.execute(
            "SELECT a.application_name, a.client_addr FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            (RUN_LOCK >> 32, RUN_LOCK & 0xFFFFFFFF)).fetchone()
        if row is None or not row[0]:
            return ""
        return f" ({row[0]})"

    # -- what differs from SQLite ---------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _any(self, column: str, values: list) -> tuple[str, tuple]:
        return f"{column} = ANY(?)", (list(values),)

    def _insert_rows(self, conn, rows: list[tuple]) -> list[int]:
        """The rows in one pipelined statement, their seqs through RETURNING."""
        with conn.cursor() as cur:
            cur.executemany(self._sql(INSERT_ARTICLE) + " RETURNING seq", rows, returning=True)
            seqs = []
            while True:
                seqs.append(int(cur.fetchone()[0]))
                if not cur.nextset():
                    break
        return seqs

    def _restore_members(self, window_days: float | None
                         ) -> tuple[dict[str, int], list[tuple[Any, str]]]:
        """As the SQLite store's, the members of all the active stories in one query."""
        active = self._active_stories(window_days)
        created = {sid: seq for sid, seq in active}
        if not active:
            return created, []
        rows = self._query(
            f"SELECT {ROW_COLUMNS}, m.story_id FROM story_members m "
            "JOIN stories s ON s.id = m.story_id "
            "JOIN articles a ON a.seq = m.article_seq "
            "WHERE m.story_id = ANY(?) ORDER BY s.created_seq, s.id, a.seq",
            ([sid for sid, _ in active],)).fetchall()
        return created, self._member_features([r[:7] for r in rows], [r[7] for r in rows])

    def _active_stories(self, window_days: float | None) -> list[tuple[str, int]]:
        """(id, created_seq) of the stories the clusterer needs, in creation order. The index
        on ``stories.last`` narrows them to those dated within two days of the window (an ISO
        date prefix compares as text; the margin covers time zones), then the exact test is the
        SQLite store's, on parsed dates."""
        newest = self.conn.execute("SELECT max(last) FROM stories").fetchone()[0]
        if window_days is None or newest is None:
            return [(r[0], int(r[1])) for r in self.conn.execute(
                "SELECT id, created_seq FROM stories ORDER BY created_seq, id")]
        cutoff = window_cutoff(newest, window_days)
        floor = (datetime.fromisoformat(newest) - timedelta(days=window_days + 2)
                 ).date().isoformat()
        return [(sid, int(seq)) for sid, seq, last in self.conn.execute(
                "SELECT id, created_seq, last FROM stories WHERE last IS NULL OR last >= %s "
                "ORDER BY created_seq, id", (floor,)) if inside_window(last, cutoff)]

    # -- full-text search -----------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20) -> list[dict]:
        """Articles matching every word of ``query`` (English stemming), best first:
        ``{"id", "title", "rank", "snippet"}``. The text is passed to ``plainto_tsquery``, which
        takes words only: no operator in user text can make the query fail."""
        words = " ".join(re.findall(r"\w+", query))[:1000]
        if not words.strip():
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.title, ts_rank(a.tsv, q) AS rank, ts_headline('english', "
            "left(a.text, 20000), q, 'MaxWords=35, MinWords=15') FROM articles a, "
            "plainto_tsquery('english', %s) q WHERE a.tsv @@ q "
            "ORDER BY rank DESC, a.seq DESC LIMIT %s", (words, limit)).fetchall()
        return [{"id": i, "title": t, "rank": float(r), "snippet": s} for i, t, r, s in rows]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
