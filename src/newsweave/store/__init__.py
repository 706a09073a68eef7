"""Stores: the embedded store (SQLite, WAL mode) for articles, layers, findings and stories, and
the same store on PostgreSQL for teams that share one (``postgresql://...``).

>>> from newsweave.store import open_store
>>> store = open_store(":memory:")
>>> store.list_stories()
[]
"""
from __future__ import annotations

from pathlib import Path

from newsweave.store.postgres import PostgresStore, is_postgres_url
from newsweave.store.sqlite import SqliteStore
from newsweave.store.sqlite import open_store as _open_sqlite


def open_store(target: str | Path, *, config=None) -> "SqliteStore | PostgresStore":
    """The store at ``target``: a PostgreSQL database for a ``postgresql://USER@HOST:PORT/DB``
    URL, else the SQLite file at that path (created if needed).

    >>> type(open_store(":memory:")).__name__
    'SqliteStore'
    """
    if is_postgres_url(target):
        return PostgresStore(str(target), config=config)
    return _open_sqlite(target, config=config)


__all__ = ["PostgresStore", "SqliteStore", "is_postgres_url", "open_store"]
