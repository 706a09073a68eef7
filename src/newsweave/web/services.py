"""What the API and the pages share: the store readers, the search index, the briefing cache,
and the one way a request gets a story's briefing."""
from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from newsweave import errors
from newsweave.config import Config
from newsweave.web.cache import BriefingCache, CachedBriefing
from newsweave.web.errors import ApiError, not_found
from newsweave.web.reads import Reader
from newsweave.web.search import SearchIndex, search_terms
from newsweave.web.search_pool import SearchPool

INDEX_SECONDS = 2.0  # how often new articles are added to the search index


@dataclass
class Services:
    path: str
    config: Config
    reader: Reader
    search: SearchIndex
    cache: BriefingCache
    search_processes: int = 0  # 0: the API's searches run on threads of this process
    searches: SearchPool = field(init=False)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._indexer: threading.Thread | None = None
        self.searches = SearchPool(self.search, processes=self.search_processes)

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, *, warm: bool = False) -> None:
        """Start keeping the search index current; with ``warm``, queue a build of every story
        whose briefing is missing or stale."""
        if self._indexer is None and self.search.engine == "fts5":
            self._indexer = threading.Thread(target=self._index_loop, name="newsweave-index",
                                             daemon=True)
            self._indexer.start()
        self.searches.warm()
        if warm:
            for story_id in self.cache.missing_or_stale():
                self.cache.builder.request(story_id)

    def _index_loop(self) -> None:
        while not self._stop.wait(INDEX_SECONDS):
            try:
                self.search.catch_up()
            except Exception:  # noqa: BLE001 - logged; the next round tries again
                import logging

                logging.getLogger("newsweave.web").warning("search indexing failed",
                                                           exc_info=True)

    def close(self) -> None:
        self._stop.set()
        if self._indexer is not None:
            self._indexer.join(5.0)
        self.searches.close()
        self.cache.close()
        self.search.close()
        self.reader.close()

    # -- shared request logic -----------------------------------------------------------------

    def resolve(self, story_id: str) -> str:
        resolved = self.reader.resolve_story(story_id)
        if resolved is None:
            raise not_found("story or story alias", story_id, errors.UNKNOWN_STORY)
        return resolved

    def _cached_now(self, story_id: str) -> tuple[str, CachedBriefing | None, str]:
        resolved = self.resolve(story_id)
        entry, status = self.cache.lookup(resolved)
        return resolved, entry, status

    async def briefing(self, story_id: str) -> tuple[str, CachedBriefing, str]:
        """``(story id, cached briefing, status)``: ``fresh`` or ``stale`` at once from the
        cache, else ``built`` after waiting for the one build of the story (the wait holds no
        thread, so other requests go on)."""
        resolved, entry, status = await run_in_threadpool(self._cached_now, story_id)
        if entry is None:
            future = self.cache.builder.request(resolved)
            try:
                entry = await asyncio.wrap_future(future)
            except errors.NewsweaveError as exc:
                raise ApiError.from_newsweave(exc) from None
            status = "built"
        return resolved, entry, status

    @staticmethod
    def terms(query: str) -> list[str]:
        """The words of a search; a query with none (only punctuation) finds nothing."""
        return search_terms(query)
