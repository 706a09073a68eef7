"""Stores: the embedded store (SQLite, WAL mode) for articles, layers, findings and stories.

>>> from newsweave.store import open_store
>>> store = open_store(":memory:")
>>> store.list_stories()
[]
"""
from newsweave.store.sqlite import SqliteStore, open_store

__all__ = ["SqliteStore", "open_store"]
