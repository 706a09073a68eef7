"""Near-duplicates across the whole run: MinHash LSH as a band explode plus a group-by.

Each article's MinHash signature (``fingerprint@1``: 128 values over 5-word shingles, as
``stories.copies`` uses) is cut into ``b`` bands of ``r`` values, with the ``(b, r)`` that
datasketch's ``MinHashLSH`` picks for the threshold (equal weight on false positives and false
negatives). Articles that share a band key are candidates; a candidate pair is kept when its
estimated Jaccard similarity (the share of equal signature values, the estimate
``stories.copies.find_copies`` uses) reaches ``[stories] copies_duplicate_jaccard``. So the pairs
found are those ``find_copies`` links as duplicates, found without comparing every pair.
"""
from __future__ import annotations

from newsweave.nlp.fingerprint import NUM_PERM


def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` for a Jaccard threshold, as ``datasketch.MinHashLSH`` chooses them.

    >>> lsh_params(0.5)
    (25, 5)
    """
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def find_duplicates(articles, *, threshold: float):
    """A DataFrame ``(a, b, jaccard)`` of the article pairs (``a < b``) whose signatures agree
    on at least ``threshold`` of their values; ``articles`` has ``id`` and ``minhash``."""
    from pyspark.sql import functions as F

    bands, rows = lsh_params(threshold)
    signed = articles.where(F.col("minhash").isNotNull()).select("id", "minhash")
    # One row per (article, band): the band's number and a hash of its r values.
    keyed = signed.select("id", F.explode(F.expr(
        f"transform(sequence(0, {bands - 1}), "
        f"i -> concat_ws(':', i, xxhash64(slice(minhash, i * {rows} + 1, {rows}))))")).alias("band"))
    buckets = keyed.groupBy("band").agg(F.array_sort(F.collect_set("id")).alias("ids")).where(
        F.size("ids") > 1)
    pairs = buckets.select(F.explode(F.expr(
        "flatten(transform(sequence(0, size(ids) - 2), i -> transform("
        "slice(ids, i + 2, size(ids)), x -> named_struct('a', ids[i], 'b', x))))")).alias("p")
    ).select("p.a", "p.b").distinct()
    left = signed.select(F.col("id").alias("a"), F.col("minhash").alias("ma"))
    right = signed.select(F.col("id").alias("b"), F.col("minhash").alias("mb"))
    scored = pairs.join(left, "a").join(right, "b").select(
        "a", "b", (F.expr("aggregate(zip_with(ma, mb, (x, y) -> if(x = y, 1, 0)), 0, "
                          "(acc, v) -> acc + v)") / F.size("ma")).alias("jaccard"))
    return scored.where(F.col("jaccard") >= threshold).select("a", "b", "jaccard")
