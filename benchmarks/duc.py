"""Summarise each cluster of a DUC 2003 task 2 folder with the product's summary stage.

Usage:
  python benchmarks/duc.py DUC2003_DIR --out /tmp/duc.jsonl [--words 100] [--cache DIR]
  python ../shared/eval/score_summaries.py DUC2003_DIR /tmp/duc.jsonl --dataset duc2003

DUC2003_DIR holds `docs.without.headlines/d3*t/` (or is that folder itself): one sub-folder per
cluster, one TREC SGML file per document. Each document is read by
`newsweave.ingest.trec_sgml.read_trec_sgml` (the product's reader), the per-article stages run
as in the product, and each cluster is one Story summarised by `summarize@1` in 100 words. The
topic id is the folder name (`d30003t`); output lines carry the cited sentences in `sources`.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _summary_common import main  # noqa: E402

from newsweave.ingest.trec_sgml import read_trec_sgml  # noqa: E402
from newsweave.model import Article  # noqa: E402

_CLUSTER = re.compile(r"d\d+[a-z]?", re.IGNORECASE)


def cluster_dirs(folder: Path) -> list[Path]:
    """The cluster folders under a DUC folder (`docs.without.headlines/d30003t`, ...)."""
    for base in (folder / "docs.without.headlines", folder / "docs", folder):
        if base.is_dir():
            found = sorted(p for p in base.iterdir() if p.is_dir() and _CLUSTER.fullmatch(p.name))
            if found:
                return found
    return []


def read_cluster(cluster: Path) -> list[Article]:
    articles: list[Article] = []
    seen: set[str] = set()
    for path in sorted(p for p in cluster.iterdir() if p.is_file() and not p.name.startswith(".")):
        for article in read_trec_sgml(path):
            if article.text.strip() and article.id not in seen:
                seen.add(article.id)
                articles.append(article)
    return articles


def read_topics(folder: Path) -> list[tuple[str, list[Article]]]:
    clusters = cluster_dirs(folder)
    if not clusters:
        sys.exit(f"error: no cluster folders (d3....t) under {folder} "
                 "or its docs.without.headlines/")
    return [(cluster.name, read_cluster(cluster)) for cluster in clusters]


if __name__ == "__main__":
    main(__doc__, read_topics, words=100)
