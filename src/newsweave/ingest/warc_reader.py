"""Web archives (``.warc``, ``.warc.gz``, as Common Crawl news ships them): each HTML response
record becomes an article through the HTML reader.

Archives are the easiest way to feed a bomb to a reader: a small ``.warc.gz`` can expand to
gigabytes. The file is decompressed here, through a counter, rather than inside warcio: after
``ingest.max_warc_bytes`` decompressed bytes reading stops (E004 for the rest, the articles
already read are kept), and a record body larger than ``ingest.max_warc_record_bytes`` is
skipped (E004) without being held in memory. ``ingest.max_file_bytes`` does not apply to
archives, which are routinely larger and are bounded by those two caps instead.

warcio reads a header line by appending each buffer to the line read so far, which is quadratic
in the line's length: a gzip of zeros with no line break kept a core busy for minutes within
the decompression cap. Lines are read here in linear time instead, and a line longer than
``MAX_LINE_BYTES`` (a WARC or HTTP header line; bodies are never read by line) ends reading the
file (E009, the records before it are kept). warcio also writes a warning with the raw bytes of
a line to stderr when a record is not followed by a blank line; that is counted here instead.

Records that are not HTTP responses (warcinfo, request, metadata) and responses that are not
HTML (images, robots.txt) are not articles and are passed over silently; an archive with no HTML
response at all is reported (E012). warcio 1.8.1 raises AttributeError on a response record with
no target URI, which would end the iteration; the record loader below lets it through, and the
record is reported (E009) while reading goes on.
"""
from __future__ import annotations

import logging
import zlib
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.recordloader import ArcWarcRecordLoader

from newsweave import errors
from newsweave.config import Config
from newsweave.ingest import decode

# warcio logs its warnings with the input's raw bytes ("Replacing spaces in invalid
# WARC-Target-URI: ..."); untrusted bytes never reach the terminal, so only its errors pass.
logging.getLogger("warcio").setLevel(logging.ERROR)
from newsweave.ingest.html_reader import article_from_html
from newsweave.ingest.ids import url_id
from newsweave.ingest.metadata import http_url
from newsweave.model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16
# Longest WARC or HTTP header line read (servers refuse HTTP header lines over 8-64 KB).
MAX_LINE_BYTES = 1 << 20


class _LineTooLong(Exception):
    """A header line longer than MAX_LINE_BYTES: the rest of the file cannot be parsed."""


class _CapReached(Exception):
    """More decompressed bytes than the per-file cap."""


class _CappedReader:
    """A read-only stream that refuses to deliver more than ``cap`` bytes, and that ends where
    the compressed data is damaged (keeping the error), so that warcio, which reads ahead,
    still parses every record before the damage."""

    def __init__(self, inner, cap: int) -> None:
        self.inner = inner
        self.cap = cap
        self.count = 0
        self.damage: Exception | None = None

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = _CHUNK
        if self.damage is not None:
            return b""
        try:
            data = self.inner.read(min(size, self.cap - self.count + 1))
        except (OSError, EOFError, zlib.error) as exc:
            self.damage = exc
            return b""
        self.count += len(data)
        if self.count > self.cap:
            raise _CapReached
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        pass


class _Gunzip:
    """Multi-member gzip, decompressed incrementally: each read returns at most ``size`` bytes
    and never holds back data already decompressed when a later member turns out damaged
    (``gzip.GzipFile`` behind a buffer loses it)."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.pending = b""
        self.member = None

    def read(self, size: int) -> bytes:
        if size <= 0:  # zlib reads max_length=0 as "no limit"
            return b""
        while True:
            if not self.pending:
                self.pending = self.raw.read(_CHUNK)
                if not self.pending:
                    if self.member is not None:
                        raise EOFError("the compressed data ends in the middle of a record")
                    return b""
            if self.member is None:
                self.member = zlib.decompressobj(wbits=31)
            out = self.member.decompress(self.pending, size)
            if self.member.eof:
                self.pending = self.member.unused_data
                self.member = None
            else:
                self.pending = self.member.unconsumed_tail
            if out:
                return out


class _LineReader(DecompressingBufferedReader):
    """warcio's reader with a linear, bounded ``readline``."""

    def readline(self, length=None):
        if length == 0:
            return b""
        bounded = length is not None and length <= MAX_LINE_BYTES
        want = length if bounded else MAX_LINE_BYTES + 1
        self._fillbuff()
        if self.empty():
            return b""
        parts: list[bytes] = []
        size = 0
        while True:
            part = self.buff.readline(want - size)
            parts.append(part)
            size += len(part)
            if part.endswith(b"\n") or size >= want:
                break
            self._fillbuff()
            if self.empty():
                break
        line = b"".join(parts)  # one join: appending each part would be quadratic
        if not bounded and size > MAX_LINE_BYTES:
            raise _LineTooLong
        return line


class _Archive(ArchiveIterator):
    """ArchiveIterator over :class:`_LineReader`, without warcio's writes to stderr."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.reader = _LineReader(self.fh, block_size=self.reader.block_size)
        self.loader = _TolerantLoader()
        self.known_format = "warc"  # not ARC: do not guess at other formats

    def _consume_blanklines(self):
        # warcio's own, less its write of the unexpected line (raw input bytes) to stderr.
        empty_size = 0
        first_line = True
        while True:
            line = self.reader.readline()
            if len(line) == 0:
                return None, empty_size
            if len(line.rstrip()) == 0 or first_line:
                empty_size += len(line)
                if len(line.rstrip()) != 0:
                    self.err_count += 1
                first_line = False
                continue
            return line, empty_size


class _TolerantLoader(ArcWarcRecordLoader):
    def load_http_headers(self, rec_type, uri, stream, length):
        if uri is None:  # warcio 1.8.1 calls uri.startswith() and raises AttributeError
            return None
        return super().load_http_headers(rec_type, uri, stream, length)


def read_file(
    path: Path, display: str, config: Config
) -> Iterator[Article | errors.NewsweaveError]:
    """Read the HTML response records of a WARC file, within the configured caps."""
    decode.check_file(path, display, max_bytes=None)
    yielded = False
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise errors.NewsweaveError(errors.UNREADABLE, display, f"cannot read it: {exc.strerror}",
                                    "check the file's permissions") from None
    with handle:
        compressed = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
        stream = _Gunzip(handle) if compressed else handle
        capped = _CappedReader(stream, config.ingest.max_warc_bytes)
        number = 0
        try:
            for record in _Archive(capped):
                number += 1
                where = f"{display}#record {number}"
                try:
                    item = _record_article(record, config, where)
                except errors.NewsweaveError as exc:
                    item = exc
                except (_CapReached, _LineTooLong):
                    raise
                except Exception as exc:  # noqa: BLE001 - one bad record never sinks the file
                    item = _bad(where, f"the record could not be read ({type(exc).__name__}: "
                                       f"{str(exc)[:200]})")
                if item is not None:
                    yielded = True
                    yield item
        except _CapReached:
            yielded = True
            yield errors.NewsweaveError(
                errors.TOO_LARGE, display,
                f"the archive expands to more than {config.ingest.max_warc_bytes:,} bytes "
                f"(ingest.max_warc_bytes); reading stopped in record {max(number, 1)}, "
                "later records were not read",
                "split the archive, or raise ingest.max_warc_bytes if it is trusted")
        except _LineTooLong:
            yielded = True
            yield _bad(f"{display}#record {number + 1}",
                       f"a header line is longer than {MAX_LINE_BYTES:,} bytes with no line "
                       f"break, so the archive cannot be parsed from here on; the {number} "
                       "record(s) before it were read")
        except Exception as exc:  # noqa: BLE001 - ArchiveLoadFailed, zlib.error, EOFError, ...
            yielded = True
            problem = f"{type(exc).__name__}: {str(exc)[:200]}"
            if number == 0:
                yield _bad(display, f"not a readable WARC file ({problem})",
                           "give a WARC or WARC.gz file (ISO 28500)")
            else:
                yield _bad(f"{display}#record {number + 1}",
                           f"the archive is damaged from here on ({problem}); the {number} "
                           "record(s) before it were read")
    if capped.damage is not None:
        yielded = True
        yield _bad(display, f"the archive is damaged after record {number} "
                            f"({type(capped.damage).__name__}: {capped.damage}); the records "
                            "before the damage were read")
    if not yielded:
        yield errors.NewsweaveError(errors.NO_TEXT, display,
                                    "the archive holds no HTML response records",
                                    "give a WARC file with HTML responses (a news crawl)")


def _record_article(record, config: Config, where: str) -> Article | None:
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if not uri:
        raise _bad(where, "the response record has no WARC-Target-URI",
                   "give each response record its target URI")
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers else None) or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in HTML_TYPES:
        return None
    limit = config.ingest.max_warc_record_bytes
    body = _read_at_most(record.content_stream(), limit + 1)
    if len(body) > limit:
        raise errors.NewsweaveError(
            errors.TOO_LARGE, where,
            f"the record's body is larger than {limit:,} bytes (ingest.max_warc_record_bytes)",
            "raise ingest.max_warc_record_bytes if the archive is trusted")
    if not body.strip():
        raise errors.NewsweaveError(errors.EMPTY, where, "the record's body is empty",
                                    "give response records with their page")
    decode.check_not_binary(body, where)
    charset = _charset(content_type)
    raw = decode.decode_markup(body, where, charset=charset)
    return article_from_html(raw, config, article_id=url_id(uri), display=where,
                             url=http_url(uri))


def _read_at_most(stream, size: int) -> bytes:
    parts: list[bytes] = []
    while size > 0:
        part = stream.read(min(size, _CHUNK))
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _bad(where: str, reason: str, fix: str = "check the archive; re-fetch or rewrite it with a "
         "WARC tool") -> errors.NewsweaveError:
    return errors.NewsweaveError(errors.BAD_WARC, where, reason, fix)
