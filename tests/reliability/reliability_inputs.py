"""Deterministic generators of malformed and hostile inputs, one family per input format.

``cases(fmt, n, seed=0)`` returns ``n`` :class:`Case` records for a format: the first ones are
the format's named hostile inputs (bombs, deep nesting, wrong JSON types, extreme dates, ...),
the rest are seeded mutations of small valid seed files (truncations, byte flips, insertions,
deletions, wrong encodings, BOMs, NULs, control characters, huge lines, runs of one symbol).
The same ``(fmt, n, seed)`` always gives the same bytes.

Every seed text here is invented for these tests (no evaluation data is copied).

A case that triggers a failure already known and being fixed carries ``known`` (a short key of
:data:`KNOWN`): the fast subset in ``make test`` leaves those out (each has its own strict-xfail
reproducer in test_known_failures.py), the ``make fuzz`` runner counts them apart.
"""
from __future__ import annotations

import functools
import gzip
import zlib
import json
import random
import re
from dataclasses import dataclass

FORMATS = ("txt", "md", "html", "jsonl", "feed", "warc", "sgml")
EXTENSIONS = {"txt": ".txt", "md": ".md", "html": ".html", "jsonl": ".jsonl",
              "feed": ".rss", "warc": ".warc.gz", "sgml": ".sgml"}

# Known failures, still open; key -> what happens. The issue-10 failures this suite was built
# against (surrogate, warc-zeros, md-brackets, symbol-run, huge-title, symlink, unaccounted,
# big-int, year-one, control-chars) and those it found (sgml-id, html-offsets, html-author) are
# fixed: their inputs are tested like any other, and their reproducers in test_known_failures.py
# must pass. A new known failure gets a key here and a strict-xfail reproducer there.
KNOWN: dict[str, str] = {}
# A DOCNO holding a character no file name or id may hold: the inputs that reach sgml-id.
_UNSAFE_DOCNO = re.compile(rb"<DOCNO>[^<]*?[/\\\x00]", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    """One generated input: its file name (with the format's extension), bytes, the kind of
    malformation, and the known failure it triggers (None when none is known)."""
    name: str
    data: bytes
    kind: str
    known: str | None = None

    def __post_init__(self) -> None:
        # a failure that has been fixed (its key left KNOWN) is tested like any other input
        if self.known is not None and self.known not in KNOWN:
            object.__setattr__(self, "known", None)


# ----------------------------------------------------------------------------- seed files
# Invented reports: plain English long enough for the language and length checks.
PARAGRAPHS = [
    "The harbour authority of Tolland said on Monday that the ferry route to the islands would "
    "reopen next week after repairs to the northern pier, which was damaged in a storm.",
    "Engineers found cracks in two of the pier's supports during an inspection in March, the "
    "authority said in a statement, and traffic was moved to a temporary berth.",
    '"We expect the crossings to run on the normal timetable from Thursday," said harbour '
    "master Ines Okafor. About 2,400 passengers use the route on a typical weekday.",
    "The repairs cost 3.2 million crowns and were paid for by the regional council, which "
    "approved the money in an emergency vote on 14 April.",
]
TITLE = "Tolland ferry route to reopen after pier repairs"


def _body(rng: random.Random, k: int = 3) -> list[str]:
    return rng.sample(PARAGRAPHS, k)


def seed_file(fmt: str, rng: random.Random) -> bytes:
    """A small valid file of the format."""
    paras = _body(rng)
    if fmt == "txt":
        return (TITLE + "\n\n" + "\n\n".join(paras) + "\n").encode()
    if fmt == "md":
        return ("---\ntitle: " + TITLE + "\npublished: 2025-05-12\nsource: Harbour News\n"
                "author: Sam Reyes\nurl: https://example.org/ferry\n---\n# " + TITLE + "\n\n"
                + "\n\n".join(f"{p} See [the notice](https://example.org/n) and *more*."
                              for p in paras) + "\n\n- one item\n- two items\n").encode()
    if fmt == "html":
        return _html(TITLE, paras).encode()
    if fmt == "jsonl":
        lines = [
            {"id": "a1", "title": TITLE, "text": "\n\n".join(paras), "source": "Harbour News",
             "url": "https://example.org/a1", "published": "2025-05-12T08:00:00Z",
             "author": "Sam Reyes"},
            {"id": "a2", "html": _html("Pier repairs finished", paras[:2])},
            {"id": "a3", "sentences": paras, "published": "2025-05-13"},
        ]
        return "".join(json.dumps(line) + "\n" for line in lines).encode()
    if fmt == "feed":
        if rng.random() < 0.5:
            return _rss([(TITLE, paras), ("Pier repairs finished", paras[1:])]).encode()
        return _atom([(TITLE, paras), ("Pier repairs finished", paras[1:])]).encode()
    if fmt == "warc":
        return _warc_gz([("https://example.org/a", _html(TITLE, paras)),
                         ("https://example.org/b", _html("Pier repairs finished", paras[1:]))])
    if fmt == "sgml":
        return _sgml([("APW20250512.0001", paras), ("APW20250512.0002", paras[1:])]).encode()
    raise ValueError(f"unknown format {fmt!r}")


def _html(title: str, paras: list[str], *, head_extra: str = "", body_extra: str = "") -> str:
    ps = "".join(f"<p>{p}</p>\n" for p in paras)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<meta name=\"author\" content=\"Sam Reyes\">"
            f"<meta property=\"article:published_time\" content=\"2025-05-12T08:00:00Z\">"
            f"{head_extra}</head><body><article><h1>{title}</h1>\n{ps}{body_extra}"
            f"</article></body></html>")


def _rss(items: list[tuple[str, list[str]]], *, prolog: str = "", pubdate: str =
         "Mon, 12 May 2025 08:00:00 GMT") -> str:
    out = "".join(
        f"<item><title>{t}</title><link>https://example.org/{i}</link>"
        f"<pubDate>{pubdate}</pubDate><author>news@example.org (Sam Reyes)</author>"
        f"<description><![CDATA[{''.join(f'<p>{p}</p>' for p in ps)}]]></description></item>"
        for i, (t, ps) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
            f"<title>Harbour News</title><link>https://example.org/</link>{out}</channel></rss>")


def _atom(items: list[tuple[str, list[str]]], *, updated: str = "2025-05-12T08:00:00Z") -> str:
    out = "".join(
        f"<entry><title>{t}</title><link href=\"https://example.org/{i}\"/>"
        f"<id>urn:x:{i}</id><updated>{updated}</updated><author><name>Sam Reyes</name></author>"
        f"<content type=\"html\">{''.join(f'&lt;p&gt;{p}&lt;/p&gt;' for p in ps)}</content>"
        f"</entry>" for i, (t, ps) in enumerate(items))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Harbour News</title><id>urn:x</id><updated>{updated}</updated>{out}</feed>")


def warc_record(url: str | None, body: bytes, *, kind: str = "response",
                content_type: str = "text/html; charset=utf-8", length: int | None = None,
                http: bool = True) -> bytes:
    """One uncompressed WARC record (HTTP response headers included when ``http``)."""
    payload = (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() +
               b"\r\n\r\n" + body) if http else body
    headers = ["WARC/1.0", f"WARC-Type: {kind}", "WARC-Date: 2025-05-12T08:00:00Z",
               f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{abs(hash(url)) % 10**12:012d}>"]
    if url is not None:
        headers.append(f"WARC-Target-URI: {url}")
    headers += ["Content-Type: application/http; msgtype=response" if http
                else "Content-Type: " + content_type,
                f"Content-Length: {len(payload) if length is None else length}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def gzip_repeat(chunk: bytes, times: int, *, head: bytes = b"") -> bytes:
    """A gzip member of ``head`` then ``chunk`` repeated ``times`` times, compressed as it is
    made (a decompression bomb without holding its expanded size in memory)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    parts = [comp.compress(head)]
    for _ in range(times):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    return b"".join(parts)


def _warc_gz(pages: list[tuple[str, str]], *, compress: bool = True) -> bytes:
    records = [warc_record(url, html.encode()) for url, html in pages]
    if not compress:
        return b"".join(records)
    # one gzip member per record, as Common Crawl writes them; mtime=0 keeps it deterministic
    return b"".join(gzip.compress(r, mtime=0) for r in records)


def _sgml(docs: list[tuple[str, list[str]]]) -> str:
    return "".join(
        f"<DOC>\n<DOCNO> {no} </DOCNO>\n<DATE_TIME> 05/12/2025 08:00:00 </DATE_TIME>\n<BODY>\n"
        f"<HEADLINE> {TITLE} </HEADLINE>\n<TEXT>\n"
        + "".join(f"\t{p}\n" for p in ps) + "</TEXT>\n</BODY>\n</DOC>\n" for no, ps in docs)


# ----------------------------------------------------------------------------- named hostile inputs
@functools.lru_cache(maxsize=None)
def hostile(fmt: str) -> tuple[Case, ...]:
    """The format's named hostile inputs (deterministic, no randomness)."""
    paras = PARAGRAPHS[:3]
    ext = EXTENSIONS[fmt]
    out: list[tuple[str, bytes] | tuple[str, bytes, str]] = []
    text = "\n\n".join(paras)
    # common to every format
    out += [("empty", b""), ("one-newline", b"\n"), ("whitespace", b" \n\t\n  \n"),
            ("nul-only", b"\x00" * 4096), ("utf8-bom", b"\xef\xbb\xbf" + seed_file(fmt, random.Random(1)))]
    if fmt in ("txt", "md", "sgml"):
        base = seed_file(fmt, random.Random(1)).decode()
        out += [
            ("utf16-bom", base.encode("utf-16")), ("utf16le-nobom", base.encode("utf-16-le")),
            ("utf32", base.encode("utf-32")), ("latin1", (base + " Café für Ångström").encode("latin-1")),
            ("cp1252-quotes", (base + " \u201cquoted\u201d").encode("cp1252")),
            ("huge-line-2mb", (TITLE + "\n\n" + "word " * 400_000).encode()),
            ("no-newline-1mb", b"a" * 1_000_000),
            ("over-max-file", b"x" * 20_000_001),
            ("ansi-escapes", ("\x1b[31mRed title\x1b[0m\x07\n\n" + text).encode()),
            ("bidi-override", ("\u202eEvil title\u202c\n\n" + text).encode()),
            ("zero-width", ("\u200b" * 5000 + "\n\n" + text).encode()),
            ("emoji-run-20k", (TITLE + "\n\n" + text + "\n\n" + "\U0001f600" * 20_000).encode()),
            ("star-run-50k", (TITLE + "\n\n" + text + "\n\n" + "*" * 50_000).encode()),
            ("lt-run-50k", (TITLE + "\n\n" + text + "\n\n" + "<" * 50_000).encode()),
            ("crlf", base.replace("\n", "\r\n").encode()),
            ("cr-only", base.replace("\n", "\r").encode()),
            ("many-short-lines", ("a\n" * 200_000).encode()),
            ("max-article-chars", (TITLE + "\n\n" + ("The pier was repaired. " * 9000)).encode()),
            ("surrogate-bytes", b"Title\n\n" + text.encode() + b"\xed\xb0\x80 end"),
        ]
    if fmt == "md":
        front = "---\ntitle: {}\npublished: {}\n---\n" + text
        out += [
            ("front-unclosed", ("---\ntitle: x\n" + text).encode()),
            ("front-huge-title-5k", front.format("T" * 5_000, "2025-05-12").encode()),
            ("front-huge-title-500k", front.format("T" * 500_000, "2025-05-12").encode(), "huge-title"),
            ("date-year-one", front.format("x", "0001-01-01T00:00:00+14:00").encode()),
            ("date-9999", front.format("x", "9999-12-31T23:59:59-14:00").encode()),
            ("date-huge-year", front.format("x", "99999999-01-01").encode()),
            ("date-garbage", front.format("x", "yesterday-ish ¯\\_(ツ)_/¯").encode()),
            ("date-negative-epoch", front.format("x", "-62135596800").encode()),
            ("bracket-run-50k", (text + "\n\n" + "[" * 50_000).encode(), "md-brackets"),
            ("link-nesting", (text + "\n\n" + "[a](" * 5000 + ")" * 5000).encode()),
            ("backtick-run", (text + "\n\n" + "`" * 50_000).encode()),
            ("heading-only", b"# " + b"#" * 10_000),
            ("deep-list", (text + "\n\n" + "".join("  " * i + "- x\n" for i in range(1000))).encode()),
            ("js-url-front", ("---\ntitle: x\nurl: javascript:alert(1)\n---\n" + text).encode()),
            ("yaml-bomb-ish", ("---\na: &a [x,x,x]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n---\n" + text).encode()),
        ]
    if fmt == "html":
        out += [
            ("deep-nesting-50k", ("<html><body>" + "<div>" * 50_000 + text + "</div>" * 50_000
                                  + "</body></html>").encode()),
            ("unclosed-nesting-50k", ("<html><body>" + "<span><b>" * 25_000 + text).encode()),
            ("entity-bomb", (_BILLION_LAUGHS_DTYPE + "<html><body><p>&lol9;</p><p>" + text
                             + "</p></body></html>").encode()),
            ("external-entity", ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM '
                                 '"file:///etc/passwd">]><html><body><p>&xxe;</p><p>' + text
                                 + "</p></body></html>").encode()),
            ("many-entities", _html(TITLE, [("&amp;&#x1F600;&nbsp;&bogus;" * 20_000)]).encode()),
            ("huge-attribute", _html(TITLE, paras, head_extra='<meta name="x" content="'
                                     + "A" * 2_000_000 + '">').encode()),
            ("script-only", b"<html><body><script>" + b"var a=1;" * 10000 + b"</script></body></html>"),
            ("comment-unclosed", ("<html><body><!-- " + text).encode()),
            ("charset-lie", _html(TITLE, paras + ["Caf\u00e9 cr\u00e8me"]).replace(
                'charset="utf-8"', 'charset="utf-16"').encode("latin-1")),
            ("charset-unknown", _html(TITLE, paras + ["na\u00efve"]).replace(
                'charset="utf-8"', 'charset="x-klingon"').encode("latin-1")),
            ("utf16-bom", _html(TITLE, paras).encode("utf-16")),
            ("huge-title", _html("T" * 1_000_000, paras).encode()),
            ("table-bomb", ("<html><body><table>" + "<tr>" + "<td>x</td>" * 2000 + "</tr>" * 1
                            + "</table>" * 1 + "<p>" + text + "</p></body></html>").encode()),
            ("date-year-one", _html(TITLE, paras, head_extra='<meta property="article:'
                                    'published_time" content="0001-01-01T00:00:00+14:00">').encode()),
            ("date-far-future", _html(TITLE, paras, head_extra='<meta name="date" '
                                      'content="99999-12-31">').encode()),
            ("svg-script", _html(TITLE, paras, body_extra="<svg><script>alert(1)</script></svg>"
                                 ).encode()),
            ("frameset", b"<html><frameset><frame src='javascript:alert(1)'></frameset></html>"),
            ("nul-in-middle", _html(TITLE, paras).encode().replace(b"<p>", b"<p>\x00", 1)),
        ]
    if fmt == "jsonl":
        good = json.dumps({"id": "ok", "text": text}) + "\n"

        def line(record) -> bytes:
            return (good + json.dumps(record) + "\n").encode()

        out += [
            ("text-number", line({"id": "n", "text": 12345})),
            ("text-list", line({"id": "n", "text": ["a", "b"]})),
            ("text-null", line({"id": "n", "text": None})),
            ("text-object", line({"id": "n", "text": {"a": 1}})),
            ("id-float", line({"id": 1.5, "text": text})),
            ("id-bool", line({"id": True, "text": text})),
            ("id-list", line({"id": [1], "text": text})),
            ("id-path", line({"id": "../../etc/passwd", "text": text})),
            ("id-huge", line({"id": "i" * 100_000, "text": text})),
            ("id-control", line({"id": "a\x1b[2Jb\x00", "text": text})),
            ("title-number", line({"id": "t", "text": text, "title": 7})),
            ("title-huge", line({"id": "t", "text": text, "title": "T" * 500_000})),
            ("url-js", line({"id": "u", "text": text, "url": "javascript:alert(1)"})),
            ("url-list", line({"id": "u", "text": text, "url": ["http://x"]})),
            ("published-int", line({"id": "p", "text": text, "published": 1715500000})),
            ("published-huge-int", line({"id": "p", "text": text, "published": 10**40})),
            ("published-year-one", line({"id": "p", "text": text,
                                         "published": "0001-01-01T00:00:00+14:00"})),
            ("published-9999", line({"id": "p", "text": text,
                                     "published": "9999-12-31T23:59:59-14:00"})),
            ("published-list", line({"id": "p", "text": text, "published": ["2025"]})),
            ("published-garbage", line({"id": "p", "text": text, "published": "32/13/2025"})),
            ("sentences-mixed", line({"id": "s", "sentences": ["a", 1, None]})),
            ("sentences-empty", line({"id": "s", "sentences": []})),
            ("html-and-text", line({"id": "h", "html": 5, "text": text})),
            ("top-level-array", (good + "[1, 2, 3]\n").encode()),
            ("top-level-string", (good + '"just a string"\n').encode()),
            ("top-level-null", (good + "null\n").encode()),
            ("deep-array-100k", (good + "[" * 100_000 + "]" * 100_000 + "\n").encode()),
            ("deep-object-50k", (good + '{"a":' * 50_000 + "1" + "}" * 50_000 + "\n").encode()),
            ("nan-infinity", (good + '{"id": "x", "text": NaN, "title": Infinity}\n').encode()),
            ("duplicate-keys", (good + '{"id": "x", "text": "a", "text": ' + json.dumps(text)
                                + "}\n").encode()),
            ("big-int-4000", (good + '{"id": "x", "n": ' + "9" * 4000 + ', "text": '
                              + json.dumps(text) + "}\n").encode()),
            ("big-int-5001", (good + '{"id": "x", "n": ' + "9" * 5001 + ', "text": '
                              + json.dumps(text) + "}\n").encode(), "big-int"),
            # json.dumps writes the lone surrogate as the escape \udc00
            ("lone-surrogate", line({"id": "s", "text": text + " \udc00 end"}), "surrogate"),
            ("line-bom", ("\ufeff" + good + "\ufeff" + good).encode()),
            ("crlf-lines", (good.replace("\n", "\r\n") * 2).encode()),
            ("blank-lines", ("\n\n" + good + "\n   \n" + good).encode()),
            ("whitespace-only", b"  \n \n\t\n", "unaccounted"),
            ("truncated-line", (good + good[: len(good) // 2]).encode()),
            ("nul-in-string", line({"id": "z", "text": text + "\x00 more"})),
            ("control-title", line({"id": "c", "text": text, "title": "\x1b[31mred\x1b[0m\x07"})),
            ("many-lines-1500", (good * 1500).encode()),
        ]
        # the common "whitespace" case above is the known unaccounted one for JSONL
        out = [c if c[0] != "whitespace" else (c[0], c[1], "unaccounted") for c in out]
        out = [c if c[0] != "one-newline" else (c[0], c[1], "unaccounted") for c in out]
    if fmt == "feed":
        items = [(TITLE, paras)]
        out += [
            ("entity-bomb", (_BILLION_LAUGHS_DTYPE.replace("html", "rss") + _rss(
                [("&lol9;", paras)])[len('<?xml version="1.0" encoding="utf-8"?>'):]).encode()),
            ("external-entity", _rss([("&xxe;", paras)], prolog='<!DOCTYPE rss [<!ENTITY xxe '
                                     'SYSTEM "file:///etc/passwd">]>').encode()),
            ("no-entries-rss", _rss([]).encode()),
            ("no-entries-atom", _atom([]).encode()),
            ("not-a-feed", b"<?xml version='1.0'?><note><to>x</to></note>"),
            ("deep-nesting", ("<?xml version='1.0'?><rss><channel><item><description>"
                              + "<x>" * 20_000 + text + "</x>" * 20_000
                              + "</description></item></channel></rss>").encode()),
            ("many-items-1500", _rss([(f"Item {i}", paras[:1]) for i in range(1500)]).encode()),
            ("item-no-content", _rss([(TITLE, [])]).encode()),
            ("item-no-title", _rss([("", paras)]).encode()),
            ("title-script", _rss([('<img src=x onerror="alert(1)">', paras)]).encode()),
            ("link-javascript", _rss(items).replace("https://example.org/0",
                                                    "javascript:alert(1)").encode()),
            ("date-year-one", _rss(items, pubdate="Mon, 01 Jan 0001 00:00:00 +1400").encode()),
            ("date-9999", _atom(items, updated="9999-12-31T23:59:59-14:00").encode()),
            ("date-garbage", _rss(items, pubdate="the day after tomorrow").encode()),
            ("cdata-unclosed", _rss(items).replace("]]>", "", 1).encode()),
            ("encoding-lie", _rss(items + [("Caf\u00e9", paras)]).replace(
                'encoding="utf-8"', 'encoding="utf-16"').encode("latin-1")),
            ("latin1-declared", _rss(items + [("Caf\u00e9", paras)]).replace(
                'encoding="utf-8"', 'encoding="iso-8859-1"').encode("latin-1")),
            ("huge-title", _rss([("T" * 1_000_000, paras)]).encode()),
            ("control-title", _rss([("\x1b[31mred\x1b[0m", paras)]).encode()),
        ]
    if fmt == "warc":
        page = _html(TITLE, paras).encode()
        out += [
            ("uncompressed", _warc_gz([("https://example.org/a", _html(TITLE, paras))],
                                      compress=False)),
            ("truncated-gzip", _warc_gz([("https://example.org/a", _html(TITLE, paras))])[:-40]),
            ("gzip-garbage-tail", _warc_gz([("https://example.org/a", _html(TITLE, paras))])
             + b"\x1f\x8b\x08\x00garbage"),
            ("not-gzip", b"this is not a gzip file at all\n" * 10),
            ("no-target-uri", gzip.compress(warc_record(None, page), mtime=0)
             + _warc_gz([("https://example.org/b", _html(TITLE, paras))])),
            ("length-too-big", gzip.compress(warc_record("https://example.org/a", page,
                                                         length=10**9), mtime=0)),
            ("length-negative", gzip.compress(warc_record("https://example.org/a", page,
                                                          length=-5), mtime=0)),
            ("length-garbage", gzip.compress(warc_record("https://example.org/a", page).replace(
                b"Content-Length: ", b"Content-Length: x", 1), mtime=0)),
            ("not-html", gzip.compress(warc_record("https://example.org/i.png", b"\x89PNG" * 100,
                                                   content_type="image/png"), mtime=0)),
            ("warcinfo-only", gzip.compress(warc_record(None, b"software: x\r\n", kind="warcinfo",
                                                        http=False), mtime=0)),
            ("record-over-cap", gzip.compress(warc_record("https://example.org/big", _html(
                TITLE, paras).encode() + b"<p>" + b"a " * 3_000_000 + b"</p>"), mtime=1)),
            # a decompression bomb with line breaks: capped at ingest.max_warc_bytes
            # just past ingest.max_warc_bytes (200 MB)
            ("gzip-bomb-lines", gzip_repeat(b"0" * 79 + b"\n", 210_000_000 // 80,
                                            head=warc_record("https://example.org/z", b"")[:-4])),
            ("gzip-zeros-no-newline", gzip_repeat(b"\0" * 65536, 210_000_000 // 65536),
             "warc-zeros"),
            ("many-records-400", _warc_gz([(f"https://example.org/{i}", _html(f"Item {i}",
                                             paras[:1])) for i in range(400)])),
            ("huge-header-line", gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX: "
                                               + b"h" * 5_000_000 + b"\r\n\r\n", mtime=0)),
            ("js-target-uri", _warc_gz([("javascript:alert(1)", _html(TITLE, paras))])),
            ("charset-latin1", gzip.compress(warc_record(
                "https://example.org/l", _html(TITLE, paras + ["Caf\u00e9"]).replace(
                    'charset="utf-8"', "").encode("latin-1"),
                content_type="text/html; charset=iso-8859-1"), mtime=0)),
        ]
    if fmt == "sgml":
        out += [
            ("doc-unclosed", ("<DOC><DOCNO> X1 </DOCNO><TEXT>\n\t" + text).encode()),
            ("text-unclosed", ("<DOC><DOCNO> X1 </DOCNO><TEXT>\n\t" + text + "\n</DOC>").encode()),
            ("docs-5000", _sgml([(f"APW{i:08d}", paras[:1]) for i in range(5000)]).encode()),
            ("nested-doc", ("<DOC><DOC><DOC><DOCNO> X </DOCNO><TEXT>\t" + text
                            + "</TEXT></DOC></DOC></DOC>").encode()),
            ("entity-junk", _sgml([("X", [p + " &Cx1f;&QL;&#99999999;&#x110000;&amp" for p in paras])]
                                  ).encode()),
            ("tag-run", ("<DOC><DOCNO> X </DOCNO><TEXT>" + "<P" * 100_000 + text
                         + "</TEXT></DOC>").encode()),
            ("date-garbage", _sgml([("X", paras)]).replace("05/12/2025 08:00:00",
                                                           "99/99/0000 99:99").encode()),
            ("docno-script", _sgml([("<script>alert(1)</script>", paras)]).encode(), "sgml-id"),
        ]
    cases = []
    for item in out:
        label, data = item[0], item[1]
        known = item[2] if len(item) > 2 else None
        cases.append(Case(f"h-{label}{ext}", data, f"hostile:{label}", known))
    return tuple(cases)


_BILLION_LAUGHS_DTYPE = (
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10)) + "]>")


# ----------------------------------------------------------------------------- mutations
MUTATIONS = ("truncate", "flip", "insert", "delete", "duplicate", "nul", "control", "bom",
             "reencode", "huge-line", "symbol-run", "splice", "swap-quotes", "strip-newlines")
_SYMBOLS = ["\U0001f600", "*", "<", ">", "&", "_", "#", "|", "=", "-", "\\", "\u00a0", "\u200b",
            "\ufffd", "a", ".", "\n", "\"", "{", "]"]


def mutate(data: bytes, rng: random.Random, fmt: str) -> tuple[bytes, str, str | None]:
    """One seeded mutation of ``data``: ``(bytes, mutation name, known failure or None)``."""
    name = rng.choice(MUTATIONS)
    n = len(data)
    at = rng.randrange(n + 1)
    known = None
    if name == "truncate":
        data = data[:at]
    elif name == "flip":
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            if b:
                i = rng.randrange(len(b))
                b[i] ^= 1 << rng.randrange(8)
        data = bytes(b)
    elif name == "insert":
        data = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[at:]
    elif name == "delete":
        data = data[:at] + data[at + rng.randint(1, 200):]
    elif name == "duplicate":
        end = min(n, at + rng.randint(1, 400))
        data = data[:end] + data[at:end] * rng.randint(2, 50) + data[end:]
    elif name == "nul":
        data = data[:at] + b"\x00" * rng.choice([1, 2, 16, 1000]) + data[at:]
    elif name == "control":
        junk = rng.choice(["\x1b[31m", "\x1b]0;title\x07", "\x08\x08", "\x1b[2J", "\r", "\x7f",
                           "\u202e", "\u2028", "\x0c", "\x1b[?1049h"])
        data = data[:at] + junk.encode() * rng.randint(1, 5) + data[at:]
    elif name == "bom":
        data = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]) + data
    elif name == "reencode":
        enc = rng.choice(["utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis",
                          "utf-7"])
        try:
            data = data.decode("utf-8").encode(enc, "replace")
        except UnicodeDecodeError:
            data = data.decode("latin-1").encode("utf-16")
    elif name == "huge-line":
        size = rng.choice([100_000, 1_000_000, 3_000_000])
        data = data[:at] + (rng.choice(["word ", "x", "\u00e9"]) * (size // 5)).encode() + data[at:]
    elif name == "symbol-run":
        symbol = rng.choice(_SYMBOLS)
        count = rng.choice([1_000, 10_000, 50_000])
        if fmt == "md" and symbol in "[]":
            known = "md-brackets"
        data = data[:at] + (symbol * count).encode() + data[at:]
    elif name == "splice":
        other = rng.randrange(n + 1)
        lo, hi = sorted((at, other))
        data = data[:lo] + data[hi:] + data[lo:hi]
    elif name == "swap-quotes":
        data = data.replace(b'"', rng.choice([b"'", b"", b'\\"', b"\xe2\x80\x9c"]))
    elif name == "strip-newlines":
        data = data.replace(b"\n", b"").replace(b"\r", b"")
    return data, name, known


def _mutate_warc(rng: random.Random) -> tuple[bytes, str, str | None]:
    """WARC: damage the compressed bytes, or damage the records and recompress them."""
    paras = _body(rng)
    pages = [("https://example.org/a", _html(TITLE, paras)),
             ("https://example.org/b", _html("Pier repairs finished", paras[1:]))]
    if rng.random() < 0.5:
        data, name, known = mutate(_warc_gz(pages), rng, "warc")
        return data, "gz-" + name, known
    plain = _warc_gz(pages, compress=False)
    damaged, name, known = mutate(plain, rng, "warc-plain")
    if rng.random() < 0.3:
        return damaged, "plain-" + name, known
    return gzip.compress(damaged, mtime=0), "rec-" + name, known


def cases(fmt: str, n: int, seed: int = 0, *, include_hostile: bool = True) -> list[Case]:
    """``n`` inputs for ``fmt``: the named hostile ones first, then seeded mutations (one to
    three stacked) of seed files. Deterministic for a given ``(fmt, n, seed)``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    out = list(hostile(fmt)[:n]) if include_hostile else []
    rng = random.Random(f"{fmt}-{seed}")
    ext = EXTENSIONS[fmt]
    i = 0
    while len(out) < n:
        i += 1
        if fmt == "warc":
            data, names, known = _mutate_warc(rng)
            names = [names]
        else:
            data = seed_file(fmt, rng)
            names, known = [], None
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                data, name, k = mutate(data, rng, fmt)
                names.append(name)
                known = known or k
        if fmt == "sgml" and _UNSAFE_DOCNO.search(data):
            known = known or "sgml-id"
        out.append(Case(f"m{i:04d}-{'+'.join(names)}{ext}", data, "mutation:" + "+".join(names),
                        known))
    return out


def mutation_kinds() -> tuple[str, ...]:
    return MUTATIONS


if __name__ == "__main__":  # a quick look: sizes of the first cases of each format
    for fmt in FORMATS:
        cs = cases(fmt, 80)
        print(fmt, len(cs), sum(len(c.data) for c in cs) // 1024, "KiB",
              sum(1 for c in cs if c.known), "known")
