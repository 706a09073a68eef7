"""One poll: every feed read (conditionally), its new entries made into articles, the articles
ingested through the same path as `newsweave ingest`, and what changed reported.

A feed that fails (down, slow, huge, malformed) is skipped with its reason and tried again at
the next poll; after failing several polls in a row it sits out a growing number of polls (see
``watch.max_backoff_polls``). Nothing one feed does stops the others.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from newsweave import errors
from newsweave.config import Config
from newsweave.watch.entries import Entry, entry_to_article, parse_feed
from newsweave.watch.net import (ROBOTS_AGENT, FetchError, Fetcher, Resolver, check_url,
                                  system_resolver)
from newsweave.watch.politeness import Robots
from newsweave.watch.sources import Source, is_opml, opml_feeds, parse_source, read_opml_file
from newsweave.watch.state import WatchState


@dataclass(frozen=True)
class FeedOutcome:
    """How one polled URL fared: ``read`` (a 200), ``not-modified`` (a 304), ``failed``,
    ``waiting`` (backing off after failures) or ``listed`` (an OPML document)."""

    url: str
    status: str
    new_entries: int = 0
    error: dict | None = None   # the one error shape {input, code, reason}


@dataclass(frozen=True)
class StoryChange:
    story_id: str
    title: str | None
    created: bool
    added: int                  # articles this poll added to it
    size: int


@dataclass
class PollReport:
    """What one poll did."""

    feeds: list[FeedOutcome] = field(default_factory=list)
    added: int = 0              # articles stored
    known: int = 0              # entries whose content the store already held
    skipped: list[dict] = field(default_factory=list)   # entries that gave no article, for good
    pending: list[dict] = field(default_factory=list)   # entries whose page is tried again
    problems: list[dict] = field(default_factory=list)  # unusable OPML outlines
    stories: list[StoryChange] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def all_failed(self) -> bool:
        """Every feed failed or is backing off, and nothing was read."""
        polled = [f for f in self.feeds if f.status != "listed"]
        return bool(polled) and all(f.status in ("failed", "waiting") for f in polled)


# Called with a line of progress (already free of control characters).
Progress = Callable[[str], None]


@dataclass
class _Item:
    entry: Entry
    article: object            # Article or NewsweaveError
    note: str | None = None


class Watcher:
    """Polls ``sources`` into ``store``. Keep one for a session: it holds the HTTP client, the
    per-host clock and the robots.txt cache.

    >>> # see tests/watch for a full run against a local server
    """

    def __init__(self, store, sources: list[str], *, config: Config | None = None,
                 allow_private: bool = False, resolve: Resolver = system_resolver,
                 fetcher: Fetcher | None = None) -> None:
        self.store = store
        self.config = config or store.config
        self.watch = self.config.watch
        self.sources = [parse_source(s) for s in sources]  # raises on a bad argument
        self.allow_private = allow_private
        self.fetcher = fetcher or Fetcher(self.watch, resolve=resolve)
        self.robots = Robots(self.fetcher, agent=ROBOTS_AGENT,
                             cache_seconds=self.watch.robots_cache_seconds,
                             max_crawl_delay=self.watch.max_crawl_delay_seconds)
        self.state = WatchState(store.conn)

    def close(self) -> None:
        self.fetcher.close()

    # -- the poll ---------------------------------------------------------------------------

    def poll(self, progress: Progress | None = None) -> PollReport:
        """Poll every source once and ingest what is new."""
        t0 = time.perf_counter()
        report = PollReport()
        say = progress or (lambda line: None)
        items: list[_Item] = []
        done: set[str] = set()
        self._met: set[tuple[str, str]] = set()  # entries met in this poll, by guid and link
        self.robots.new_poll()
        for source in self.sources:
            for url, private_ok, listed in self._feeds_of(source, report, done):
                items.extend(self._poll_feed(url, private_ok, report, say, done=done,
                                             listed=listed))
        self._ingest(items, report)
        report.seconds = time.perf_counter() - t0
        return report

    def _feeds_of(self, source: Source, report: PollReport, done: set[str]):
        """``(feed url, may it be private, listed in an OPML)`` for a source; an OPML is
        expanded."""
        if source.path is not None:
            try:
                body = read_opml_file(source, self.watch.max_feed_bytes)
                feeds, problems = opml_feeds(body, source.given)
            except (errors.NewsweaveError, OSError) as exc:
                report.feeds.append(FeedOutcome(source.given, "failed", error=_shape(exc,
                                                                                  source.given)))
                return
            report.problems.extend(p.to_dict() for p in problems)
            report.feeds.append(FeedOutcome(source.given, "listed"))
            # The user's own file: its feeds are the user's choice, wherever they are.
            for url in feeds:
                if url not in done:
                    done.add(url)
                    yield url, True, True
            return
        url = source.url
        if url in done:
            return
        done.add(url)
        state = self.state.feed(url)
        listed = self._read_opml_url(url, report) if state.kind == "opml" else None
        if listed is not None:
            for feed, private_ok in listed:
                if feed not in done:
                    done.add(feed)
                    yield feed, private_ok, True
            return
        yield url, True, False  # named by the user

    def _read_opml_url(self, url: str, report: PollReport) -> list[tuple[str, bool]] | None:
        """The feeds an OPML URL lists (the last list read when it fails), or None when the
        URL no longer serves an OPML document."""
        state = self.state.feed(url)
        try:
            response = self.fetcher.get(url, max_bytes=self.watch.max_feed_bytes,
                                        allow_private=True, etag=state.etag,
                                        last_modified=state.last_modified)
            if response.status == 304:
                feeds = list(state.feeds)
                self.state.feed_not_modified(url)
            elif not is_opml(response.body):
                # No longer a list of feeds: poll the URL as a feed from now on.
                self.state.feed_ok(url, kind="feed", keep_validators=False)
                return None
            else:
                feeds, problems = opml_feeds(response.body, url, base=response.url)
                report.problems.extend(p.to_dict() for p in problems)
                self.state.feed_ok(url, kind="opml", etag=response.headers.get("etag"),
                                   last_modified=response.headers.get("last-modified"),
                                   feeds=feeds)
        except errors.NewsweaveError as exc:
            # The last list read stands in while the OPML document cannot be read.
            self.state.feed_failed(url, exc.reason, max_backoff_polls=0)
            report.feeds.append(FeedOutcome(url, "failed", error=_shape(exc, url)))
            try:
                private = check_url(url, allow_private=True, resolve=self.fetcher.resolve)
            except errors.NewsweaveError:
                private = False
            return [(f, self.allow_private or private) for f in state.feeds]
        report.feeds.append(FeedOutcome(url, "listed"))
        return [(f, self.allow_private or response.private) for f in feeds]

    def _poll_feed(self, url: str, private_ok: bool, report: PollReport, say: Progress, *,
                   done: set[str], listed: bool = False) -> list[_Item]:
        if self.state.sit_out(url):
            wait = self.state.feed(url).wait_polls
            report.feeds.append(FeedOutcome(url, "waiting", error={
                "input": url, "code": errors.UNREACHABLE,
                "reason": f"backing off after failed polls; tried again in {wait + 1} poll(s)"}))
            return []
        state = self.state.feed(url)
        try:
            response = self.fetcher.get(url, max_bytes=self.watch.max_feed_bytes,
                                        allow_private=private_ok or self.allow_private,
                                        etag=state.etag, last_modified=state.last_modified,
                                        accept="application/rss+xml, application/atom+xml, "
                                               "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
            if response.status == 304:
                self.state.feed_not_modified(url)
                report.feeds.append(FeedOutcome(url, "not-modified"))
                return []
            if is_opml(response.body) and listed:
                raise errors.NewsweaveError(
                    errors.BAD_FEED, url, "an OPML list inside an OPML list is not followed",
                    "list the feeds themselves")
            if is_opml(response.body):
                # A URL given as a feed turned out to list feeds: remember, and read them.
                feeds, problems = opml_feeds(response.body, url, base=response.url)
                report.problems.extend(p.to_dict() for p in problems)
                self.state.feed_ok(url, kind="opml", etag=response.headers.get("etag"),
                                   last_modified=response.headers.get("last-modified"),
                                   feeds=feeds)
                report.feeds.append(FeedOutcome(url, "listed"))
                out: list[_Item] = []
                for feed in feeds:
                    if feed not in done:
                        done.add(feed)
                        out.extend(self._poll_feed(feed, self.allow_private or response.private,
                                                   report, say, done=done, listed=True))
                return out
            feed = parse_feed(response.body, response.url,
                              content_type=response.headers.get("content-type"))
        except errors.NewsweaveError as exc:
            wait = self.state.feed_failed(url, f"{exc.code} {exc.reason}",
                                          max_backoff_polls=self.watch.max_backoff_polls)
            shape = _shape(exc, url)
            if wait:
                shape["reason"] += f"; this feed sits out the next {wait} poll(s)"
            report.feeds.append(FeedOutcome(url, "failed", error=shape))
            return []
        links_private_ok = self.allow_private or response.private
        items: list[_Item] = []
        fresh = [e for e in feed.entries if not self._met_before(e)]
        # Entries beyond the cap wait for the next poll, which must then read the whole feed.
        pending = len(fresh) > self.watch.max_entries_per_feed
        fresh = fresh[: self.watch.max_entries_per_feed]
        for entry in fresh:
            try:
                article, note = entry_to_article(
                    entry, self.config, source=feed.title,
                    get_page=lambda link: self._get_page(link, links_private_ok))
            except FetchError as exc:
                attempts = self.state.attempts(url, entry.guid, entry.link) + 1
                if attempts < self.watch.page_attempts:
                    pending = True
                    self.state.record(url, entry.guid, entry.link, status="pending",
                                      code=exc.code, reason=exc.reason)
                    report.pending.append({"input": entry.where, "code": exc.code,
                                           "reason": f"{exc.reason}; tried again at the next "
                                                     f"poll (attempt {attempts} of "
                                                     f"{self.watch.page_attempts})"})
                    continue
                article, note = errors.NewsweaveError(
                    exc.code, entry.where, f"{exc.reason} ({attempts} attempts)", exc.fix), None
            items.append(_Item(entry, article, note))
        # While an entry waits for a retry the feed is read in full again next time (a 304
        # would hide the entry).
        self.state.feed_ok(url, kind="feed", etag=response.headers.get("etag"),
                           last_modified=response.headers.get("last-modified"),
                           keep_validators=not pending)
        report.feeds.append(FeedOutcome(url, "read", new_entries=len(fresh)))
        say(f"{url}: {len(fresh)} new entries")
        return items

    def _met_before(self, entry: Entry) -> bool:
        """Whether the entry was met at an earlier poll or, by its link or guid, earlier in
        this one (one article in two feeds)."""
        keys = {("guid", f"{entry.feed} {entry.guid}")} if entry.guid else set()
        if entry.link:
            keys.add(("link", entry.link))
        if keys & self._met or self.state.seen(entry.feed, entry.guid, entry.link):
            return True
        self._met |= keys
        return False

    def _get_page(self, link: str, private_ok: bool) -> tuple[str, bytes, str | None]:
        # The address first: robots.txt is not asked of a host the page may not be fetched from.
        check_url(link, allow_private=private_ok, resolve=self.fetcher.resolve)
        self.robots.check(link, allow_private=private_ok)
        response = self.fetcher.get(link, max_bytes=self.watch.max_page_bytes,
                                    allow_private=private_ok,
                                    accept="text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
        return response.url, response.body, response.headers.get("content-type")

    # -- ingest and report ------------------------------------------------------------------

    def _ingest(self, items: list[_Item], report: PollReport) -> None:
        from newsweave.model import Article
        from newsweave.nlp.fingerprint import content_hash
        from newsweave.store.ingest import ingest_into

        if not items:
            return
        store = self.store
        before = {s["id"]: s["size"] for s in store.list_stories()}
        hashes = {id(i): content_hash(i.article.text) for i in items
                  if isinstance(i.article, Article)}
        known_before = store.known_hashes(hashes.values())
        result = ingest_into(store, [], config=self.config,
                             articles=[i.article for i in items])
        failed = {entry["input"]: entry for entry in result.skipped}
        stored = self._stored(set(hashes.values()))
        touched: dict[str, int] = {}
        counted: set[str] = set()  # two entries with one content in a poll: the first is added
        for item in items:
            entry = item.entry
            if not isinstance(item.article, Article):
                shape = item.article.to_dict()
                report.skipped.append(shape)
                self.state.record(entry.feed, entry.guid, entry.link, status="skipped",
                                  code=shape["code"], reason=shape["reason"])
                continue
            h = hashes[id(item)]
            if h in known_before or h in counted:
                report.known += 1
                self.state.record(entry.feed, entry.guid, entry.link, status="known",
                                  article_id=stored.get(h, (None,))[0])
            elif h in stored:
                counted.add(h)
                article_id, story_id = stored[h]
                report.added += 1
                if story_id:
                    touched[story_id] = touched.get(story_id, 0) + 1
                self.state.record(entry.feed, entry.guid, entry.link, status="added",
                                  article_id=article_id, reason=item.note)
            else:  # a per-article stage failed on it (E1xx)
                shape = failed.get(item.article.meta.path or "") or {
                    "input": entry.where, "code": errors.STAGE_FAILED,
                    "reason": "a per-article stage failed on it"}
                report.skipped.append(shape)
                self.state.record(entry.feed, entry.guid, entry.link, status="skipped",
                                  code=shape["code"], reason=shape["reason"])
        now = {s["id"]: s for s in store.list_stories()}
        for story_id, added in sorted(touched.items(), key=lambda kv: -kv[1]):
            story = now.get(story_id)
            if story is None:
                continue
            report.stories.append(StoryChange(story_id, story["title"], story_id not in before,
                                              added, story["size"]))

    def _stored(self, hashes: set[str]) -> dict[str, tuple[str, str | None]]:
        """content hash → (article id, story id) for the stored ones among ``hashes``."""
        out: dict[str, tuple[str, str | None]] = {}
        wanted = list(hashes)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for h, article_id, story_id in self.store.conn.execute(
                    "SELECT a.content_hash, a.id, m.story_id FROM articles a LEFT JOIN "
                    f"story_members m ON m.article_seq = a.seq WHERE a.content_hash IN ({marks})",
                    chunk):
                out[h] = (article_id, story_id)
        return out


def _shape(exc: Exception, where: str) -> dict:
    if isinstance(exc, errors.NewsweaveError):
        return exc.to_dict()
    return {"input": where, "code": errors.UNREADABLE, "reason": f"{type(exc).__name__}: {exc}"}
