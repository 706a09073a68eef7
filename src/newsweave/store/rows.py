"""An article as the store's rows, and back: one ``articles`` row (text, zlib'd raw text and
offset deltas, metadata and plain values as JSON), its ``layers`` rows (spans as JSON) and its
``arrays`` rows (numpy values as typed bytes). Both stores (SQLite, PostgreSQL) write and read
exactly these bytes and JSON strings, so an article read back is equal to the one stored,
whichever store kept it.

>>> from newsweave.model import Article
>>> article = Article.from_text("a", "Quake hits the coast of Chile.")
>>> article.values["content_hash"] = "h"
>>> row, arrays = encode_article(article)
>>> back = decode_article((7, *row[:1], *row[6:]), [], [])
>>> (back.id, back.text, back.offsets == article.offsets, back.values["store_seq"])
('a', 'Quake hits the coast of Chile.', True, 7)
"""
from __future__ import annotations

import json
import zlib
from datetime import datetime
from typing import Any, Iterable

import numpy as np

from newsweave.model import Article, ArticleMeta, Span
from newsweave.model.record import decode, encode
from newsweave.nlp.parse_pack import PACK_KEY

# 2: records (quotes, findings) kept through to_dict/from_dict with their type. A version-1
# store kept quotes as their repr and cannot give them back, so it is refused, with how to
# rebuild it. The same number for both backends: the same records, kept the same way.
SCHEMA_VERSION = 2

# The packed spaCy parse (``nlp.parse_pack``), kept in ``arrays`` under this name once a brief
# has parsed the article, and put back into ``article.cache[PACK_KEY]`` when read.
PARSE_ARRAY = "parse_packed"
# ``article.cache`` key: the values and layers the stored row held (see ``stored_keys``).
STORED_KEY = "stored_keys"

# Values that are rebuilt rather than stored.
TRANSIENT_VALUES: frozenset[str] = frozenset()

# The columns of ``articles`` an insert writes, in the order ``encode_article`` gives them.
ARTICLE_COLUMNS = ("id", "content_hash", "title", "source", "url", "published", "meta", "text",
                   "raw", "offsets", "vals")
INSERT_ARTICLE = (f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                  f"VALUES ({','.join('?' * len(ARTICLE_COLUMNS))})")
# What ``decode_article`` reads of an article row (``articles`` is aliased ``a``).
ROW_COLUMNS = "a.seq, a.id, a.meta, a.text, a.raw, a.offsets, a.vals"


def gained_results(article: Article) -> bool:
    """Whether ``article`` holds a value or layer its stored row did not (a brief computed it);
    True for an article that was never stored."""
    stored = article.cache.get(STORED_KEY)
    if stored is None:
        return True
    return bool((set(article.values) | {f"layer:{n}" for n in article.layers}) - stored)


def json_default(value: Any):
    """JSON for the values ``json`` does not know; anything else fails loudly.

    >>> json.dumps({"v": np.float32(0.5), "s": {1}}, default=json_default)
    '{"v": 0.5, "s": [1]}'
    """
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    # Never a silent str(): a value the store cannot give back must fail loudly here.
    raise TypeError(f"the store cannot keep a value of type {type(value).__name__}")


def encode_article(article: Article) -> tuple[tuple, dict[str, np.ndarray]]:
    """The ``articles`` row of ``article`` (``ARTICLE_COLUMNS``) and its numpy values, which
    go to ``arrays``: raw zlib'd (NULL when equal to the text), offsets as zlib'd int32 deltas,
    the other values as JSON (``model.record.encode``)."""
    meta = article.meta
    meta_json = json.dumps({
        "title": meta.title, "source": meta.source, "url": meta.url, "author": meta.author,
        "published": meta.published_iso(), "language": meta.language, "path": meta.path,
    })
    arrays: dict[str, np.ndarray] = {}
    plain: dict[str, Any] = {}
    for key, value in article.values.items():
        if key in TRANSIENT_VALUES or key == "store_seq":
            continue
        if isinstance(value, np.ndarray):
            arrays[key] = value
        else:
            plain[key] = value
    offsets = np.asarray(article.offsets, dtype=np.int64)
    deltas = np.diff(offsets, prepend=0).astype(np.int32)
    raw_blob = None if article.raw == article.text else zlib.compress(
        article.raw.encode("utf-8"), 6)
    row = (article.id, article.values["content_hash"], meta.title, meta.source, meta.url,
           meta.published_iso(), meta_json, article.text, raw_blob,
           zlib.compress(deltas.tobytes(), 6), json.dumps(encode(plain), default=json_default))
    return row, arrays


def layer_rows(seq: int, article: Article) -> list[tuple]:
    """``layers`` rows ``(article_seq, name, spans JSON)`` of ``article``."""
    return [(seq, name, json.dumps([[s.start, s.end, s.label, s.attrs or None] for s in spans],
                                   default=json_default))
            for name, spans in article.layers.items()]


def array_rows(seq: int, arrays: dict[str, np.ndarray]) -> list[tuple]:
    """``arrays`` rows ``(article_seq, name, dtype, shape JSON, bytes)``."""
    rows = []
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        rows.append((seq, name, array.dtype.str, json.dumps(list(array.shape)),
                     array.tobytes()))
    return rows


def decode_article(row: tuple, layers: Iterable[tuple[str, str]],
                   arrays: Iterable[tuple[str, str, str, Any]]) -> Article:
    """The article of an ``articles`` row (``ROW_COLUMNS``) with its ``(name, spans)`` layers
    and ``(name, dtype, shape, data)`` arrays: equal to the one that was encoded."""
    seq, article_id, meta_json, text, raw_blob, offsets_blob, vals = row
    m = json.loads(meta_json)
    published = datetime.fromisoformat(m["published"]) if m.get("published") else None
    meta = ArticleMeta(title=m.get("title"), source=m.get("source"), url=m.get("url"),
                       author=m.get("author"), published=published,
                       language=m.get("language"), path=m.get("path"))
    raw = text if raw_blob is None else zlib.decompress(raw_blob).decode("utf-8")
    deltas = np.frombuffer(zlib.decompress(offsets_blob), dtype=np.int32)
    offsets = np.cumsum(deltas, dtype=np.int64).tolist()
    article = Article(article_id, raw, text, offsets, meta)
    article.values.update(decode(json.loads(vals)))
    article.values["store_seq"] = seq
    layers = list(layers)
    for name, spans in layers:
        article.layers[name] = [Span(s, e, label, attrs or {})
                                for s, e, label, attrs in json.loads(spans)]
    for name, dtype, shape, data in arrays:
        if name == PARSE_ARRAY:
            article.cache[PACK_KEY] = bytes(data)
            continue
        article.values[name] = np.frombuffer(bytes(data), dtype=np.dtype(dtype)).reshape(
            json.loads(shape)).copy()
    # What the row held, so ``save_analysis`` writes back only an article that gained results.
    article.cache[STORED_KEY] = frozenset(article.values) | {f"layer:{n}" for n, _ in layers}
    return article
