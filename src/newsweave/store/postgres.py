"""The PostgreSQL store: the SQLite store's interface and behaviour (store/sqlite.py) on a
PostgreSQL database, for teams that share one store. ``open_store("postgresql://user@host:port/db")``
returns it; the schema is in ``pg_schema.py``.

Same behaviour as SQLite, point by point:

- Records are serialised by the same code (``model.record.encode``/``decode``, the same JSON
  defaults, zlib'd raw text and offset deltas, typed array bytes), so an article or a finding
  read back is equal to the one stored, and equal to what the SQLite store gives back.
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

import json
import os
import re
import socket
import time
import zlib
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from newsweave import errors
from newsweave.model import Article, ArticleMeta, Span, Story
from newsweave.model.record import decode, encode
from newsweave.store.pg_schema import RUN_LOCK, SCHEMA, SCHEMA_LOCK, SCHEMA_VERSION, TX_LOCK
from newsweave.store.sqlite import _TRANSIENT_VALUES, _json_default

# E306 comes with the SQLite writer lock (branch runtime); the same code either way.
STORE_BUSY = getattr(errors, "STORE_BUSY", "E306")

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


class PostgresStore:
    """Articles, layers, values, stories and findings in one PostgreSQL database."""

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
            older = int(row[0]) < SCHEMA_VERSION
            raise errors.NewsweaveError(
                errors.CANNOT_WRITE, self.path,
                f"database schema {row[0]} was written by "
                f"{'an older' if older else 'a newer'} newsweave; this one reads schema "
                f"{SCHEMA_VERSION}",
                "rebuild it from the original inputs into a new database"
                if older else "use the newsweave version that wrote it")
        self._clusterer = None

    # -- transactions and locks -----------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        try:
            with self.conn.transaction():
                # One writer transaction at a time, as SQLite's BEGIN IMMEDIATE.
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (TX_LOCK,))
                yield self.conn
        except BaseException:
            self._clusterer = None  # its in-memory state may be ahead of the db: rebuild it
            raise

    @contextmanager
    def writer_lock(self, *, timeout: float = 600.0,
                    on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the database's writer lock for a whole run (an ingest): a second run waits up
        to ``timeout`` seconds (``on_wait`` is told once, with who holds it), then fails with
        E306. A session-level advisory lock: the server releases it when the holder's
        connection ends, even when its process is killed."""
        deadline = time.monotonic() + timeout
        told = False
        while not self.conn.execute("SELECT pg_try_advisory_lock(%s)",
                                    (RUN_LOCK,)).fetchone()[0]:
            holder = self._lock_holder()
            if time.monotonic() >= deadline:
                raise errors.NewsweaveError(
                    STORE_BUSY, self.path,
                    f"another newsweave run{holder} is writing to this database; "
                    f"waited {timeout:.0f} s",
                    "let that run finish and run this one again, or ingest into another "
                    "database (--wait SECONDS waits longer)")
            if not told and on_wait is not None:
                on_wait(f"waiting for another newsweave run{holder} writing to {self.path} "
                        f"to finish (up to {timeout:.0f} s)")
                told = True
            time.sleep(0.2)
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

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are already stored."""
        hashes = list(dict.fromkeys(hashes))
        if not hashes:
            return set()
        return {r[0] for r in self.conn.execute(
            "SELECT content_hash FROM articles WHERE content_hash = ANY(%s)", (hashes,))}

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id=%s",
                                 (article_id,)).fetchone() is not None

    def add_articles(self, articles: list[Article], *, assign: bool = True) -> tuple[int, int]:
        """Store the articles that are new (by content hash) in one transaction, and (by
        default) assign them to stories in the same transaction. Returns ``(added,
        skipped_as_known)``; an id taken by other content gets ``~2``, ``~3``... appended."""
        from newsweave.nlp.fingerprint import content_hash

        for article in articles:
            if "content_hash" not in article.values:
                article.values["content_hash"] = content_hash(article.text)
        known = self.known_hashes(a.values["content_hash"] for a in articles)
        fresh: list[Article] = []
        seen: set[str] = set()
        for article in articles:
            h = article.values["content_hash"]
            if h in known or h in seen:
                continue
            seen.add(h)
            fresh.append(article)
        if not fresh:
            return 0, len(articles)
        with self._transaction() as conn:
            taken: set[str] = set()
            for article in fresh:
                article.id = self._free_id(article.id, taken)
                taken.add(article.id)
            self._insert_articles(conn, fresh)
            if assign:
                self._assign(conn, fresh)
        return len(fresh), len(articles) - len(fresh)

    def _free_id(self, article_id: str, taken: set[str]) -> str:
        candidate, n = article_id, 1
        while candidate in taken or self.has_article(candidate):
            n += 1
            candidate = f"{article_id}~{n}"
        return candidate

    def _insert_articles(self, conn, articles: list[Article]) -> None:
        """The batch in three statements (articles, layers, arrays), pipelined: one round trip
        per article would make a remote server the bottleneck."""
        rows, arrays_of = [], []
        for article in articles:
            meta = article.meta
            meta_json = json.dumps({
                "title": meta.title, "source": meta.source, "url": meta.url,
                "author": meta.author, "published": meta.published_iso(),
                "language": meta.language, "path": meta.path,
            })
            arrays: dict[str, np.ndarray] = {}
            plain: dict[str, Any] = {}
            for key, value in article.values.items():
                if key in _TRANSIENT_VALUES:
                    continue
                if isinstance(value, np.ndarray):
                    arrays[key] = value
                else:
                    plain[key] = value
            offsets = np.asarray(article.offsets, dtype=np.int64)
            deltas = np.diff(offsets, prepend=0).astype(np.int32)
            raw_blob = None if article.raw == article.text else zlib.compress(
                article.raw.encode("utf-8"), 6)
            rows.append((article.id, article.values["content_hash"], meta.title, meta.source,
                         meta.url, meta.published_iso(), meta_json, article.text, raw_blob,
                         zlib.compress(deltas.tobytes(), 6),
                         json.dumps(encode(plain), default=_json_default)))
            arrays_of.append(arrays)
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO articles (id, content_hash, title, source, url, published, meta,"
                " text, raw, offsets, vals) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) "
                "RETURNING seq", rows, returning=True)
            seqs = []
            while True:
                seqs.append(int(cur.fetchone()[0]))
                if not cur.nextset():
                    break
            layer_rows, array_rows = [], []
            for article, seq, arrays in zip(articles, seqs, arrays_of):
                article.values["store_seq"] = seq  # not persisted (it is the row itself)
                for name, spans in article.layers.items():
                    layer_rows.append((seq, name, json.dumps(
                        [[s.start, s.end, s.label, s.attrs or None] for s in spans],
                        default=_json_default)))
                for name, array in arrays.items():
                    array = np.ascontiguousarray(array)
                    array_rows.append((seq, name, array.dtype.str,
                                       json.dumps(list(array.shape)), array.tobytes()))
            if layer_rows:
                cur.executemany("INSERT INTO layers VALUES (%s,%s,%s)", layer_rows)
            if array_rows:
                cur.executemany("INSERT INTO arrays VALUES (%s,%s,%s,%s,%s)", array_rows)

    _COLUMNS = "a.seq, a.id, a.meta, a.text, a.raw, a.offsets, a.vals"

    def _article_rows(self, where: str, params: tuple) -> list[tuple]:
        return self.conn.execute(f"SELECT {self._COLUMNS} FROM articles a " + where,
                                 params).fetchall()

    def _rebuild(self, rows: list[tuple], *, arrays: tuple[str, ...] | None = None,
                 layers: tuple[str, ...] | None = None) -> list[Article]:
        """Articles from rows; ``arrays``/``layers`` limit what is loaded (None = all). Layers
        and arrays of all the rows come in one query each."""
        if not rows:
            return []
        seqs = [r[0] for r in rows]
        layer_map: dict[int, list[tuple[str, str]]] = {}
        sql, params = "SELECT article_seq, name, spans FROM layers WHERE article_seq = ANY(%s)", [
            seqs]
        if layers is not None:
            sql, params = sql + " AND name = ANY(%s)", params + [list(layers)]
        for seq, name, spans in self.conn.execute(sql + " ORDER BY article_seq, name", params):
            layer_map.setdefault(seq, []).append((name, spans))
        array_map: dict[int, list[tuple]] = {}
        sql = ("SELECT article_seq, name, dtype, shape, data FROM arrays "
               "WHERE article_seq = ANY(%s)")
        params = [seqs]
        if arrays is not None:
            sql, params = sql + " AND name = ANY(%s)", params + [list(arrays)]
        for seq, name, dtype, shape, data in self.conn.execute(
                sql + " ORDER BY article_seq, name", params):
            array_map.setdefault(seq, []).append((name, dtype, shape, data))
        out: list[Article] = []
        for seq, article_id, meta_json, text, raw_blob, offsets_blob, vals in rows:
            m = json.loads(meta_json)
            published = datetime.fromisoformat(m["published"]) if m.get("published") else None
            meta = ArticleMeta(title=m.get("title"), source=m.get("source"), url=m.get("url"),
                               author=m.get("author"), published=published,
                               language=m.get("language"), path=m.get("path"))
            raw = text if raw_blob is None else zlib.decompress(raw_blob).decode("utf-8")
            deltas = np.frombuffer(zlib.decompress(offsets_blob), dtype=np.int32)
            offsets = np.cumsum(deltas, dtype=np.int64).tolist()
            article = Article(article_id, raw, text, offsets, meta)
            article.values.update(decode(json.loads(vals)))
            article.values["store_seq"] = seq
            for name, spans in layer_map.get(seq, ()):
                article.layers[name] = [Span(s, e, label, attrs or {})
                                        for s, e, label, attrs in json.loads(spans)]
            for name, dtype, shape, data in array_map.get(seq, ()):
                article.values[name] = np.frombuffer(bytes(data), dtype=np.dtype(dtype)).reshape(
                    json.loads(shape)).copy()
            out.append(article)
        return out

    def get_articles(self, article_ids: list[str]) -> dict[str, Article]:
        """Stored articles by id, rebuilt with all their layers and values."""
        out: dict[str, Article] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i : i + 500])
            for article in self._rebuild(self._article_rows("WHERE a.id = ANY(%s)", (chunk,))):
                out[article.id] = article
        return out

    def counts(self) -> dict[str, int]:
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories), "
            "(SELECT count(*) FROM story_aliases), (SELECT count(*) FROM articles a WHERE NOT "
            "EXISTS (SELECT 1 FROM story_members m WHERE m.article_seq = a.seq))").fetchone()
        return dict(zip(("articles", "stories", "aliases", "unassigned"), map(int, row)))

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

    # -- stories --------------------------------------------------------------------------

    def clusterer(self):
        """The story clusterer, its state restored as the SQLite store restores it: the stories
        with a member dated inside the clustering window of the newest article (all stories when
        dates are unknown), their members' features rebuilt from text, entities and embedding,
        in one query for all the members."""
        if self._clusterer is None:
            from newsweave.stories.cluster import StoryClusterer, features_of

            clusterer = StoryClusterer.from_config(self.config)
            active = self._active_stories(clusterer.window_days)
            created = {sid: seq for sid, seq in active}
            members: list[tuple[Any, str]] = []
            if active:
                rows = self.conn.execute(
                    f"SELECT {self._COLUMNS}, m.story_id FROM story_members m "
                    "JOIN stories s ON s.id = m.story_id "
                    "JOIN articles a ON a.seq = m.article_seq "
                    "WHERE m.story_id = ANY(%s) ORDER BY s.created_seq, s.id, a.seq",
                    ([sid for sid, _ in active],)).fetchall()
                articles = self._rebuild([r[:7] for r in rows], arrays=("embedding",),
                                         layers=("entities",))
                for article, row in zip(articles, rows):
                    members.append((features_of(article, seq=article.values["store_seq"]),
                                    row[7]))
            aliases = dict(self.conn.execute("SELECT alias, story_id FROM story_aliases"))
            next_seq = int(self.conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0])
            clusterer.restore(members, created=created, aliases=aliases, next_seq=next_seq)
            self._clusterer = clusterer
        return self._clusterer

    def _active_stories(self, window_days: float | None) -> list[tuple[str, int]]:
        """(id, created_seq) of the stories the clusterer needs, in creation order. The index
        on ``stories.last`` narrows them to those dated within two days of the window (an ISO
        date prefix compares as text; the margin covers time zones), then the exact test is the
        SQLite store's, on parsed dates."""
        newest = self.conn.execute("SELECT max(last) FROM stories").fetchone()[0]
        if window_days is None or newest is None:
            return [(r[0], int(r[1])) for r in self.conn.execute(
                "SELECT id, created_seq FROM stories ORDER BY created_seq, id")]
        cutoff = datetime.fromisoformat(newest).timestamp() - window_days * 86400.0
        floor = (datetime.fromisoformat(newest) - timedelta(days=window_days + 2)
                 ).date().isoformat()
        out = []
        for sid, seq, last in self.conn.execute(
                "SELECT id, created_seq, last FROM stories WHERE last IS NULL OR last >= %s "
                "ORDER BY created_seq, id", (floor,)):
            if last is None or datetime.fromisoformat(last).timestamp() >= cutoff:
                out.append((sid, int(seq)))
        return out

    def assign_stories(self, articles: list[Article] | None = None) -> dict[str, str]:
        """Assign articles to stories (state restored from the database) and persist the
        result; with no argument, every stored article that has no story yet (what an ingest
        killed between storing and assigning leaves behind). Returns article id → story id."""
        with self._transaction() as conn:
            if articles is None:
                rows = self._article_rows(
                    "WHERE NOT EXISTS (SELECT 1 FROM story_members m "
                    "WHERE m.article_seq = a.seq) ORDER BY a.seq", ())
                articles = self._rebuild(rows, arrays=("embedding",), layers=("entities",))
            return self._assign(conn, articles)

    def reconcile_stories(self, article_ids: Iterable[str]) -> bool:
        """Re-cluster together the stories holding these articles and persist what changed;
        False when they were too large (``[stories] reconcile_limit``) and nothing changed."""
        with self._transaction() as conn:
            clusterer = self.clusterer()
            done = clusterer.reconcile(article_ids, limit=self.config.stories.reconcile_limit)
            self._write_changes(conn, clusterer.pop_changes())
        return done

    def _assign(self, conn, articles: list[Article]) -> dict[str, str]:
        from newsweave.stories.cluster import features_of

        if not articles:
            return {}
        clusterer = self.clusterer()
        feats = []
        for article in articles:
            seq = article.values.get("store_seq")
            if seq is None:
                row = conn.execute("SELECT seq FROM articles WHERE id=%s",
                                   (article.id,)).fetchone()
                if row is None:
                    raise ValueError(f"article {article.id} is not stored")
                seq = int(row[0])
            feats.append(features_of(article, seq=seq))
        clusterer.add_features(feats)
        self._write_changes(conn, clusterer.pop_changes())
        return {f.id: clusterer.story_of(f.id) for f in feats}

    def _write_changes(self, conn, changes) -> None:
        """Persist what the clusterer changed: memberships, new or changed stories, aliases
        (the SQLite store's statements, in the same order)."""
        clusterer = self.clusterer()
        with conn.cursor() as cur:
            if changes.memberships:
                cur.executemany(
                    "INSERT INTO story_members (article_seq, story_id) "
                    "SELECT seq, %s FROM articles WHERE id=%s "
                    "ON CONFLICT (article_seq) DO UPDATE SET story_id=excluded.story_id",
                    [(sid, aid) for aid, sid in changes.memberships.items()])
            for alias, story_id in changes.aliases.items():
                cur.execute("INSERT INTO story_aliases VALUES (%s,%s) ON CONFLICT (alias) DO "
                            "UPDATE SET story_id=excluded.story_id", (alias, story_id))
                cur.execute("UPDATE story_aliases SET story_id=%s WHERE story_id=%s",
                            (story_id, alias))
                cur.execute("UPDATE findings SET story_id=%s WHERE story_id=%s AND kind NOT IN "
                            "(SELECT kind FROM findings WHERE story_id=%s)",
                            (story_id, alias, story_id))
                cur.execute("DELETE FROM findings WHERE story_id=%s", (alias,))
                cur.execute("DELETE FROM stories WHERE id=%s", (alias,))
            for story_id in changes.stories:
                if story_id in changes.aliases:
                    continue
                state = clusterer.story_state(story_id)
                if state is None:
                    cur.execute("DELETE FROM stories WHERE id=%s", (story_id,))
                    continue
                first, last = state.date_range()
                cur.execute(
                    "INSERT INTO stories (id, title, created_seq, size, first, last) "
                    "VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO UPDATE SET "
                    "title=excluded.title, size=excluded.size, first=excluded.first, "
                    "last=excluded.last",
                    (story_id, state.title(), state.created_seq, len(state.members),
                     first.isoformat() if first else None, last.isoformat() if last else None))
                # Findings computed before the story changed no longer describe it.
                cur.execute("DELETE FROM findings WHERE story_id=%s", (story_id,))

    def resolve_story(self, id_or_alias: str) -> str:
        """The current id of a story given its id or any id it had before a merge."""
        row = self.conn.execute("SELECT id FROM stories WHERE id=%s", (id_or_alias,)).fetchone()
        if row:
            return row[0]
        row = self.conn.execute("SELECT story_id FROM story_aliases WHERE alias=%s",
                                (id_or_alias,)).fetchone()
        if row:
            return row[0]
        raise errors.NewsweaveError(errors.UNKNOWN_STORY, id_or_alias,
                                    "no story or story alias has this id",
                                    "list the stories with `newsweave stories --db URL`")

    def list_stories(self) -> list[dict]:
        """One dict per story, largest first: ``{"id", "title", "size", "first", "last",
        "aliases"}``, in the SQLite store's order."""
        aliases: dict[str, list[str]] = {}
        for alias, sid in self.conn.execute("SELECT alias, story_id FROM story_aliases "
                                            "ORDER BY alias"):
            aliases.setdefault(sid, []).append(alias)
        return [{"id": sid, "title": title, "size": size, "first": first, "last": last,
                 "aliases": aliases.get(sid, [])}
                for sid, title, size, first, last in self.conn.execute(
                    "SELECT id, title, size, first, last FROM stories "
                    "ORDER BY size DESC, coalesce(last, '') DESC, created_seq")]

    def load_story(self, id_or_alias: str, *, reparse: bool = False
                   ) -> tuple[Story, dict[str, Article]]:
        """A stored story and its articles, rebuilt with every stored layer and value;
        ``reparse=True`` also restores ``cache["doc"]`` with spaCy. Stored findings are put
        back into the story's fields."""
        story_id = self.resolve_story(id_or_alias)
        title = self.conn.execute("SELECT title FROM stories WHERE id=%s",
                                  (story_id,)).fetchone()[0]
        rows = self._article_rows(
            "WHERE a.seq IN (SELECT article_seq FROM story_members WHERE story_id=%s) "
            "ORDER BY a.seq", (story_id,))
        articles = {a.id: a for a in self._rebuild(rows)}
        aliases = [r[0] for r in self.conn.execute(
            "SELECT alias FROM story_aliases WHERE story_id=%s ORDER BY alias", (story_id,))]
        story = Story(story_id, articles=list(articles), title=title, aliases=aliases)
        story.set_findings({kind: json.loads(data) for kind, data in self.conn.execute(
            "SELECT kind, data FROM findings WHERE story_id=%s ORDER BY kind", (story_id,))})
        if reparse and articles:
            from newsweave.nlp.spacy_stage import load_nlp

            nlp = load_nlp(self.config.nlp.spacy_model)
            for article, doc in zip(articles.values(),
                                    nlp.pipe([a.text for a in articles.values()])):
                article.cache["doc"] = doc
        return story, articles

    def save_findings(self, story: Story) -> None:
        """Persist what story stages found (quotes, claims, copies, ...) for a stored story."""
        story_id = self.resolve_story(story.id)
        kinds = story.findings_dict()
        with self._transaction() as conn:
            with conn.cursor() as cur:
                for kind, value in kinds.items():
                    cur.execute(
                        "INSERT INTO findings (story_id, kind, data) VALUES (%s,%s,%s) "
                        "ON CONFLICT (story_id, kind) DO UPDATE SET data=excluded.data, "
                        "updated=now()",
                        (story_id, kind, json.dumps(value, default=_json_default)))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
