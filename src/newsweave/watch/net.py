"""HTTP for the feed watcher: what may be fetched, and fetching it within bounds.

Every URL the watcher meets in a feed is untrusted. A request goes out only when:

- the scheme is http or https (never ``file:``, ``ftp:``, ``data:``, ...);
- the host does not resolve to a private, loopback, link-local or otherwise non-public address,
  unless the request is allowed into private networks: a feed the user named (on the command
  line or in a local OPML file) may be anywhere, and the links inside a document may point into a
  private network only when that document was itself fetched from one (a feed on the intranet
  links to intranet pages; a public feed cannot make the watcher probe 127.0.0.1 or 10.0.0.0/8).
  ``--allow-private`` lifts the rule. Each redirect hop is checked again.

A response is read as a stream and abandoned at the size cap or the deadline, so a huge or
trickling body costs bounded memory and time. Failures raise :class:`FetchError`, a coded
:class:`~newsweave.errors.NewsweaveError` that says whether trying again later may help.

Known limit: the address is checked by resolving the host before the request and httpx resolves
it again to connect, so a DNS server answering differently the second time (DNS rebinding) could
still reach a private address.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from newsweave import __version__, errors
from newsweave.config import WatchConfig
from newsweave.watch.politeness import HostDelay

# Named in robots.txt groups (``User-agent: newsweave``) and in the User-Agent header.
ROBOTS_AGENT = "newsweave"
USER_AGENT = f"newsweave/{__version__} (news feed watcher; robots.txt agent: newsweave)"

# host → the addresses it resolves to; injectable so tests can play a public host.
Resolver = Callable[[str], list[str]]


@dataclass
class FetchError(errors.NewsweaveError):
    """A request that failed; ``transient`` when a later poll may succeed (timeouts, HTTP 5xx,
    429, connection errors), ``status`` the HTTP status when there was one."""

    transient: bool = True
    status: int | None = None


@dataclass(frozen=True)
class Response:
    """A body read in full (status 200), or a 304 Not Modified (empty body)."""

    url: str                 # after redirects
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    private: bool = False    # the final host resolved to a non-public address


def system_resolver(host: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []  # the request itself fails with a clear connection error
    return [info[4][0] for info in infos]


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a public unicast address.

    >>> [is_public_address(a) for a in ("93.184.216.34", "127.0.0.1", "10.1.2.3", "::1",
    ...                                  "169.254.169.254", "::ffff:192.168.0.1", "bogus")]
    [True, False, False, False, False, False, False]
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, *, allow_private: bool, resolve: Resolver = system_resolver) -> bool:
    """Raise E021 unless ``url`` may be fetched; return whether its host is private.

    >>> check_url("file:///etc/passwd", allow_private=True)
    Traceback (most recent call last):
    ...
    newsweave.watch.net.FetchError: E021 file:///etc/passwd: only http and https URLs are fetched (fix: give an http(s) URL)
    >>> check_url("http://10.0.0.1/a", allow_private=False, resolve=lambda h: [h])
    Traceback (most recent call last):
    ...
    newsweave.watch.net.FetchError: E021 http://10.0.0.1/a: the host resolves to a private or local address (10.0.0.1), and the link came from a public document (fix: pass --allow-private to fetch links into private networks)
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        raise FetchError(errors.URL_REFUSED, url, "only http and https URLs are fetched",
                         "give an http(s) URL", transient=False)
    if not host:
        raise FetchError(errors.URL_REFUSED, url, "the URL has no host",
                         "give an absolute http(s) URL", transient=False)
    addresses = resolve(host)
    private = [a for a in addresses if not is_public_address(a)]
    if private and not allow_private:
        raise FetchError(errors.URL_REFUSED, url,
                         f"the host resolves to a private or local address ({private[0]}), and "
                         "the link came from a public document",
                         "pass --allow-private to fetch links into private networks",
                         transient=False)
    return bool(private)


class Fetcher:
    """GET with the watcher's bounds: see the module docstring.

    One httpx client (connection reuse), the per-host delay before every request, redirects
    followed by hand so that each hop is checked.
    """

    def __init__(self, config: WatchConfig, *, resolve: Resolver = system_resolver,
                 delay: HostDelay | None = None) -> None:
        self.config = config
        self.resolve = resolve
        self.delay = delay or HostDelay(config.host_delay_seconds)
        timeout = config.timeout_seconds
        # trust_env=False: a proxy from the environment would make the address check moot.
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, max_bytes: int, allow_private: bool,
            etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*") -> Response:
        """Fetch ``url``; a 304 when the validators still match. Raises :class:`FetchError`."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.config.max_redirects + 1):
            private = check_url(current, allow_private=allow_private, resolve=self.resolve)
            self.delay.wait(urlsplit(current).hostname or "")
            try:
                result = self._one(current, headers, max_bytes, private)
            except FetchError:
                raise
            except httpx.TimeoutException:
                raise FetchError(errors.UNREACHABLE, current,
                                 f"no answer within {self.config.timeout_seconds:g} s",
                                 "it is tried again at the next poll") from None
            except httpx.HTTPError as exc:
                raise FetchError(errors.UNREACHABLE, current,
                                 f"the request failed ({type(exc).__name__}: {exc})",
                                 "check the URL; it is tried again at the next poll") from None
            if isinstance(result, str):  # a redirect: check and follow the next hop
                current = result
                continue
            return result
        raise FetchError(errors.UNREACHABLE, url,
                         f"more than {self.config.max_redirects} redirects",
                         "give the URL the redirects end at", transient=False)

    def _one(self, url: str, headers: dict[str, str], max_bytes: int,
             private: bool) -> Response | str:
        deadline = time.monotonic() + self.config.timeout_seconds
        with self.client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in (301, 302, 303, 307, 308):
                location = response.headers.get("location", "")
                if not location:
                    raise FetchError(errors.UNREACHABLE, url, f"HTTP {status} without a Location",
                                     "report it to the site", transient=False, status=status)
                return urljoin(url, location)
            if status == 304:
                return Response(url, 304, headers=_validators(response), private=private)
            if status != 200:
                transient = status >= 500 or status in (408, 429)
                raise FetchError(errors.UNREACHABLE, url, f"the server answered HTTP {status}",
                                 "it is tried again at the next poll" if transient
                                 else "check the URL", transient=transient, status=status)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            chunks, size = [], 0
            # iter_bytes decodes gzip as it goes, so the cap bounds the decompressed size. No
            # chunk_size: chunks come as they arrive, so a trickling body meets the deadline.
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(url, max_bytes)
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise FetchError(errors.UNREACHABLE, url,
                                     f"the body took longer than {self.config.timeout_seconds:g} s",
                                     "it is tried again at the next poll")
            return Response(url, 200, b"".join(chunks), _validators(response), private)


def _validators(response: httpx.Response) -> dict[str, str]:
    return {name: response.headers[name] for name in ("etag", "last-modified", "content-type")
            if name in response.headers}


def _too_large(url: str, max_bytes: int) -> FetchError:
    return FetchError(errors.TOO_LARGE, url, f"the body is larger than {max_bytes:,} bytes",
                      "raise watch.max_feed_bytes or watch.max_page_bytes if it is genuine",
                      transient=False)
