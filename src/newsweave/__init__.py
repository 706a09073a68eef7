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


__all__ = ["Article", "ArticleMeta", "Config", "Span", "Story", "__version__", "brief",
           "load_config"]
