"""Built briefings kept in a SQLite store (table ``briefing_cache``), and their versions.

A kept briefing carries the *version* it was built from: a hash of the story's member article
ids (an article's text never changes under its id), the configuration and the newsweave
version. The web cache (``newsweave.web.cache``) serves and rebuilds them; `newsweave brief --db
--story` reuses one whose version is the story's current version (the same members, config
and newsweave version), so re-briefing an unchanged story loads JSON instead of running the
stages, and a briefing built from other members or another config is never served.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from typing import Any

from newsweave import __version__
from newsweave.config import Config

SCHEMA = """
CREATE TABLE IF NOT EXISTS briefing_cache (
    story_id TEXT PRIMARY KEY,
    version TEXT NOT NULL,                  -- story_version() of what it was built from
    articles TEXT NOT NULL,                 -- JSON list of the member ids briefed
    briefing TEXT NOT NULL,                 -- the briefing@1 JSON, without articles' raw text
    built TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    seconds REAL NOT NULL
) WITHOUT ROWID;
"""


def config_digest(config: Config) -> str:
    """A short hash of the configuration and the newsweave version (both change a briefing)."""
    text = json.dumps(config.model_dump(), sort_keys=True, default=str) + __version__
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def story_version(article_ids: list[str], digest: str) -> str:
    """The version of a story: its member ids (in any order) and the config digest.

    >>> story_version(["b", "a"], "x") == story_version(["a", "b"], "x")
    True
    """
    text = "\n".join(sorted(article_ids)) + "\n" + digest
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def compact_json(briefing: dict[str, Any]) -> str:
    """The briefing as compact JSON without the articles' ``raw`` text (as in briefing.json,
    whose readers take the text from the files; the server takes it from the store)."""
    slim = dict(briefing)
    slim["articles"] = [{k: v for k, v in a.items() if k != "raw"}
                        for a in briefing.get("articles", [])]
    return json.dumps(slim, ensure_ascii=False, separators=(",", ":"), default=str)


def write_kept(conn: sqlite3.Connection, story_id: str, version: str, articles: list[str],
               body: str, seconds: float) -> str:
    """Keep ``body`` as the briefing of ``story_id`` (inside the caller's transaction); returns
    its ``built`` time. Briefings kept under ids the story had before a merge are dropped."""
    conn.execute(
        "INSERT INTO briefing_cache (story_id, version, articles, briefing, seconds) "
        "VALUES (?,?,?,?,?) ON CONFLICT(story_id) DO UPDATE SET version=excluded.version, "
        "articles=excluded.articles, briefing=excluded.briefing, built=excluded.built, "
        "seconds=excluded.seconds", (story_id, version, json.dumps(articles), body, seconds))
    conn.execute("DELETE FROM briefing_cache WHERE story_id IN "
                 "(SELECT alias FROM story_aliases WHERE story_id=?)", (story_id,))
    return conn.execute("SELECT built FROM briefing_cache WHERE story_id=?",
                        (story_id,)).fetchone()[0]


def _members(conn: sqlite3.Connection, story_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT a.id FROM story_members m JOIN articles a ON a.seq = m.article_seq "
        "WHERE m.story_id=? ORDER BY a.seq", (story_id,))]


def kept_briefing(conn: sqlite3.Connection, story_id: str, config: Config
                  ) -> dict[str, Any] | None:
    """The kept briefing of ``story_id`` (a resolved id) when it was built from the story's
    current members with ``config`` and this newsweave version, with each article's ``raw``
    text put back from the store (as `brief` gives it); None otherwise."""
    conn.executescript(SCHEMA)
    row = conn.execute("SELECT version, briefing FROM briefing_cache WHERE story_id=?",
                       (story_id,)).fetchone()
    if row is None or row[0] != story_version(_members(conn, story_id), config_digest(config)):
        return None
    briefing = json.loads(row[1])
    raws = {article_id: text if raw is None else zlib.decompress(raw).decode("utf-8")
            for article_id, text, raw in conn.execute(
                "SELECT a.id, a.text, a.raw FROM story_members m JOIN articles a "
                "ON a.seq = m.article_seq WHERE m.story_id=?", (story_id,))}
    for article in briefing.get("articles", []):
        raw = raws.get(article.get("id"))
        if raw is None:
            return None  # a briefed article no longer in the story: build it again
        article["raw"] = raw
    return briefing


def keep_briefing(conn: sqlite3.Connection, story_id: str, articles: list[str],
                  briefing: dict[str, Any], seconds: float, config: Config) -> None:
    """Keep a briefing just built from ``articles`` (the story's members) with ``config``."""
    conn.executescript(SCHEMA)
    version = story_version(articles, config_digest(config))
    conn.execute("BEGIN IMMEDIATE")
    try:
        write_kept(conn, story_id, version, articles, compact_json(briefing), seconds)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
