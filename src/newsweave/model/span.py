"""Spans: half-open character ranges over an article's cleaned text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of an article's *cleaned* text.

    Spans live in cleaned-text coordinates while stages work; they are mapped to raw offsets
    (``Article.to_raw``) only when they leave the system.

    >>> Span(0, 5, "SENT").length
    5
    """

    start: int
    end: int
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end
