"""What the SQLite and PostgreSQL stores share: the articles, stories and findings logic over
the rows of ``rows.py``, and the wait for a run's writer lock.

``StoreBase`` holds every method whose logic does not depend on the database; a backend
(``SqliteStore``, ``PostgresStore``) adds only what differs: the connection and its
transactions, the writer lock, how a batch of rows is inserted, how ``x IN (values)`` is
spelt, and how the clusterer's stories are found. Shared statements are written once, with
SQLite's ``?`` placeholders; ``_sql`` turns them into the backend's (``%s`` for psycopg), so
they must hold no other ``?`` and no ``%``.
"""
from __future__ import annotations

import json
import time
from contextlib import closing, contextmanager
from datetime import datetime
from typing import Any, Callable, Iterable, Iterator, Self

from newsweave import errors
from newsweave.model import Article, Story
from newsweave.store.rows import (PARSE_ARRAY, ROW_COLUMNS, SCHEMA_VERSION, array_rows,
                                  decode_article, encode_article, gained_results, json_default,
                                  layer_rows)

# ---------------------------------------------------------------------- opening and locking


def schema_mismatch(path: str, found: str, *, older_fix: str,
                    newer_fix: str) -> errors.NewsweaveError:
    """The error for a database whose schema version ``found`` is not ``SCHEMA_VERSION``."""
    older = int(found) < SCHEMA_VERSION
    return errors.NewsweaveError(
        errors.CANNOT_WRITE, path,
        f"database schema {found} was written by {'an older' if older else 'a newer'} "
        f"newsweave; this one reads schema {SCHEMA_VERSION}",
        older_fix if older else newer_fix)


def wait_for_lock(try_lock: Callable[[], bool], holder: Callable[[], str], *, path: str,
                  timeout: float, on_wait: Callable[[str], None] | None,
                  where: str = "") -> None:
    """Call ``try_lock`` until it takes the writer lock: ``on_wait`` is told once, with who
    holds it (``holder()``, `` (…)`` or ""), and after ``timeout`` seconds the run fails with
    E306 (``where`` says where the lock is, for the message)."""
    deadline = time.monotonic() + timeout
    told = False
    while not try_lock():
        who = holder()
        if time.monotonic() >= deadline:
            raise errors.NewsweaveError(
                errors.STORE_BUSY, path,
                f"another newsweave run{who} is writing to this database{where}; "
                f"waited {timeout:.0f} s",
                "let that run finish and run this one again, or ingest into another "
                "database (--wait SECONDS waits longer)")
        if not told and on_wait is not None:
            on_wait(f"waiting for another newsweave run{who} writing to {path} to finish "
                    f"(up to {timeout:.0f} s)")
            told = True
        time.sleep(0.2)


def window_cutoff(newest: str, window_days: float) -> float:
    """The POSIX time before which a story's last report puts it outside the clustering
    window that ends at ``newest`` (ISO 8601)."""
    return datetime.fromisoformat(newest).timestamp() - window_days * 86400.0


def inside_window(last: str | None, cutoff: float) -> bool:
    """Whether a story last reported at ``last`` (ISO 8601; None when undated) is active."""
    return last is None or datetime.fromisoformat(last).timestamp() >= cutoff


# ------------------------------------------------------------------------------ the store


class StoreBase:
    """The store's interface and behaviour over any SQL database holding the schema of
    ``sqlite.py``/``pg_schema.py``; see the module docstring for what a backend adds."""

    conn: Any
    path: str
    config: Any
    _clusterer: Any = None
    # Where `newsweave stories --db ...` is told to look, in messages.
    DB_HINT = "PATH"
    # The SQL expression for the current time in ``findings.updated``.
    NOW_SQL = "now()"
    # At most this many values in one ``_any`` test (SQLite bounds a statement's parameters).
    CHUNK = 500

    # -- what a backend provides ------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        """A shared statement (``?`` placeholders) in the backend's placeholder style."""
        return sql

    def _any(self, column: str, values: list) -> tuple[str, tuple]:
        """SQL testing that ``column`` is one of ``values`` (``?`` style), and its params."""
        raise NotImplementedError

    @contextmanager
    def _write_transaction(self) -> Iterator[Any]:
        """One write transaction, writers serialised (SQLite's ``BEGIN IMMEDIATE``)."""
        raise NotImplementedError
        yield  # pragma: no cover

    def _insert_rows(self, conn, rows: list[tuple]) -> list[int]:
        """Insert ``articles`` rows (``INSERT_ARTICLE``); their ``seq``, in order."""
        raise NotImplementedError

    def _restore_members(self, window_days: float | None
                         ) -> tuple[dict[str, int], list[tuple[Any, str]]]:
        """For the clusterer: ``created_seq`` by story id, and ``(features, story id)`` of the
        members of the stories inside the clustering window (all when undated), in creation
        order then arrival order."""
        raise NotImplementedError

    # -- connection and transactions ----------------------------------------------------------

    def _query(self, sql: str, params: Iterable = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params))

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        try:
            with self._write_transaction() as conn:
                yield conn
        except BaseException:
            self._clusterer = None  # its in-memory state may be ahead of the db: rebuild it
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- articles ---------------------------------------------------------------------------

    def _chunks(self, values: Iterable) -> Iterator[list]:
        values = list(values)
        for i in range(0, len(values), self.CHUNK):
            yield values[i : i + self.CHUNK]

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are already stored."""
        known: set[str] = set()
        for chunk in self._chunks(dict.fromkeys(hashes)):
            test, params = self._any("content_hash", chunk)
            known.update(r[0] for r in self._query(
                f"SELECT content_hash FROM articles WHERE {test}", params))
        return known

    def has_article(self, article_id: str) -> bool:
        return self._query("SELECT 1 FROM articles WHERE id=?",
                           (article_id,)).fetchone() is not None

    def add_articles(self, articles: list[Article], *, assign: bool = True) -> tuple[int, int]:
        """Store the articles that are new (by content hash) in one transaction, and (by
        default) assign them to stories in the same transaction. Returns ``(added,
        skipped_as_known)``. An article whose id is taken by different content is stored under
        the id with ``~2``, ``~3``... appended.

        >>> from newsweave.model import Article
        >>> from newsweave.store import open_store
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
        """The batch in three statements (articles, layers, arrays): one round trip per
        article would make a remote server the bottleneck."""
        encoded = [encode_article(article) for article in articles]
        seqs = self._insert_rows(conn, [row for row, _ in encoded])
        layers, arrays = [], []
        for article, seq, (_, values) in zip(articles, seqs, encoded):
            article.values["store_seq"] = seq  # not persisted (it is the row itself)
            layers.extend(layer_rows(seq, article))
            arrays.extend(array_rows(seq, values))
        with closing(conn.cursor()) as cur:
            if layers:
                cur.executemany(self._sql("INSERT INTO layers VALUES (?,?,?)"), layers)
            if arrays:
                cur.executemany(self._sql("INSERT INTO arrays VALUES (?,?,?,?,?)"), arrays)

    def _article_rows(self, where: str, params: Iterable = ()) -> list[tuple]:
        return self._query(f"SELECT {ROW_COLUMNS} FROM articles a " + where,
                           params).fetchall()

    def _rebuild(self, rows: list[tuple], *, arrays: tuple[str, ...] | None = None,
                 layers: tuple[str, ...] | None = None) -> list[Article]:
        """Articles from rows; ``arrays``/``layers`` limit what is loaded (None = all). Layers
        and arrays of all the rows come in one query each (per ``CHUNK`` rows)."""
        layer_map: dict[int, list[tuple]] = {}
        array_map: dict[int, list[tuple]] = {}
        for chunk in self._chunks(r[0] for r in rows):
            for table, columns, names, found in (("layers", "name, spans", layers, layer_map),
                                                 ("arrays", "name, dtype, shape, data", arrays,
                                                  array_map)):
                test, params = self._any("article_seq", chunk)
                if names is not None:
                    name_test, name_params = self._any("name", list(names))
                    test, params = f"{test} AND {name_test}", params + name_params
                for seq, *part in self._query(
                        f"SELECT article_seq, {columns} FROM {table} WHERE {test} "
                        "ORDER BY article_seq, name", params):
                    found.setdefault(seq, []).append(part)
        return [decode_article(row, layer_map.get(row[0], ()), array_map.get(row[0], ()))
                for row in rows]

    def get_articles(self, article_ids: list[str]) -> dict[str, Article]:
        """Stored articles by id, rebuilt with all their layers and values."""
        out: dict[str, Article] = {}
        for chunk in self._chunks(article_ids):
            test, params = self._any("a.id", chunk)
            for article in self._rebuild(self._article_rows(f"WHERE {test}", params)):
                out[article.id] = article
        return out

    def counts(self) -> dict[str, int]:
        row = self._query(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories), "
            "(SELECT count(*) FROM story_aliases), (SELECT count(*) FROM articles a WHERE NOT "
            "EXISTS (SELECT 1 FROM story_members m WHERE m.article_seq = a.seq))").fetchone()
        return dict(zip(("articles", "stories", "aliases", "unassigned"), map(int, row)))

    # -- stories ----------------------------------------------------------------------------

    def clusterer(self):
        """The story clusterer, its state restored from the database on first use: the stories
        with a member dated inside the clustering window of the newest article (all stories when
        dates are unknown), with their members' features rebuilt from the stored text, entity
        layer and embedding."""
        if self._clusterer is None:
            from newsweave.stories.cluster import StoryClusterer

            clusterer = StoryClusterer.from_config(self.config)
            created, members = self._restore_members(clusterer.window_days)
            aliases = dict(self._query("SELECT alias, story_id FROM story_aliases"))
            next_seq = int(self._query(
                "SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0])
            clusterer.restore(members, created=created, aliases=aliases, next_seq=next_seq)
            self._clusterer = clusterer
        return self._clusterer

    def _member_features(self, rows: list[tuple], story_ids: Iterable[str]
                         ) -> list[tuple[Any, str]]:
        """``(features, story id)`` of the article rows, one story id per row."""
        from newsweave.stories.cluster import features_of

        articles = self._rebuild(rows, arrays=("embedding",), layers=("entities",))
        return [(features_of(article, seq=article.values["store_seq"]), sid)
                for article, sid in zip(articles, story_ids)]

    def assign_stories(self, articles: list[Article] | None = None) -> dict[str, str]:
        """Assign articles to stories with the same clustering code as ``group_into_stories``
        (state restored from the database) and persist the result, merges and aliases included.
        With no argument, assigns every stored article that has no story yet (what an ingest
        killed between storing and assigning leaves behind). Returns article id → story id.
        """
        with self._transaction() as conn:
            if articles is None:
                rows = self._article_rows(
                    "WHERE NOT EXISTS (SELECT 1 FROM story_members m "
                    "WHERE m.article_seq = a.seq) ORDER BY a.seq")
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

    def _assign(self, conn, articles: list[Article]) -> dict[str, str]:
        from newsweave.stories.cluster import features_of

        if not articles:
            return {}
        clusterer = self.clusterer()
        feats = []
        for article in articles:
            seq = article.values.get("store_seq")
            if seq is None:
                row = conn.execute(self._sql("SELECT seq FROM articles WHERE id=?"),
                                   (article.id,)).fetchone()
                if row is None:
                    raise ValueError(f"article {article.id} is not stored")
                seq = int(row[0])
            feats.append(features_of(article, seq=seq))
        clusterer.add_features(feats)
        self._write_changes(conn, clusterer.pop_changes())
        return {f.id: clusterer.story_of(f.id) for f in feats}

    def _write_changes(self, conn, changes) -> None:
        """Persist what the clusterer changed: memberships, new or changed stories, aliases."""
        clusterer = self.clusterer()
        sql = self._sql
        with closing(conn.cursor()) as cur:
            if changes.memberships:
                cur.executemany(sql(
                    "INSERT INTO story_members (article_seq, story_id) "
                    "SELECT seq, ? FROM articles WHERE id=? "
                    "ON CONFLICT (article_seq) DO UPDATE SET story_id=excluded.story_id"),
                    [(sid, aid) for aid, sid in changes.memberships.items()])
            for alias, story_id in changes.aliases.items():
                cur.execute(sql("INSERT INTO story_aliases VALUES (?,?) ON CONFLICT (alias) DO "
                                "UPDATE SET story_id=excluded.story_id"), (alias, story_id))
                cur.execute(sql("UPDATE story_aliases SET story_id=? WHERE story_id=?"),
                            (story_id, alias))
                cur.execute(sql("UPDATE findings SET story_id=? WHERE story_id=? AND kind NOT IN "
                                "(SELECT kind FROM findings WHERE story_id=?)"),
                            (story_id, alias, story_id))
                cur.execute(sql("DELETE FROM findings WHERE story_id=?"), (alias,))
                cur.execute(sql("DELETE FROM stories WHERE id=?"), (alias,))
            for story_id in changes.stories:
                if story_id in changes.aliases:
                    continue
                state = clusterer.story_state(story_id)
                if state is None:
                    cur.execute(sql("DELETE FROM stories WHERE id=?"), (story_id,))
                    continue
                first, last = state.date_range()
                cur.execute(sql(
                    "INSERT INTO stories (id, title, created_seq, size, first, last) "
                    "VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
                    "title=excluded.title, size=excluded.size, first=excluded.first, "
                    "last=excluded.last"),
                    (story_id, state.title(), state.created_seq, len(state.members),
                     first.isoformat() if first else None, last.isoformat() if last else None))
                # Findings computed before the story changed no longer describe it.
                cur.execute(sql("DELETE FROM findings WHERE story_id=?"), (story_id,))

    def resolve_story(self, id_or_alias: str) -> str:
        """The current id of a story given its id or any id it had before a merge."""
        row = self._query("SELECT id FROM stories WHERE id=?", (id_or_alias,)).fetchone()
        if row:
            return row[0]
        row = self._query("SELECT story_id FROM story_aliases WHERE alias=?",
                          (id_or_alias,)).fetchone()
        if row:
            return row[0]
        raise errors.NewsweaveError(errors.UNKNOWN_STORY, id_or_alias,
                                    "no story or story alias has this id",
                                    f"list the stories with `newsweave stories --db "
                                    f"{self.DB_HINT}`")

    def list_stories(self) -> list[dict]:
        """One dict per story, largest first: ``{"id", "title", "size", "first", "last"}`` (dates
        ISO 8601 or None) plus ``"aliases"``.

        >>> from newsweave.store import open_store
        >>> open_store(":memory:").list_stories()
        []
        """
        aliases: dict[str, list[str]] = {}
        for alias, sid in self._query("SELECT alias, story_id FROM story_aliases "
                                      "ORDER BY alias"):
            aliases.setdefault(sid, []).append(alias)
        return [{"id": sid, "title": title, "size": size, "first": first, "last": last,
                 "aliases": aliases.get(sid, [])}
                for sid, title, size, first, last in self._query(
                    "SELECT id, title, size, first, last FROM stories "
                    "ORDER BY size DESC, coalesce(last, '') DESC, created_seq")]

    def load_story(self, id_or_alias: str, *, reparse: bool = False
                   ) -> tuple[Story, dict[str, Article]]:
        """A stored story and its articles, rebuilt with every stored layer and value (see
        ``sqlite.py``'s docstring); ``reparse=True`` also restores ``cache["doc"]`` with spaCy.
        Stored findings of the story are put back into its fields.
        """
        story_id = self.resolve_story(id_or_alias)
        title = self._query("SELECT title FROM stories WHERE id=?", (story_id,)).fetchone()[0]
        rows = self._article_rows(
            "WHERE a.seq IN (SELECT article_seq FROM story_members WHERE story_id=?) "
            "ORDER BY a.seq", (story_id,))
        articles = {a.id: a for a in self._rebuild(rows)}
        aliases = [r[0] for r in self._query(
            "SELECT alias FROM story_aliases WHERE story_id=? ORDER BY alias", (story_id,))]
        story = Story(story_id, articles=list(articles), title=title, aliases=aliases)
        story.set_findings({kind: json.loads(data) for kind, data in self._query(
            "SELECT kind, data FROM findings WHERE story_id=? ORDER BY kind", (story_id,))})
        if reparse and articles:
            from newsweave.nlp.spacy_stage import load_nlp

            nlp = load_nlp(self.config.nlp.spacy_model)
            for article, doc in zip(articles.values(),
                                    nlp.pipe([a.text for a in articles.values()])):
                article.cache["doc"] = doc
        return story, articles

    def save_analysis(self, articles: Iterable[Article]) -> int:
        """Keep what a brief computed for stored articles: the article stages a staged ingest
        deferred (marked ``api.COMPLETED_KEY``), the brief-time stages' vectors, and the packed
        parse, so a later brief of the same articles runs none of them again. Rewrites the
        values and layers of each article that gained any (``rows.gained_results``); returns
        how many."""
        from newsweave.api import COMPLETED_KEY
        from newsweave.nlp.parse_pack import PACK_KEY, pack

        todo = [a for a in articles if a.values.get("store_seq") is not None and (
            a.cache.get(COMPLETED_KEY) or gained_results(a))]
        if not todo:
            return 0
        layers, arrays, vals = [], [], []
        for article in todo:
            seq = article.values["store_seq"]
            row, values = encode_article(article)
            vals.append((row[-1], seq))
            layers.extend(layer_rows(seq, article))
            arrays.extend(array_rows(seq, values))
            doc = article.cache.get("doc")
            packed = pack(doc) if doc is not None else article.cache.get(PACK_KEY)
            if packed is not None:
                arrays.append((seq, PARSE_ARRAY, "|u1", "[%d]" % len(packed), packed))
        seqs = [(a.values["store_seq"],) for a in todo]
        with self._transaction() as conn:
            with closing(conn.cursor()) as cur:
                cur.executemany(self._sql("UPDATE articles SET vals=? WHERE seq=?"), vals)
                cur.executemany(self._sql("DELETE FROM layers WHERE article_seq=?"), seqs)
                cur.executemany(self._sql("DELETE FROM arrays WHERE article_seq=?"), seqs)
                if layers:
                    cur.executemany(self._sql("INSERT INTO layers VALUES (?,?,?)"), layers)
                if arrays:
                    cur.executemany(self._sql("INSERT INTO arrays VALUES (?,?,?,?,?)"), arrays)
        for article in todo:
            article.cache.pop(COMPLETED_KEY, None)
        return len(todo)

    def save_findings(self, story: Story) -> None:
        """Persist what story stages found (quotes, claims, copies, ...) for a stored story."""
        story_id = self.resolve_story(story.id)
        kinds = story.findings_dict()
        with self._transaction() as conn:
            with closing(conn.cursor()) as cur:
                for kind, value in kinds.items():
                    cur.execute(self._sql(
                        "INSERT INTO findings (story_id, kind, data) VALUES (?,?,?) "
                        "ON CONFLICT (story_id, kind) DO UPDATE SET data=excluded.data, "
                        f"updated={self.NOW_SQL}"),
                        (story_id, kind, json.dumps(value, default=json_default)))
