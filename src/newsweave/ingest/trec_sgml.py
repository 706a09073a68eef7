"""Read news-wire documents in TREC SGML (DUC, TAC, the LDC Gigaword-style wires).

A file holds one or more ``<DOC>`` elements::

    <DOC>
    <DOCNO> APW19981017.0151 </DOCNO>
    <DATE_TIME> 10/17/1998 05:50:00 </DATE_TIME>
    <BODY><TEXT>
    	   LONDON (AP) _ A lawmaker on Saturday backed requests ...
    	   ``It was a long search,'' said the lawmaker.
    </TEXT></BODY>
    </DOC>

Each ``<DOC>`` becomes one Article whose ``raw`` is the ``<DOC>`` element exactly as read and whose
``text`` is what a reader sees: the ``<TEXT>`` content, one paragraph per tab-indented (or
``<P>``-tagged, or blank-line separated) block, wire control codes such as ``&Cx1f;`` and ``&QL;``
dropped, ``&amp;``-style entities decoded, and the typewriter quotes `````` and ``''`` written
as ``"``.
The offset map leads every character back to the SGML, so a cited passage can be shown in the file.
"""
from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

from newsweave.ingest.cleanup import clean_text
from newsweave.ingest.ids import safe_id
from newsweave.model import Article, ArticleMeta

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.IGNORECASE | re.DOTALL)
_FIELD = r"<{0}\b[^>]*>(.*?)</{0}\s*>"
_TEXT = re.compile(_FIELD.format("TEXT"), re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?([A-Za-z][\w.-]*)[^<>]*>")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,15});")
# Entities that stand for text; every other named entity in a wire is a control code.
_TEXT_ENTITIES = {"amp", "lt", "gt", "quot", "apos", "nbsp"}
_BREAK_TAGS = {"p", "br", "hl", "headline", "lp"}
_WIRES = {"APW": "Associated Press", "NYT": "New York Times", "XIE": "Xinhua",
          "AFP": "Agence France-Presse", "LTW": "Los Angeles Times/Washington Post",
          "CNA": "Central News Agency", "FT": "Financial Times", "LA": "Los Angeles Times",
          "WSJ": "Wall Street Journal", "AP": "Associated Press", "SJMN": "San Jose Mercury News",
          "FBIS": "Foreign Broadcast Information Service"}
_DATE_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%d", "%Y%m%d", "%y%m%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y")


def read_trec_sgml(path: str | Path, *, encoding: str | None = None) -> list[Article]:
    """Read every ``<DOC>`` of a TREC SGML file as an Article (ids are the DOCNOs). Without an
    ``encoding`` the file is read as UTF-8, else as Latin-1 (the 1990s wires are 8-bit).

    >>> import tempfile, os
    >>> doc = ("<DOC>\\n<DOCNO> APW19981017.0151 </DOCNO>\\n<TEXT>\\n\\t   LONDON (AP) _ "
    ...        "A lawmaker backed\\nthe request.\\n\\t   ``Yes,'' he said.&QL;\\n"
    ...        "</TEXT>\\n</DOC>\\n")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "APW19981017.0151"); _ = open(p, "w").write(doc)
    ...     [article] = read_trec_sgml(p)
    >>> article.text
    'LONDON (AP) _ A lawmaker backed the request.\\n\\n"Yes," he said.'
    >>> article.meta.published.date().isoformat()
    '1998-10-17'
    """
    path = Path(path)
    data = path.read_bytes()
    if encoding is not None:
        raw = data.decode(encoding, errors="replace")
    else:
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw = data.decode("latin-1")
    return parse_trec_sgml(raw, path=str(path), default_id=path.name)


def parse_trec_sgml(raw: str, *, path: str | None = None, default_id: str = "doc") -> list[Article]:
    """Parse TREC SGML text (one or more ``<DOC>`` elements) into Articles. A document without
    a ``<TEXT>`` element has nothing to read and is left out."""
    articles = []
    blocks = [(m.start(), m.end()) for m in _DOC.finditer(raw)] or [(0, len(raw))]
    for n, (start, end) in enumerate(blocks):
        doc_raw = raw[start:end]
        if not _TEXT.search(doc_raw):
            continue
        fallback_id = default_id if len(blocks) == 1 else f"{default_id}-{n}"
        docno = safe_id(_field(doc_raw, "DOCNO") or "", fallback=safe_id(fallback_id))
        text, offsets = _body_text(doc_raw)
        meta = ArticleMeta(
            title=_plain(_field(doc_raw, "HEADLINE") or _field(doc_raw, "HL") or "") or None,
            source=_wire(docno),
            published=_published(doc_raw, docno),
            language="en",
            path=f"{path}#{docno}" if path and len(blocks) > 1 else path,
        )
        articles.append(Article(docno, doc_raw, text, offsets, meta))
    return articles


def _field(doc: str, name: str) -> str | None:
    match = re.search(_FIELD.format(name), doc, re.IGNORECASE | re.DOTALL)
    return match.group(1).strip() if match else None


def _plain(value: str) -> str:
    value = _ENTITY.sub(lambda m: html.unescape(m.group(0)) if m.group(1).lower() in _TEXT_ENTITIES
                        or m.group(1).startswith("#") else "", _TAG.sub(" ", value))
    return " ".join(value.replace("``", '"').replace("''", '"').split())


def _wire(docno: str) -> str | None:
    match = re.match(r"[A-Z]+", docno)
    return _WIRES.get(match.group(0)) if match else None


def _published(doc: str, docno: str) -> datetime | None:
    for name in ("DATE_TIME", "DATE", "DATELINE"):
        value = _field(doc, name)
        if not value:
            continue
        words = _plain(value).replace(",", " , ").split()
        # "10/17/1998 05:50:00", "1998-10-17", "19981016", "January 1, 1989, Sunday", ...
        tries = {" ".join(words[:k]).replace(" , ", ", ").rstrip(", ") for k in (1, 2, 3, 4)}
        for candidate in sorted(tries, key=len, reverse=True):
            for fmt in _DATE_FORMATS:
                try:
                    return datetime.strptime(candidate, fmt)
                except ValueError:
                    continue
    match = re.match(r"[A-Z_]+(\d{8})", docno)  # APW19981017.0151, NYT19981016.0342
    if match:
        try:
            return datetime.strptime(match.group(1), "%Y%m%d")
        except ValueError:
            pass
    return None


def _body_text(doc: str) -> tuple[str, list[int]]:
    """The readable text of every <TEXT> block of one document, with its offset map into ``doc``."""
    chars: list[str] = []
    offsets: list[int] = []
    regions = [(m.start(1), m.end(1)) for m in _TEXT.finditer(doc)]
    for start, end in regions:
        if chars:
            chars.append("\n\n")
            offsets.append(start)
        _decode(doc, start, end, chars, offsets)
    joined = "".join(chars)
    # Each emitted piece is one character except the paragraph breaks: expand their offsets.
    flat_offsets: list[int] = []
    for piece, pos in zip(chars, offsets):
        flat_offsets.extend([pos] * len(piece))
    text, clean_offsets = clean_text(joined)
    end_raw = (flat_offsets[-1] + 1) if flat_offsets else 0
    flat_offsets.append(end_raw)
    mapped = [flat_offsets[i] for i in clean_offsets[:-1]]
    mapped.append(mapped[-1] + 1 if mapped else 0)
    return text, mapped


def _decode(doc: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    i = start
    while i < end:
        ch = doc[i]
        if ch == "<":
            match = _TAG.match(doc, i, end)
            if match:
                if match.group(1).lower() in _BREAK_TAGS:
                    chars.append("\n\n")
                    offsets.append(i)
                i = match.end()
                continue
        elif ch == "&":
            match = _ENTITY.match(doc, i, end)
            if match:
                name = match.group(1)
                if name.startswith("#") or name.lower() in _TEXT_ENTITIES:
                    chars.append(html.unescape(match.group(0)).replace("\u00a0", " ") or " ")
                    offsets.append(i)
                i = match.end()
                continue
        elif ch == "`" and doc.startswith("``", i):
            chars.append('"')
            offsets.append(i)
            i += 2
            continue
        elif ch == "'" and doc.startswith("''", i):
            chars.append('"')
            offsets.append(i + 1)  # so that a passage ending on the quote ends after both marks
            i += 2
            continue
        elif ch == "\n":
            # A line that starts with a tab, or a blank line, opens a new paragraph; any other
            # line break is a wrapped line of the same paragraph.
            j = i + 1
            while j < end and doc[j] in " \r":
                j += 1
            if j < end and doc[j] in "\t\n":
                chars.append("\n\n")
            else:
                chars.append(" ")
            offsets.append(i)
            i += 1
            continue
        chars.append(ch)
        offsets.append(i)
        i += 1
