"""Ready-to-send responses, kept per store version, with an ETag (and a 304 when the client
already has them).

The story list, search, a story's briefing and its page are pure functions of the store file
and the URL: the same request against the same store gives the same bytes. So a successful
answer is kept, already encoded, under ``(store version, path, query)``, and the next request
for it costs one cheap version check and a dictionary look-up: no store read, no template, no
JSON encoding, no thread.

The store version is SQLite's ``PRAGMA data_version`` on a connection of our own: it moves
whenever any other connection commits to the file (`newsweave ingest` or `watch` in another
process, this server's briefing builder or search indexer), and reading it takes a few
microseconds. Responses that must not be replayed are never kept: errors, and a briefing
served ``stale`` (its request queues the rebuild, so each one goes through the app).
"""
from __future__ import annotations

import asyncio
import hashlib
import re
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass

# Paths whose successful GET answers depend only on the store and the URL (not on the
# Accept header: that changes error pages only, and errors are never kept).
CACHEABLE = re.compile(r"/(?:|search|stories/[^/]+|api/v1/(?:stories|search|stories/[^/]+"
                       r"|stories/[^/]+/briefing))")
MAX_ENTRIES = 512
MAX_BYTES = 64 * 1024 * 1024
# Response headers a 304 repeats (RFC 9110 15.4.5), and whether the briefing is stale (its
# bytes are the old ones: a client holding them is told so); the guard adds its own.
_KEPT_ON_304 = {b"etag", b"cache-control", b"vary", b"content-location", b"x-newsweave-briefing"}


class StoreVersion:
    """A number that changes whenever the store file has changed since the last call.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "v.db")
    >>> sqlite3.connect(path).close()
    >>> version = StoreVersion(path)
    >>> first = version.current(); first == version.current()
    True
    >>> with sqlite3.connect(path) as other:
    ...     _ = other.execute("CREATE TABLE t (x)")
    >>> version.current() != first
    True
    """

    def __init__(self, path: str) -> None:
        # A short busy timeout: the check runs on the event loop, and a store it cannot read
        # at once counts as changed (the request is then answered by the app, never stale).
        self._conn = sqlite3.connect(path, timeout=0.05, check_same_thread=False,
                                     isolation_level=None)
        self._conn.execute("PRAGMA query_only=ON")
        self._lock = threading.Lock()
        self._seen: int | None = None
        self._generation = 0

    def current(self) -> int:
        with self._lock:
            try:
                value = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                value = None
            if value is None or value != self._seen:
                self._seen = value
                self._generation += 1
            return self._generation

    def close(self) -> None:
        with self._lock:
            self._conn.close()


@dataclass(frozen=True)
class Kept:
    """One kept response: status, headers (with its ETag) and body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: bytes


def etag_of(body: bytes) -> bytes:
    """A strong ETag from the bytes themselves (so equal bytes always share a tag).

    >>> etag_of(b"x") == etag_of(b"x"), etag_of(b"x") == etag_of(b"y")
    (True, False)
    """
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode("ascii") + b'"'


def matches(if_none_match: bytes, etag: bytes) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, as RFC 9110 says).

    >>> matches(b'W/"a", "b"', b'"a"'), matches(b'*', b'"a"'), matches(b'"c"', b'"a"')
    (True, True, False)
    """
    value = if_none_match.strip()
    if value == b"*":
        return True
    return any(tag.strip().removeprefix(b"W/") == etag for tag in value.split(b","))


class ResponseStore:
    """Kept responses by key, least recently used dropped first, bounded in count and bytes;
    everything kept under older store versions is dropped when the version moves."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[tuple, Kept] = OrderedDict()
        self._bytes = 0
        self._generation = -1
        self.hits = self.misses = 0

    def get(self, generation: int, key: tuple) -> Kept | None:
        self._turn(generation)
        kept = self._entries.get(key)
        if kept is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return kept

    def put(self, generation: int, key: tuple, kept: Kept) -> None:
        if generation != self._generation or len(kept.body) > self.max_bytes // 8:
            return  # made from a store that has changed since, or too big to be worth it
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)
        self._entries[key] = kept
        self._bytes += len(kept.body)
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= len(dropped.body)

    def _turn(self, generation: int) -> None:
        if generation != self._generation:
            self._entries.clear()
            self._bytes = 0
            self._generation = generation

    def __len__(self) -> int:
        return len(self._entries)


class CachedResponses:
    """Pure ASGI middleware: answers a cacheable GET from the kept bytes when the store has not
    changed; otherwise runs the app, keeps a successful answer and adds its ETag. Requests for
    the same key that arrive while it is being made wait for that one answer (after a change,
    50 clients asking for the story list make it once)."""

    def __init__(self, app, version: StoreVersion, store: ResponseStore | None = None) -> None:
        self.app = app
        self.version = version
        self.store = store if store is not None else ResponseStore()
        # Runs on the event loop only: no lock needed.
        self._making: dict[tuple, asyncio.Future] = {}

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not CACHEABLE.fullmatch(scope["path"])):
            await self.app(scope, receive, send)
            return
        generation = self.version.current()
        key = (generation, scope["path"], scope.get("query_string", b""))
        kept = self.store.get(generation, key)
        if kept is None and key in self._making:
            kept = await asyncio.shield(self._making[key])
        if kept is not None:
            await _send_kept(kept, scope, send)
            return
        making: asyncio.Future = asyncio.get_running_loop().create_future()
        self._making[key] = making
        made: Kept | None = None
        try:
            made = await self._make(scope, receive, send, generation, key)
        finally:
            # Waiting requests get the answer, or None (an error, a stale briefing, a crash):
            # then each asks the app itself.
            self._making.pop(key, None)
            making.set_result(made)

    async def _make(self, scope, receive, send, generation: int, key: tuple) -> Kept | None:
        start: dict | None = None
        chunks: list[bytes] = []
        passing = False  # an answer other than 200 goes straight through, unkept

        async def capture(message) -> None:
            nonlocal start, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                if message["status"] != 200:
                    passing = True
                    await send(message)
                return
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                return
            await send(message)

        await self.app(scope, receive, capture)
        if passing or start is None:
            return None
        body = b"".join(chunks)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
        names = {k.lower() for k, _ in headers}
        etag = etag_of(body)
        headers.append((b"etag", etag))
        if b"cache-control" not in names:
            headers.append((b"cache-control", b"no-cache"))  # always revalidate (cheap: 304)
        kept = Kept(200, tuple(headers), body, etag)
        if _replayable(headers):
            self.store.put(generation, key, kept)
        await _send_kept(kept, scope, send)
        return kept if _replayable(headers) else None


def _replayable(headers: list[tuple[bytes, bytes]]) -> bool:
    """A stale briefing is answered by the app each time (its request queues the rebuild)."""
    for name, value in headers:
        lower = name.lower()
        if lower == b"x-newsweave-briefing" and value == b"stale":
            return False
        if lower == b"cache-control" and b"no-store" in value:
            return False
    return True


async def _send_kept(kept: Kept, scope, send) -> None:
    for name, value in scope.get("headers", ()):
        if name == b"if-none-match":
            if matches(value, kept.etag):
                await send({"type": "http.response.start", "status": 304,
                            "headers": [(k, v) for k, v in kept.headers
                                        if k.lower() in _KEPT_ON_304]})
                await send({"type": "http.response.body", "body": b""})
                return
            break
    await send({"type": "http.response.start", "status": kept.status,
                "headers": list(kept.headers)})
    await send({"type": "http.response.body", "body": kept.body})
