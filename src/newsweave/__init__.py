"""newsweave: many news reports of one story in, one cited briefing out.

>>> import newsweave
>>> briefing = newsweave.brief(["examples/macron-troops"])   # doctest: +SKIP
"""
__version__ = "0.1.0"

from newsweave.config import Config, load_config  # noqa: E402
from newsweave.model import Article, ArticleMeta, Span, Story  # noqa: E402


def brief(*args, **kwargs):
    """See `newsweave.api.brief`."""
    from newsweave.api import brief as _brief

    return _brief(*args, **kwargs)


def ingest_into(*args, **kwargs):
    """See `newsweave.store.ingest.ingest_into`."""
    from newsweave.store.ingest import ingest_into as _ingest_into

    return _ingest_into(*args, **kwargs)


def open_store(*args, **kwargs):
    """See `newsweave.store.open_store`."""
    from newsweave.store import open_store as _open_store

    return _open_store(*args, **kwargs)


__all__ = ["Article", "ArticleMeta", "Config", "Span", "Story", "__version__", "brief",
           "ingest_into", "load_config", "open_store"]
