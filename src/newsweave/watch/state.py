"""What the watcher remembers between polls, in two tables of the store's own SQLite file.

- ``watch_feeds``: one row per polled URL (feed or OPML): its HTTP validators (ETag,
  Last-Modified) for conditional requests, the feeds an OPML document listed, and its failure
  count and backoff.
- ``watch_items``: one row per feed entry met: its guid (scoped to its feed, since guids are only
  unique per feed in practice) and link (global: one article in two feeds is one item), what
  became of it (``added``, ``known`` content, ``skipped`` with code and reason, or ``pending``:
  its page did not answer and it is tried again).

Both are created idempotently when the watcher opens a store; the rest of the store never reads
them. An entry is recorded only after its article is committed, so a watcher killed between the
two re-reads the entry at the next poll and the store skips its content as known.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

_SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'feed',        -- 'feed' or 'opml'
    etag TEXT,
    last_modified TEXT,
    feeds TEXT,                               -- opml: JSON list of the feed URLs it lists
    failures INTEGER NOT NULL DEFAULT 0,      -- failed polls in a row
    wait_polls INTEGER NOT NULL DEFAULT 0,    -- polls still to sit out (backoff)
    last_polled TEXT,
    last_ok TEXT,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS watch_items (
    id INTEGER PRIMARY KEY,
    feed TEXT NOT NULL,
    guid TEXT,
    link TEXT,
    status TEXT NOT NULL,                     -- added | known | skipped | pending
    article_id TEXT,
    code TEXT,
    reason TEXT,
    attempts INTEGER NOT NULL DEFAULT 1,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS watch_items_guid ON watch_items(feed, guid);
CREATE INDEX IF NOT EXISTS watch_items_link ON watch_items(link);
"""


@dataclass(frozen=True)
class FeedState:
    url: str
    kind: str = "feed"
    etag: str | None = None
    last_modified: str | None = None
    feeds: tuple[str, ...] = ()
    failures: int = 0
    wait_polls: int = 0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class WatchState:
    """The watcher's tables on an open SQLite connection (autocommit, as the store keeps it)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.executescript(_SCHEMA)

    # -- feeds ----------------------------------------------------------------------------

    def feed(self, url: str) -> FeedState:
        row = self.conn.execute(
            "SELECT kind, etag, last_modified, feeds, failures, wait_polls FROM watch_feeds "
            "WHERE url=?", (url,)).fetchone()
        if row is None:
            return FeedState(url)
        kind, etag, modified, feeds, failures, wait = row
        return FeedState(url, kind, etag, modified, tuple(json.loads(feeds or "[]")),
                         failures, wait)

    def _upsert(self, url: str, **values) -> None:
        self.conn.execute("INSERT OR IGNORE INTO watch_feeds (url) VALUES (?)", (url,))
        sets = ", ".join(f"{name}=?" for name in values)
        self.conn.execute(f"UPDATE watch_feeds SET {sets} WHERE url=?", (*values.values(), url))

    def sit_out(self, url: str) -> bool:
        """True (and one poll fewer to wait) when the feed is backing off this poll."""
        state = self.feed(url)
        if state.wait_polls > 0:
            self._upsert(url, wait_polls=state.wait_polls - 1)
            return True
        return False

    def feed_ok(self, url: str, *, kind: str, etag: str | None = None,
                last_modified: str | None = None, feeds: list[str] | None = None,
                keep_validators: bool = True) -> None:
        """Record a successful poll; ``keep_validators=False`` forgets the validators so the
        next poll reads the whole feed again (an entry of it is waiting for a retry)."""
        now = _now()
        values = {"kind": kind, "failures": 0, "wait_polls": 0, "last_polled": now,
                  "last_ok": now, "last_error": None}
        if keep_validators:
            values.update(etag=etag, last_modified=last_modified)
        else:
            values.update(etag=None, last_modified=None)
        if feeds is not None:
            values["feeds"] = json.dumps(feeds)
        self._upsert(url, **values)

    def feed_not_modified(self, url: str) -> None:
        now = _now()
        self._upsert(url, failures=0, wait_polls=0, last_polled=now, last_ok=now, last_error=None)

    def feed_failed(self, url: str, error: str, *, max_backoff_polls: int) -> int:
        """Record a failed poll; returns the polls the feed now sits out (0 the first time: a
        feed that failed once is tried again at the next poll)."""
        failures = self.feed(url).failures + 1
        wait = min(2 ** (failures - 1) - 1, max_backoff_polls)
        self._upsert(url, failures=failures, wait_polls=wait, last_polled=_now(),
                     last_error=error)
        return wait

    # -- items ----------------------------------------------------------------------------

    def seen(self, feed: str, guid: str | None, link: str | None) -> bool:
        """Whether this entry was met before and needs nothing more (anything but pending)."""
        return self._find(feed, guid, link, pending=False) is not None

    def attempts(self, feed: str, guid: str | None, link: str | None) -> int:
        """Earlier attempts at a pending entry (0 when it is new)."""
        row = self._find(feed, guid, link, pending=True)
        return 0 if row is None else int(row[1])

    def _find(self, feed: str, guid: str | None, link: str | None, *, pending: bool):
        test = "status = 'pending'" if pending else "status != 'pending'"
        if guid:
            row = self.conn.execute(f"SELECT id, attempts FROM watch_items WHERE feed=? AND "
                                    f"guid=? AND {test}", (feed, guid)).fetchone()
            if row:
                return row
        if link:
            return self.conn.execute(f"SELECT id, attempts FROM watch_items WHERE link=? AND "
                                     f"{test}", (link,)).fetchone()
        return None

    def record(self, feed: str, guid: str | None, link: str | None, *, status: str,
               article_id: str | None = None, code: str | None = None,
               reason: str | None = None) -> None:
        """Record what became of an entry (a pending row is updated in place)."""
        now = _now()
        row = self._find(feed, guid, link, pending=True)
        if row is not None:
            self.conn.execute(
                "UPDATE watch_items SET status=?, article_id=?, code=?, reason=?, "
                "attempts=attempts+1, last_seen=? WHERE id=?",
                (status, article_id, code, reason, now, row[0]))
            return
        self.conn.execute(
            "INSERT INTO watch_items (feed, guid, link, status, article_id, code, reason, "
            "first_seen, last_seen) VALUES (?,?,?,?,?,?,?,?,?)",
            (feed, guid, link, status, article_id, code, reason, now, now))

    def counts(self) -> dict[str, int]:
        return dict(self.conn.execute(
            "SELECT status, count(*) FROM watch_items GROUP BY status").fetchall())
