"""`newsweave watch`: poll feeds into a store, once or every N minutes (see `newsweave.watch`).

Every line goes to stderr; anything that came from the web (titles, URLs, reasons quoting a
server) is stripped of control characters first, so a feed cannot drive the terminal.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from newsweave import errors
from newsweave.cli.common import EXIT_NO_INPUT, EXIT_OK, EXIT_USAGE

# C0 and C1 controls (escape sequences start with ESC or CSI) and the bidirectional overrides
# that can make a line read differently from what it holds.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """``text`` fit for a terminal line: controls removed, line breaks made spaces.

    >>> safe("Title\\x1b[2J\\nnext\\u202e")
    'Title[2J next'
    """
    return _UNSAFE.sub("", str(text).replace("\r", " ").replace("\n", " ").replace("\t", " "))


def _say(line: str) -> None:
    print(safe(line), file=sys.stderr, flush=True)


def watch_command(db: Path, sources: list[str], *, every: float | None = None,
                  once: bool = False, config_path: Path | None = None,
                  allow_private: bool = False, quiet: bool = False) -> int:
    """Poll ``sources`` into the store at ``db``: once (``once``) or every ``every`` minutes
    until interrupted.

    Exit codes: 0 when the feeds were read (something new or not); 1 when every feed failed at
    a ``--once`` poll; 2 for usage errors (bad arguments, config or database).

    Example: ``newsweave watch --db news.db https://example.com/rss.xml --once``
    """
    from newsweave.config import load_config
    from newsweave.store import open_store
    from newsweave.watch import Watcher

    if not sources:
        raise errors.NewsweaveError(errors.NO_USABLE_INPUT, "FEED_OR_OPML", "no feed given",
                                    "name at least one feed URL or OPML file")
    if every is not None and not every > 0:
        raise errors.NewsweaveError(errors.BAD_CONFIG, str(every), "--every must be positive",
                                    "give the minutes between polls, e.g. --every 15")
    minutes = 30.0 if every is None else every
    from newsweave.store.postgres import require_sqlite

    require_sqlite(db, "watch")
    config = load_config(config_path)
    store = open_store(db, config=config)
    try:
        watcher = Watcher(store, sources, config=config, allow_private=allow_private)
    except errors.NewsweaveError:
        store.close()
        raise
    number = 0
    try:
        while True:
            number += 1
            report = watcher.poll(progress=None if quiet else _say)
            _print_report(number, report, db, quiet=quiet)
            if once:
                if report.all_failed:
                    _say(f"every feed failed at this poll; nothing was read into {db}")
                    return EXIT_NO_INPUT
                return EXIT_OK
            if not quiet:
                _say(f"next poll in {minutes:g} min (Ctrl-C stops)")
            time.sleep(minutes * 60)
    except KeyboardInterrupt:
        # Ctrl-C between polls, or during one: what was committed stays; an entry not yet
        # recorded is read again at the next start and its content is skipped as known.
        _say(f"stopped after {number} poll(s)")
        return EXIT_OK
    finally:
        watcher.close()
        store.close()


def _print_report(number: int, report, db: Path, *, quiet: bool) -> None:
    for feed in report.feeds:
        if feed.error:
            _say(f"  skipped {feed.error['input']}: {feed.error['code']} {feed.error['reason']}")
    for entry in report.skipped:
        _say(f"  skipped {entry['input']}: {entry['code']} {entry['reason']}")
    if quiet:
        return
    for entry in report.pending:
        _say(f"  waiting {entry['input']}: {entry['code']} {entry['reason']}")
    for entry in report.problems:
        _say(f"  ignored {entry['input']}: {entry['code']} {entry['reason']}")
    for change in report.stories:
        verb = "created" if change.created else "updated"
        _say(f"  story {change.story_id} {verb}: +{change.added} article(s), {change.size} in "
             f"all: {change.title or '(untitled)'}")
    counts: dict[str, int] = {}
    for feed in report.feeds:
        counts[feed.status] = counts.get(feed.status, 0) + 1
    feeds = ", ".join(f"{n} {status}" for status, n in counts.items()) or "no feeds"
    _say(f"poll {number}: feeds {feeds}; {report.added} article(s) added, {report.known} "
         f"already known, {len(report.skipped)} skipped, {len(report.pending)} waiting; "
         f"{len(report.stories)} story(ies) changed in {db} ({report.seconds:.1f} s)")
