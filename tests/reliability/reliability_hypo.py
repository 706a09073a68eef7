"""Property-based fuzzing of each reader with hypothesis, under a time budget per reader.

atheris (coverage-guided) is not a dependency and is not added. Hypothesis is not coverage-
guided either; instead its ``target()`` is fed the seconds each input took per kilobyte, so the
search climbs toward slow inputs (the failures issue 10 found were mostly super-linear work),
and structured strategies (Markdown tokens, HTML trees, JSON values in article-shaped objects,
RSS entries, WARC records) reach past the first parse error that random bytes stop at.

The property, for every generated file: ``read_inputs`` raises nothing, reports no reader bug
("report this as a bug"), accounts for the file (an article or a skipped entry), every article
keeps the invariants of :func:`reliability_harness._check`, and no input runs past
``PER_INPUT_SECONDS`` (a SIGALRM ends it and counts it).
"""
from __future__ import annotations

import gzip
import json
import signal
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings, target
from hypothesis import strategies as st
from reliability_harness import _check
from reliability_inputs import EXTENSIONS, PARAGRAPHS, warc_record

READERS = ("txt", "md", "html", "jsonl", "feed", "warc")
PER_INPUT_SECONDS = 10

_WORDS = st.sampled_from(("ferry", "pier", "Tolland", "said", "the", "Monday", "2025", "3.2",
                          "million", "harbour", "\u00e9t\u00e9", "\U0001f600", "\u00a0", "\u200b"))
_MD = st.sampled_from(("[", "]", "](", ")", "*", "**", "_", "`", "```", "#", "# ", "> ", "- ",
                       "1. ", "---\n", "title: ", "published: ", "author: ", "url: ", "\n",
                       "\n\n", "<", ">", "&amp;", "&#x41;", "![", "\\", "|", "    ", "\t"))
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_PROSE = st.lists(st.one_of(_WORDS, _MD, _TEXT, st.just(" ")), max_size=300).map("".join)

_TAGS = st.sampled_from(("p", "div", "article", "span", "b", "a", "h1", "script", "style",
                         "table", "td", "li", "ul", "br", "img", "meta", "title", "main",
                         "noscript", "svg", "iframe", "x"))
_ATTR = st.tuples(st.sampled_from(("class", "href", "content", "name", "property", "src",
                                   "onerror", "style", "charset")), _TEXT)


def _render(node) -> str:
    if isinstance(node, str):
        return node
    tag, attrs, children, closed = node
    attr = "".join(f' {k}="{v.replace(chr(34), "&quot;")}"' for k, v in attrs)
    inner = "".join(_render(c) for c in children)
    return f"<{tag}{attr}>{inner}" + (f"</{tag}>" if closed else "")


_HTML_NODE = st.recursive(
    st.one_of(_PROSE, st.sampled_from(PARAGRAPHS)),
    lambda kids: st.tuples(_TAGS, st.lists(_ATTR, max_size=3), st.lists(kids, max_size=6),
                           st.booleans()),
    max_leaves=60)
_HTML = _HTML_NODE.map(lambda n: "<html><head><title>x</title></head><body>"
                       + _render(n) + "</body></html>")

_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), _TEXT,
              st.sampled_from(PARAGRAPHS)),
    lambda kids: st.one_of(st.lists(kids, max_size=4),
                           st.dictionaries(_TEXT, kids, max_size=4)),
    max_leaves=20)
_FIELDS = ("id", "text", "html", "sentences", "title", "url", "source", "author", "published")
_RECORD = st.dictionaries(st.sampled_from(_FIELDS), st.one_of(
    _JSON, st.sampled_from(PARAGRAPHS), _HTML, st.lists(st.sampled_from(PARAGRAPHS), max_size=3),
    st.sampled_from(("2025-05-12", "0001-01-01T00:00:00+14:00", "9999-12-31", "javascript:x",
                     "https://example.org/a"))), max_size=9)


def _jsonl(lines) -> bytes:
    return "".join((json.dumps(x) if not isinstance(x, str) else x) + "\n"
                   for x in lines).encode()


def _feed(entries, atom: bool) -> bytes:
    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if atom:
        body = "".join(f"<entry><title>{esc(t)}</title><updated>{esc(d)}</updated>"
                       f"<content type='html'>{esc(c)}</content></entry>" for t, c, d in entries)
        return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>x</title>{body}</feed>").encode()
    body = "".join(f"<item><title>{esc(t)}</title><pubDate>{esc(d)}</pubDate>"
                   f"<description>{esc(c)}</description></item>" for t, c, d in entries)
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>x</title>"
            f"{body}</channel></rss>").encode()


def _warc(records, compress: bool) -> bytes:
    data = [warc_record(url, html.encode("utf-8", "surrogatepass"), kind=kind,
                        content_type=ctype, length=length) for url, html, kind, ctype, length
            in records]
    if compress:
        return b"".join(gzip.compress(r, mtime=0) for r in data)
    return b"".join(data)


_RAW = st.binary(max_size=2000)


def strategy(fmt: str):
    """File contents (bytes) for a reader."""
    if fmt in ("txt", "md"):
        return st.one_of(_PROSE.map(lambda s: s.encode()), _RAW,
                         st.tuples(_PROSE, st.sampled_from(PARAGRAPHS)).map(
                             lambda t: (t[0] + "\n\n" + t[1]).encode()))
    if fmt == "html":
        return st.one_of(_HTML.map(lambda s: s.encode()), _RAW)
    if fmt == "jsonl":
        return st.one_of(st.lists(st.one_of(_RECORD, _JSON, _TEXT), max_size=5).map(_jsonl),
                         _RAW)
    if fmt == "feed":
        entry = st.tuples(_PROSE, st.one_of(_HTML, st.sampled_from(PARAGRAPHS)),
                          st.sampled_from(("Mon, 12 May 2025 08:00:00 GMT", "2025-05-12", "",
                                           "Mon, 01 Jan 0001 00:00:00 +1400", "garbage")))
        return st.one_of(st.tuples(st.lists(entry, max_size=4), st.booleans()).map(
            lambda t: _feed(*t)), _RAW)
    if fmt == "warc":
        record = st.tuples(st.one_of(st.none(), st.just("https://example.org/a"), _TEXT),
                           st.one_of(_HTML, _PROSE),
                           st.sampled_from(("response", "request", "warcinfo", "resource",
                                            "revisit")),
                           st.sampled_from(("text/html", "text/html; charset=latin-1",
                                            "image/png", "", "text/html; charset=bogus")),
                           st.one_of(st.none(), st.integers(-10, 10**7)))
        return st.one_of(st.tuples(st.lists(record, max_size=4), st.booleans()).map(
            lambda t: _warc(*t)), _RAW)
    raise ValueError(f"unknown reader {fmt!r}")


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def check_input(fmt: str, data: bytes, folder: Path, config) -> list[str]:
    """The property's failures for one input (empty when it holds); also feeds ``target``."""
    from newsweave.errors import NewsweaveError
    from newsweave.ingest import read_inputs

    path = folder / ("input" + EXTENSIONS[fmt])
    path.write_bytes(data)
    problems: list[str] = []
    items = []
    t0 = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(PER_INPUT_SECONDS)
    try:
        items = list(read_inputs([path], config))
    except _Timeout:
        problems.append(f"over budget: more than {PER_INPUT_SECONDS} s")
    except Exception as exc:  # noqa: BLE001 - what is counted
        problems.append(f"uncaught {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    seconds = time.perf_counter() - t0
    target(seconds * 1024 / (len(data) + 1024), label="seconds per KiB")
    if not problems and not items:
        problems.append("unaccounted: no article and no skipped entry")
    for item in items:
        if isinstance(item, NewsweaveError):
            if "report this as a bug" in str(item):
                problems.append(f"internal: {str(item)[-200:]}")
        else:
            problems += _check(item)
    return problems


def fuzz_reader(fmt: str, *, seconds: float | None = None, examples: int | None = None,
                seed_base: int = 0) -> dict:
    """Run the property on ``fmt`` until ``seconds`` pass (batches of 50 examples, seeds
    ``seed_base``, ``seed_base + 1``, ...) or for ``examples`` examples; the counts and the
    failures (each the minimal example hypothesis shrank it to)."""
    from newsweave.config import load_config

    config = load_config()
    folder = Path(tempfile.mkdtemp(prefix=f"hypo-{fmt}-"))
    counts = {"reader": fmt, "examples": 0, "failures": [], "slowest_s": 0.0, "known": 0}
    deadline = time.monotonic() + (seconds or 0)
    batch = examples or 50
    k = 0
    while True:
        def prop(data):
            counts["examples"] += 1
            t0 = time.perf_counter()
            problems = check_input(fmt, data, folder, config)
            counts["slowest_s"] = max(counts["slowest_s"], time.perf_counter() - t0)
            if problems and all(p.startswith("unaccounted") for p in problems) \
                    and fmt == "jsonl" and not data.strip():
                counts["known"] += 1   # whitespace-only JSONL: known (test_known_failures.py)
                return
            if problems:
                counts["last_failing"] = data   # hypothesis replays the shrunk one last
            assert not problems, problems

        test = settings(max_examples=batch, deadline=None, database=None,
                        suppress_health_check=list(HealthCheck),
                        # a timed run does not shrink (shrinking a 50 kB page took minutes);
                        # a fixed number of examples (the tests) shrinks to a minimal input
                        phases=[Phase.generate, Phase.target]
                        + ([Phase.shrink] if examples is not None else []))(
            given(data=strategy(fmt))(prop))
        try:
            seed(seed_base + k)(test)()
        except AssertionError as exc:
            counts["failures"].append(str(exc)[:300] + " on "
                                      + repr(counts.pop("last_failing", b""))[:300])
        except Exception as exc:  # noqa: BLE001 - hypothesis' own errors are counted too
            counts["failures"].append(f"{type(exc).__name__}: {str(exc)[:300]}")
        k += 1
        if examples is not None or time.monotonic() >= deadline:
            break
    return counts
