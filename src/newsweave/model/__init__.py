"""The core records: articles with their span layers, and the findings of the stages."""
from newsweave.model.article import Article, ArticleMeta
from newsweave.model.findings import (Actor, Claim, Copy, Coverage, Divergence, DivergenceSide,
                                      Evidence, OriginGroup, PositionGroup, Quote, QuoteVariant,
                                      StanceEvidence, SummarySentence, TimelineEvent)
from newsweave.model.record import Record
from newsweave.model.span import Span
from newsweave.model.story import Story

__all__ = ["Actor", "Article", "ArticleMeta", "Claim", "Copy", "Coverage", "Divergence",
           "DivergenceSide", "Evidence", "OriginGroup", "PositionGroup", "Quote", "QuoteVariant",
           "Record",
           "Span", "StanceEvidence", "Story", "SummarySentence", "TimelineEvent"]
