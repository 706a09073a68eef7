"""Fixtures of the watcher tests: a local web site, a store and watchers (see watch_site.py)."""
from __future__ import annotations

import pytest
from watch_site import Site, light_config


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def store(tmp_path):
    from newsweave.store import open_store

    s = open_store(tmp_path / "watch.db", config=light_config())
    yield s
    s.close()


@pytest.fixture
def make_watcher(store):
    """``make(sources, **watch_settings) -> Watcher`` over the test store (closed after)."""
    from newsweave.watch import Watcher

    made = []

    def make(sources, *, config=None, **kwargs):
        watcher = Watcher(store, sources, config=config or store.config, **kwargs)
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.close()
