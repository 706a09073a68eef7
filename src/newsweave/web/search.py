"""Search over article text: SQLite FTS5 when the SQLite library has it, else LIKE over a
bounded window of the newest articles.

The FTS5 table ``articles_fts`` is an external-content index over ``articles`` (title and
cleaned text; ``rowid`` = ``articles.seq``): the text is not stored twice. Articles are only
ever appended, so the index is kept current by indexing the rows past the last one indexed
(kept in the store's ``info`` table as ``fts_indexed_seq``) at start-up and then every few
seconds; no trigger is added to the store, so `newsweave ingest` and `newsweave watch` run as
they are, and a search may miss articles stored in the last seconds.

User text never reaches the FTS5 query language: it is cut into words and each word is
matched as a quoted string, so ``NEAR(``, ``*`` or a stray quote cannot make a query fail.
Every search (and a story list filtered by words) is bounded: at most ``MAX_TERMS`` words, a
page of at most 100 hits, and ``SEARCH_SECONDS`` of SQLite work, after which SQLite stops the
query and the request gets error E104 (503) instead of holding a server thread.
"""
from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from newsweave import errors
from newsweave.web.reads import Reader

log = logging.getLogger("newsweave.web")

MAX_TERMS = 12
MAX_TERM_CHARS = 64
LIKE_SCAN = 5_000       # articles a LIKE search reads at most (the newest ones)
INDEX_CHUNK = 500       # articles indexed per transaction
SNIPPET_CHARS = 220
SEARCH_SECONDS = 2.0    # SQLite work one search may take before it is stopped
PROGRESS_STEPS = 1_000  # SQLite VM steps between two looks at the clock

_WORD = re.compile(r"\w+")
_STATE_KEY = "fts_indexed_seq"


def search_terms(query: str) -> list[str]:
    """The words of a query, casefolded, unique, at most ``MAX_TERMS``.

    >>> search_terms('Macron "troops" NEAR(x*) macron')
    ['macron', 'troops', 'near', 'x']
    """
    out: list[str] = []
    for word in _WORD.findall(query.casefold()):
        word = word.strip("_")
        if word and len(word) <= MAX_TERM_CHARS and word not in out:
            out.append(word)
        if len(out) == MAX_TERMS:
            break
    return out


def fts_query(terms: list[str]) -> str:
    """An FTS5 query matching every term, each as a quoted string (no operator can leak in).

    >>> fts_query(["macron", "troops"])
    '"macron" "troops"'
    """
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def terms_pattern(terms: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any term, the longest first (built once per
    search, not once per hit)."""
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                      re.IGNORECASE)


# The letters outside ASCII that a case-insensitive match pairs with an ASCII letter, or whose
# lower case is not one letter: İ, ı, ſ and the Kelvin sign (tests/serve checks this against
# every code point).
ASCII_FOLDS = "\u0130\u0131\u017f\u212a"


def first_match(text: str, terms: list[str], pattern: re.Pattern[str]) -> int:
    """Where ``pattern`` (``terms_pattern(terms)``) first matches ``text``; -1 if nowhere.

    Running a case-insensitive alternation over a whole article lower-cases it letter by
    letter in the regex engine, the largest cost of a search's snippets. When every term is
    lower-case ASCII and the text has none of ``ASCII_FOLDS``, no letter outside ASCII can
    match a term's letter, so each becomes ``?`` (one byte for one letter: the offsets stay),
    and ``bytes.lower`` and ``find`` give the same answer two or three times faster.

    >>> first_match("Troops ... MACRON said", ["said", "macron"], terms_pattern(["said", "macron"]))
    11
    """
    if all(t.isascii() and t == t.lower() for t in terms) and \
            not any(c in text for c in ASCII_FOLDS):
        lowered = text.encode("ascii", "replace").lower()
        best = len(lowered)
        for term in terms:
            # Only an occurrence starting before the best one so far can improve it.
            found = lowered.find(term.encode("ascii"), 0, best - 1 + len(term))
            if found != -1:
                best = found
        return best if best < len(lowered) else -1
    match = pattern.search(text)
    return -1 if match is None else match.start()


def snippet(text: str, terms: list[str], size: int = SNIPPET_CHARS,
            pattern: re.Pattern[str] | None = None) -> tuple[str, list[list[int]]]:
    """A window of ``text`` around the first term found, and where the terms are in it
    (``[start, end]`` within the snippet). Leading and trailing partial words are cut.
    ``pattern``: ``terms_pattern(terms)``, when the caller already has it.

    >>> snippet("The troops were not sent. Macron said so.", ["macron"], 40)
    ('…troops were not sent. Macron said so.', [[23, 29]])
    """
    if not terms:
        return text[:size], []
    if pattern is None:
        pattern = terms_pattern(terms)
    first = first_match(text, terms, pattern)
    start = 0 if first == -1 else max(0, first - size // 3)
    end = min(len(text), start + size)
    start = max(0, min(start, end - size))
    if start > 0:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    # Same length as the text it shows, so the highlight positions stay true.
    window = text[start:end].replace("\n", " ").replace("\r", " ").replace("\t", " ")
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shown = prefix + window + suffix
    marks = [[m.start() + len(prefix), m.end() + len(prefix)] for m in pattern.finditer(window)]
    return shown, marks


@contextmanager
def bounded(conn: sqlite3.Connection, seconds: float, query: str = "",
            steps: int | None = None):
    """Stop the SQLite statements run on ``conn`` inside the block after ``seconds``; an
    interrupted one becomes error E104 (the server answers 503 in the one error shape)."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline),
                              steps or PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc).lower():
            raise
        raise errors.NewsweaveError(
            errors.OVER_BUDGET, query[:100] or "q", f"the query took more than {seconds:g} s "
            "and was stopped", "search for fewer or rarer words, or try again") from None
    finally:
        conn.set_progress_handler(None, 0)


@dataclass
class SearchHits:
    """One page of search results."""

    terms: list[str]
    engine: str
    complete: bool          # False: the index is behind, or LIKE did not scan every article
    total: int
    hits: list[dict[str, Any]] = field(default_factory=list)


class SearchIndex:
    """Finds articles by words, with FTS5 (kept current here) or LIKE."""

    def __init__(self, path: str, reader: Reader, *, engine: str = "auto",
                 like_scan: int = LIKE_SCAN, seconds: float = SEARCH_SECONDS,
                 reading_only: bool = False) -> None:
        """``reading_only``: an index that only searches (a search process's), with the
        ``engine`` (``fts5`` or ``like``) another index of the store found; it creates nothing
        and never indexes, so it needs no write access."""
        self.path, self.reader, self.like_scan = path, reader, like_scan
        self.seconds = seconds
        self.progress_steps = PROGRESS_STEPS  # SQLite VM steps between two looks at the clock
        self._lock = threading.Lock()
        self._writer: sqlite3.Connection | None = None
        self._reading_only = reading_only
        if reading_only:
            if engine not in ("fts5", "like"):
                raise ValueError(f"a reading-only index needs fts5 or like, not {engine!r}")
            self.engine = engine
            return
        self.engine = "like"
        if engine in ("auto", "fts5"):
            if self._create_fts():
                self.engine = "fts5"
            elif engine == "fts5":
                raise RuntimeError("this SQLite library has no FTS5")

    # -- the index ----------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        if self._writer is None:
            self._writer = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False,
                                           isolation_level=None)
        return self._writer

    def _create_fts(self) -> bool:
        conn = self._conn()
        try:
            conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, "
                "content='articles', content_rowid='seq', "
                "tokenize='unicode61 remove_diacritics 2')")
        except sqlite3.OperationalError as exc:  # no FTS5 compiled in
            log.warning("full-text search unavailable (%s); searching with LIKE", exc)
            return False
        return True

    def indexed_seq(self) -> int:
        row = self.reader.conn().execute("SELECT value FROM info WHERE key=?",
                                         (_STATE_KEY,)).fetchone()
        return int(row[0]) if row else 0

    def newest_seq(self) -> int:
        return int(self.reader.conn().execute(
            "SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0])

    def catch_up(self) -> int:
        """Index the articles stored since the last call; returns how many were indexed."""
        if self.engine != "fts5" or self._reading_only:
            return 0
        done = 0
        with self._lock:
            conn = self._conn()
            while True:
                row = conn.execute("SELECT value FROM info WHERE key=?", (_STATE_KEY,)).fetchone()
                last = int(row[0]) if row else 0
                newest = int(conn.execute(
                    "SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0])
                if newest < last:  # a different database under the same name: start again
                    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
                    conn.execute("INSERT OR REPLACE INTO info VALUES (?, ?)",
                                 (_STATE_KEY, str(newest)))
                    return newest
                if newest == last:
                    return done
                upto = min(newest, last + INDEX_CHUNK)
                conn.execute("BEGIN IMMEDIATE")
                try:
                    cur = conn.execute(
                        "INSERT INTO articles_fts(rowid, title, text) SELECT seq, "
                        "coalesce(title, ''), text FROM articles WHERE seq > ? AND seq <= ?",
                        (last, upto))
                    conn.execute("INSERT OR REPLACE INTO info VALUES (?, ?)",
                                 (_STATE_KEY, str(upto)))
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
                done += max(cur.rowcount, 0)

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None

    # -- queries ------------------------------------------------------------------------------

    def _matching_seqs_sql(self, terms: list[str]) -> tuple[str, list[Any]]:
        """SQL selecting the ``seq`` of matching articles, with its parameters."""
        if self.engine == "fts5":
            return "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [fts_query(terms)]
        conds = " AND ".join("(text LIKE ? ESCAPE '\\' OR coalesce(title, '') LIKE ? "
                             "ESCAPE '\\')" for _ in terms)
        params: list[Any] = [self._like_floor()]
        for term in terms:
            params += [_like(term), _like(term)]
        return f"SELECT seq FROM articles WHERE seq > ? AND {conds}", params

    def _like_floor(self) -> int:
        return max(0, self.newest_seq() - self.like_scan)

    def story_filter(self, terms: list[str]) -> tuple[str, list[Any]]:
        """A condition on ``s.id`` keeping the stories with an article that matches (none
        when there are no terms)."""
        if not terms:
            return "0", []
        sql, params = self._matching_seqs_sql(terms)
        return (f"s.id IN (SELECT m.story_id FROM story_members m WHERE m.article_seq IN ({sql}))",
                params)

    def complete(self) -> bool:
        if self.engine == "fts5":
            return self.indexed_seq() >= self.newest_seq()
        return self._like_floor() == 0

    def search(self, terms: list[str], *, limit: int, offset: int) -> SearchHits:
        """Articles matching every term, best first (FTS5 rank) or newest first (LIKE); no
        terms find nothing."""
        if not terms:
            return SearchHits(terms, self.engine, self.complete(), 0, [])
        conn = self.reader.conn()
        sql, params = self._matching_seqs_sql(terms)
        if self.engine == "fts5":
            page_sql = ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                        "ORDER BY rank LIMIT ? OFFSET ?")
        else:
            page_sql = sql + " ORDER BY seq DESC LIMIT ? OFFSET ?"
        with bounded(conn, self.seconds, " ".join(terms), self.progress_steps):
            total = int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
            seqs = [r[0] for r in conn.execute(page_sql, [*params, limit, offset])]
            hits = self._hits(seqs, terms)
        return SearchHits(terms, self.engine, self.complete(), total, hits)

    def _hits(self, seqs: list[int], terms: list[str]) -> list[dict[str, Any]]:
        if not seqs:
            return []
        marks = ",".join("?" * len(seqs))
        rows = {r[0]: r for r in self.reader.conn().execute(
            "SELECT a.seq, a.id, a.title, a.source, a.url, a.published, a.text, m.story_id "
            "FROM articles a LEFT JOIN story_members m ON m.article_seq = a.seq "
            f"WHERE a.seq IN ({marks})", seqs)}
        hits = []
        pattern = terms_pattern(terms)
        for seq in seqs:
            if seq not in rows:
                continue
            _, aid, title, source, url, published, text, story = rows[seq]
            shown, marks_in = snippet(text, terms, pattern=pattern)
            hits.append({"article": aid, "title": title, "source": source, "url": url,
                         "published": published, "story": story, "snippet": shown,
                         "highlights": marks_in})
        return hits
