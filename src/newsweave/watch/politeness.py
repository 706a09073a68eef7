"""Politeness: a least delay between two requests to one host, and robots.txt for pages.

robots.txt is read per host (through the same bounded fetcher) and kept for
``watch.robots_cache_seconds``. As RFC 9309 says: a robots.txt that is missing or refused with a
4xx status allows everything; one that cannot be read (5xx, timeout, refused address) disallows
everything for now, and is read again at the next poll. A ``Crawl-delay`` for newsweave (or ``*``)
raises the host's delay, up to ``watch.max_crawl_delay_seconds``.
"""
from __future__ import annotations

import time
from typing import Callable
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from newsweave import errors

MAX_ROBOTS_BYTES = 500_000  # Google reads the first 500 KiB; the rest is ignored there too


class HostDelay:
    """Wait so that two requests to one host are at least ``seconds`` apart.

    >>> now = [0.0]; slept = []
    >>> delay = HostDelay(2.0, clock=lambda: now[0], sleep=slept.append)
    >>> delay.wait("a.example"); now[0] = 0.5; delay.wait("a.example"); delay.wait("b.example")
    >>> slept
    [1.5]
    """

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.seconds = seconds
        self.clock = clock
        self.sleep = sleep
        self.last: dict[str, float] = {}
        self.extra: dict[str, float] = {}  # per-host delays from robots.txt Crawl-delay

    def set_host_delay(self, host: str, seconds: float) -> None:
        self.extra[host.lower()] = seconds

    def wait(self, host: str) -> None:
        host = host.lower()
        last = self.last.get(host)
        if last is not None:
            remaining = last + max(self.seconds, self.extra.get(host, 0.0)) - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last[host] = self.clock()


class Robots:
    """robots.txt rules per host, read through ``fetcher`` and cached."""

    def __init__(self, fetcher, *, agent: str, cache_seconds: float, max_crawl_delay: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.fetcher = fetcher
        self.agent = agent
        self.cache_seconds = cache_seconds
        self.max_crawl_delay = max_crawl_delay
        self.clock = clock
        # origin → (rules or None when unreadable, reason when unreadable, read at)
        self.rules: dict[str, tuple[RobotFileParser | None, str, float]] = {}

    def new_poll(self) -> None:
        """Forget the robots.txt files that could not be read: they are asked again once per
        poll (not once per page, which would hammer a failing site)."""
        self.rules = {k: v for k, v in self.rules.items() if v[0] is not None}

    def check(self, url: str, *, allow_private: bool) -> None:
        """Raise E022 when robots.txt does not let newsweave fetch ``url`` (``transient`` when
        robots.txt itself could not be read)."""
        from newsweave.watch.net import FetchError

        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        cached = self.rules.get(origin)
        if cached is None or self.clock() - cached[2] > self.cache_seconds:
            cached = self._read(origin, allow_private=allow_private)
            self.rules[origin] = cached
        rules, reason, _ = cached
        if rules is None:
            raise FetchError(errors.ROBOTS_DISALLOWED, url,
                             f"robots.txt of {origin} could not be read ({reason}), so no page "
                             "of the site is fetched for now", "it is tried again at the next poll")
        if not rules.can_fetch(self.agent, url):
            raise FetchError(errors.ROBOTS_DISALLOWED, url,
                             f"robots.txt of {origin} does not allow {self.agent} to fetch it",
                             "the entry's own text is used when it has enough", transient=False)

    def _read(self, origin: str, *, allow_private: bool
              ) -> tuple[RobotFileParser | None, str, float]:
        from newsweave.watch.net import FetchError

        now = self.clock()
        rules = RobotFileParser()
        try:
            response = self.fetcher.get(origin + "/robots.txt", max_bytes=MAX_ROBOTS_BYTES,
                                        allow_private=allow_private, accept="text/plain")
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                rules.allow_all = True
                return rules, "", now
            if exc.code == errors.TOO_LARGE:
                # Not a real robots.txt; read as "keep out" until the cache time has passed.
                rules.disallow_all = True
                return rules, "", now
            return None, exc.reason, now
        rules.parse(response.body.decode("utf-8", "replace").splitlines())
        delay = rules.crawl_delay(self.agent)
        if delay:
            self.fetcher.delay.set_host_delay(urlsplit(origin).hostname or "",
                                              min(float(delay), self.max_crawl_delay))
        return rules, "", now
