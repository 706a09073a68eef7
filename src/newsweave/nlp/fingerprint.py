"""Content fingerprints: an exact hash of the normalised text and a MinHash of word shingles."""
from __future__ import annotations

import hashlib
import re

import numpy as np

from newsweave.config import Config
from newsweave.model import Article
from newsweave.registry import article_stage

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_hash(text: str) -> str:
    """Same words in the same order → same hash, whatever the spacing, case or punctuation.

    >>> content_hash("Hello,  World!") == content_hash("hello world")
    True
    """
    return hashlib.sha256(" ".join(normalised_words(text)).encode("utf-8")).hexdigest()


def shingles(words: list[str], size: int = SHINGLE) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash(text: str, num_perm: int = NUM_PERM):
    from datasketch import MinHash

    mh = MinHash(num_perm=num_perm, seed=1)
    mh.update_batch(list(shingles(normalised_words(text))))
    return mh


@article_stage("fingerprint@1", requires=("text",), assigns=("content_hash", "minhash"))
def fingerprint_stage(articles: list[Article], config: Config) -> None:
    """Exact content hash and MinHash signature (stored as a uint64 array) of each article."""
    for article in articles:
        article.values["content_hash"] = content_hash(article.text)
        article.values["minhash"] = np.asarray(minhash(article.text).hashvalues, dtype=np.uint64)
