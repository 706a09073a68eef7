"""The core records."""
from newsweave.model.article import Article, ArticleMeta
from newsweave.model.findings import Evidence, Story, SummarySentence
from newsweave.model.span import Span

__all__ = ["Article", "ArticleMeta", "Evidence", "Span", "Story", "SummarySentence"]
