"""The feed watcher behind `newsweave watch`: polls RSS/Atom feeds (and OPML lists of feeds),
fetches the pages of entries that carry only a summary, and ingests the new articles into a
store so that their stories are created or updated.

Modules: ``sources`` (arguments and OPML), ``net`` (what may be fetched, bounded HTTP),
``politeness`` (per-host delay, robots.txt), ``entries`` (entries into Articles through the
ingest readers), ``state`` (validators, backoff and seen items in the store), ``poll`` (one
poll, and its report).
"""
from newsweave.watch.poll import FeedOutcome, PollReport, StoryChange, Watcher

__all__ = ["FeedOutcome", "PollReport", "StoryChange", "Watcher"]
