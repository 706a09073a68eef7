"""Summarise each topic of a MultiLing 2011 folder (English) with the product's summary stage.

Usage:
  python benchmarks/multiling.py ../shared/eval/multiling2011 --out /tmp/ml.jsonl [--words 250]
         [--cache /tmp/nw-ml-cache]
  python ../shared/eval/score_summaries.py ../shared/eval/multiling2011 /tmp/ml.jsonl \
         --dataset multiling2011

The source texts are `SourceTexts/M00<t><d>.english` (topic t, document d): a headline line, a
date line ("Saturday, January 8, 2005") and the article. Each file becomes one Article (the
headline as its title, the date as its publication date), the per-article stages run as in the
product, and each topic is one Story summarised by `summarize@1`. Output lines:
`{"topic": "M000", "summary": "...", "sources": [{"text", "citations": [...]}, ...]}`.
"""
from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _summary_common import main  # noqa: E402

from newsweave.model import Article, ArticleMeta  # noqa: E402

_DATE = re.compile(
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s*)?"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),\s*(\d{4})"
)


def read_article(path: Path, article_id: str) -> Article:
    raw = path.read_text(encoding="utf-8", errors="replace")
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    title = lines[0] if lines else None
    published = None
    for line in lines[1:3]:
        match = _DATE.match(line)
        if match:
            published = datetime.strptime(" ".join(match.groups()), "%B %d %Y")
            break
    return Article.from_text(article_id, raw, ArticleMeta(title=title, published=published,
                                                          source="Wikinews", path=str(path)))


def read_topics(folder: Path) -> list[tuple[str, list[Article]]]:
    source_dir = next((p for p in (folder / "SourceTexts", folder) if p.is_dir()
                       and any(p.glob("M00*.english"))), None)
    if source_dir is None:
        sys.exit(f"error: no SourceTexts/M00<t><d>.english files under {folder}")
    topics: dict[str, list[Article]] = {}
    for path in sorted(source_dir.glob("M00*.english")):
        match = re.fullmatch(r"(M00\d)(\d)\.english", path.name)
        if match:
            topics.setdefault(match.group(1), []).append(read_article(path, path.stem))
    return sorted(topics.items())


if __name__ == "__main__":
    main(__doc__, read_topics, words=250)
