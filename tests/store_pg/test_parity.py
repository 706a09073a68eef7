"""Parity: the same articles ingested into SQLite and into PostgreSQL give the same stories (ids,
titles, sizes, dates, aliases, memberships) and, after `newsweave brief --db --story`, the same
stored findings. Light pipeline (fingerprints only) on invented reports, the example corpus and
ECB+ dev (read at run time from ../shared, never copied; skipped when absent), and one test with
the default models on the example corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("psycopg", reason="the psycopg driver is not installed (make venv)")

from newsweave.cli.brief_cmd import brief_command  # noqa: E402
from newsweave.config import load_config  # noqa: E402
from newsweave.model import Article, ArticleMeta  # noqa: E402
from newsweave.store import open_store  # noqa: E402
from newsweave.store.ingest import ingest_into  # noqa: E402
from serve_stores import write_reports  # noqa: E402

ECBPLUS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "ecbplus" / "ecbplus_dev.jsonl"
# Fingerprints only (every story stage needs a model: findings are compared in the slow test).
LIGHT_TOML = """
[pipeline]
article_stages = ["fingerprint@1"]
brief_stages = []
story_stages = []
"""


def _light(tmp_path: Path):
    path = tmp_path / "light.toml"
    path.write_text(LIGHT_TOML, "utf-8")
    return path, load_config(path)


def _ecbplus(limit: int) -> list[Article]:
    """ECB+ dev articles, title and sentences only (never the gold topics)."""
    out = []
    with ECBPLUS.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            title = (row.get("title") or "").strip()
            raw = title + "\n\n" + "\n".join(s.strip() for s in row["sentences"])
            out.append(Article.from_text(row["id"], raw, ArticleMeta(title=title)))
            if len(out) == limit:
                break
    return out


def _snapshot(store) -> dict:
    stories = store.list_stories()
    members = {s["id"]: sorted(store.load_story(s["id"])[1]) for s in stories}
    return {"stories": stories, "members": members, "counts": store.counts()}


def _ingest_both(pg_url: str, tmp_path: Path, config, *, inputs=(), articles=None):
    """Ingest into a new SQLite file and the PostgreSQL database; (sqlite, postgres) stores."""
    stores = [open_store(tmp_path / "parity.db", config=config), open_store(pg_url, config=config)]
    for store in stores:
        fresh = None if articles is None else articles()
        report = ingest_into(store, [str(i) for i in inputs], config=config, articles=fresh,
                             batch_size=16)
        assert not report.skipped, report.skipped
    return stores


def _brief_findings(store, db: str, config_path: Path, out: Path) -> dict:
    """`newsweave brief --db DB --story ID` for every story; then the stored findings."""
    found = {}
    for story in store.list_stories():
        assert brief_command([], out=out / story["id"], config_path=config_path, db=db,
                             story=story["id"], quiet=True) == 0
    for story in store.list_stories():
        found[story["id"]] = store.load_story(story["id"])[0].findings_dict()
    return found


def test_light_pipeline_same_stories_and_findings(pg_db, tmp_path, example_dir):
    config_path, config = _light(tmp_path)
    reports = write_reports(tmp_path / "reports")
    lite, pg = _ingest_both(pg_db, tmp_path, config, inputs=[reports, example_dir])
    a, b = _snapshot(lite), _snapshot(pg)
    assert a["counts"]["articles"] == 10 and len(a["stories"]) >= 3
    assert a == b
    fa = _brief_findings(lite, str(tmp_path / "parity.db"), config_path, tmp_path / "out-a")
    fb = _brief_findings(pg, pg_db, config_path, tmp_path / "out-b")
    assert fa == fb and set(fa) == set(a["members"])
    # Ingesting the same inputs again changes nothing in either store.
    for store in (lite, pg):
        report = ingest_into(store, [str(reports), str(example_dir)], config=config)
        assert report.added == 0 and report.known == 10
    assert _snapshot(lite) == _snapshot(pg) == {**a, "stories": a["stories"]}
    lite.close()
    pg.close()


@pytest.mark.skipif(not ECBPLUS.exists(), reason="../shared/eval/ecbplus is not beside the checkout")
def test_ecbplus_dev_same_stories(pg_db, tmp_path):
    """300 ECB+ dev articles in batches of 16: many stories, merges and reconciliation."""
    _, config = _light(tmp_path)
    lite, pg = _ingest_both(pg_db, tmp_path, config, articles=lambda: _ecbplus(300))
    a, b = _snapshot(lite), _snapshot(pg)
    assert a["counts"]["articles"] == 300 and len(a["stories"]) > 20
    assert a == b
    lite.close()
    pg.close()


@pytest.mark.slow
def test_default_models_same_stories_and_findings(pg_db, tmp_path, example_dir):
    config = load_config()
    lite, pg = _ingest_both(pg_db, tmp_path, config, inputs=[example_dir])
    a, b = _snapshot(lite), _snapshot(pg)
    assert a == b
    fa = _brief_findings(lite, str(tmp_path / "parity.db"), None, tmp_path / "out-a")
    fb = _brief_findings(pg, pg_db, None, tmp_path / "out-b")
    assert fa == fb and all(fa.values())
    lite.close()
    pg.close()
