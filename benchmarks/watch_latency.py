"""Feed item to story: how long `newsweave watch` takes from a new item appearing on a feed to
its article being stored in a story, with the default pipeline (models) and the light one
(fingerprint stage only).

A local feed on 127.0.0.1 (http.server in a thread) serves ECB+ dev articles as RSS items with
their full text, read at run time from the evaluation kit (never copied). A first poll fills the
store with ``--background`` articles. Then, ``--items`` times, one new item is put at the top of
the feed and the time is taken until a separate connection to the store sees the article in a
story:

- ``--every 0`` (default): the watcher polls the moment the item appears, so the number is the
  work of one poll (conditional request, parse, per-article stages, storing, story assignment
  and reconciliation). With ``newsweave watch --every M`` an item waits on average M/2 minutes
  more (at most M) for the next poll.
- ``--every S``: the watcher runs its loop in a thread with a poll every S seconds, as
  `newsweave watch` does; the items appear at moments spread evenly over the interval
  after the previous one was seen, and the number includes the wait for the next poll.

    python benchmarks/watch_latency.py --pipeline light
    python benchmarks/watch_latency.py --pipeline default
    python benchmarks/watch_latency.py --pipeline light --every 5 --items 8

Prints one table row; no test reads it.
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus" / "ecbplus_dev.jsonl"


class Feed:
    """One RSS feed on 127.0.0.1 whose items can be added while it is served (with an ETag, so
    polls between two new items get a 304)."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self.body = b""
        self.etag = '"0"'
        self.lock = threading.Lock()
        self.render()
        feed = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                with feed.lock:
                    body, etag = feed.body, feed.etag
                if self.path != "/rss":
                    body, status = b"", 404
                elif self.headers.get("If-None-Match") == etag:
                    body, status = b"", 304
                else:
                    status = 200
                self.send_response(status)
                self.send_header("ETag", etag)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/rss"

    def render(self) -> None:
        parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content='
                 '"http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title>']
        for item in reversed(self.items):  # newest first, as feeds are
            parts.append(f"<item><guid>urn:bench:{escape(item['id'])}</guid>"
                         f"<title>{escape(item['title'])}</title>"
                         f"<pubDate>{formatdate(item['time'], usegmt=True)}</pubDate>"
                         f"<content:encoded>{escape(item['html'])}</content:encoded></item>")
        parts.append("</channel></rss>")
        with self.lock:
            self.body = "".join(parts).encode("utf-8")
            self.etag = f'"{len(self.items)}"'

    def add(self, items: list[dict]) -> None:
        self.items.extend(items)
        self.render()


def ecb_items(limit: int) -> list[dict]:
    """The first ``limit`` ECB+ dev articles with text, in a fixed order that interleaves
    topics (so that new items both join existing stories and start new ones), the same
    whatever ``limit`` is."""
    items = []
    with ECBPLUS.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            record = json.loads(line)
            if sum(len(s) for s in record.get("sentences") or []) < 200:
                continue  # a few records hold (almost) no text
            html = "".join(f"<p>{escape(s)}</p>" for s in record["sentences"])
            items.append({"id": record["id"], "title": record["title"][:200], "html": html,
                          "time": 1_700_000_000 + number * 60})
    return (items[::2] + items[1::2])[:limit]


def stored_in_story(db: Path, guid: str) -> bool:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(
            "SELECT 1 FROM watch_items w JOIN articles a ON a.id = w.article_id "
            "JOIN story_members m ON m.article_seq = a.seq WHERE w.guid = ?",
            (guid,)).fetchone() is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pipeline", choices=("light", "default"), default="light")
    parser.add_argument("--background", type=int, default=150,
                        help="articles stored by a first poll before measuring")
    parser.add_argument("--items", type=int, default=20, help="new items measured, one at a time")
    parser.add_argument("--every", type=float, default=0.0,
                        help="seconds between polls of a looping watcher (0: poll at once)")
    args = parser.parse_args()
    if not ECBPLUS.exists():
        print(f"needs {ECBPLUS} (the evaluation kit beside the checkout)", file=sys.stderr)
        return 2

    from newsweave.config import load_config
    from newsweave.store import open_store
    from newsweave.watch import Watcher

    overrides = {"watch": {"host_delay_seconds": 0.0}}
    if args.pipeline == "light":
        overrides["pipeline"] = {"article_stages": ["fingerprint@1"], "story_stages": []}
    config = load_config(**overrides)
    items = ecb_items(args.background + args.items)
    feed = Feed()
    feed.add(items[: args.background])
    db = Path(tempfile.mkdtemp()) / "watch-bench.db"
    store = open_store(db, config=config)
    watcher = Watcher(store, [feed.url], config=config)

    t0 = time.perf_counter()
    first = watcher.poll()
    fill = time.perf_counter() - t0
    print(f"first poll: {first.added} articles in {len(first.stories)} stories in {fill:.1f} s "
          "(models loaded here for the default pipeline)", file=sys.stderr)

    stop = threading.Event()
    if args.every > 0:
        # The loop runs as `newsweave watch` does, in its own thread with its own connection.
        watcher.close()
        store.close()

        def loop() -> None:
            own = open_store(db, config=config)
            looping = Watcher(own, [feed.url], config=config)
            while not stop.is_set():
                looping.poll()
                stop.wait(args.every)
            looping.close()
            own.close()
        thread = threading.Thread(target=loop, daemon=True)
        thread.start()

    latencies, created = [], 0
    offsets = [(k + 0.5) * args.every / args.items for k in range(args.items)]
    random.Random(13).shuffle(offsets)
    for item in items[args.background:]:
        guid = f"urn:bench:{item['id']}"
        if args.every > 0:
            # Items appear at any moment between two polls, not just after one: spread evenly
            # over the interval, in a shuffled order.
            time.sleep(offsets.pop())
        before = time.perf_counter()
        feed.add([item])
        if args.every > 0:
            while not stored_in_story(db, guid):
                time.sleep(0.05)
        else:
            report = watcher.poll()
            created += sum(1 for s in report.stories if s.created)
            assert stored_in_story(db, guid), (guid, report)
        latencies.append(time.perf_counter() - before)
    stop.set()
    if args.every > 0:
        thread.join()
    else:
        watcher.close()
        store.close()

    latencies.sort()
    p50 = statistics.median(latencies)
    p90 = latencies[min(len(latencies) - 1, int(0.9 * len(latencies)))]
    mode = f"loop every {args.every:g} s" if args.every > 0 else "poll at once"
    print("| pipeline | mode | store before | items | p50 | p90 | max | first poll |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {args.pipeline} | {mode} | {first.added} articles | {len(latencies)}"
          f"{f' ({created} new stories)' if args.every == 0 else ''} | {p50:.2f} s | "
          f"{p90:.2f} s | {latencies[-1]:.2f} s | {fill:.1f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
