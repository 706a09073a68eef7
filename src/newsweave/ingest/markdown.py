"""Markdown to plain text, keeping the raw index of every character that stays.

Only syntax is removed (heading hashes, quote and list markers, emphasis and code markers, link
targets, rules, code fences, reference definitions, inline tags, front matter); every character
that stays is the file's own, so its offset indexes the raw file.

Every rule runs in linear (or n log n) time on a line: no pattern scans from one opening mark
across later opening marks of the same kind, and emphasis and code spans are paired by a scan
over the marks rather than by a lazy ``.+?`` that would rescan the rest of the line from each
mark that never closes (100,000 ``[`` took minutes that way).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from newsweave.ingest.mapped import MappedText

_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_RULE = re.compile(r"(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|=+)")
_REF_DEF = re.compile(r"\[[^\]]+\]:\s*\S+.*")
# Quote markers, then a heading or a list marker.
_PREFIX = re.compile(
    r"[ \t]{0,3}(?:>[ \t]?)*"  # quote markers
    r"(?:(?P<heading>#{1,6})(?:[ \t]+|$)|(?:[-*+]|\d{1,9}[.)])[ \t]+)?"  # heading or list marker
)
_BACKTICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# Link text stops at a bracket and a target at a bracket or a space, so a scan from one "[" or
# "](" ends where the next one starts.
_LINK = re.compile(
    r"(!?\[)([^\[\]\n]*)(\]\([^()\[\]\s]*(?:\s+\"[^\"\n]*\")?\)|\]\[[^\[\]\n]*\])")
_AUTOLINK = re.compile(r"(<)(?:https?://|mailto:)[^<>\s]+(>)")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
# Emphasis: where a mark may open (followed by a non-space) and close (preceded by one), each
# found at every position by a zero-width match; the pairs are made by _pairs.
_EMPHASIS = (
    (re.compile(r"(?=(\*\*|__|~~)\S)"), re.compile(r"(?<=\S)(?=(\*\*|__|~~))")),
    (re.compile(r"(?=(\*)[^\s*])"), re.compile(r"(?<=[^\s*])(?=(\*))")),
    (re.compile(r"(?<!\w)(?=(_)[^\s_])"), re.compile(r"(?<=[^\s_])(?=(_)(?!\w))")),
)
_FRONT_FIELD = re.compile(r"(title|date|published|author|source|url)\s*:\s*(.+)", re.IGNORECASE)


@dataclass
class Markdown:
    """A Markdown document as text: ``mapped`` is the text with its raw map, ``heading`` the
    text of a leading ``#`` heading (the document's title), ``front`` the simple fields of a
    YAML front matter block (title, date, published, author, source, url)."""

    mapped: MappedText
    heading: str | None
    front: dict[str, str]


def strip_markdown(raw: str) -> Markdown:
    """Plain text of a Markdown document.

    >>> doc = strip_markdown("# Troops *rejected*\\n\\nSee [the report](https://x.org/r).")
    >>> doc.mapped.text, list(doc.mapped.starts[:2]), doc.heading
    ('Troops rejected\\n\\nSee the report.', [2, 3], 'Troops rejected')
    """
    out = MappedText()
    lines = list(_lines(raw))
    front, first = _front_matter(lines)
    heading: str | None = None
    seen_text = False
    in_fence = None
    for start, line, brk in lines[first:]:
        stripped = line.strip()
        fence = _FENCE.match(stripped)
        if fence and (in_fence is None or fence.group(1)[0] == in_fence):
            in_fence = None if in_fence else fence.group(1)[0]
        elif in_fence:
            out.add(line, start)
        elif not (_RULE.fullmatch(stripped) or _REF_DEF.fullmatch(stripped)):
            prefix = _PREFIX.match(line)
            body = line[prefix.end():]
            if prefix.group("heading"):
                body = _without_closing_hashes(body)
            begin = start + prefix.end()
            pieces = []
            for lo, hi in _kept_ranges(body):
                pieces.append(body[lo:hi])
                out.add(body[lo:hi], begin + lo)
            if not seen_text and stripped:
                seen_text = True
                if prefix.group("heading"):
                    heading = " ".join("".join(pieces).split()) or None
        if stripped:
            seen_text = True
        out.add(brk, start + len(line))
    return Markdown(out, heading, front)


def _kept_ranges(body: str) -> list[tuple[int, int]]:
    """Ranges of ``body`` that are text, not inline syntax."""
    size = len(body)
    drop = bytearray(size)
    keep = bytearray(size)  # protected from later rules (code, escaped characters)

    def free(*positions: int) -> bool:
        return not any(drop[p] or keep[p] for p in positions)

    for opening, closing in _code_spans(body):
        drop[opening[0]:opening[1]] = b"\1" * (opening[1] - opening[0])
        drop[closing[0]:closing[1]] = b"\1" * (closing[1] - closing[0])
        keep[opening[1]:closing[0]] = b"\1" * (closing[0] - opening[1])
    for m in _ESCAPE.finditer(body):
        if free(m.start()):
            drop[m.start()] = 1
            keep[m.start(1)] = 1
    for m in _LINK.finditer(body):
        if free(m.start(), m.start(3)):
            drop[m.start(1):m.end(1)] = b"\1" * len(m.group(1))
            drop[m.start(3):m.end(3)] = b"\1" * len(m.group(3))
    for m in _AUTOLINK.finditer(body):
        if free(m.start(1), m.start(2)):
            drop[m.start(1)] = drop[m.start(2)] = 1
    for m in _TAG.finditer(body):
        if free(m.start()):
            drop[m.start():m.end()] = b"\1" * (m.end() - m.start())
    for opener, closer in _EMPHASIS:
        for start, close, mark in _pairs(body, opener, closer):
            if free(start, close):
                drop[start:start + mark] = b"\1" * mark
                drop[close:close + mark] = b"\1" * mark
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < size:
        if drop[i]:
            i += 1
            continue
        j = i
        while j < size and not drop[j]:
            j += 1
        ranges.append((i, j))
        i = j
    return ranges


def _code_spans(body: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The code spans of a line as (opening run, closing run) ranges: a run of backticks opens
    a span closed by the next run of the same length; a run that no later run matches is text.

    >>> _code_spans("a `b` and ``c ` d`` e ``` f")
    [((2, 3), (4, 5)), ((10, 12), (17, 19))]
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(body)]
    following: list[int | None] = [None] * len(runs)  # the next run of the same length
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        size = runs[i][1] - runs[i][0]
        following[i] = last.get(size)
        last[size] = i
    spans = []
    i = 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        spans.append((runs[i], runs[j]))
        i = j + 1
    return spans


def _pairs(body: str, opener: re.Pattern, closer: re.Pattern) -> list[tuple[int, int, int]]:
    """``(start, close, mark length)`` of each emphasis pair, as a left-to-right regex search
    for ``open text close`` with the shortest text would find them, in n log n time: each
    opening mark takes the first closing mark of the same kind after at least one character.

    >>> _pairs("**a** and **b", *_EMPHASIS[0])
    [(0, 3, 2)]
    """
    closes: dict[str, list[int]] = {}
    for m in closer.finditer(body):
        closes.setdefault(m.group(1), []).append(m.start())
    pairs = []
    resume = 0
    for m in opener.finditer(body):
        start, mark = m.start(), m.group(1)
        if start < resume:
            continue
        positions = closes.get(mark, ())
        k = bisect_left(positions, start + len(mark) + 1)
        if k < len(positions):
            pairs.append((start, positions[k], len(mark)))
            resume = positions[k] + len(mark)
    return pairs


def _without_closing_hashes(body: str) -> str:
    """A heading's text without its optional closing ``#`` run (``## Title ##``), by hand: the
    pattern ``[ \\t]+#+[ \\t]*$`` is quadratic on a long run of spaces.

    >>> _without_closing_hashes("Title ##  "), _without_closing_hashes("C#")
    ('Title', 'C#')
    """
    stripped = body.rstrip(" \t")
    text = stripped.rstrip("#")
    if text == stripped or not text or text[-1] not in " \t":
        return body
    return text.rstrip(" \t")


def _front_matter(lines: list[tuple[int, str, str]]) -> tuple[dict[str, str], int]:
    """Fields of a leading ``---`` YAML block, and the index of the first line after it."""
    if not lines or lines[0][1].strip() != "---":
        return {}, 0
    for n, (_start, line, _brk) in enumerate(lines[1:100], 1):
        if line.strip() in ("---", "..."):
            fields = {}
            for _s, field_line, _b in lines[1:n]:
                m = _FRONT_FIELD.fullmatch(field_line.strip())
                if m:
                    fields[m.group(1).lower()] = m.group(2).strip().strip("\"'")
            return fields, n + 1
    return {}, 0


def _lines(raw: str):
    """``(start, line, line break)`` for each line of ``raw``."""
    pos = 0
    for match in _BREAK.finditer(raw):
        yield pos, raw[pos:match.start()], match.group()
        pos = match.end()
    if pos < len(raw):
        yield pos, raw[pos:], ""
