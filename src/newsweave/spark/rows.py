"""Articles as Spark rows: flat columns for the Parquet tables, and the article record itself.

The record travels between Spark stages pickled, as ``newsweave.parallel`` sends articles to
its worker processes (the spaCy Doc dropped first: it is rebuilt when a story stage needs it).
The pickled column is for this job's own stages and its incremental runs with the same
newsweave version; readers of the tables use the flat columns.
"""
from __future__ import annotations

import json
import pickle
from datetime import timezone
from typing import Any

import numpy as np

from newsweave.model import Article

# The articles table (and the rows between stages). ``minhash`` is the uint64 signature seen
# as int64 (Spark has no unsigned type); equality, which is all LSH needs, is unchanged.
ARTICLE_SCHEMA = ("id string, title string, source string, url string, published string, "
                  "published_ts double, content_hash string, minhash array<long>, "
                  "layers string, payload binary")
SKIPPED_SCHEMA = "input string, code string, reason string"


def pack(article: Article) -> bytes:
    """The article record, without its cache (the spaCy Doc and other per-process objects)."""
    article.cache.clear()
    return pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(payload: bytes) -> Article:
    # Only rows this job wrote itself are unpickled (never an input file).
    return pickle.loads(payload)


def published_ts(article: Article) -> float | None:
    published = article.meta.published
    if published is None:
        return None
    if published.tzinfo is None:  # a date without a zone is read as UTC, as the clusterer does
        published = published.replace(tzinfo=timezone.utc)
    return published.timestamp()


def article_row(article: Article) -> dict[str, Any]:
    """The flat columns of one analysed article (spans in ``layers`` as JSON, cleaned-text
    offsets as the record keeps them), plus the packed record."""
    minhash = article.values.get("minhash")
    meta = article.meta
    return {
        "id": article.id, "title": meta.title, "source": meta.source, "url": meta.url,
        "published": meta.published_iso(), "published_ts": published_ts(article),
        "content_hash": article.values.get("content_hash"),
        "minhash": (np.asarray(minhash, dtype=np.uint64).view(np.int64).tolist()
                    if minhash is not None else None),
        "layers": json.dumps({name: [s.to_dict() for s in spans]
                              for name, spans in article.layers.items()}),
        "payload": pack(article),
    }


def skipped_row(entry: dict[str, Any]) -> dict[str, Any]:
    """A ``skipped`` entry of the briefing (``NewsweaveError.to_dict``) as a row."""
    return {"input": entry.get("input"), "code": entry.get("code"), "reason": entry.get("reason")}
