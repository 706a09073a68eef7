"""The embedded store: one SQLite file in WAL mode holding articles, span layers, per-article
values (embeddings and fingerprints as blobs), stories with their aliases, and story findings.

What is persisted, and what is not:

- every article's ``raw`` (zlib-compressed, and only when it differs from ``text``), ``text``,
  offset map (zlib-compressed deltas), ``meta``, content hash, every span layer, and every value:
  numpy arrays (``embedding``, ``sentence_embeddings``, ``minhash``) as typed blobs, the rest
  as JSON. An article loaded back is equal to the one stored, layers and values included, so
  story stages run on it without re-running any per-article stage.
- the spaCy ``Doc`` (``article.cache["doc"]``) is *not* persisted: it is large and rebuilt in
  about a millisecond per sentence. ``load_story(..., reparse=True)`` re-runs spaCy on the loaded
  texts for stages that want the parse; the layers already stored are kept as they are.

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

import json
import os
import sqlite3
import time
import zlib
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np

from newsweave import errors
from newsweave.model import Article, ArticleMeta, Span, Story
from newsweave.model.record import decode, encode
from newsweave.store.finding_views import views_sql

# 2: records (quotes, findings) kept through to_dict/from_dict with their type. A version-1
# store kept quotes as their repr and cannot give them back, so it is refused, with how to
# rebuild it.
SCHEMA_VERSION = 2

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

# Values that are rebuilt rather than stored.
_TRANSIENT_VALUES = frozenset()


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


class SqliteStore:
    """Articles, layers, values, stories and findings in one SQLite file (WAL mode)."""

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
            older = int(row[0]) < SCHEMA_VERSION
            raise errors.NewsweaveError(
                errors.CANNOT_WRITE, path,
                f"database schema {row[0]} was written by "
                f"{'an older' if older else 'a newer'} newsweave; this one reads schema "
                f"{SCHEMA_VERSION}",
                "rebuild it from the original inputs: `newsweave ingest INPUTS --db NEW.db`"
                if older else "use the newsweave version that wrote it, or ingest into a new "
                "database")
        self._clusterer = None

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._clusterer = None  # its in-memory state may be ahead of the db: rebuild it
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

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
        try:
            deadline = time.monotonic() + timeout
            told = False
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    pass
                holder = _lock_holder(lock_path)
                if time.monotonic() >= deadline:
                    raise errors.NewsweaveError(
                        errors.STORE_BUSY, self.path,
                        f"another newsweave run{holder} is writing to this database (its lock "
                        f"is {lock_path}); waited {timeout:.0f} s",
                        "let that run finish and run this one again, or ingest into another "
                        "database (--wait SECONDS waits longer)")
                if not told and on_wait is not None:
                    on_wait(f"waiting for another newsweave run{holder} writing to "
                            f"{self.path} to finish (up to {timeout:.0f} s)")
                    told = True
                time.sleep(0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            handle.close()  # releases the lock

    def __enter__(self) -> "SqliteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are already stored."""
        hashes = list(dict.fromkeys(hashes))
        known: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            marks = ",".join("?" * len(chunk))
            known.update(r[0] for r in self.conn.execute(
                f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk))
        return known

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id=?",
                                 (article_id,)).fetchone() is not None

    def add_articles(self, articles: list[Article], *, assign: bool = True) -> tuple[int, int]:
        """Store the articles that are new (by content hash) in one transaction, and (by
        default) assign them to stories in the same transaction. Returns ``(added,
        skipped_as_known)``. An article whose id is taken by different content is stored under
        the id with ``~2``, ``~3``... appended.

        >>> from newsweave.model import Article
        >>> store = open_store(":memory:")
        >>> store.add_articles([Article.from_text("a", "One text here."),
        ...                     Article.from_text("b", "One text, here!")])
        (1, 1)
        """
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
            for article in fresh:
                article.id = self._free_id(article.id)
                self._insert_article(conn, article)
            if assign:
                self._assign(conn, fresh)
        return len(fresh), len(articles) - len(fresh)

    def _free_id(self, article_id: str) -> str:
        candidate, n = article_id, 1
        while self.has_article(candidate):
            n += 1
            candidate = f"{article_id}~{n}"
        return candidate

    def _insert_article(self, conn: sqlite3.Connection, article: Article) -> int:
        meta = article.meta
        meta_json = json.dumps({
            "title": meta.title, "source": meta.source, "url": meta.url, "author": meta.author,
            "published": meta.published_iso(), "language": meta.language, "path": meta.path,
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
        cur = conn.execute(
            "INSERT INTO articles (id, content_hash, title, source, url, published, meta, text,"
            " raw, offsets, vals) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.values["content_hash"], meta.title, meta.source, meta.url,
             meta.published_iso(), meta_json, article.text, raw_blob,
             zlib.compress(deltas.tobytes(), 6),
             json.dumps(encode(plain), default=_json_default)))
        seq = int(cur.lastrowid)
        article.values["store_seq"] = seq  # not persisted (it is the row itself)
        for name, spans in article.layers.items():
            conn.execute("INSERT INTO layers VALUES (?,?,?)", (seq, name, json.dumps(
                [[s.start, s.end, s.label, s.attrs or None] for s in spans],
                default=_json_default)))
        for name, array in arrays.items():
            array = np.ascontiguousarray(array)
            conn.execute("INSERT INTO arrays VALUES (?,?,?,?,?)", (
                seq, name, array.dtype.str, json.dumps(list(array.shape)), array.tobytes()))
        return seq

    def _article_rows(self, where: str, params: tuple) -> list[tuple]:
        return self.conn.execute(
            "SELECT seq, id, meta, text, raw, offsets, vals FROM articles " + where,
            params).fetchall()

    def _rebuild(self, rows: list[tuple], *, arrays: tuple[str, ...] | None = None,
                 layers: tuple[str, ...] | None = None) -> list[Article]:
        """Articles from rows; ``arrays``/``layers`` limit what is loaded (None = all)."""
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
            layer_sql = "SELECT name, spans FROM layers WHERE article_seq=?"
            for name, spans in self.conn.execute(layer_sql, (seq,)):
                if layers is not None and name not in layers:
                    continue
                article.layers[name] = [Span(s, e, label, attrs or {})
                                        for s, e, label, attrs in json.loads(spans)]
            array_sql = "SELECT name, dtype, shape, data FROM arrays WHERE article_seq=?"
            for name, dtype, shape, data in self.conn.execute(array_sql, (seq,)):
                if arrays is not None and name not in arrays:
                    continue
                article.values[name] = np.frombuffer(data, dtype=np.dtype(dtype)).reshape(
                    json.loads(shape)).copy()
            out.append(article)
        return out

    def get_articles(self, article_ids: list[str]) -> dict[str, Article]:
        """Stored articles by id, rebuilt with all their layers and values."""
        out: dict[str, Article] = {}
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for article in self._rebuild(self._article_rows(f"WHERE id IN ({marks})",
                                                            tuple(chunk))):
                out[article.id] = article
        return out

    def counts(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return int(self.conn.execute(sql).fetchone()[0])
        return {"articles": one("SELECT count(*) FROM articles"),
                "stories": one("SELECT count(*) FROM stories"),
                "aliases": one("SELECT count(*) FROM story_aliases"),
                "unassigned": one("SELECT count(*) FROM articles WHERE seq NOT IN "
                                  "(SELECT article_seq FROM story_members)")}

    # -- stories --------------------------------------------------------------------------

    def clusterer(self):
        """The story clusterer, its state restored from the database on first use: the stories
        with a member dated inside the clustering window of the newest article (all stories when
        dates are unknown), with their members' features rebuilt from the stored text, entity
        layer and embedding."""
        if self._clusterer is None:
            from newsweave.stories.cluster import StoryClusterer, features_of

            clusterer = StoryClusterer.from_config(self.config)
            rows = self.conn.execute(
                "SELECT s.id, s.created_seq FROM stories s").fetchall()
            created = {sid: seq for sid, seq in rows}
            active = self._active_story_ids(clusterer.window_days)
            members: list[tuple[Any, str]] = []
            for sid in active:
                art_rows = self._article_rows(
                    "WHERE seq IN (SELECT article_seq FROM story_members WHERE story_id=?) "
                    "ORDER BY seq", (sid,))
                for article in self._rebuild(art_rows, arrays=("embedding",),
                                             layers=("entities",)):
                    members.append((features_of(article, seq=article.values["store_seq"]), sid))
            aliases = dict(self.conn.execute("SELECT alias, story_id FROM story_aliases"))
            next_seq = int(self.conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0])
            clusterer.restore(members, created=created, aliases=aliases, next_seq=next_seq)
            self._clusterer = clusterer
        return self._clusterer

    def _active_story_ids(self, window_days: float | None) -> list[str]:
        newest = self.conn.execute("SELECT max(last) FROM stories").fetchone()[0]
        if window_days is None or newest is None:
            return [r[0] for r in self.conn.execute("SELECT id FROM stories ORDER BY created_seq")]
        cutoff = datetime.fromisoformat(newest).timestamp() - window_days * 86400.0
        out = []
        for sid, last in self.conn.execute("SELECT id, last FROM stories ORDER BY created_seq"):
            if last is None or datetime.fromisoformat(last).timestamp() >= cutoff:
                out.append(sid)
        return out

    def assign_stories(self, articles: list[Article] | None = None) -> dict[str, str]:
        """Assign articles to stories with the same clustering code as ``group_into_stories``
        (state restored from the database) and persist the result, merges and aliases included.
        With no argument, assigns every stored article that has no story yet (what an ingest
        killed between storing and assigning leaves behind). Returns article id → story id.
        """
        with self._transaction() as conn:
            if articles is None:
                rows = self._article_rows(
                    "WHERE seq NOT IN (SELECT article_seq FROM story_members) ORDER BY seq", ())
                articles = self._rebuild(rows, arrays=("embedding",), layers=("entities",))
            return self._assign(conn, articles)

    def reconcile_stories(self, article_ids: Iterable[str]) -> bool:
        """Re-cluster together the stories holding these articles (see
        ``StoryClusterer.reconcile``) and persist what changed; False when they were too large
        (``[stories] reconcile_limit``) and nothing changed."""
        with self._transaction() as conn:
            clusterer = self.clusterer()
            done = clusterer.reconcile(article_ids, limit=self.config.stories.reconcile_limit)
            self._write_changes(conn, clusterer.pop_changes())
        return done

    def _assign(self, conn: sqlite3.Connection, articles: list[Article]) -> dict[str, str]:
        from newsweave.stories.cluster import features_of

        if not articles:
            return {}
        clusterer = self.clusterer()
        feats = []
        for article in articles:
            seq = article.values.get("store_seq")
            if seq is None:
                row = conn.execute("SELECT seq FROM articles WHERE id=?", (article.id,)).fetchone()
                if row is None:
                    raise ValueError(f"article {article.id} is not stored")
                seq = int(row[0])
            feats.append(features_of(article, seq=seq))
        clusterer.add_features(feats)
        changes = clusterer.pop_changes()
        self._write_changes(conn, changes)
        return {f.id: clusterer.story_of(f.id) for f in feats}

    def _write_changes(self, conn: sqlite3.Connection, changes) -> None:
        """Persist what the clusterer changed: memberships, new or changed stories, aliases."""
        clusterer = self.clusterer()
        for article_id, story_id in changes.memberships.items():
            conn.execute(
                "INSERT INTO story_members (article_seq, story_id) "
                "SELECT seq, ? FROM articles WHERE id=? "
                "ON CONFLICT(article_seq) DO UPDATE SET story_id=excluded.story_id",
                (story_id, article_id))
        for alias, story_id in changes.aliases.items():
            conn.execute("INSERT INTO story_aliases VALUES (?,?) ON CONFLICT(alias) DO UPDATE "
                         "SET story_id=excluded.story_id", (alias, story_id))
            conn.execute("UPDATE story_aliases SET story_id=? WHERE story_id=?", (story_id, alias))
            conn.execute("UPDATE findings SET story_id=? WHERE story_id=? AND kind NOT IN "
                         "(SELECT kind FROM findings WHERE story_id=?)",
                         (story_id, alias, story_id))
            conn.execute("DELETE FROM findings WHERE story_id=?", (alias,))
            conn.execute("DELETE FROM stories WHERE id=?", (alias,))
        for story_id in changes.stories:
            if story_id in changes.aliases:
                continue
            state = clusterer.story_state(story_id)
            if state is None:
                conn.execute("DELETE FROM stories WHERE id=?", (story_id,))
                continue
            first, last = state.date_range()
            conn.execute(
                "INSERT INTO stories (id, title, created_seq, size, first, last) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET title=excluded.title, "
                "size=excluded.size, first=excluded.first, last=excluded.last",
                (story_id, state.title(), state.created_seq, len(state.members),
                 first.isoformat() if first else None, last.isoformat() if last else None))
            # Findings computed before the story changed no longer describe it.
            conn.execute("DELETE FROM findings WHERE story_id=?", (story_id,))

    def resolve_story(self, id_or_alias: str) -> str:
        """The current id of a story given its id or any id it had before a merge."""
        row = self.conn.execute("SELECT id FROM stories WHERE id=?", (id_or_alias,)).fetchone()
        if row:
            return row[0]
        row = self.conn.execute("SELECT story_id FROM story_aliases WHERE alias=?",
                                (id_or_alias,)).fetchone()
        if row:
            return row[0]
        raise errors.NewsweaveError(errors.UNKNOWN_STORY, id_or_alias,
                                    "no story or story alias has this id",
                                    "list the stories with `newsweave stories --db PATH`")

    def list_stories(self) -> list[dict]:
        """One dict per story, largest first: ``{"id", "title", "size", "first", "last"}`` (dates
        ISO 8601 or None) plus ``"aliases"``.

        >>> open_store(":memory:").list_stories()
        []
        """
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
        """A stored story and its articles, rebuilt with every stored layer and value (see the
        module docstring); ``reparse=True`` also restores ``cache["doc"]`` with spaCy. Stored
        findings of the story are put back into its fields.
        """
        story_id = self.resolve_story(id_or_alias)
        title = self.conn.execute("SELECT title FROM stories WHERE id=?",
                                  (story_id,)).fetchone()[0]
        rows = self._article_rows(
            "WHERE seq IN (SELECT article_seq FROM story_members WHERE story_id=?) ORDER BY seq",
            (story_id,))
        articles = {a.id: a for a in self._rebuild(rows)}
        aliases = [r[0] for r in self.conn.execute(
            "SELECT alias FROM story_aliases WHERE story_id=? ORDER BY alias", (story_id,))]
        story = Story(story_id, articles=list(articles), title=title, aliases=aliases)
        story.set_findings({kind: json.loads(data) for kind, data in self.conn.execute(
            "SELECT kind, data FROM findings WHERE story_id=?", (story_id,))})
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
            for kind, value in kinds.items():
                conn.execute("INSERT INTO findings (story_id, kind, data) VALUES (?,?,?) "
                             "ON CONFLICT(story_id, kind) DO UPDATE SET data=excluded.data, "
                             "updated=strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                             (story_id, kind, json.dumps(value, default=_json_default)))


def _json_default(value: Any):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    # Never a silent str(): a value the store cannot give back must fail loudly here.
    raise TypeError(f"the store cannot keep a value of type {type(value).__name__}")
