"""The pair score of story clustering as vectors: the learned weights, the key vocabulary with
document frequencies, each article's TF-IDF vector (sparse parts) and dense part (embedding and
"names one" indicators), and the summed pair scores between lists of (summed) vectors.

Every part of the score is a dot product, so the mean score between two groups of articles is a
dot product of their sums (``VectorSpace.sum``); ``cluster.py`` holds stories as such sums.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from newsweave.stories.cluster_features import HASHED_DIM, ArticleFeatures, hashed_embedding

# Sparse parts: weight of each part's cosine. Dense parts: embedding cosine and the "both
# name one" indicators of the detail kinds. Fitted with `benchmarks/ecbplus.py --train` on
# all pairs of ECB+ topics 1-35 (see the module docstring), with the article embedding of the
# ingest pipeline (the 3 lead sentences); the bias is the intercept. A weight of 0 is a part
# the fit dropped (it came out negative).
WEIGHTS: dict[str, float] = {
    "w": 5.091, "t": 0.0, "n": 2.14, "r": 12.788, "embedding": 10.439, "per": 4.946,
    "gpe": 2.301, "org": 0.0, "year": 0.809, "md": 1.422, "month": 1.841, "num": 2.053,
    "py": 0.345, "ly": 2.062, "has:per": 0.126, "has:gpe": -0.387, "has:org": -0.174,
    "has:year": -0.182, "has:md": -0.098, "has:month": -0.845, "has:num": -0.804,
    "has:py": -0.182, "has:ly": -0.449, "bias": -9.139,
}
TEXT_PARTS = ("w", "t", "n", "r")
DETAIL_PARTS = ("per", "gpe", "org", "year", "md", "month", "num", "py", "ly")
SPARSE_PARTS = TEXT_PARTS + DETAIL_PARTS
BINARY_PARTS = frozenset(DETAIL_PARTS)
_BINARY_PART = np.array([p in BINARY_PARTS for p in SPARSE_PARTS])
_RARE_PART = SPARSE_PARTS.index("r")

PRIOR_DOCUMENTS = 100
# A word is "rare" when at most this share of the articles seen, or at most RARE_MIN_DF
# articles, use it. The floor keeps an event's own words rare while few articles have been seen
# (a 10-article story among 150 articles); with a floor of 3 the fitted "r" weight, learnt on a
# larger corpus, met a different feature when applied to a small one (leave-topics-out CV of
# ECB+ dev: B3-F1 0.950 with 3, 0.974-0.976 with 10-15).
RARE_SHARE = 0.02
RARE_MIN_DF = 12
# Products of at most this many (rows x distinct keys) cells are computed dense.
_DENSE_CELLS = 200_000
# Re-clusterings of at most this many units find each merge with one pass over the matrix.


class Vocabulary:
    """Key ids, the part of each key, and document frequencies, in growing numpy arrays."""

    def __init__(self) -> None:
        self.id_of: dict[str, int] = {}
        self.part = np.zeros(1024, dtype=np.int16)
        self.df = np.zeros(1024, dtype=np.float64)
        self.n = 0
        self.part_index = {p: i for i, p in enumerate(SPARSE_PARTS)}

    def ids(self, keys: list[str]) -> np.ndarray:
        out = list(map(self.id_of.get, keys))
        if None in out:  # new keys get the next ids, in the order of ``keys``
            for j, i in enumerate(out):
                if i is not None:
                    continue
                key = keys[j]
                i = self.id_of.get(key)  # a key repeated in ``keys``
                if i is None:
                    i = len(self.id_of)
                    self.id_of[key] = i
                    if i >= len(self.df):
                        self.df = np.concatenate([self.df, np.zeros_like(self.df)])
                        self.part = np.concatenate([self.part, np.zeros_like(self.part)])
                    self.part[i] = self.part_index[key.split("|", 1)[0]]
                out[j] = i
        return np.array(out, dtype=np.int32)

    def idf(self, ids: np.ndarray) -> np.ndarray:
        # As if PRIOR_DOCUMENTS other articles, none with the key, had been seen: a handful of
        # articles cannot show that a word is common, only that they share it.
        return np.log((self.n + PRIOR_DOCUMENTS + 1) / (self.df[ids] + 0.5))


class PairModel:
    """The pair score as vectors: score(a, b) = x(a)·x(b) + d(a)ᵀ G d(b) + bias, with x the
    sparse parts scaled by the square roots of their weights, d the embedding (scaled) and the
    "has" indicators, G a diagonal of ones and the indicator weights."""

    def __init__(self, weights: dict[str, float]) -> None:
        w = {**WEIGHTS, **weights}
        self.bias = float(w["bias"])
        self.part_scale = np.array([math.sqrt(max(0.0, w[p])) for p in SPARSE_PARTS])
        self.emb_scale = math.sqrt(max(0.0, w["embedding"]))
        self.has_weight = np.array([w["has:" + p] for p in DETAIL_PARTS])
        self.detail_index = np.array([SPARSE_PARTS.index(p) for p in DETAIL_PARTS])


@dataclass
class Vec:
    idx: np.ndarray      # key ids (distinct, int32)
    val: np.ndarray      # values (float64)
    dense: np.ndarray    # [scaled embedding, has indicators] (float32)
    seen: int = 0        # articles seen when the IDF weights were taken


class VectorSpace:
    """The articles seen so far (features, key ids and counts), the vocabulary and its document
    frequencies, and the cached article vectors weighted with the IDF of their time."""

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.model = PairModel(weights or {})
        self.vocab = Vocabulary()
        self.features: dict[str, ArticleFeatures] = {}
        self.ids: dict[str, tuple[np.ndarray, np.ndarray]] = {}   # article -> (key ids, counts)
        self.vectors: dict[str, Vec] = {}
        self.dim = 0                                  # embedding size (0: not known yet)
        self.colmap = np.zeros(0, dtype=np.int64)     # scratch: key id -> local column

    def register(self, f: ArticleFeatures) -> None:
        if f.id in self.features:
            raise ValueError(f"article {f.id} was already added to the clusterer")
        if f.embedding is not None:
            if self.dim == 0:
                self.dim = int(f.embedding.shape[0])
            elif f.embedding.shape[0] != self.dim:
                f.embedding = None
        self.features[f.id] = f
        ids = self.vocab.ids(list(f.terms))
        counts = np.fromiter(f.terms.values(), dtype=np.float64, count=len(f.terms))
        order = np.argsort(ids)
        ids, counts = ids[order], counts[order]
        self.ids[f.id] = (ids, counts)
        self.vocab.df[ids] += 1.0
        self.vocab.n += 1

    def stale(self, aid: str) -> bool:
        """Whether an article's vector was weighted with an IDF from far fewer articles than
        now (refreshing only then costs O(log n) refreshes per article over a stream)."""
        vec = self.vectors.get(aid)
        return vec is not None and self.vocab.n > 1.25 * vec.seen + 10

    def vector(self, aid: str) -> Vec:
        vec = self.vectors.get(aid)
        if vec is not None:
            return vec
        ids, counts = self.ids[aid]
        vocab, model = self.vocab, self.model
        part = vocab.part[ids].astype(np.int64)
        idf = vocab.idf(ids)
        binary = _BINARY_PART[part]
        tf = np.where(binary, 1.0, 1.0 + np.log(np.maximum(counts, 1.0)))
        val = tf * idf
        rare_df = max(RARE_MIN_DF, RARE_SHARE * vocab.n)
        val[(part == _RARE_PART) & (vocab.df[ids] > rare_df)] = 0.0
        norms = np.sqrt(np.bincount(part, weights=val * val, minlength=len(SPARSE_PARTS)))
        has = norms > 0
        val = val / np.where(norms[part] > 0, norms[part], 1.0) * model.part_scale[part]
        keep = val != 0
        f = self.features[aid]
        emb = f.embedding
        if emb is None:
            emb = hashed_embedding(f.terms, self.dim or HASHED_DIM)
        dense = np.concatenate([model.emb_scale * emb.astype(np.float32),
                                has[model.detail_index].astype(np.float32)])
        vec = Vec(ids[keep], val[keep], dense, vocab.n)
        self.vectors[aid] = vec
        return vec

    def vectorize(self, aids: list[str], chunk: int = 2000) -> None:
        """Compute (as ``_vector`` does) the vectors of the articles that have none cached, many
        at a time."""
        todo = [a for a in aids if a not in self.vectors]
        for c in range(0, len(todo), chunk):
            self.vectorize_chunk(todo[c : c + chunk])

    def vectorize_chunk(self, aids: list[str]) -> None:
        if len(aids) < 2:
            for aid in aids:
                self.vector(aid)
            return
        vocab, model = self.vocab, self.model
        pairs = [self.ids[a] for a in aids]
        lens = np.array([len(ids) for ids, _ in pairs], dtype=np.int64)
        ids = np.concatenate([ids for ids, _ in pairs])
        counts = np.concatenate([counts for _, counts in pairs])
        n_parts = len(SPARSE_PARTS)
        part = vocab.part[ids].astype(np.int64)
        idf = vocab.idf(ids)
        tf = np.where(_BINARY_PART[part], 1.0, 1.0 + np.log(np.maximum(counts, 1.0)))
        val = tf * idf
        rare_df = max(RARE_MIN_DF, RARE_SHARE * vocab.n)
        val[(part == _RARE_PART) & (vocab.df[ids] > rare_df)] = 0.0
        slot = np.repeat(np.arange(len(aids)), lens) * n_parts + part   # (article, part)
        norms = np.sqrt(np.bincount(slot, weights=val * val, minlength=len(aids) * n_parts))
        val = val / np.where(norms[slot] > 0, norms[slot], 1.0) * model.part_scale[part]
        has = (norms > 0).reshape(len(aids), n_parts)[:, model.detail_index]
        dim = self.dim or HASHED_DIM
        embs = []
        for aid in aids:
            f = self.features[aid]
            embs.append(f.embedding if f.embedding is not None else hashed_embedding(f.terms, dim))
        if len({e.shape for e in embs}) > 1:  # the embedding size was not known yet
            for aid in aids:
                self.vector(aid)
            return
        dense = np.hstack([model.emb_scale * np.stack(embs).astype(np.float32),
                           has.astype(np.float32)])
        keep = val != 0
        end = np.cumsum(lens)
        for k, aid in enumerate(aids):
            lo, hi = int(end[k] - lens[k]), int(end[k])
            m = keep[lo:hi]
            self.vectors[aid] = Vec(ids[lo:hi][m], val[lo:hi][m], dense[k].copy(), vocab.n)

    def sum(self, vecs: list[Vec]) -> Vec:
        if len(vecs) == 1:
            v = vecs[0]
            return Vec(v.idx, v.val, v.dense.copy())
        idx = np.concatenate([v.idx for v in vecs])
        cols, k = self.local_columns(idx)
        keys = np.empty(k, dtype=np.int32)
        keys[cols] = idx
        return Vec(keys, np.bincount(cols, weights=np.concatenate([v.val for v in vecs]),
                                      minlength=k),
                    np.sum([v.dense for v in vecs], axis=0))

    def dense_gram(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Dense part of the score between rows of ``a`` and rows of ``b``."""
        g = np.ones(b.shape[1], dtype=np.float32)
        g[-len(self.model.has_weight):] = self.model.has_weight
        return a @ (b * g).T

    def gram(self, left: list[Vec], right: list[Vec] | None = None) -> np.ndarray:
        """Summed pair scores (without the bias) between two lists of (summed) vectors
        (``right`` None: ``left`` with itself). The key ids are renumbered to the keys present,
        so the cost does not grow with the vocabulary."""
        vecs = left if right is None else left + right
        idx = np.concatenate([v.idx for v in vecs])
        val = np.concatenate([v.val for v in vecs])
        cols, k = self.local_columns(idx)
        n_left, n = len(left), len(vecs)
        if n * k <= _DENSE_CELLS:  # small: a dense product
            rows = np.zeros((n, k))
            rows[np.repeat(np.arange(n), [len(v.idx) for v in vecs]), cols] = val
            out = rows[:n_left] @ (rows if right is None else rows[n_left:]).T
        else:
            # imported here: scipy.sparse costs 0.15 s of start-up that small briefs never need
            from scipy.sparse import csr_matrix

            indptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum([len(v.idx) for v in vecs], out=indptr[1:])
            m = csr_matrix((val, cols, indptr), shape=(n, k))
            a = m[:n_left] if right is not None else m
            b = m if right is None else m[n_left:]
            out = (a @ b.T).toarray()
        dense = np.stack([v.dense for v in vecs])
        out += self.dense_gram(dense[:n_left], dense if right is None else dense[n_left:])
        return out

    def local_columns(self, idx: np.ndarray) -> tuple[np.ndarray, int]:
        """Key ids renumbered 0..k-1 (k distinct keys), in O(len(idx)) with a scratch array."""
        if len(self.colmap) < len(self.vocab.df):
            self.colmap = np.zeros(len(self.vocab.df), dtype=np.int64)
        pos = np.arange(len(idx), dtype=np.int64)
        self.colmap[idx] = pos
        rep = self.colmap[idx]      # one occurrence of each key stands for all of them
        first = rep == pos
        number = np.cumsum(first) - 1
        return number[rep], (int(number[-1]) + 1 if len(idx) else 0)
