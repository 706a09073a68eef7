"""Web archives: HTML responses become articles; bombs, oversized and broken records are capped
and reported while the rest of the archive is kept."""
from __future__ import annotations

import gzip
import io
import time
import zlib

from ingest_helpers import ENGLISH, read_all
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = f"<html><head><title>Troops</title></head><body><article><p>{ENGLISH}</p></article></body></html>"


def _response(writer, uri, body: bytes, content_type="text/html; charset=utf-8"):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                       http_headers=headers)
    writer.write_record(record)


def _warc(records, *, compress=True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
    for uri, body, content_type in records:
        _response(writer, uri, body, content_type)
    return buffer.getvalue()


def test_html_responses_become_articles(write):
    data = _warc([
        ("https://www.daily.example/world/macron-troops.html", PAGE.encode(), "text/html; charset=utf-8"),
        ("https://www.daily.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ("https://www.daily.example/world/macron-troops.html", PAGE.encode("cp1252"), "text/html; charset=windows-1252"),
    ])
    path = write("crawl.warc.gz", data)
    articles, problems = read_all([path])
    assert problems == []
    first, second = articles
    assert first.id == "daily.example-world-macron-troops"
    assert second.id == "daily.example-world-macron-troops-2"  # unique within the run
    assert first.meta.url == "https://www.daily.example/world/macron-troops.html"
    assert first.meta.path == f"{path}#record 2"  # record 1 is the warcinfo record
    assert second.meta.path == f"{path}#record 4"
    assert first.text == ENGLISH and first.raw == PAGE


def test_uncompressed_warc(write):
    path = write("plain.warc", _warc([("http://a.example/x", PAGE.encode(), "text/html")], compress=False))
    (article,), problems = read_all([path])
    assert problems == [] and article.text == ENGLISH


def test_record_without_target_uri_is_skipped_and_reading_goes_on(write):
    data = _warc([
        (None, PAGE.encode(), "text/html"),
        ("https://b.example/after", PAGE.encode(), "text/html"),
    ])
    path = write("no-uri.warc.gz", data)
    (article,), (problem,) = read_all([path])
    assert article.meta.url == "https://b.example/after"
    assert problem.code == "E009"
    assert problem.input == f"{path}#record 2"
    assert "Target-URI" in problem.reason


def test_oversized_record_is_skipped(write):
    big = PAGE.replace("</article>", "<p>" + "padding " * 5_000 + "</p></article>").encode()
    data = _warc([
        ("https://a.example/big", big, "text/html"),
        ("https://a.example/small", PAGE.encode(), "text/html"),
    ])
    path = write("big.warc.gz", data)
    articles, (problem,) = read_all([path], ingest={"max_warc_record_bytes": 10_000})
    assert [a.meta.url for a in articles] == ["https://a.example/small"]
    assert problem.code == "E004" and problem.input == f"{path}#record 2"
    assert "max_warc_record_bytes" in problem.reason


def _bomb_member(size: int, chunk: int = 1 << 20) -> bytes:
    """A gzip member of ``size`` zero bytes, built without compressing them all: after a full
    flush deflate starts afresh, so one compressed chunk can be repeated. The trailer is left out
    (a reader that respects the cap never gets there)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return header + block * (size // chunk)


def test_warc_bomb_is_capped(write):
    size = 1 << 30  # 1 GiB of zeros in one response record
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "WARC-Date: 2024-02-27T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {size + 44}\r\n\r\n"
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    ).encode()
    good = _warc([("https://a.example/first", PAGE.encode(), "text/html")])
    data = good + gzip.compress(head) + _bomb_member(size)
    path = write("bomb.warc.gz", data)
    assert path.stat().st_size < 2_000_000
    started = time.perf_counter()
    articles, problems = read_all([path], ingest={"max_warc_bytes": 3_000_000,
                                                  "max_warc_record_bytes": 100_000})
    assert time.perf_counter() - started < 5
    assert [a.meta.url for a in articles] == ["https://a.example/first"]  # kept
    codes = [(p.code, p.input) for p in problems]
    assert codes == [("E004", f"{path}#record 3"), ("E004", str(path))]
    assert "max_warc_bytes" in problems[1].reason


def test_damaged_archive_keeps_what_was_read(write):
    good = _warc([("https://a.example/first", PAGE.encode(), "text/html")])
    path = write("damaged.warc.gz", good + b"\x1f\x8b\x08\x00garbage that is not deflate")
    articles, (problem,) = read_all([path])
    assert len(articles) == 1
    assert problem.code == "E009" and problem.input == str(path)
    assert "after record 2" in problem.reason


def test_archive_without_html(write):
    path = write("images.warc", _warc([("https://a.example/x.png", b"\x89PNG", "image/png")],
                                      compress=False))
    articles, (problem,) = read_all([path])
    assert articles == [] and problem.code == "E012"


def test_large_record_under_the_cap_is_read_whole(write):
    paragraphs = "".join(f"<p>Paragraph {i}. {ENGLISH}</p>" for i in range(300))
    page = f"<html><body><article>{paragraphs}</article></body></html>".encode()
    assert len(page) > 90_000
    (article,), problems = read_all([write("long.warc.gz", _warc([("https://a.example/long", page, "text/html")]))])
    assert problems == [] and article.text.count("Paragraph ") == 300


def test_not_a_warc_file(write):
    path = write("fake.warc", "This is plain text, not an archive.\n")
    articles, (problem,) = read_all([path])
    assert problem.code == "E009" and problem.input == str(path) and "not a readable WARC" in problem.reason
