"""Stores for the server tests.

- ``example_db``: the bundled example ingested with the default pipeline (models), with its one
  story briefed through the server's own builder; shared by the session.
- ``make_light_db``: a store of small invented reports ingested with the fingerprint stage only
  (no models), for tests of lists, search, errors and the cache.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from serve_stores import ingest, light_config, write_reports


@pytest.fixture
def make_light_db(tmp_path):
    """``make(names=None) -> db path``: the invented reports (or some of them), light pipeline."""

    def make(names: list[str] | None = None) -> Path:
        db = tmp_path / "light.db"
        ingest(db, write_reports(tmp_path / "in", names), light_config())
        return db

    return make


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, example_dir) -> Path:
    """The example ingested with the default pipeline, its story briefed and cached."""
    from newsweave.config import load_config as default_config
    from newsweave.web import create_app

    db = tmp_path_factory.mktemp("serve") / "nw.db"
    config = default_config()
    ingest(db, example_dir, config)
    app = create_app(db, config=config)
    services = app.state.services
    for story_id in services.cache.missing_or_stale():
        services.cache.builder.build(story_id)
    services.close()
    return db
