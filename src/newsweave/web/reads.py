"""Read-only queries over the store for the web layer: story lists, a story's members, one
article. Each server thread gets its own SQLite connection (WAL lets many readers run beside
the one writer, e.g. `newsweave ingest` or `newsweave watch` feeding the same file).

The SQL reads the tables `store/sqlite.py` defines; nothing here writes.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

# Outlets listed per story; the count of all of them is given beside.
MAX_OUTLETS = 12


@dataclass(frozen=True)
class StoryRow:
    """One story as the list shows it."""

    id: str
    title: str
    size: int
    first: str | None
    last: str | None
    outlets: tuple[str, ...]
    outlet_count: int
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ArticleRow:
    """One stored article: metadata, its raw text (what every offset indexes) and its story."""

    seq: int
    id: str
    title: str | None
    source: str | None
    url: str | None
    author: str | None
    published: str | None
    path: str | None
    raw: str
    story: str | None

    def as_briefing_article(self) -> dict[str, Any]:
        """The ``articles[]`` entry of a briefing (with ``raw``, as the HTML renderer wants it)."""
        return {"id": self.id, "title": self.title, "source": self.source,
                "published": self.published, "path": self.path, "url": self.url,
                "author": self.author, "raw": self.raw}


def outlet_of(source: str | None, url: str | None) -> str | None:
    """An article's outlet: its ``source``, else the host of its URL.

    >>> outlet_of(None, "https://www.example.org/a"), outlet_of("AP", None), outlet_of(None, None)
    ('example.org', 'AP', None)
    """
    if source and source.strip():
        return " ".join(source.split())
    if url:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return None
        host = host.removeprefix("www.")
        return host or None
    return None


class Reader:
    """Thread-local read connections to one store file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False,
                                   isolation_level=None)
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    # -- stories ------------------------------------------------------------------------------

    def resolve_story(self, id_or_alias: str) -> str | None:
        """The current id of a story given its id or an id it had before a merge, else None."""
        conn = self.conn()
        row = conn.execute("SELECT id FROM stories WHERE id=?", (id_or_alias,)).fetchone()
        if row is None:
            row = conn.execute("SELECT story_id FROM story_aliases WHERE alias=?",
                               (id_or_alias,)).fetchone()
        return row[0] if row else None

    def member_ids(self, story_id: str) -> list[str]:
        return [r[0] for r in self.conn().execute(
            "SELECT a.id FROM story_members m JOIN articles a ON a.seq = m.article_seq "
            "WHERE m.story_id=? ORDER BY a.seq", (story_id,))]

    def stories(self, *, limit: int, offset: int, since: date | None = None,
                until: date | None = None, only: tuple[str, list[Any]] | None = None,
                ) -> tuple[list[StoryRow], int]:
        """A page of stories, newest first (by last date; undated stories after the dated ones,
        newest arrival first), and the count of all that match. ``since``/``until`` keep the
        stories whose date range overlaps them (undated stories never match a date filter);
        ``only`` is an SQL condition on ``s.id`` with its parameters (the text filter)."""
        where, params = ["1=1"], []
        if since is not None:
            where.append("s.last IS NOT NULL AND substr(s.last, 1, 10) >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("s.first IS NOT NULL AND substr(s.first, 1, 10) <= ?")
            params.append(until.isoformat())
        if only is not None:
            where.append(only[0])
            params.extend(only[1])
        sql_where = " AND ".join(where)
        conn = self.conn()
        total = int(conn.execute(f"SELECT count(*) FROM stories s WHERE {sql_where}",
                                 params).fetchone()[0])
        rows = conn.execute(
            f"SELECT s.id, s.title, s.size, s.first, s.last FROM stories s WHERE {sql_where} "
            "ORDER BY s.last IS NULL, s.last DESC, s.created_seq DESC LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()
        return self._with_outlets(rows), total

    def story(self, story_id: str) -> StoryRow | None:
        row = self.conn().execute("SELECT id, title, size, first, last FROM stories WHERE id=?",
                                  (story_id,)).fetchone()
        return self._with_outlets([row])[0] if row else None

    def _with_outlets(self, rows: list[tuple]) -> list[StoryRow]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        marks = ",".join("?" * len(ids))
        conn = self.conn()
        outlets: dict[str, Counter] = {sid: Counter() for sid in ids}
        for sid, source, url in conn.execute(
                "SELECT m.story_id, a.source, a.url FROM story_members m "
                f"JOIN articles a ON a.seq = m.article_seq WHERE m.story_id IN ({marks})", ids):
            name = outlet_of(source, url)
            if name:
                outlets[sid][name] += 1
        aliases: dict[str, list[str]] = {}
        for alias, sid in conn.execute(
                f"SELECT alias, story_id FROM story_aliases WHERE story_id IN ({marks}) "
                "ORDER BY alias", ids):
            aliases.setdefault(sid, []).append(alias)
        out = []
        for sid, title, size, first, last in rows:
            ranked = [name for name, _ in sorted(outlets[sid].items(),
                                                  key=lambda kv: (-kv[1], kv[0]))]
            out.append(StoryRow(sid, title or "", int(size), first, last,
                                tuple(ranked[:MAX_OUTLETS]), len(ranked),
                                tuple(aliases.get(sid, ()))))
        return out

    # -- articles -----------------------------------------------------------------------------

    def article(self, article_id: str) -> ArticleRow | None:
        rows = self._articles("a.id = ?", [article_id])
        return rows[0] if rows else None

    def articles(self, article_ids: list[str]) -> dict[str, ArticleRow]:
        """Stored articles by id (ids not stored are left out)."""
        out: dict[str, ArticleRow] = {}
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._articles(f"a.id IN ({marks})", chunk):
                out[row.id] = row
        return out

    def _articles(self, where: str, params: list[Any]) -> list[ArticleRow]:
        out = []
        for seq, aid, meta_json, text, raw_blob, story in self.conn().execute(
                "SELECT a.seq, a.id, a.meta, a.text, a.raw, m.story_id FROM articles a "
                f"LEFT JOIN story_members m ON m.article_seq = a.seq WHERE {where}", params):
            meta = json.loads(meta_json)
            raw = text if raw_blob is None else zlib.decompress(raw_blob).decode("utf-8")
            out.append(ArticleRow(int(seq), aid, meta.get("title"), meta.get("source"),
                                  meta.get("url"), meta.get("author"), meta.get("published"),
                                  meta.get("path"), raw, story))
        return out

    def article_count(self) -> int:
        return int(self.conn().execute("SELECT count(*) FROM articles").fetchone()[0])
