"""Content fingerprints: an exact hash of the normalised text and a MinHash of word shingles."""
from __future__ import annotations

import functools
import hashlib
import re
import struct

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


# datasketch's "legacy" MinHash scheme, computed here with numpy: the same values as
# ``datasketch.MinHash(num_perm, seed, scheme="legacy")``, without importing datasketch (and
# scipy through it) on every run, which costs about half a second of a cold start.
_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
MINHASH_SCHEME = "legacy"


@functools.lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    pairs = [(gen.randint(1, _MERSENNE_PRIME, dtype=np.uint64),
              gen.randint(0, _MERSENNE_PRIME, dtype=np.uint64)) for _ in range(num_perm)]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def minhash_values(text: str, num_perm: int = NUM_PERM, seed: int = 1) -> np.ndarray:
    """MinHash signature of the text's 5-word shingles (uint64, datasketch "legacy" scheme).

    >>> a = minhash_values("the cat sat on the mat today in the sun")
    >>> b = minhash_values("the cat sat on the mat today in the rain")
    >>> a.shape, 0.3 < float((a == b).mean()) < 1.0
    ((128,), True)
    """
    grams = shingles(normalised_words(text))
    if not grams:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    hashes = np.array([struct.unpack("<I", hashlib.sha1(g).digest()[:4])[0] for g in grams],
                      dtype=np.uint64)
    a, b = _permutations(num_perm, seed)
    with np.errstate(over="ignore"):  # uint64 wraparound, exactly as datasketch computes it
        permuted = np.bitwise_and((np.outer(hashes, a) + b) % _MERSENNE_PRIME, _MAX_HASH)
    return permuted.min(axis=0)


@article_stage("fingerprint@1", requires=("article.text",),
               assigns=("article.content_hash", "article.minhash"))
def fingerprint_stage(articles: list[Article], config: Config) -> None:
    """Exact content hash and MinHash signature (stored as a uint64 array) of each article."""
    for article in articles:
        article.values["content_hash"] = content_hash(article.text)
        article.values["minhash"] = minhash_values(article.text)
