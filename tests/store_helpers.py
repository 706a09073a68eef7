"""Helpers shared by the tests of the two stores (tests/store for SQLite, tests/store_pg for
PostgreSQL): hand-made articles that need no model, and killing an ingest part way."""
from __future__ import annotations

import os
import signal
import subprocess
import time
import zlib
from datetime import datetime, timezone
from typing import Callable

import numpy as np

from newsweave.model import Article, ArticleMeta, Span


def embed(text: str) -> np.ndarray:
    """A stand-in embedding: hashed bag of words (no model needed), L2-normalised."""
    vec = np.zeros(64, dtype=np.float32)
    for word in text.lower().split():
        vec[zlib.crc32(word.strip(".,:").encode()) % 64] += 1.0
    return vec / max(float(np.linalg.norm(vec)), 1e-9)


def make_article(article_id: str, text: str, *, day: int | None = None,
                 source: str | None = None) -> Article:
    """An article as the stages would leave it: sentences, a hand-made entity with attrs, an
    embedding, sentence embeddings and a plain value; dated 2024-03-``day`` when given."""
    meta = ArticleMeta(title=text.split(".")[0][:60], source=source,
                       published=datetime(2024, 3, day, tzinfo=timezone.utc) if day else None)
    article = Article.from_text(article_id, text, meta)
    article.layers["sentences"] = [Span(0, len(article.text), "SENT")]
    article.layers["entities"] = [Span(0, 5, "ORG", {"note": "hand-made"})]
    article.values["embedding"] = embed(text)
    article.values["sentence_embeddings"] = embed(text)[None, :]
    article.values["model"] = "test"
    return article


def kill_part_way(proc: subprocess.Popen, stored: Callable[[], int | None], *,
                  at_least: int, seconds: float = 120.0) -> int:
    """SIGKILL ``proc`` (an ingest) once ``stored()`` counts ``at_least`` articles (it gives
    None while the database cannot be read yet); the last count read. Fails the test when the
    process ends first."""
    deadline = time.time() + seconds
    count = 0
    while time.time() < deadline:
        time.sleep(0.05)
        now = stored()
        if now is not None:
            count = now
            if count >= at_least:
                break
        assert proc.poll() is None, proc.stderr.read().decode()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return count
