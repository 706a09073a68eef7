"""A local web site (helpers; the fixtures are in conftest.py) for the watcher tests: an http.server on 127.0.0.1 (random port, in a
thread, stopped after the test) serving feeds, OPML, pages and robots.txt, well-behaved or
broken, and recording every request with its headers.

Reports are invented: two events (a bridge closure, a library fire), written for these tests.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from newsweave.config import load_config

REPORTS = {
    "bridge-a": ("Marlow bridge closed after cracks found",
                 "The Kessel bridge in Marlow was closed to all traffic on Monday after "
                 "inspectors found cracks in two of its steel supports, the city council said. "
                 "About 20,000 vehicles cross the bridge each day. Council engineer Mira Todd "
                 "said repairs could take several weeks."),
    "bridge-b": ("Cracks shut Kessel bridge in Marlow",
                 "Inspectors found cracks in the steel supports of the Kessel bridge in Marlow, "
                 "and the city council closed the bridge to traffic on Monday. Council engineer "
                 "Mira Todd said the repairs to the bridge supports could take weeks."),
    "bridge-c": ("Marlow drivers face detours as Kessel bridge stays shut",
                 "Drivers in Marlow faced long detours on Tuesday as the Kessel bridge stayed "
                 "closed after inspectors found cracks in its steel supports. Council engineer "
                 "Mira Todd said the bridge repairs could take several weeks."),
    "fire-a": ("Fire damages Denholm library",
               "A fire broke out in the Denholm public library on Saturday night, destroying "
               "about 4,000 books in the reading room, the fire brigade said. Nobody was "
               "hurt. Librarian Owen Hale said the library would stay closed for a month."),
    "fire-b": ("Denholm library shut after weekend fire",
               "The Denholm public library will stay closed for a month after a fire on "
               "Saturday night destroyed about 4,000 books in its reading room, librarian "
               "Owen Hale said. The fire brigade said nobody was hurt in the library fire."),
}


def light_config(**watch):
    """The fingerprint stage only (no models), and a watcher fit for a local test server."""
    settings = {"host_delay_seconds": 0.0, "timeout_seconds": 1.0, "max_feed_bytes": 200_000,
                "max_page_bytes": 200_000, "page_attempts": 2}
    settings.update(watch)
    return load_config(pipeline={"article_stages": ["fingerprint@1"], "story_stages": []},
                       watch=settings)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0            # seconds before the answer (a slow server)
    endless: int = 0              # bytes streamed without Content-Length (a huge body)
    trickle: float = 0.0          # seconds between single bytes of an endless body
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class Site:
    """Routes by path; ``requests`` lists what was asked, in order."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def asked(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    # -- content --------------------------------------------------------------------------

    def feed(self, path: str, items: list[dict], *, title: str = "Valley News",
             validators: bool = True) -> str:
        """Serve an RSS feed of ``items`` (``guid``, ``link``, ``title``, ``summary``,
        ``content``, ``day``) at ``path``; with ETag and Last-Modified that change with it."""
        parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
                 f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                 f"<title>{escape(title)}</title><link>{self.url('/')}</link>"]
        for item in items:
            parts.append("<item>")
            for tag, key in (("guid", "guid"), ("link", "link"), ("title", "title"),
                             ("description", "summary")):
                if item.get(key):
                    parts.append(f"<{tag}>{escape(item[key])}</{tag}>")
            if item.get("content"):
                parts.append(f"<content:encoded>{escape(item['content'])}</content:encoded>")
            parts.append(f"<pubDate>{formatdate(1_750_000_000 + 86400 * item.get('day', 0), usegmt=True)}"
                         "</pubDate></item>")
        parts.append("</channel></rss>")
        body = "".join(parts).encode("utf-8")
        version = f'"v{abs(hash(body)) % 10**8}"'
        self.routes[path] = Route(body, etag=version if validators else None,
                                  last_modified=formatdate(time.time(), usegmt=True)
                                  if validators else None)
        return self.url(path)

    def page(self, path: str, key: str) -> str:
        title, text = REPORTS[key]
        html = (f"<html><head><title>{escape(title)}</title></head><body><nav>Home | News</nav>"
                f"<article><h1>{escape(title)}</h1><p>{escape(text)}</p></article>"
                f"<footer>Valley News</footer></body></html>")
        self.routes[path] = Route(html.encode("utf-8"), content_type="text/html; charset=utf-8")
        return self.url(path)

    def robots(self, text: str) -> None:
        self.routes["/robots.txt"] = Route(text.encode(), content_type="text/plain")

    def opml(self, path: str, feed_urls: list[str]) -> str:
        self.routes[path] = Route(opml_bytes(feed_urls), content_type="text/x-opml")
        return self.url(path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def opml_bytes(feed_urls: list[str]) -> bytes:
    outlines = "".join(f'<outline type="rss" text="f{i}" xmlUrl="{escape(u)}"/>'
                       for i, u in enumerate(feed_urls))
    return (f'<?xml version="1.0"?>\n<opml version="2.0"><head><title>Feeds</title></head>'
            f"<body>{outlines}</body></opml>").encode()


def item(key: str, *, site: Site | None = None, content: bool = True, day: int = 0,
         guid: str | None = None, summary: str | None = None) -> dict:
    """A feed item for REPORTS[key]: its text as content, or only a summary and a link."""
    title, text = REPORTS[key]
    link = site.url(f"/news/{key}.html") if site else f"https://news.example/{key}"
    return {"guid": guid or f"urn:valley:{key}", "link": link, "title": title,
            "summary": summary if summary is not None else text[:60] + "...",
            "content": text if content else None, "day": day}


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.requests.append(Request(path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(path)
            if route is None:
                return self._send(404, b"not found", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            if route.status == 200:
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    return self._send(304, b"", None, route)
                if (route.last_modified and not route.etag
                        and self.headers.get("If-Modified-Since") == route.last_modified):
                    return self._send(304, b"", None, route)
            if route.endless:
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"x" if route.trickle else b"<rss>" + b"x" * 65536
                sent = 0
                try:
                    while sent < route.endless:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        sent += len(chunk)
                        time.sleep(route.trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return
            return self._send(route.status, route.body, route.content_type, route)

        def _send(self, status: int, body: bytes, content_type: str | None,
                  route: Route | None = None) -> None:
            try:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                if route is not None:
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    if route.last_modified:
                        self.send_header("Last-Modified", route.last_modified)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler
