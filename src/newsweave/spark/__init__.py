"""The distributed batch job: the same stage functions as ``newsweave brief``, run by Apache
Spark (an optional extra: ``pip install newsweave[spark]``).

One module per step, each a thin Spark wrapper over the embedded code:

- ``session``: a Spark session in local mode on the loopback interface (no UI, no network);
- ``rows``: articles as rows (flat columns for the tables, the pickled record to hand on);
- ``article_stages``: reading inputs and the per-article stages through ``mapInPandas``;
- ``duplicates``: near-duplicates as an LSH band explode plus a group-by over MinHash bands;
- ``grouping``: stories per time partition (``group_into_stories``) and a reconcile step across
  partitions (``StoryClusterer.reconcile``);
- ``story_stages``: the per-story stages and briefings through ``groupBy().applyInPandas``;
- ``job``: the batch job that writes the Parquet tables; ``stream``: the incremental run over an
  input folder (Structured Streaming, ``trigger(availableNow=True)`` and a checkpoint).

Nothing here imports pyspark at package import time, so ``import newsweave.spark`` works (and
says what to install) without the extra.
"""
from __future__ import annotations

from newsweave import errors

INSTALL_HINT = ("install the Spark extra: pip install 'newsweave[spark]' (or `make spark-venv`); "
                "Spark also needs Java 17 or 21 on the PATH")


def require_pyspark():
    """Import pyspark or raise a clear error that says how to install it."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise errors.NewsweaveError(errors.BAD_CONFIG, "newsweave.spark",
                                    "PySpark is not installed", INSTALL_HINT) from None
    return pyspark
